import {formatNumber} from "../lib/format.js";
import type {CellComparison} from "../lib/compare.js";
import type {TableView} from "../lib/views.js";
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

/** Every printed cell of a table beside its recomputed value, the status and the errata that explain it. */
export function cellsTable(cells: readonly CellComparison[], errataHref = "./errata"): HTMLTableElement {
  const head = el(
    "tr",
    {},
    ...["Row", "Column", "Recomputed", "Rounded", "Printed", "Ratio", "Status", "Errata"].map((h) =>
      el("th", {scope: "col"}, h)
    )
  );
  const rows = cells.map((c) =>
    el(
      "tr",
      {"data-cell": c.key},
      el("td", {class: "text"}, c.row),
      el("td", {class: "text"}, c.column),
      el("td", {class: "num"}, formatNumber(c.recomputed, c.step >= 1 ? 2 : 4)),
      el("td", {class: "num"}, formatNumber(c.rounded, c.step >= 1 ? 0 : 2)),
      el("td", {class: "num"}, c.printed),
      el("td", {class: "num"}, c.ratio == null ? "—" : formatNumber(c.ratio, 4)),
      el("td", {class: "text"}, statusBadge(c.status)),
      el(
        "td",
        {class: "text"},
        ...c.errata.flatMap((id, k) => [k ? ", " : "", el("a", {href: `${errataHref}#${id}`}, id)])
      )
    )
  );
  return el("table", {class: "report-table cells"}, el("thead", {}, head), el("tbody", {}, ...rows));
}
