import {formatSignificant} from "../present/format.js";
import type {LedgerReport} from "./ledger-report.js";

/** A number rounded to 12 significant digits, so that exports carry no binary noise (1983.9999999999998). */
export function clean(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}

/** The ledger as JSON: `{scenario, rows: [{id, model, organisation, year, source, locator, …, cells}], errata}`. */
export function ledgerJson(report: LedgerReport): string {
  return JSON.stringify(report, (_key, v) => (typeof v === "number" ? clean(v) : v), 2) + "\n";
}

/** The columns of the ledger's cell-per-line CSV, Markdown and text forms. */
export const LEDGER_CELL_FIELDS = [
  "id",
  "model",
  "organisation",
  "year",
  "column",
  "quantity",
  "printed",
  "recomputed",
  "status",
  "errata",
  "source",
  "locator"
] as const;

function cellLines(report: LedgerReport): Array<Record<(typeof LEDGER_CELL_FIELDS)[number], string>> {
  return report.rows.flatMap((r) =>
    r.cells.map((c) => ({
      id: r.id,
      model: r.model,
      organisation: r.organisation,
      year: String(r.year),
      column: c.column,
      quantity: c.quantity,
      printed: c.printed,
      recomputed: String(clean(c.recomputed)),
      status: c.status,
      errata: c.errata.join(" "),
      source: c.source,
      locator: c.locator
    }))
  );
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One line per printed cell (RFC 4180). */
export function ledgerCsv(report: LedgerReport): string {
  const lines = [LEDGER_CELL_FIELDS.join(",")];
  for (const l of cellLines(report)) lines.push(LEDGER_CELL_FIELDS.map((f) => csvField(l[f])).join(","));
  return lines.join("\n") + "\n";
}

/** One Markdown table row per printed cell, the recomputed value to 4 significant digits. */
export function ledgerMarkdown(report: LedgerReport): string {
  const fields = ["model", "organisation", "year", "column", "printed", "recomputed", "status", "errata"] as const;
  const esc = (v: string) => v.replace(/\|/g, "\\|");
  const lines = [`| ${fields.join(" | ")} |`, `| ${fields.map(() => "---").join(" | ")} |`];
  for (const l of cellLines(report))
    lines.push(
      `| ${fields.map((f) => esc(f === "recomputed" ? formatSignificant(Number(l[f]), 4) : l[f])).join(" | ")} |`
    );
  return lines.join("\n") + "\n";
}
