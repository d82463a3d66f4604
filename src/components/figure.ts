// One figure for every chart on the site: a title, a subtitle naming the unit, the chart, a source line with
// downloads beside it (PNG, SVG and the CSV of exactly the rows plotted) and, behind a disclosure, the same
// rows as an accessible table. Built with text only: no string from data becomes HTML.
//
// Usage in a page (Framework's resize re-renders the whole figure at each width, so the downloads always
// export the chart on screen):
//
//   display(resize((width) => figure({
//     title: "CO2e of training beside familiar consumption",
//     subtitle: "pounds of CO2e, log scale",
//     source: "Strubell, Ganesh & McCallum (2019), Table 1; recomputed",
//     filename: "table1-co2e",
//     data: rows,
//     columns: [{key: "label", label: "Row"}, {key: "co2e_lbs", label: "CO2e (lbs)"}],
//     width,
//     chart: (width) => table1Plot(rows, width)
//   })));
import {exportFileName} from "../lib/present/exports.js";
import {
  defaultColumns,
  figureCsv,
  readableNumber,
  type FigureColumn,
  type FigureValue
} from "../lib/present/figure-data.js";
import {plotAria} from "./a11y.js";
import {el} from "./dom.js";
import {chartPng, downloadButton, standaloneSvg} from "./downloads.js";

export type {FigureColumn, FigureValue};

/** A figure's row: any record; only the columns' keys are read. */
export type FigureRow = Record<string, unknown>;

export interface FigureOptions<T extends object = FigureRow> {
  /** What the chart shows, in words: "CO2e of each GPU training run". */
  title: string;
  /** The unit and scale: "pounds of CO2e, log scale". */
  subtitle: string;
  /** Where the numbers come from: text, or nodes (e.g. a link to the methods page). */
  source: string | Node | ReadonlyArray<string | Node>;
  /** The file name's stem for the downloads ("table1-co2e"); the scenario is appended. */
  filename: string;
  /** The rows plotted: the CSV and the table behind the chart hold exactly these. */
  data: readonly T[];
  /** Columns of the CSV (key, with its unit: "co2e_lbs") and the table (label); default: every key. */
  columns?: readonly FigureColumn[];
  /** Draws the chart (a Plot figure or SVG) at a width; called once per figure. */
  chart: (width: number | undefined) => Element;
  /** The width to draw at (Framework's resize gives it); undefined lets the chart choose. */
  width?: number;
  /** A sentence under the chart that says how to read it. */
  note?: string;
  /** The scenario as a query string ("pue=1.1"), named in the download file names. */
  query?: string;
}

let figureCount = 0;

/** The page's background colour, used behind exported charts so that text drawn for the theme stays legible. */
function pageBackground(node: Element): string {
  for (let e: Element | null = node; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return "white";
}

function cellText(value: unknown): string {
  if (value == null || value === "" || (typeof value === "number" && !Number.isFinite(value))) return "—";
  if (typeof value === "number") return readableNumber(value);
  return String(value);
}

/** The rows plotted, as a table with a caption and column headers (numbers right-aligned). */
function dataTable(title: string, rows: readonly FigureRow[], columns: readonly FigureColumn[]): HTMLElement {
  const numeric = columns.map(
    (c) => rows.length > 0 && rows.every((r) => r[c.key] == null || typeof r[c.key] === "number")
  );
  return el(
    "div",
    {class: "table-scroll figure-table", tabindex: "0", role: "region", "aria-label": `Data of the chart: ${title}`},
    el(
      "table",
      {class: "report-table figure-data-table"},
      el("caption", {}, `The data of the chart: ${title}`),
      el(
        "thead",
        {},
        el("tr", {}, ...columns.map((c, k) => el("th", {scope: "col", class: numeric[k] ? "num" : "text"}, c.label)))
      ),
      el(
        "tbody",
        {},
        ...rows.map((row) =>
          el("tr", {}, ...columns.map((c, k) => el("td", {class: numeric[k] ? "num" : "text"}, cellText(row[c.key]))))
        )
      )
    )
  );
}

/** A figure: title, subtitle, chart, note, source with downloads (PNG, SVG, CSV) and the data as a table. */
export function figure<T extends object>(options: FigureOptions<T>): HTMLElement {
  const id = `figure-${++figureCount}`;
  const rows = options.data as unknown as readonly FigureRow[];
  const columns = options.columns ?? defaultColumns(rows as readonly Record<string, FigureValue>[]);
  const chart = plotAria(options.chart(options.width));
  const query = options.query ?? "";
  const status = el("span", {class: "downloads-status", role: "status"});
  const button = (label: string, extension: string, what: string, make: () => Blob | Promise<Blob>) =>
    downloadButton({
      label,
      extension,
      fileName: exportFileName(options.filename, query, extension),
      what,
      status,
      make
    });
  const source = options.source;
  const sourceNodes = typeof source === "string" || source instanceof Node ? [source] : [...source];
  return el(
    "figure",
    {class: "figure", "aria-labelledby": `${id}-title`, "data-figure": options.filename},
    el(
      "figcaption",
      {class: "figure-heading"},
      el("span", {class: "figure-title", id: `${id}-title`}, options.title),
      el("span", {class: "figure-subtitle"}, options.subtitle)
    ),
    el("div", {class: "figure-chart"}, chart),
    options.note ? el("p", {class: "figure-note"}, options.note) : null,
    el(
      "div",
      {class: "figure-footer"},
      el("p", {class: "figure-source"}, "Source: ", ...sourceNodes),
      el(
        "div",
        {
          class: "downloads",
          role: "group",
          "aria-label": `Download: ${options.title}`,
          "data-downloads": options.filename
        },
        el("span", {class: "downloads-label"}, "Download"),
        button("PNG", "png", "the chart", () => chartPng(chart, 2, pageBackground(chart))),
        button(
          "SVG",
          "svg",
          "the chart",
          () => new Blob([standaloneSvg(chart, pageBackground(chart))], {type: "image/svg+xml;charset=utf-8"})
        ),
        button(
          "CSV",
          "csv",
          "the data plotted",
          () =>
            new Blob([figureCsv(rows as readonly Record<string, FigureValue>[], columns)], {
              type: "text/csv;charset=utf-8"
            })
        ),
        status
      )
    ),
    el(
      "details",
      {class: "figure-data"},
      el("summary", {}, `The data as a table (${rows.length} row${rows.length === 1 ? "" : "s"})`),
      dataTable(options.title, rows, columns)
    )
  );
}
