// Plot chart builders for the report pages. Every chart is wrapped in a <figure> with an accessible name and
// a caption saying what it shows; the table beside it on the page holds the same numbers as text.
import * as Plot from "@observablehq/plot";
import type {CellComparison} from "../lib/paper/compare.js";
import {formatNumber, formatSignificant, formatUsd} from "../lib/present/format.js";
import {MIX_CATEGORIES} from "../lib/scenario/mix.js";
import type {Report} from "../lib/paper/report.js";
import {countStatuses} from "../lib/paper/summary.js";
import {table3Label} from "../lib/present/labels.js";
import {plotAria} from "./a11y.js";
import {el} from "./dom.js";
import {figure as chartFigure} from "./figure.js";
import {logDomain} from "./log-domain.js";

const PAPER = "Strubell, Ganesh & McCallum (2019)";

/** Colours shared with the status badges (src/styles/tables.css). */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  reproduced: "#2f8f46",
  calibrated: "#5b5bc2",
  differs: "#d2541b"
};

// Text drawn in the page's ink, so charts read in the light and the dark theme.
const INK = "currentColor";
const MUTED = "#6b6b6b";
const PRINTED = "#d2541b";

/**
 * Wraps a chart in a figure with an accessible name (aria-label) and a visible caption; Plot's named mark
 * groups get a role so that their names are valid ARIA (see plotAria).
 */
export function figure(chart: Element, label: string, description: string): HTMLElement {
  return el("figure", {class: "chart", "aria-label": label}, plotAria(chart), el("figcaption", {}, description));
}

const logTick = (d: number) => formatSignificant(d, 1);

/** Below this width (px) row labels move from a left margin to above each row. */
export const NARROW_WIDTH = 640;

/**
 * Layout of a chart with one labelled row per datum: labels in a left margin when wide; on a narrow
 * screen, above each row (with the row's value), so the plot keeps its width.
 */
function rowLayout(width: number, wideMarginLeft: number) {
  const narrow = width < NARROW_WIDTH;
  return {
    narrow,
    marginLeft: narrow ? 8 : wideMarginLeft,
    rowHeight: narrow ? 54 : 38,
    yAxis: narrow ? null : ("left" as const)
  };
}

/** The label (and value) of each row, written above it: the narrow layout's replacement for the y axis. */
function labelsAbove<T>(data: readonly T[], y: (d: T) => string, text: (d: T) => string): Plot.Markish {
  return Plot.text(data, {y, text, frameAnchor: "left", dy: -16, textAnchor: "start", fill: INK, fontSize: 11});
}

/** Table 1: CO2e of familiar consumption beside training runs, on a log scale. */
export function table1Chart(rows: Report["table1"], width: number): HTMLElement {
  const data = rows.map((r) => ({
    label: r.label,
    lbs: r.co2e_lbs,
    kind: r.kind === "training" ? "training an NLP model (recomputed)" : "familiar consumption (paper's reference)"
  }));
  const [lo, hi] = logDomain(data.map((d) => d.lbs));
  const {narrow, marginLeft, rowHeight, yAxis} = rowLayout(width, 300);
  const chart = Plot.plot({
    width,
    height: 60 + rowHeight * data.length,
    marginLeft,
    marginRight: narrow ? 12 : 70,
    x: {type: "log", domain: [lo, hi], label: "CO2e (lbs, log scale) →", grid: true, tickFormat: logTick},
    y: {label: null, axis: yAxis, domain: data.toSorted((a, b) => b.lbs - a.lbs).map((d) => d.label)},
    color: {legend: true, domain: [...new Set(data.map((d) => d.kind))].sort(), range: ["#7a8ba8", "#d2541b"]},
    ariaLabel: "Table 1 on a log scale",
    ariaDescription: data.map((d) => `${d.label}: ${formatNumber(d.lbs)} lbs`).join("; "),
    marks: [
      Plot.ruleY(data, {y: "label", x1: lo, x2: "lbs", stroke: "kind", strokeWidth: 2, strokeOpacity: 0.6}),
      Plot.dot(data, {y: "label", x: "lbs", fill: "kind", r: 5}),
      narrow
        ? labelsAbove(
            data,
            (d) => d.label,
            (d) => `${d.label}: ${formatNumber(d.lbs)}`
          )
        : Plot.text(data, {
            y: "label",
            x: "lbs",
            text: (d) => formatNumber(d.lbs),
            dx: 9,
            textAnchor: "start",
            fill: INK
          })
    ]
  });
  return chartFigure({
    title: "Training NLP models beside familiar consumption",
    subtitle: "CO2e in pounds, log scale",
    source: `${PAPER}, Table 1; training rows recomputed by this replication`,
    filename: "table1-chart",
    data: data.map((d) => ({label: d.label, kind: d.kind, co2e_lbs: d.lbs})),
    columns: [
      {key: "label", label: "Row"},
      {key: "kind", label: "Kind"},
      {key: "co2e_lbs", label: "CO2e (lbs)"}
    ],
    width,
    note: "Each dot is one row of Table 1: the training rows are recomputed, the consumption rows are the paper's reference values. Log scale: each grid line is ten times the one before.",
    chart: () => chart
  });
}

const MIX_COLORS: Readonly<Record<string, string>> = {
  renewable: "#3f9a4a",
  gas: "#e0a030",
  coal: "#4d4d4d",
  nuclear: "#8a63b8",
  unassigned: "#d9d9d9"
};

/** Table 2: each consumer's energy mix as a stacked bar, the share Table 2 leaves unassigned shown in grey. */
export function table2Chart(rows: Report["table2"], width: number): HTMLElement {
  const sources = [...MIX_CATEGORIES, "unassigned"] as const;
  const data = rows.flatMap((r) => sources.map((source) => ({consumer: r.consumer, source, percent: r[source]})));
  const chart = Plot.plot({
    width,
    height: 60 + 36 * rows.length,
    marginLeft: 110,
    x: {domain: [0, 100], label: "Percent of energy →", grid: true},
    y: {label: null, domain: rows.map((r) => r.consumer)},
    color: {legend: true, domain: [...sources], range: sources.map((s) => MIX_COLORS[s])},
    ariaLabel: "Table 2 as stacked bars",
    ariaDescription: rows
      .map((r) => `${r.consumer}: ${sources.map((s) => `${s} ${formatNumber(r[s])} %`).join(", ")}`)
      .join("; "),
    marks: [
      Plot.barX(data, {
        x: "percent",
        y: "consumer",
        fill: "source",
        order: [...sources],
        stroke: "white",
        insetTop: 3,
        insetBottom: 3
      }),
      Plot.text(
        data,
        Plot.stackX({
          x: "percent",
          y: "consumer",
          z: "source",
          order: [...sources],
          text: (d: {percent: number}) => (d.percent >= 6 ? formatNumber(d.percent) : ""),
          fill: (d: {source: string}) => (d.source === "gas" || d.source === "unassigned" ? "#222" : "white"),
          fontWeight: 600
        })
      ),
      Plot.ruleX([0])
    ]
  });
  return chartFigure({
    title: "Energy mix of each consumer",
    subtitle: "percent of energy by source",
    source: `${PAPER}, Table 2 (from Cook et al. 2017, U.S. DOE, China Electricity Council, Burger 2019)`,
    filename: "table2-chart",
    data: rows.map((r) => ({
      consumer: r.consumer,
      renewable_pct: r.renewable,
      gas_pct: r.gas,
      coal_pct: r.coal,
      nuclear_pct: r.nuclear,
      unassigned_pct: r.unassigned
    })),
    columns: [
      {key: "consumer", label: "Consumer"},
      {key: "renewable_pct", label: "Renewable (%)"},
      {key: "gas_pct", label: "Gas (%)"},
      {key: "coal_pct", label: "Coal (%)"},
      {key: "nuclear_pct", label: "Nuclear (%)"},
      {key: "unassigned_pct", label: "Not assigned (%)"}
    ],
    width,
    note: "Percent of energy from renewables, gas, coal and nuclear as printed in Table 2; the grey remainder is the share Table 2 leaves unassigned (oil and other sources), computed as 100 minus the four printed shares.",
    chart: () => chart
  });
}

/** Table 3: CO2e of each GPU training run on a log scale, the printed value ringed around the recomputed one. */
export function table3EmissionsChart(rows: Report["table3"], width: number): HTMLElement {
  const data = rows
    .filter((r) => r.co2e_lbs != null)
    .map((r) => ({label: table3Label(r), lbs: r.co2e_lbs!, printed: r.published.co2e_lbs, kwh: r.kwh!}));
  const [lo, hi] = logDomain(data.flatMap((d) => [d.lbs, d.printed ?? d.lbs]));
  const {narrow, marginLeft, rowHeight, yAxis} = rowLayout(width, 190);
  const chart = Plot.plot({
    width,
    height: 60 + rowHeight * data.length,
    marginLeft,
    marginRight: narrow ? 12 : 80,
    x: {type: "log", domain: [lo, hi], label: "CO2e (lbs, log scale) →", grid: true, tickFormat: logTick},
    y: {label: null, axis: yAxis, domain: data.map((d) => d.label)},
    ariaLabel: "CO2e of each GPU training run in Table 3",
    ariaDescription: data
      .map((d) => `${d.label}: ${formatNumber(d.lbs)} lbs recomputed, ${formatNumber(d.printed)} printed`)
      .join("; "),
    marks: [
      Plot.ruleY(data, {y: "label", x1: lo, x2: "lbs", stroke: MUTED, strokeOpacity: 0.4}),
      Plot.dot(
        data.filter((d) => d.printed != null),
        {y: "label", x: "printed", r: 8, stroke: PRINTED, strokeWidth: 1.5, symbol: "circle"}
      ),
      Plot.dot(data, {y: "label", x: "lbs", r: 4, fill: INK}),
      narrow
        ? labelsAbove(
            data,
            (d) => d.label,
            (d) => `${d.label}: ${formatNumber(d.lbs)} lbs`
          )
        : Plot.text(data, {
            y: "label",
            x: "lbs",
            text: (d) => `${formatNumber(d.lbs)} lbs`,
            dx: 12,
            textAnchor: "start"
          })
    ]
  });
  return chartFigure({
    title: "CO2e of each GPU training run, recomputed and printed",
    subtitle: "CO2e in pounds, log scale",
    source: `${PAPER}, Table 3 (printed values); recomputed by this replication from power, hours, PUE 1.58 and the EPA 2018 factor`,
    filename: "table3-co2e-chart",
    data: data.map((d) => ({label: d.label, co2e_lbs: d.lbs, printed_co2e_lbs: d.printed})),
    columns: [
      {key: "label", label: "Training run"},
      {key: "co2e_lbs", label: "CO2e recomputed (lbs)"},
      {key: "printed_co2e_lbs", label: "CO2e printed (lbs)"}
    ],
    width,
    note: "Black dots: CO2e recomputed from power, hours, PUE and the EPA factor; orange rings: the value Table 3 printed. A dot inside its ring is reproduced. TPU rows have no power figure and hence no CO2e.",
    chart: () => chart
  });
}

/** One row of a cost-range chart: recomputed low–high, printed low–high, and optionally one more point. */
export interface RangeDatum {
  label: string;
  low: number;
  high: number;
  printedLow: number | null;
  printedHigh: number | null;
  point?: number | null;
}

/** Cloud cost ranges (pre-emptible to on-demand) as intervals on a log scale, printed ends as ticks. */
export function rangeChart(
  data: readonly RangeDatum[],
  width: number,
  text: {
    label: string;
    title: string;
    description: string;
    source: string;
    filename: string;
    pointLabel?: string;
    pointKey?: string;
  }
): HTMLElement {
  const values = data.flatMap((d) => [d.low, d.high, d.printedLow ?? d.low, d.printedHigh ?? d.high, d.point ?? d.low]);
  const [lo, hi] = logDomain(values);
  const printed = data.flatMap((d) => [
    ...(d.printedLow == null ? [] : [{label: d.label, usd: d.printedLow}]),
    ...(d.printedHigh == null ? [] : [{label: d.label, usd: d.printedHigh}])
  ]);
  const points = data.filter((d) => d.point != null);
  const {narrow, marginLeft, rowHeight, yAxis} = rowLayout(width, 190);
  const range = (d: RangeDatum) => `${formatUsd(d.low)}–${formatUsd(d.high)}`;
  const chart = Plot.plot({
    width,
    height: 60 + rowHeight * data.length,
    marginTop: 24,
    marginLeft,
    marginRight: narrow ? 12 : 150,
    x: {type: "log", domain: [lo, hi], label: "US dollars (log scale) →", grid: true, tickFormat: logTick},
    y: {label: null, axis: yAxis, domain: data.map((d) => d.label)},
    ariaLabel: text.label,
    ariaDescription: data
      .map(
        (d) =>
          `${d.label}: ${formatUsd(d.low)} to ${formatUsd(d.high)} recomputed` +
          (d.printedLow == null ? "" : `, ${formatUsd(d.printedLow)} to ${formatUsd(d.printedHigh)} printed`) +
          (d.point == null ? "" : `, ${text.pointLabel ?? "point"} ${formatUsd(d.point)}`)
      )
      .join("; "),
    marks: [
      Plot.ruleY(data, {y: "label", x1: "low", x2: "high", stroke: "#3b6fb6", strokeWidth: 6, strokeOpacity: 0.8}),
      // On a narrow screen the ticks stop short of the row label written above them.
      Plot.tickX(printed, {y: "label", x: "usd", stroke: PRINTED, strokeWidth: 2, insetTop: narrow ? 20 : 0}),
      points.length
        ? Plot.dot(points, {y: "label", x: "point", symbol: "diamond", fill: "#2f8f46", r: 5, stroke: "white"})
        : null,
      points.length && !narrow
        ? Plot.text(points, {y: "label", x: "point", text: (d) => formatUsd(d.point), dy: -12, fill: "#1f6f33"})
        : null,
      narrow
        ? labelsAbove(
            data,
            (d) => d.label,
            (d) =>
              `${d.label}: ${range(d)}${d.point == null ? "" : `; ${text.pointLabel ?? "point"} ${formatUsd(d.point)}`}`
          )
        : Plot.text(data, {y: "label", x: "high", text: range, dx: 8, textAnchor: "start"})
    ]
  });
  const pointKey = text.pointKey ?? "point_usd";
  return chartFigure({
    title: text.title,
    subtitle: "US dollars, log scale",
    source: text.source,
    filename: text.filename,
    data: data.map((d) => ({
      label: d.label,
      cost_usd_low: d.low,
      cost_usd_high: d.high,
      printed_cost_usd_low: d.printedLow,
      printed_cost_usd_high: d.printedHigh,
      ...(points.length ? {[pointKey]: d.point ?? null} : {})
    })),
    columns: [
      {key: "label", label: "Row"},
      {key: "cost_usd_low", label: "Cost recomputed, low (USD)"},
      {key: "cost_usd_high", label: "Cost recomputed, high (USD)"},
      {key: "printed_cost_usd_low", label: "Cost printed, low (USD)"},
      {key: "printed_cost_usd_high", label: "Cost printed, high (USD)"},
      ...(points.length ? [{key: pointKey, label: `${text.pointLabel ?? "Point"} (USD)`}] : [])
    ],
    width,
    note: text.description,
    chart: () => chart
  });
}

/** Table 3: cloud cost ranges of every run. */
export function table3CostChart(rows: Report["table3"], width: number): HTMLElement {
  return rangeChart(
    rows.map((r) => ({
      label: table3Label(r),
      low: r.cost_usd_low,
      high: r.cost_usd_high,
      printedLow: r.published.cost_usd_low,
      printedHigh: r.published.cost_usd_high
    })),
    width,
    {
      label: "Chart of Table 3: cloud cost ranges, log scale",
      title: "Cloud cost of each training run, recomputed and printed",
      source: `${PAPER}, Table 3 and fn 7–8 (prices); recomputed by this replication`,
      filename: "table3-cost-chart",
      description:
        "Blue bars: recomputed cloud cost from the pre-emptible (left end) to the on-demand price (right end); orange ticks: the ends Table 3 printed. A tick off its bar's end is a differing cell (see the errata)."
    }
  );
}

/** Table 4: cloud cost ranges and electricity cost of the LISA case study. */
export function table4CostChart(rows: Report["table4"], width: number): HTMLElement {
  return rangeChart(
    rows.map((r) => ({
      label: `${formatNumber(r.models)} model${r.models === 1 ? "" : "s"}`,
      low: r.cost_usd_low,
      high: r.cost_usd_high,
      printedLow: r.published.cost_usd_low,
      printedHigh: r.published.cost_usd_high,
      point: r.electricity_usd
    })),
    width,
    {
      label: "Chart of Table 4: cloud and electricity cost of the LISA models, log scale",
      title: "Cloud and electricity cost of the LISA models",
      source: `${PAPER}, Table 4 and §4.2; recomputed by this replication`,
      filename: "table4-cost-chart",
      pointKey: "electricity_usd",
      description:
        "Blue bars: recomputed cloud cost from pre-emptible to on-demand P100 prices; orange ticks: the printed ends; green diamonds: the recomputed electricity cost.",
      pointLabel: "Electricity"
    }
  );
}

/** Overview: the printed cells of each table by status. */
export function statusChart(cells: readonly CellComparison[], width: number): HTMLElement {
  const statuses = ["reproduced", "calibrated", "differs"] as const;
  const tables = [...new Set(cells.map((c) => c.table))];
  const data = tables.flatMap((table) => {
    const counts = countStatuses(cells.filter((c) => c.table === table));
    return statuses.map((status) => ({table: `Table ${table.replace("table", "")}`, status, n: counts[status]}));
  });
  const chart = Plot.plot({
    width,
    height: 60 + 34 * tables.length,
    marginLeft: 70,
    x: {label: "Printed cells →", grid: true},
    y: {label: null},
    color: {legend: true, domain: [...statuses], range: statuses.map((s) => STATUS_COLORS[s])},
    ariaLabel: "Printed cells per table by status",
    ariaDescription: data.map((d) => `${d.table}: ${d.n} ${d.status}`).join("; "),
    marks: [
      Plot.barX(data, {x: "n", y: "table", fill: "status", order: [...statuses], stroke: "white", insetTop: 2}),
      Plot.text(
        data,
        Plot.stackX({
          x: "n",
          y: "table",
          z: "status",
          order: [...statuses],
          text: (d: {n: number}) => (d.n > 0 ? String(d.n) : ""),
          fill: "white",
          fontWeight: 600
        })
      ),
      Plot.ruleX([0])
    ]
  });
  return chartFigure({
    title: "Printed cells of each table by status",
    subtitle: "number of printed cells",
    source: `${PAPER}, Tables 1, 3 and 4, compared cell by cell by this replication`,
    filename: "cells-by-status-chart",
    data: data.map((d) => ({table: d.table, status: d.status, cells: d.n})),
    columns: [
      {key: "table", label: "Table"},
      {key: "status", label: "Status"},
      {key: "cells", label: "Printed cells"}
    ],
    width,
    note: "Each bar counts the printed cells of one table: green reproduced at the printed precision, purple calibrated (an inferred input was fitted to it), orange differing (each explained on the errata page).",
    chart: () => chart
  });
}

/** One bar of the overview's verdict chart: an estimate, a measurement or a reference, in tonnes of CO2e. */
export interface VerdictBar {
  label: string;
  kind: string;
  co2e_t: number;
  source: string;
}

/** Tonnes as a label: one decimal below 10 t, whole tonnes above ("3.2 t", "284 t"). */
function tonnesText(t: number): string {
  return `${formatNumber(t, t < 10 ? 1 : 0)} t`;
}

/** Overview: Strubell's NAS estimate, a car's lifetime and the search as actually run, on a log scale. */
export function verdictChart(bars: readonly VerdictBar[], width: number): HTMLElement {
  const narrow = width < NARROW_WIDTH;
  const [lo, hi] = logDomain(bars.map((d) => d.co2e_t));
  const colours: Record<string, string> = {
    "the paper's estimate": "#d2541b",
    "reference (Table 1)": "#7a8ba8",
    "as actually run": "#2f8f46"
  };
  const kinds = [...new Set(bars.map((d) => d.kind))];
  const chart = Plot.plot({
    width,
    height: 36 + (narrow ? 46 : 34) * bars.length,
    marginLeft: narrow ? 8 : 300,
    marginRight: narrow ? 12 : 90,
    marginTop: 8,
    x: {type: "log", domain: [lo, hi], label: "t CO2e (log scale) →", grid: true, tickFormat: logTick},
    y: {label: null, axis: narrow ? null : "left", domain: bars.map((d) => d.label)},
    color: {domain: kinds, range: kinds.map((k) => colours[k] ?? INK)},
    ariaLabel: "The NAS estimate, a car's lifetime and the search as actually run",
    ariaDescription: bars.map((d) => `${d.label}: ${tonnesText(d.co2e_t)} CO2e`).join("; "),
    marks: [
      Plot.barX(bars, {
        y: "label",
        x1: lo,
        x2: "co2e_t",
        fill: "kind",
        insetTop: narrow ? 20 : 6,
        insetBottom: narrow ? 4 : 6
      }),
      narrow
        ? labelsAbove(
            bars,
            (d) => d.label,
            (d) => `${d.label}: ${tonnesText(d.co2e_t)}`
          )
        : Plot.text(bars, {
            y: "label",
            x: "co2e_t",
            text: (d) => tonnesText(d.co2e_t),
            dx: 6,
            textAnchor: "start",
            fill: "currentColor"
          })
    ]
  });
  return chartFigure({
    title: "One model, “five cars”: the estimate and the search as actually run",
    subtitle: "tonnes of CO2e, log scale",
    source:
      "Strubell, Ganesh & McCallum (2019), Tables 1 and 3; Patterson et al. (2021), Appendix C–D and Table 4; computed by this replication",
    filename: "overview-verdict-chart",
    data: bars,
    columns: [
      {key: "label", label: "What"},
      {key: "kind", label: "Kind"},
      {key: "co2e_t", label: "CO2e (t)"},
      {key: "source", label: "Source"}
    ],
    width,
    chart: () => chart
  });
}
