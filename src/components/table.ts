import {formatNumber} from "../lib/present/format.js";
import type {CellComparison} from "../lib/paper/compare.js";
import {COLUMN_LABELS} from "../lib/present/labels.js";
import type {TableView} from "../lib/present/views.js";
import {el} from "./dom.js";

/** A small badge naming a cell's status: reproduced, differs, calibrated or input. */
export function statusBadge(status: string): HTMLElement {
  const word = status.split(" ")[0] || "—";
  return el("span", {class: `status status-${word}`, title: status}, status || "—");
}

/** Renders a flat table view (recomputed, printed and status side by side) as an accessible HTML table. */
export function viewTable(view: TableView, options: {caption?: boolean} = {}): HTMLTableElement {
  const head = el(
    "tr",
    {},
    ...view.columns.map((c) => el("th", {scope: "col", class: c.text ? "text" : "num"}, c.label))
  );
  const body = view.rows.map((row) =>
    el(
      "tr",
      {},
      ...view.columns.map((c) => {
        const v = row[c.key];
        if (c.key === "status") return el("td", {class: "text"}, statusBadge(String(v ?? "")));
        const text = v == null ? "—" : c.text || typeof v === "string" ? String(v) : formatNumber(v, c.decimals);
        return el("td", {class: c.text ? "text" : "num"}, text);
      })
    )
  );
  return el(
    "table",
    {class: "report-table", "data-table": view.id},
    options.caption === false ? null : el("caption", {}, view.caption),
    el("thead", {}, head),
    el("tbody", {}, ...body)
  );
}

/**
 * A table view in a compact form for the screen: each recomputed column carries its printed value under it
 * (columns "x" and "x_printed" become one), and a low/high cost pair becomes one range. The view itself (and
 * every export of it) keeps one number per column.
 */
export function compactTable(view: TableView): HTMLTableElement {
  const keys = new Set(view.columns.map((c) => c.key));
  const printedOf = (key: string) => (keys.has(`${key}_printed`) ? `${key}_printed` : null);
  const merged = new Set<string>();
  type Group = {label: string; text: boolean; cell: (row: TableView["rows"][number]) => Node | string};
  const groups: Group[] = [];
  const show = (v: unknown, decimals: number) =>
    v == null || v === "" ? "—" : typeof v === "number" ? formatNumber(v, decimals) : String(v);
  for (const c of view.columns) {
    if (merged.has(c.key) || c.key.endsWith("_printed")) continue;
    if (c.key === "status") {
      groups.push({label: c.label, text: true, cell: (row) => statusBadge(String(row.status ?? ""))});
      continue;
    }
    if (c.key.endsWith("_low") && keys.has(c.key.replace(/_low$/, "_high"))) {
      const high = c.key.replace(/_low$/, "_high");
      merged.add(high);
      const range = (row: TableView["rows"][number], lo: string, hi: string) =>
        row[lo] == null && row[hi] == null ? "—" : `${show(row[lo], c.decimals)}–${show(row[hi], c.decimals)}`;
      groups.push({
        label: c.label.replace(/\s*low\b/i, ""),
        text: false,
        cell: (row) =>
          printedOf(c.key) && (row[`${c.key}_printed`] != null || row[`${high}_printed`] != null)
            ? el(
                "span",
                {},
                range(row, c.key, high),
                el("span", {class: "printed"}, `printed ${range(row, `${c.key}_printed`, `${high}_printed`)}`)
              )
            : range(row, c.key, high)
      });
      continue;
    }
    const printed =
      printedOf(c.key) ?? (c.key.startsWith("co2e_") && keys.has("co2e_lbs_printed") ? "co2e_lbs_printed" : null);
    const printedDecimals = view.columns.find((x) => x.key === printed)?.decimals ?? 0;
    groups.push({
      label: c.label,
      text: Boolean(c.text),
      cell: (row) => {
        const value = c.text ? String(row[c.key] ?? "—") : show(row[c.key], c.decimals);
        if (!printed || row[printed] == null) return value;
        if (c.key !== "co2e_lbs" && printed === "co2e_lbs_printed" && keys.has("co2e_lbs")) return value;
        return el("span", {}, value, el("span", {class: "printed"}, `printed ${show(row[printed], printedDecimals)}`));
      }
    });
  }
  return el(
    "table",
    {class: "report-table compact", "data-table": view.id},
    el("caption", {}, `${view.caption} Under each recomputed value, the value the paper printed.`),
    el(
      "thead",
      {},
      el("tr", {}, ...groups.map((g) => el("th", {scope: "col", class: g.text ? "text" : "num"}, g.label)))
    ),
    el(
      "tbody",
      {},
      ...view.rows.map((row) =>
        el("tr", {}, ...groups.map((g) => el("td", {class: g.text ? "text" : "num"}, g.cell(row))))
      )
    )
  );
}

/** Options of cellsTable: a readable label per row id, and the errata (for numbered links with titles). */
export interface CellsTableOptions {
  /** Row id → label shown instead of the id (e.g. "BERT (base) (V100×64)"). */
  labels?: Record<string, string>;
  /** The errata in the order of the errata page: a link reads "erratum 3", its title the erratum's. */
  errata?: readonly {id: string; title: string}[];
}

/** A link to an erratum: its number on the errata page as text, its title as tooltip. */
export function erratumLink(
  id: string,
  errata: readonly {id: string; title: string}[] | undefined,
  errataHref = "./errata.html"
): HTMLAnchorElement {
  const k = errata?.findIndex((e) => e.id === id) ?? -1;
  return el(
    "a",
    {href: `${errataHref}#${id}`, title: k >= 0 ? errata![k].title : "", "data-erratum-link": id},
    k >= 0 ? `erratum ${k + 1}` : "erratum"
  );
}

/** Every printed cell of a table beside its recomputed value, the status and the errata that explain it. */
export function cellsTable(
  cells: readonly CellComparison[],
  errataHref = "./errata.html",
  options: CellsTableOptions = {}
): HTMLTableElement {
  const head = el(
    "tr",
    {},
    ...["Row", "Column", "Recomputed", "Rounded", "Printed", "Ratio", "Status", "Errata"].map((h, k) =>
      el("th", {scope: "col", class: k < 2 || k > 5 ? "text" : "num"}, h)
    )
  );
  const rows = cells.map((c) =>
    el(
      "tr",
      {"data-cell": c.key, id: `cell-${c.key}`, class: `cell-${c.status}`},
      el("th", {scope: "row", class: "text"}, options.labels?.[c.row] ?? c.row),
      el("td", {class: "text"}, COLUMN_LABELS[c.column] ?? c.column),
      el("td", {class: "num", "data-recomputed": ""}, formatNumber(c.recomputed, c.step >= 1 ? 2 : 4)),
      el("td", {class: "num"}, formatNumber(c.rounded, c.step >= 1 ? 0 : 2)),
      el("td", {class: "num", "data-printed": ""}, c.printed),
      el("td", {class: "num"}, c.ratio == null ? "—" : formatNumber(c.ratio, 4)),
      el("td", {class: "text"}, statusBadge(c.status)),
      el(
        "td",
        {class: "text"},
        ...c.errata.flatMap((id, k) => [k ? ", " : "", erratumLink(id, options.errata, errataHref)])
      )
    )
  );
  return el("table", {class: "report-table cells"}, el("thead", {}, head), el("tbody", {}, ...rows));
}

/** One column of a plain data table: a key, a header, and how a value is shown (text by default). */
export interface DataColumn<T> {
  key: string;
  label: string;
  /** Returns the cell's content; defaults to the row's value at `key` as text. */
  value?: (row: T) => Node | string | number | null | undefined;
  numeric?: boolean;
}

/** A plain table of records (inputs with their provenance), built with textContent only. */
export function dataTable<T>(
  rows: readonly T[],
  columns: readonly DataColumn<T>[],
  caption?: string,
  rowClass?: (row: T) => string | undefined
): HTMLTableElement {
  const head = el(
    "tr",
    {},
    ...columns.map((c) => el("th", {scope: "col", class: c.numeric ? "num" : "text"}, c.label))
  );
  const body = rows.map((row) =>
    el(
      "tr",
      rowClass?.(row) ? {class: rowClass(row)!} : {},
      ...columns.map((c) => {
        const v = c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
        const content = v == null || v === "" ? "—" : typeof v === "object" ? (v as Node) : String(v);
        return el("td", {class: c.numeric ? "num" : "text"}, content);
      })
    )
  );
  return el(
    "table",
    {class: "report-table data-table"},
    caption ? el("caption", {}, caption) : null,
    el("thead", {}, head),
    el("tbody", {}, ...body)
  );
}

/** One sentence counting a table's printed cells by status, each count marked for tests and styles. */
export function statusSummary(cells: readonly CellComparison[]): HTMLParagraphElement {
  const count = (status: string) => cells.filter((c) => c.status === status).length;
  const part = (status: string, words: string) =>
    el("span", {}, el("strong", {"data-count": status}, String(count(status))), ` ${words}`);
  return el(
    "p",
    {class: "status-counts"},
    "Of this table's ",
    el("strong", {"data-count": "total"}, String(cells.length)),
    " printed cells, ",
    part("reproduced", "reproduced at the printed precision, "),
    part("differs", count("differs") === 1 ? "differs" : "differ"),
    " and ",
    part("calibrated", count("calibrated") === 1 ? "is calibrated." : "are calibrated.")
  );
}

/** Wraps a wide table so that it scrolls inside its own box on narrow screens (a focusable, named region). */
export function scrollBox(table: HTMLElement, label: string): HTMLDivElement {
  return el("div", {class: "table-scroll", tabindex: "0", role: "region", "aria-label": label}, table);
}
