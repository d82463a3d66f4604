// DOM and chart builders of the later-models page: every model on one log-log chart, the later models'
// inputs and results, their printed values beside the recomputation, and their errata. Text only through
// el() (textContent) and Plot's text marks: nothing from data becomes HTML.
import * as Plot from "@observablehq/plot";
import type {Erratum} from "../lib/paper/errata.js";
import {formatNumber, formatSignificant} from "../lib/present/format.js";
import type {LaterCell, LaterRow} from "../lib/later/later.js";
import type {ModelPoint} from "../lib/later/later-report.js";
import type {Inputs} from "../lib/inputs/types.js";
import {el} from "./dom.js";
import {plotAria} from "./a11y.js";
import {logDomain} from "./log-domain.js";
import {dataTable, erratumLink, scrollBox, statusBadge} from "./table.js";

const PAPER = "#4a6fa5";
const LATER = "#c2571a";
const MUTED = "#6b6b6b";

/** What each recomputed quantity is, as a column heading. */
export const LATER_COLUMN_LABELS: Readonly<Record<string, string>> = {
  mwh: "energy with PUE (MWh)",
  mwh_hardware: "energy before PUE (MWh)",
  co2e_t_hardware: "CO2e before PUE (t)",
  co2e_t_gross: "CO2e, gross (t)",
  co2e_t_net: "CO2e, net of bought carbon-free energy (t)",
  co2e_lbs_gross: "CO2e (lbs)",
  kg_per_kwh: "intensity (kg CO2e/kWh)"
};

/** A number with enough digits for values from 0.001 to millions: four significant digits, whole from 1,000 up. */
export function quantity(x: number | null | undefined): string {
  if (x == null || !Number.isFinite(x)) return "—";
  return Math.abs(x) >= 1000 ? formatNumber(x, 0) : x.toLocaleString("en-US", {maximumSignificantDigits: 4});
}

/** Authors and year of a source: "Zhang et al. 2022, OPT: … (arXiv:…)" → "Zhang et al. 2022". */
export function citation(source: string): string {
  // A source with no year (a model card): its name before the parenthesised repository and path.
  if (!/\b(?:19|20)\d\d\b/.test(source)) return source.replace(/\s*\(.*$/s, "");
  return source.replace(/^(.*?\b(?:19|20)\d\d)\b.*$/s, "$1");
}

/** A source as a short citation ("Patterson et al. 2021"), the full source and locator kept in a tooltip. */
export function shortSource(source: string, locator: string): HTMLElement {
  return el("span", {title: `${source}, ${locator}`}, citation(source));
}

/** Short headings of each recomputed quantity. */
export const LATER_COLUMN_SHORT: Readonly<Record<string, string>> = {
  mwh: "MWh with PUE",
  mwh_hardware: "MWh before PUE",
  co2e_t_hardware: "t CO2e before PUE",
  co2e_t_gross: "t CO2e (gross)",
  co2e_t_net: "t CO2e (net)",
  co2e_lbs_gross: "lbs CO2e",
  kg_per_kwh: "kg CO2e/kWh"
};

/**
 * Vertical offsets (px) for point labels so that no two overlap: labels are placed from the top down, each
 * pushed below any earlier label it would touch (same rough x range, less than `lineHeight` apart).
 */
export function nudgeLabels(items: ReadonlyArray<{x: number; y: number}>, lineHeight = 12, labelWidth = 110): number[] {
  const order = items.map((d, k) => k).sort((a, b) => items[a].y - items[b].y);
  const placed: Array<{x: number; y: number}> = [];
  const dy = new Array<number>(items.length).fill(0);
  for (const k of order) {
    let y = items[k].y;
    for (let moved = true; moved;) {
      moved = false;
      for (const p of placed) {
        if (Math.abs(p.x - items[k].x) < labelWidth && Math.abs(p.y - y) < lineHeight) {
          y = p.y + lineHeight;
          moved = true;
        }
      }
    }
    placed.push({x: items[k].x, y});
    dy[k] = y - items[k].y;
  }
  return dy;
}

const LEGEND = [
  {label: "Strubell et al. 2019, under this scenario", className: "ring paper"},
  {label: "later estimate, its own PUE and grid", className: "dot later"},
  {label: "the same, under this scenario", className: "ring later"}
];

/**
 * Every model on one log-log chart: energy (MWh, with PUE) against CO2e (t). The 2019 models and each later
 * model under the page's scenario are ringed; each later model under its own assumptions is filled, joined to
 * its ring. Table 1's familiar consumptions are horizontal reference lines.
 */
export function laterChart(
  points: readonly ModelPoint[],
  lines: ReadonlyArray<{label: string; co2e_t: number}>,
  width: number
): HTMLElement {
  const narrow = width < 640;
  const height = narrow ? 420 : 540;
  const margin = {top: 20, right: narrow ? 20 : 200, bottom: 40, left: 60};
  const [xlo, xhi] = logDomain(points.map((p) => p.mwh));
  const [ylo, yhi] = logDomain([...points.map((p) => p.co2e_t), ...lines.map((l) => l.co2e_t)]);
  const own = points.filter((p) => p.basis === "own");
  const scenario = points.filter((p) => p.basis === "scenario");
  const links = own
    .map((o) => ({o, s: scenario.find((s) => s.id === o.id && s.group === o.group)!}))
    .filter((l) => l.s);
  const series = (p: ModelPoint) =>
    p.group === "Strubell et al. 2019"
      ? "Strubell et al. 2019, under this scenario"
      : p.basis === "own"
        ? "later estimate, its own PUE and intensity"
        : "later estimate, under this scenario";
  const labelled = [
    ...scenario.filter((p) => p.group === "Strubell et al. 2019"),
    ...own.filter((p) => p.label !== false)
  ];
  // Pixel positions on the log scales, to keep the labels apart.
  const px = (v: number, lo: number, hi: number, a: number, b: number) =>
    a + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (b - a);
  const dys = nudgeLabels(
    labelled.map((p) => ({
      x: px(p.mwh, xlo, xhi, margin.left, width - margin.right),
      y: px(p.co2e_t, ylo, yhi, height - margin.bottom, margin.top)
    }))
  );
  // Plot's dy is one constant per mark: move each label's own y instead, by its offset in log units.
  const perPx = (Math.log10(yhi) - Math.log10(ylo)) / (height - margin.bottom - margin.top);
  const labels = labelled.map((p, k) => ({...p, labelY: 10 ** (Math.log10(p.co2e_t) - dys[k] * perPx)}));
  const chart = Plot.plot({
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    x: {
      type: "log",
      domain: [xlo, xhi],
      label: "Energy with PUE (MWh, log scale) →",
      grid: true,
      tickFormat: (d: number) => formatSignificant(d, 1)
    },
    y: {
      type: "log",
      domain: [ylo, yhi],
      label: "↑ CO2e (t, log scale)",
      grid: true,
      tickFormat: (d: number) => formatSignificant(d, 1)
    },
    color: {
      domain: [
        "Strubell et al. 2019, under this scenario",
        "later estimate, its own PUE and intensity",
        "later estimate, under this scenario"
      ],
      range: [PAPER, LATER, LATER]
    },
    ariaLabel: "Energy and CO2e of every model on log scales",
    ariaDescription: points
      .map((p) => `${p.model} (${series(p)}): ${quantity(p.mwh)} MWh, ${quantity(p.co2e_t)} t`)
      .join("; "),
    marks: [
      Plot.ruleY(lines, {y: "co2e_t", stroke: MUTED, strokeDasharray: "4,3"}),
      Plot.text(lines, {
        y: "co2e_t",
        x: xhi,
        text: (d: {label: string}) => d.label,
        textAnchor: narrow ? "end" : "start",
        dx: narrow ? 0 : 6,
        dy: narrow ? -6 : 0,
        fill: MUTED,
        fontSize: 10,
        lineWidth: narrow ? 30 : 19
      }),
      Plot.link(links, {
        x1: (d: {o: ModelPoint}) => d.o.mwh,
        y1: (d: {o: ModelPoint}) => d.o.co2e_t,
        x2: (d: {s: ModelPoint}) => d.s.mwh,
        y2: (d: {s: ModelPoint}) => d.s.co2e_t,
        stroke: LATER,
        strokeOpacity: 0.4
      }),
      Plot.dot(scenario, {x: "mwh", y: "co2e_t", stroke: series, r: 5, strokeWidth: 1.6, fill: "white"}),
      Plot.dot(own, {x: "mwh", y: "co2e_t", fill: series, r: 4.5}),
      narrow
        ? null
        : Plot.text(labels, {
            x: "mwh",
            y: "labelY",
            text: "model",
            dx: 8,
            textAnchor: "start",
            fontSize: 10,
            fill: (p: ModelPoint) => (p.group === "Strubell et al. 2019" ? PAPER : LATER)
          }),
      Plot.tip(
        points,
        Plot.pointer({
          x: "mwh",
          y: "co2e_t",
          title: (p: ModelPoint) => `${p.model}\n${series(p)}\n${quantity(p.mwh)} MWh, ${quantity(p.co2e_t)} t CO2e`
        })
      )
    ]
  });
  const legend = el(
    "div",
    {class: "later-legend", "aria-hidden": "true"},
    ...LEGEND.map((l) => el("span", {}, el("span", {class: `swatch ${l.className}`}), l.label))
  );
  return el("div", {class: "later-chart"}, legend, plotAria(chart));
}

/** How to read the comparison chart: the note under its figure. */
export const LATER_CHART_NOTE =
  "Each point is one training run: energy drawn from the grid (with PUE) across, CO2e up, both on log scales (each grid line ten times the one before). Rings are under this page's scenario; a filled dot is a later estimate under its own PUE and grid, joined to its ring. Dashed lines are the familiar consumptions of Table 1. Only the largest run of each model card is named.";

/** The later models' inputs and results, under their own assumptions and under the page's scenario. */
export function laterModelsTable(
  rows: readonly LaterRow[],
  underScenario: readonly LaterRow[],
  inputs: Inputs
): HTMLElement {
  const scen = (id: string) => underScenario.find((r) => r.id === id)!;
  const hardware = (r: LaterRow) => {
    const name = r.processor ? (inputs.accelerators.find((a) => a.id === r.processor)?.name ?? r.processor) : "—";
    return r.chips != null ? `${name} × ${formatNumber(r.chips)}` : name;
  };
  const table = dataTable(
    rows,
    [
      {key: "model", label: "Model"},
      {key: "hardware", label: "Hardware", value: hardware},
      {key: "days", label: "Days", numeric: true, value: (r) => (r.days == null ? null : String(r.days))},
      {
        key: "accelerator_hours",
        label: "Accelerator-hours",
        numeric: true,
        value: (r) => (r.accelerator_hours == null ? null : formatNumber(r.accelerator_hours))
      },
      {
        key: "watts_per_chip",
        label: "W per chip",
        numeric: true,
        value: (r) =>
          r.watts_per_chip == null ? null : `${quantity(r.watts_per_chip)}${r.watts_derived ? " (derived)" : ""}`
      },
      {key: "pue", label: "PUE", numeric: true},
      {key: "gross_kg_per_kwh", label: "kg CO2e/kWh", numeric: true},
      {key: "mwh_hardware", label: "MWh before PUE", numeric: true, value: (r) => quantity(r.mwh_hardware)},
      {key: "mwh", label: "MWh with PUE", numeric: true, value: (r) => quantity(r.mwh)},
      {key: "co2e_t_gross", label: "CO2e (t)", numeric: true, value: (r) => quantity(r.co2e_t_gross)},
      {key: "scen_mwh", label: "MWh, this scenario", numeric: true, value: (r) => quantity(scen(r.id).mwh)},
      {key: "scen_t", label: "CO2e (t), this scenario", numeric: true, value: (r) => quantity(scen(r.id).co2e_t_gross)},
      {key: "source", label: "Source", value: (r) => shortSource(r.source, r.locator)}
    ],
    "Inputs as the sources print them (data/later_models.v2.csv); energy and CO2e recomputed with equations 1 and 2, under each model's own PUE and intensity and under this page's scenario (which replaces both). “Derived” power is the given energy divided by the accelerator-hours."
  );
  table.dataset.table = "later-models";
  return scrollBox(table, "Later models: inputs and recomputed energy and CO2e");
}

/**
 * Every printed later value beside its recomputation, one table per source table or passage, with the status
 * and the errata that explain it.
 */
export function laterCellsTable(
  cells: readonly LaterCell[],
  errata: readonly {id: string; title: string}[],
  errataHref = ""
): HTMLElement {
  const groups = [...new Set(cells.map((c) => c.table))].map((table) => cells.filter((c) => c.table === table));
  return el(
    "div",
    {class: "later-cells"},
    ...groups.map((group) => {
      const first = group[0];
      // The locator without a per-column note in parentheses: "comparison table with similar LLMs".
      const where = [...new Set(group.map((c) => c.locator.replace(/\s*\([^)]*\)$/, "")))].join("; ");
      // For the heading, also without a quotation after a colon: "§ carbon footprint".
      const heading = [...new Set(group.map((c) => c.locator.replace(/\s*\([^)]*\)$/, "").replace(/:.*$/s, "")))].join(
        "; "
      );
      const table = dataTable(
        group,
        [
          {key: "label", label: "Model"},
          {key: "column", label: "Quantity", value: (c) => LATER_COLUMN_SHORT[c.column] ?? c.column},
          {key: "recomputed", label: "Recomputed", numeric: true, value: (c) => quantity(c.recomputed)},
          {
            key: "rounded",
            label: "Rounded as printed",
            numeric: true,
            value: (c) => formatNumber(c.rounded, decimals(c.step))
          },
          {key: "printed", label: "Printed", numeric: true},
          {
            key: "ratio",
            label: "Ratio",
            numeric: true,
            value: (c) => (c.ratio == null ? null : formatNumber(c.ratio, 4))
          },
          {key: "status", label: "Status", value: (c) => statusBadge(c.status)},
          {
            key: "errata",
            label: "Errata",
            value: (c) =>
              c.errata.length
                ? el("span", {}, ...c.errata.flatMap((id, k) => [k ? ", " : "", erratumLink(id, errata, errataHref)]))
                : null
          }
        ],
        `${first.source}, ${where}. Recomputed from data/later_models.v2.csv and rounded to the step each value was printed with.`
      );
      table.dataset.table = `later-cells-${first.table}`;
      for (const [k, tr] of [...table.tBodies[0].rows].entries()) tr.dataset.cell = group[k].key;
      return el(
        "section",
        {class: "later-source"},
        el("h3", {}, `${citation(first.source)}, ${heading}`),
        scrollBox(table, `${first.source}, ${where}: printed values beside the recomputation`)
      );
    })
  );
}

function decimals(step: number): number {
  return step >= 1 ? 0 : Math.max(0, Math.round(-Math.log10(step)));
}

/** One erratum as a card: title, summary, the arithmetic, and the printed values it concerns. */
export function erratumCard(e: Erratum, cells: readonly LaterCell[]): HTMLElement {
  const related = cells.filter((c) => e.cells.includes(c.key));
  return el(
    "section",
    {class: "card erratum", id: e.id, "data-erratum": e.id, "aria-labelledby": `${e.id}-title`},
    el("h3", {id: `${e.id}-title`}, e.title),
    el("p", {class: "muted"}, e.kind),
    el("p", {}, e.summary),
    el(
      "table",
      {class: "report-table steps"},
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "Arithmetic"), el("th", {scope: "col"}, "Result"))),
      el(
        "tbody",
        {},
        ...e.steps.map((s) =>
          el("tr", {}, el("td", {class: "text"}, s.expression), el("td", {class: "text"}, s.result))
        )
      )
    ),
    related.length
      ? el(
          "p",
          {class: "muted"},
          "Printed values: ",
          ...related.flatMap((c, k) => [
            k ? "; " : "",
            `${c.label}, ${LATER_COLUMN_LABELS[c.column] ?? c.column} `,
            statusBadge(c.status)
          ])
        )
      : null
  );
}
