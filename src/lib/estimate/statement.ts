import type {Estimate} from "./estimate.js";
import type {CodeCarbonEstimate} from "./estimate-codecarbon.js";
import {latexEscape} from "../present/exports.js";
import {formatNumber as n} from "../present/format.js";
import type {Inputs} from "../inputs/types.js";

/**
 * A carbon impact statement for authors: one paragraph with the figures, the assumptions and their sources,
 * the method (Strubell et al. 2019) and this replication, cited from CITATION.cff (loaders/citation.ts builds
 * the citations; the page reads them from data/citation.json), in Markdown or LaTeX, ready to paste.
 */

export const STATEMENT_FORMATS = ["md", "latex"] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

/** The part of data/citation.json (loaders/citation.ts) a statement cites. */
export interface StatementCitation {
  version: string;
  data_version: string;
  replication: {key: string; bibtex: string; text: string};
  original: {key: string; bibtex: string; text: string};
}

/** A piece of the paragraph: text (escaped for LaTeX), or a citation of the method or of the replication. */
type Part = string | {cite: "original" | "replication"};

function q(x: number): string {
  return Math.abs(x) >= 1000 ? n(x, 0) : x.toLocaleString("en-US", {maximumSignificantDigits: 4});
}

/** Where the PUE comes from: the paper's constant (with its source) or the user. */
function pueSource(inputs: Inputs, pue: number): string {
  const paper = inputs.constants.find((c) => c.key === "pue");
  if (!paper || paper.value !== pue) return "given by the authors";
  const what = (paper.description ?? "").replace(/^[^:]*:\s*/, "");
  return `the paper's value${what ? `, ${what}` : ""}; ${paper.source}, ${paper.locator}`;
}

function parts(inputs: Inputs, e: Estimate | CodeCarbonEstimate): Part[] {
  const out: Part[] = [];
  const {pue} = e.inputs;
  if ("source" in e) {
    const c = e.codecarbon;
    const versions = [...new Set(c.runs.map((r) => r.codecarbon_version).filter((v) => v != null))];
    out.push(
      `Training was measured with CodeCarbon${versions.length ? ` ${versions.join(", ")}` : ""} (${c.runs.length} run${c.runs.length === 1 ? "" : "s"}, ${q(e.hours)} h in all): ${q(e.hardware_kwh)} kWh at the hardware (CodeCarbon reported ${q(e.codecarbon_kwh)} kWh and ${q(e.codecarbon_emissions_kg)} kg CO2e). `,
      `With a power usage effectiveness (PUE) of ${pue} (${pueSource(inputs, pue)}) this is ${q(e.kwh)} kWh drawn from the grid. `
    );
  } else {
    const i = e.inputs;
    const hw = i.accelerator_name ? `${i.count} × ${i.accelerator_name}` : `${i.count} GPU${i.count > 1 ? "s" : ""}`;
    const host =
      i.cpu_watts || i.dram_watts ? `, plus ${q(i.cpu_watts)} W for the CPU and ${q(i.dram_watts)} W for DRAM` : "";
    out.push(
      `Training used ${hw} at ${q(i.watts_per_accelerator)} W each (${i.watts_source})${host} for ${q(e.hours)} hours (${i.hours_source}). `,
      `With a power usage effectiveness (PUE) of ${pue} (${pueSource(inputs, pue)}) it drew an estimated ${q(e.kwh)} kWh. `
    );
  }
  const i = e.inputs;
  out.push(
    `At a carbon intensity of ${n(i.intensity_kg_per_kwh, 4)} kg CO2e/kWh (${i.intensity_source}), this corresponds to ${q(e.co2e_kg)} kg CO2e (${q(e.co2e_t)} t). `,
    "We followed the method of Strubell, Ganesh and McCallum ",
    {cite: "original"},
    ": energy = PUE × hours × (CPU + DRAM + accelerators' power) / 1000 and CO2e = energy × carbon intensity, computed with their replication ",
    {cite: "replication"},
    "."
  );
  return out;
}

/** The statement's paragraph and its references in Markdown or LaTeX. */
export function impactStatement(
  inputs: Inputs,
  e: Estimate | CodeCarbonEstimate,
  citation: StatementCitation,
  format: StatementFormat
): string {
  const body = parts(inputs, e);
  const versions = `version ${citation.version}, data version ${citation.data_version}`;
  if (format === "latex") {
    const text = body
      .map((p) =>
        typeof p === "string"
          ? latexEscape(p)
          : p.cite === "original"
            ? `\\cite{${citation.original.key}}`
            : `(${latexEscape(versions)}) \\cite{${citation.replication.key}}`
      )
      .join("");
    const bib = [citation.original.bibtex, citation.replication.bibtex]
      .join("\n")
      .trim()
      .split("\n")
      .map((l) => `% ${l}`);
    return [
      "% Carbon impact statement. Add the two BibTeX entries below to your .bib file.",
      "\\paragraph{Carbon impact statement.}",
      text,
      "",
      ...bib,
      ""
    ].join("\n");
  }
  const text = body
    .map((p) => (typeof p === "string" ? p : p.cite === "original" ? "[1]" : `(${versions}) [2]`))
    .join("");
  return [
    "**Carbon impact statement.** " + text,
    "",
    `[1] ${citation.original.text}`,
    "",
    `[2] ${citation.replication.text}`,
    ""
  ].join("\n");
}
