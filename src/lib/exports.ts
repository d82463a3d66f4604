import {formatNumber} from "./format.js";
import type {TableView} from "./views.js";

function cellText(value: string | number | null | undefined, decimals: number, text?: boolean): string {
  if (value == null) return "";
  if (text || typeof value === "string") return String(value);
  return formatNumber(value, decimals);
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV with a header of column keys and full-precision numbers (no separators), so it parses back exactly. */
export function toCsv(view: TableView): string {
  const lines = [view.columns.map((c) => csvField(c.key)).join(",")];
  for (const row of view.rows) {
    lines.push(
      view.columns
        .map((c) => {
          const v = row[c.key];
          return v == null ? "" : csvField(typeof v === "number" ? String(v) : v);
        })
        .join(",")
    );
  }
  return lines.join("\n") + "\n";
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
