import {beforeAll, describe, expect, test} from "vitest";
import {buildCitation} from "../loaders/citation.js";
import {loadInputs} from "../loaders/inputs.js";
import {readCodeCarbonRecords} from "../src/lib/estimate/codecarbon.js";
import {estimateFromParams} from "../src/lib/estimate/estimate.js";
import {estimateFromCodeCarbon} from "../src/lib/estimate/estimate-codecarbon.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {impactStatement, type StatementCitation} from "../src/lib/estimate/statement.js";
import type {Inputs} from "../src/lib/inputs/types.js";

// A made-up citation with LaTeX's special characters, so that escaping is visible; and the real one from
// CITATION.cff, so that the statement cites this replication as the Cite page does.
const CITATION: StatementCitation = {
  version: "9.9.9",
  data_version: "abc_123",
  original: {
    key: "strubell2019energy",
    bibtex: "@inproceedings{strubell2019energy,\n  title = {Energy},\n}\n",
    text: "Strubell, E. (2019). Energy."
  },
  replication: {key: "rep_v9", bibtex: "@misc{rep_v9,\n  note = {100% & more},\n}\n", text: "Replication (2026)."}
};

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

const a100 = () =>
  estimateFromParams(inputs, [
    ["accelerator", "A100"],
    ["count", "8"],
    ["watts", "400"],
    ["hours", "100"],
    ["pue", "1.1"],
    ["intensity", "0.385kg"]
  ]);

describe("statement", () => {
  test("impactStatement md: the figures, each assumption with its source, and numbered references", () => {
    const md = impactStatement(inputs, a100(), CITATION, "md");
    // 8 × 400 W × 100 h × 1.1 = 352 kWh; × 0.385 = 135.52 kg.
    expect(md).toBe(
      "**Carbon impact statement.** Training used 8 × NVIDIA A100 SXM4 at 400 W each (measured (given)) for 100 hours (given). " +
        "With a power usage effectiveness (PUE) of 1.1 (given by the authors) it drew an estimated 352 kWh. " +
        "At a carbon intensity of 0.3850 kg CO2e/kWh (direct intensity), this corresponds to 135.5 kg CO2e (0.1355 t). " +
        "We followed the method of Strubell, Ganesh and McCallum [1]: energy = PUE × hours × (CPU + DRAM + accelerators' power) / 1000 and CO2e = energy × carbon intensity, " +
        "computed with their replication (version 9.9.9, data version abc_123) [2].\n\n" +
        "[1] Strubell, E. (2019). Energy.\n\n[2] Replication (2026).\n"
    );
  });

  test("impactStatement latex: escaped text, \\cite of both keys, BibTeX entries as comments", () => {
    const tex = impactStatement(inputs, a100(), CITATION, "latex");
    const lines = tex.split("\n");
    expect(lines[1]).toBe("\\paragraph{Carbon impact statement.}");
    const body = lines[2];
    expect(body).toContain("8 $\\times$ NVIDIA A100 SXM4 at 400 W each");
    expect(body).toContain("0.3850 kg CO\\textsubscript{2}e/kWh");
    expect(body).toContain("Strubell, Ganesh and McCallum \\cite{strubell2019energy}:");
    expect(body).toContain("(version 9.9.9, data version abc\\_123) \\cite{rep_v9}.");
    // Outside \cite{…} and math, no unescaped special character is left in the paragraph.
    const plain = body
      .replace(/\\cite\{[^}]*\}/g, "")
      .replace(/\$\\times\$/g, "")
      .replace(/\\textsubscript\{2\}/g, "");
    expect(plain).not.toMatch(/(?<!\\)[%&#_$^~]/);
    // Every line after the paragraph is a comment or blank, so the BibTeX's "100% & more" cannot break the document.
    expect(lines.slice(3).every((l) => l === "" || l.startsWith("% "))).toBe(true);
    expect(tex).toContain("% @misc{rep_v9,\n%   note = {100% & more},\n% }");
  });

  test("impactStatement escapes the paper's sources in LaTeX: '&' of 'Strubell, Ganesh & McCallum 2019', '$' nowhere raw", () => {
    const e = estimateFromParams(inputs, [
      ["accelerator", "P100"],
      ["count", "8"],
      ["hours", "84"]
    ]);
    const tex = impactStatement(inputs, e, CITATION, "latex").split("\n")[2];
    expect(tex).toContain(
      "(the paper's value, the 2018 global average for data centres (Ascierto 2018, Uptime Institute survey); Strubell, Ganesh \\& McCallum 2019, §2 equation 1)"
    );
    expect(tex).toContain("it drew an estimated 265.4 kWh");
  });

  test("impactStatement for a CodeCarbon import names CodeCarbon's version, its kWh and emissions, and cites this replication from CITATION.cff", () => {
    const imported = readCodeCarbonRecords([
      {
        file: "e.csv",
        records: [
          ["timestamp", "run_id", "duration", "emissions", "energy_consumed", "codecarbon_version", "pue"],
          ["2026-01-01T00:00:00", "r1", "7200", "0.25", "0.6", "3.2.1", "1.2"]
        ]
      }
    ]);
    const citation = buildCitation(".");
    const md = impactStatement(inputs, estimateFromCodeCarbon(inputs, imported, paperScenario(inputs)), citation, "md");
    // 0.6 / 1.2 = 0.5 kWh at the hardware; × 1.58 = 0.79 kWh.
    expect(md).toMatch(
      /^\*\*Carbon impact statement\.\*\* Training was measured with CodeCarbon 3\.2\.1 \(1 run, 2 h in all\): 0\.5 kWh at the hardware \(CodeCarbon reported 0\.6 kWh and 0\.25 kg CO2e\)\. /
    );
    expect(md).toContain("this is 0.79 kWh drawn from the grid");
    expect(md).toContain(`(version ${citation.version}, data version ${citation.data_version}) [2]`);
    expect(md).toContain(`[1] ${citation.original.text}\n`);
    expect(md).toContain(`[2] ${citation.replication.text}\n`);
  });
});
