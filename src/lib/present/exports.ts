import {csvFormatRows} from "d3-dsv";
import {roundSignificant} from "./figure-data.js";
import {formatNumber} from "./format.js";
import type {TableView} from "./views.js";

function cellText(value: string | number | null | undefined, decimals: number, text?: boolean): string {
  if (value == null) return "";
  if (text || typeof value === "string") return String(value);
  return formatNumber(value, decimals);
}

/**
 * CSV with a header of column keys (which carry the unit: co2e_kg, cost_usd_low) and plain numbers at 12
 * significant digits (no separators, no binary noise such as 1983.9999999999998).
 */
export function toCsv(view: TableView): string {
  const header = view.columns.map((c) => c.key);
  const body = view.rows.map((row) =>
    view.columns.map((c) => {
      const v = row[c.key];
      return typeof v === "number" ? roundSignificant(v) : v;
    })
  );
  return csvFormatRows([header, ...body]) + "\n";
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** A GitHub-flavoured Markdown table with a title line and caption. */
export function toMarkdown(view: TableView): string {
  const head = `| ${view.columns.map((c) => mdEscape(c.label)).join(" | ")} |`;
  const rule = `|${view.columns.map((c) => (c.text ? " --- " : " ---: ")).join("|")}|`;
  const body = view.rows.map(
    (row) => `| ${view.columns.map((c) => mdEscape(cellText(row[c.key], c.decimals, c.text))).join(" | ")} |`
  );
  return [`**${view.title}**`, "", head, rule, ...body, "", `_${view.caption}_`, ""].join("\n");
}

/** Fixed-width text for a terminal. */
export function toText(view: TableView): string {
  const cells = view.rows.map((row) => view.columns.map((c) => cellText(row[c.key], c.decimals, c.text)));
  const widths = view.columns.map((c, k) => Math.max(c.label.length, ...cells.map((r) => r[k].length)));
  const pad = (s: string, k: number) => (view.columns[k].text ? s.padEnd(widths[k]) : s.padStart(widths[k]));
  const line = (r: string[]) => r.map(pad).join("  ").trimEnd();
  return [
    view.title,
    line(view.columns.map((c) => c.label)),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map(line),
    view.caption,
    ""
  ].join("\n");
}

/** What an export names besides the table: the scenario's query string, the package and data versions. */
export interface ExportMeta {
  /** The scenario as a query string (serializeScenario); "" for the paper's assumptions. */
  query?: string;
  version?: string;
  dataVersion?: string;
}

/** The scenario query as a file-name-safe slug: "pue=1.1&grid=google" → "pue-1.1_grid-google". */
export function scenarioSlug(query: string | undefined): string {
  if (!query) return "paper";
  const parts = [...new URLSearchParams(query)].map(([name, value]) =>
    `${name}-${value}`.replace(/[^A-Za-z0-9.+-]+/g, "-").replace(/^-+|-+$/g, "")
  );
  return parts.join("_").slice(0, 120) || "paper";
}

/** A download's file name: "strubell2019-table3-paper.csv", "strubell2019-table3-pue-1.1.tex". */
export function exportFileName(id: string, query: string | undefined, extension: string): string {
  return `strubell2019-${id}-${scenarioSlug(query)}.${extension}`;
}

/** The table as JSON: its title, caption, scenario, versions, columns and rows (numbers at 12 significant digits). */
export function toJson(view: TableView, meta: ExportMeta = {}): string {
  const round = (_: string, value: unknown) => (typeof value === "number" ? roundSignificant(value) : value);
  return (
    JSON.stringify(
      {
        id: view.id,
        title: view.title,
        caption: view.caption,
        scenario: meta.query ?? null,
        version: meta.version ?? null,
        data_version: meta.dataVersion ?? null,
        columns: view.columns,
        rows: view.rows
      },
      round,
      2
    ) + "\n"
  );
}

const LATEX_CHARACTERS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "↔": "$\\leftrightarrow$",
  "→": "$\\rightarrow$",
  "·": "$\\cdot$",
  "×": "$\\times$",
  "≈": "$\\approx$",
  "≤": "$\\leq$",
  "≥": "$\\geq$",
  "–": "--",
  "—": "---",
  "\u00a0": "~"
};

/** Escapes text for LaTeX: its ten special characters, a few symbols as math, "CO2" with a subscript. */
export function latexEscape(text: string): string {
  return text
    .replace(/[\\&%$#_{}~^↔→·×≈≤≥–—\u00a0]/g, (c) => LATEX_CHARACTERS[c])
    .replace(/\bCO2/g, "CO\\textsubscript{2}");
}

/** A LaTeX label from a table id and scenario: "tab:strubell2019-table3" or "tab:strubell2019-table3-pue-1.1". */
export function latexLabel(id: string, query: string | undefined): string {
  return `tab:strubell2019-${id}${query ? `-${scenarioSlug(query)}` : ""}`;
}

/**
 * A booktabs table (\toprule, \midrule, \bottomrule) with a caption naming the scenario, the source and
 * the versions, and a \label; a table wider than the line is scaled down to the line width.
 * Needs \usepackage{booktabs} and \usepackage{graphicx}.
 */
export function toLatex(view: TableView, meta: ExportMeta = {}): string {
  const title = view.title.replace(/^Table\s+[0-9]+\.\s*/, "");
  const scenario = /scenario|paper's assumptions/.test(view.caption)
    ? ""
    : ` Scenario: ${meta.query ? `?${meta.query}` : "the paper's assumptions"}.`;
  const versions =
    meta.version || meta.dataVersion
      ? ` Strubell 2019, replicated${meta.version ? ` v${meta.version}` : ""}${meta.dataVersion ? `, data version ${meta.dataVersion}` : ""}.`
      : "";
  const caption = `${title}. ${view.caption}${scenario}${versions}`;
  const spec = view.columns.map((c) => (c.text ? "l" : "r")).join("");
  const row = (cells: string[]) => `    ${cells.join(" & ")} \\\\`;
  const body = view.rows.map((r) =>
    row(
      view.columns.map((c) => {
        const v = r[c.key];
        return v == null || v === "" ? "---" : latexEscape(cellText(v, c.decimals, c.text));
      })
    )
  );
  return [
    `% ${view.title}`,
    "% Needs \\usepackage{booktabs} and \\usepackage{graphicx}; scaled to the line width only if wider.",
    "\\begin{table}[htbp]",
    "  \\centering",
    `  \\caption{${latexEscape(caption)}}`,
    `  \\label{${latexLabel(view.id, meta.query)}}`,
    "  \\sbox0{%",
    `  \\begin{tabular}{${spec}}`,
    "    \\toprule",
    row(view.columns.map((c) => latexEscape(c.label))),
    "    \\midrule",
    ...body,
    "    \\bottomrule",
    "  \\end{tabular}}%",
    "  \\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox0}\\else\\usebox0\\fi",
    "\\end{table}",
    ""
  ].join("\n");
}
