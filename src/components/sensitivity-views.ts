// The live parts of the sensitivity page: tables, claims, charts and the NAS correction's steps. Each follows
// the store through live() or layeredChart() (src/components/live.ts).
import * as Plot from "@observablehq/plot";
import {factorSetLabel} from "../lib/labels.js";
import {formatNumber, formatSignificant, formatUsd} from "../lib/format.js";
import {formatMass, formatMassValue, stepQuery, type Analysis} from "../lib/sensitivity.js";
import type {Inputs} from "../lib/types.js";
import {kgPerKwhTo, kgTo, lbsToKg, type MassUnit} from "../lib/units.js";
import {figure, logDomain} from "./charts.js";
import {el, svgEl} from "./dom.js";
import {layeredChart, live, memo} from "./live.js";
import type {SensitivityStore} from "./scenario-controls.js";

const INK = "#222";
const MUTED = "#6b6b6b";
const PAPER = "#d2541b";
const HERE = "#1f5fa8";

// Dependency keys: the parts of a view each element shows.
const sc = (a: Analysis) => a.view.scenario;
const energyKey = (a: Analysis) => `${sc(a).pue}|${a.report.scenario.intensity_kg_per_kwh}|${sc(a).units}`;
export const KEYS = {
  table1: energyKey,
  table3: energyKey,
  table4: (a: Analysis) => `${energyKey(a)}|${sc(a).usdPerKwh}`,
  claims: energyKey,
  grids: (a: Analysis) =>
    JSON.stringify([sc(a).factors, sc(a).unassigned, a.grids.map((g) => [g.id, g.kgPerKwh, g.selected])]),
  tornado: (a: Analysis) => `${energyKey(a)}|${a.model.id}|${JSON.stringify(a.tornado.bars)}`,
  montecarlo: (a: Analysis) => `${a.cacheKeys.monteCarlo}|${sc(a).units}|${a.modelKg}`
};

const ratio = (recomputed: number | null, printed: number | null) =>
  recomputed == null || printed == null || printed === 0 ? "—" : `×${formatNumber(recomputed / printed, 3)}`;

const massCell = (kg: number | null, unit: MassUnit) => (kg == null ? "—" : formatMassValue(kg, unit));

/** A table cell: its text, with an extra class for a muted note. */
type Cell = string | {text: string; class: string};

/** What a live table shows: caption, column headers and rows of cells. */
interface TableContent {
  caption: string;
  headers: string[];
  rows: Cell[][];
}

const cellText = (c: Cell) => (typeof c === "string" ? c : c.text);
const cellClass = (c: Cell, column: number) =>
  `${column === 0 ? "text" : "num"}${typeof c === "string" ? "" : ` ${c.class}`}`;

function table(id: string, {caption, headers, rows}: TableContent): HTMLTableElement {
  return el(
    "table",
    {class: "report-table sensitivity-table", "data-table": id},
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, ...headers.map((h, k) => el("th", {scope: "col", class: cellClass(h, k)}, h)))),
    el(
      "tbody",
      {},
      ...rows.map((r) => el("tr", {}, ...r.map((c, k) => el("td", {class: cellClass(c, k)}, cellText(c)))))
    )
  );
}

/**
 * Shows `content` in a table that table() made, in place, when both have the same rows and columns: only the
 * texts and classes that differ are set. Returns false, touching nothing, when the shapes differ.
 */
export function fillTable(t: HTMLTableElement, {caption, headers, rows}: TableContent): boolean {
  const head = t.tHead!.rows[0];
  const body = t.tBodies[0];
  if (
    head.cells.length !== headers.length ||
    body.rows.length !== rows.length ||
    rows.some((r, i) => body.rows[i].cells.length !== r.length)
  )
    return false;
  const set = (node: HTMLElement, text: string, className?: string) => {
    if (node.textContent !== text) node.textContent = text;
    if (className !== undefined && node.className !== className) node.className = className;
  };
  set(t.caption!, caption);
  headers.forEach((h, k) => set(head.cells[k], h));
  rows.forEach((r, i) => r.forEach((c, k) => set(body.rows[i].cells[k], cellText(c), cellClass(c, k))));
  return true;
}

/** Table 1, 3 or 4 recomputed under the scenario, the paper's printed values beside them, and the ratio. */
export function scenarioTable(store: SensitivityStore, id: "table1" | "table3" | "table4"): HTMLElement {
  const printedMass = (lbs: number | null) => (lbs == null ? null : lbsToKg(lbs));
  const content = (a: Analysis): TableContent => {
    const u = sc(a).units;
    if (id === "table1") {
      return {
        caption: `Table 1 under this scenario, in ${u}; the paper's values (printed in lbs) converted to ${u}.`,
        headers: ["Consumption", `CO2e (${u})`, `Paper (${u})`, "Ratio"],
        rows: a.report.table1.map((r) => {
          const paperKg = r.kind === "training" ? printedMass(r.published.co2e_lbs) : r.co2e_kg;
          return [
            r.label,
            massCell(r.co2e_kg, u),
            massCell(paperKg, u),
            r.kind === "training" ? ratio(r.co2e_kg, paperKg) : {text: "reference", class: "muted"}
          ];
        })
      };
    }
    if (id === "table3") {
      return {
        caption: `Table 3 under this scenario: energy (kWh, PUE included) and CO2e in ${u}, the paper's values and the ratio of CO2e. TPU rows have no published power.`,
        headers: ["Model", "Hardware", "kWh·PUE", "Paper kWh·PUE", `CO2e (${u})`, `Paper (${u})`, "Ratio"],
        rows: a.report.table3.map((r) => {
          const paperKg = printedMass(r.published.co2e_lbs);
          return [
            r.model,
            `${r.hardware}×${r.accelerators}`,
            r.kwh == null ? "—" : formatNumber(r.kwh),
            r.published.kwh == null ? "—" : formatNumber(r.published.kwh),
            massCell(r.co2e_kg, u),
            massCell(paperKg, u),
            ratio(r.co2e_kg, paperKg)
          ];
        })
      };
    }
    return {
      caption: `Table 4 under this scenario: energy, CO2e in ${u} and electricity cost, the paper's electricity cost and the ratio.`,
      headers: ["Models", "Hours", "kWh·PUE", `CO2e (${u})`, "Electricity", "Paper electricity", "Ratio"],
      rows: a.report.table4.map((r) => [
        formatNumber(r.models),
        formatNumber(r.hours),
        formatNumber(r.kwh),
        massCell(r.co2e_kg, u),
        formatUsd(r.electricity_usd),
        formatUsd(r.published.electricity_usd),
        ratio(r.electricity_usd, r.published.electricity_usd)
      ])
    };
  };
  return live(
    store,
    KEYS[id],
    (a) => table(id, content(a)),
    {class: "scroll-box", "data-live": id},
    (a, shown) => fillTable(shown as HTMLTableElement, content(a))
  );
}

/** The press claims, each re-evaluated under the scenario. */
export function claimsView(store: SensitivityStore): HTMLElement {
  return live(
    store,
    KEYS.claims,
    (a) =>
      el(
        "div",
        {class: "claims"},
        ...a.report.claims.map((c) =>
          el(
            "figure",
            {class: "claim", "data-claim": c.id},
            el("blockquote", {}, `“${c.quote}”`),
            el(
              "figcaption",
              {},
              "Under this scenario: ",
              el("strong", {}, formatMass(lbsToKg(c.co2eLbs), sc(a).units)),
              c.ratio == null
                ? null
                : ` = ${formatNumber(c.ratio, 2)} × “${c.referenceLabel}” (${formatMass(lbsToKg(c.referenceLbs!), sc(a).units)})`
            )
          )
        )
      ),
    {"data-live": "claims"}
  );
}

const WIDTH = 640;

/**
 * Moves labels apart on a log scale so that no two are closer than `gapPx` pixels on a plot `heightPx` high
 * spanning [lo, hi]; returns their values in the original order.
 */
export function dodgeLog(values: readonly number[], lo: number, hi: number, heightPx: number, gapPx: number): number[] {
  const gap = (gapPx / heightPx) * (Math.log10(hi) - Math.log10(lo));
  const order = values.map((v, k) => ({k, t: Math.log10(v)})).sort((a, b) => a.t - b.t);
  for (let j = 1; j < order.length; j++) order[j].t = Math.max(order[j].t, order[j - 1].t + gap);
  const out = new Array<number>(values.length);
  for (const o of order) out[o.k] = 10 ** o.t;
  return out;
}

/** The powers of ten from lo to hi: the ticks of a log axis without its minor ticks (fewer nodes to lay out). */
export function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(10 ** e);
  return out;
}

/** A length in pixels to two decimals, as written in an SVG attribute. */
const round2 = (pixels: number) => Math.round(pixels * 100) / 100;

/** A value's position on one of a chart's scales, in pixels to two decimals. */
function px(scale: Plot.Scale, value: unknown): number {
  return round2(scale.apply(value) as number);
}

/** A label centred on a band of the band scale `y` (where Plot's text mark puts it), at `x` pixels. */
function bandLabel(y: Plot.Scale, row: string, x: number, anchor: "start" | "end", text: string, fontSize = 10) {
  const at = round2(px(y, row) + y.bandwidth! / 2);
  return svgEl("text", {x, y: at, dy: "0.32em", "text-anchor": anchor, fill: INK, "font-size": fontSize}, text);
}

/**
 * CO2e of each model against PUE: a line per model, the current PUE marked. Plot draws the scales, axes and
 * published presets; they change only with the display unit, the set of models or the decades the lines span
 * (the CO2e axis runs from a power of ten to a power of ten), so a change of PUE or carbon intensity, which
 * moves the lines, redraws them in the overlay with the chart's own scales instead of rendering it again.
 */
export function pueChart(store: SensitivityStore, inputs: Inputs): HTMLElement {
  const height = 300;
  const margin = {top: 20, right: 250, bottom: 30, left: 70};
  const presets = inputs.puePresets.filter((p, k, all) => all.findIndex((q) => q.pue === p.pue) === k);
  const yDomain = memo((a) => logDomain(a.pueLines.flatMap((l) => l.atPue.map((p) => kgTo(p.co2eKg, sc(a).units)))));
  let color: (label: string) => string = () => INK;
  return layeredChart(
    store,
    "chart-pue",
    (a) => `${yDomain(a).join()}|${sc(a).units}|${a.pueLines.map((l) => l.model).join()}`,
    (a) => {
      const u = sc(a).units;
      const [lo, hi] = yDomain(a);
      const atPue = a.pueLines[0].atPue;
      const scale = Plot.scale({
        color: {type: "categorical", scheme: "tableau10", domain: a.pueLines.map((l) => l.label)}
      });
      color = (label) => scale.apply(label) as string;
      const chart = Plot.plot({
        width: WIDTH,
        height,
        marginTop: margin.top,
        marginRight: margin.right,
        marginBottom: margin.bottom,
        marginLeft: margin.left,
        x: {domain: [atPue[0].pue, atPue[atPue.length - 1].pue], label: "PUE →", grid: true},
        y: {
          type: "log",
          domain: [lo, hi],
          label: `↑ CO2e (${u}, log scale)`,
          grid: true,
          ticks: powersOfTen(lo, hi),
          tickFormat: (d: number) => formatSignificant(d, 1)
        },
        marks: [
          Plot.ruleX(presets, {x: "pue", stroke: MUTED, strokeDasharray: "3,3"}),
          Plot.text(presets, {
            x: "pue",
            y: hi,
            text: (p) => `${p.pue}`,
            dy: -6,
            fill: MUTED,
            fontSize: 10,
            frameAnchor: "top"
          })
        ]
      });
      const figure = el(
        "figure",
        {class: "chart", "aria-label": `CO2e of each model against PUE, in ${u}`},
        chart,
        el("figcaption", {})
      );
      return {figure, chart};
    },
    [
      {
        // One line per model through its CO2e at every PUE step, labelled at its right end (labels 13 px apart).
        key: (a) => `${a.report.scenario.intensity_kg_per_kwh}`,
        draw: (a, {chart, layer}) => {
          const u = sc(a).units;
          const x = chart.scale("x")!;
          const y = chart.scale("y")!;
          const [lo, hi] = y.domain as [number, number];
          const last = a.pueLines[0].atPue.length - 1;
          const labelY = dodgeLog(
            a.pueLines.map((l) => kgTo(l.atPue[last].co2eKg, u)),
            lo,
            hi,
            height - margin.top - margin.bottom,
            13
          );
          a.pueLines.forEach((l, k) => {
            const points = l.atPue.map((p) => `${px(x, p.pue)},${px(y, kgTo(p.co2eKg, u))}`);
            layer.append(
              svgEl("path", {
                d: `M${points.join("L")}`,
                fill: "none",
                stroke: color(l.label),
                "stroke-width": 1.5,
                "stroke-linejoin": "round",
                "stroke-linecap": "round"
              }),
              svgEl(
                "text",
                {
                  x: px(x, l.atPue[last].pue) + 6,
                  y: px(y, labelY[k]),
                  dy: "0.32em",
                  "text-anchor": "start",
                  fill: color(l.label),
                  "font-size": 11
                },
                l.label
              )
            );
          });
        }
      },
      {
        // The scenario's PUE: a rule, a dot on each line, and the caption.
        key: (a) => `${a.report.scenario.intensity_kg_per_kwh}|${sc(a).pue}`,
        draw: (a, {figure, chart, layer}) => {
          const u = sc(a).units;
          const y = chart.scale("y")!;
          const at = px(chart.scale("x")!, sc(a).pue);
          layer.append(
            svgEl("line", {x1: at, x2: at, y1: margin.top, y2: height - margin.bottom, stroke: HERE, "stroke-width": 2})
          );
          for (const l of a.pueLines) {
            const value = kgTo(l.currentKg, u);
            const dot = svgEl("circle", {cx: at, cy: px(y, value), r: 4, fill: color(l.label)});
            dot.append(svgEl("title", {}, `${l.label}: ${formatSignificant(value, 3)} ${u} at PUE ${sc(a).pue}`));
            layer.append(dot);
          }
          const ends = a.pueLines[0].atPue;
          figure.querySelector("figcaption")!.textContent =
            `Each line is one model's CO2e at the scenario's carbon intensity as the PUE goes from ${ends[0].pue} to ${ends[ends.length - 1].pue}; the blue rule and dots are the scenario's PUE (${sc(a).pue}), dashed rules the published presets.`;
        }
      }
    ]
  );
}

/**
 * Carbon intensity of each grid preset; the paper's EPA factor marked, the US mix beside it. Plot draws the axes
 * over a round domain; the bars, values and rules are drawn over them with its scales, so choosing another grid
 * (which moves only the outline) or factors that keep every bar within the domain does not render it again.
 */
export function intensityChart(store: SensitivityStore): HTMLElement {
  const data = memo((a) => a.grids.map((g) => ({...g, g: kgPerKwhTo(g.kgPerKwh, "g")})));
  // The paper's factor first, the United States mix it stands for next, then the other grids.
  const order = memo((a) => {
    const d = data(a);
    const paper = d.find((x) => x.kind === "paper")!;
    return [
      paper.label,
      ...d.filter((x) => x.id === "us").map((x) => x.label),
      ...d.filter((x) => x.kind !== "paper" && x.id !== "us").map((x) => x.label)
    ];
  });
  const xDomain = memo((a) => niceDomain(0, Math.max(...data(a).map((d) => d.g))));
  return layeredChart(
    store,
    "chart-grids",
    (a) => `${xDomain(a).join()}|${order(a).join()}`,
    (a) => {
      const labels = order(a);
      const chart = Plot.plot({
        width: WIDTH,
        height: 40 + 28 * labels.length,
        marginLeft: 150,
        marginRight: 60,
        x: {label: "g CO2e per kWh →", grid: true, domain: xDomain(a)},
        y: {type: "band", domain: labels, label: null},
        marks: []
      });
      return {figure: figure(chart, "Carbon intensity of each grid preset, g CO2e per kWh", ""), chart};
    },
    [
      {
        key: KEYS.grids,
        draw: (a, {figure, chart, layer}) => {
          const x = chart.scale("x")!;
          const y = chart.scale("y")!;
          const band = round2(y.bandwidth!);
          const [y1, y2] = y.range as [number, number]; // the frame's top and bottom
          const zero = px(x, 0);
          const bars = data(a);
          for (const d of bars) {
            const top = px(y, d.label);
            const attributes: Record<string, string | number> = {
              x: zero,
              y: top,
              width: round2(px(x, d.g) - zero),
              height: band,
              fill: d.kind === "paper" ? PAPER : d.selected ? HERE : "#9aa7b8"
            };
            if (d.selected) Object.assign(attributes, {stroke: INK, "stroke-width": 1.5});
            layer.append(svgEl("rect", attributes));
          }
          const paper = px(x, bars.find((d) => d.kind === "paper")!.g);
          layer.append(
            svgEl("line", {x1: paper, x2: paper, y1, y2, stroke: PAPER, "stroke-dasharray": "4,3"}),
            svgEl("line", {x1: zero, x2: zero, y1, y2, stroke: "currentColor"})
          );
          for (const d of bars) layer.append(bandLabel(y, d.label, px(x, d.g) + 4, "start", formatNumber(d.g), 11));
          const unassigned = sc(a).unassigned;
          figure.querySelector("figcaption")!.textContent =
            `Bars are Table 2's mixes under the ${factorSetLabel(sc(a).factors)} factors (unassigned share: ${unassigned === "renormalise" ? "renormalised" : `${unassigned.gPerKwh} g/kWh`}); the orange bar and dashed rule are the paper's EPA factor, with the United States mix it stands for beside it. The scenario's choice is outlined.`;
        }
      }
    ]
  );
}

/**
 * How far each assumption's plausible range moves the chosen model's CO2e. Plot draws the axes over a round
 * domain, so a change that keeps every bar within it redraws only the bars, the scenario's rule, the values at
 * the bars' ends and the caption, with the chart's own scales.
 */
export function tornadoChart(store: SensitivityStore): HTMLElement {
  const bars = memo((a) => {
    const u = sc(a).units;
    return a.tornado.bars.map((b) => ({
      label: b.label,
      low: kgTo(b.low.co2eKg, u),
      high: kgTo(b.high.co2eKg, u),
      lowText: b.note ? "" : b.low.value,
      highText: b.note ? "" : b.high.value
    }));
  });
  // The bars and the scenario's value, with room for the labels on either side (0.6 of the span each way).
  const xDomain = memo((a) => {
    const data = bars(a);
    const base = kgTo(a.tornado.baseKg, sc(a).units);
    const hi = Math.max(...data.map((b) => b.high), base);
    const lo = Math.min(...data.map((b) => b.low), base);
    return niceDomain(Math.max(0, lo - (hi - lo) * 0.6), hi + (hi - lo) * 0.6);
  });
  return layeredChart(
    store,
    "chart-tornado",
    (a) => `${xDomain(a).join()}|${sc(a).units}|${a.model.id}|${a.tornado.bars.map((b) => b.label).join()}`,
    (a) => {
      const u = sc(a).units;
      const labels = a.tornado.bars.map((b) => b.label);
      const chart = Plot.plot({
        width: WIDTH,
        height: 40 + 36 * labels.length,
        marginLeft: 140,
        marginRight: 20,
        x: {label: `CO2e (${u}) →`, grid: true, domain: xDomain(a)},
        y: {type: "band", domain: labels, label: null},
        marks: []
      });
      return {figure: figure(chart, `Tornado chart for ${a.model.label}, CO2e in ${u}`, ""), chart};
    },
    [
      {
        key: KEYS.tornado,
        draw: (a, {figure, chart, layer}) => {
          const u = sc(a).units;
          const x = chart.scale("x")!;
          const y = chart.scale("y")!;
          const band = round2(y.bandwidth!);
          const text = (value: number, label: string, row: string, side: -1 | 1) =>
            bandLabel(y, row, px(x, value) + 4 * side, side < 0 ? "end" : "start", label);
          for (const b of bars(a)) {
            const [x1, x2] = [px(x, b.low), px(x, b.high)];
            const width = round2(Math.max(0, x2 - x1));
            layer.append(svgEl("rect", {x: x1, y: px(y, b.label), width, height: band, fill: "#7d93b2"}));
          }
          const at = px(x, kgTo(a.tornado.baseKg, u));
          const [y1, y2] = y.range as [number, number]; // the frame's top and bottom
          layer.append(svgEl("line", {x1: at, x2: at, y1, y2, stroke: HERE, "stroke-width": 2}));
          for (const b of bars(a)) {
            if (b.lowText) layer.append(text(b.low, b.lowText, b.label, -1));
            if (b.highText) layer.append(text(b.high, b.highText, b.label, 1));
          }
          figure.querySelector("figcaption")!.textContent =
            `Each bar moves one assumption across its plausible range with the others held at the scenario; the blue rule is the scenario's ${formatMass(a.tornado.baseKg, u)}.`;
        }
      }
    ]
  );
}

/** A domain widened to round values (Plot's `nice`), so that nearby data share the same axis. */
function niceDomain(lo: number, hi: number): [number, number] {
  return Plot.scale({x: {domain: [lo, hi], nice: true}}).domain as [number, number];
}

/**
 * The Monte Carlo distribution of the chosen model's CO2e: histogram, median and 90 % interval. Plot draws the
 * axes over round domains, so a change that keeps the data within them (a new seed, another factor set)
 * redraws only the histogram, the rules and the caption, with the chart's own scales.
 */
export function monteCarloChart(store: SensitivityStore): HTMLElement {
  const height = 240;
  const rules = (a: Analysis) => {
    const u = sc(a).units;
    const mc = a.monteCarlo;
    return [
      {x: kgTo(mc.lowKg, u), label: "5 %", dash: "4,3", stroke: INK, width: 1},
      {x: kgTo(mc.medianKg, u), label: "median", dash: null, stroke: INK, width: 1},
      {x: kgTo(mc.highKg, u), label: "95 %", dash: "4,3", stroke: INK, width: 1},
      {x: kgTo(a.modelKg, u), label: null, dash: null, stroke: HERE, width: 2}
    ];
  };
  // The x domain spans the histogram and every rule; the y domain the tallest bin.
  const domains = memo((a) => {
    const u = sc(a).units;
    const bins = a.histogram.bins;
    const xs = [kgTo(bins[0].x0, u), kgTo(bins[bins.length - 1].x1, u), ...rules(a).map((r) => r.x)];
    return {
      x: niceDomain(Math.min(...xs), Math.max(...xs)),
      y: niceDomain(0, Math.max(1, ...bins.map((b) => b.count)))
    };
  });
  return layeredChart(
    store,
    "chart-montecarlo",
    (a) => {
      const d = domains(a);
      return `${d.x.join()}|${d.y.join()}|${sc(a).units}|${a.model.id}`;
    },
    (a) => {
      const u = sc(a).units;
      const d = domains(a);
      const chart = Plot.plot({
        width: WIDTH,
        height,
        marginLeft: 50,
        marginRight: 35, // room for the last tick's label, at the round end of the domain
        x: {label: `CO2e (${u}) →`, domain: d.x},
        y: {label: "↑ samples", grid: true, domain: d.y},
        marks: [Plot.ruleY([0])]
      });
      return {
        figure: figure(chart, `Monte Carlo distribution of ${a.model.label}'s CO2e, ${u}`, ""),
        chart
      };
    },
    [
      {
        key: KEYS.montecarlo,
        draw: (a, {figure, chart, layer}) => {
          const u = sc(a).units;
          const mc = a.monteCarlo;
          const x = chart.scale("x")!;
          const y = chart.scale("y")!;
          const [bottom, top] = y.range as [number, number];
          // The histogram as one stepped area: up to each bin's count at its left edge, across to its right edge.
          const bins = a.histogram.bins;
          let path = `M${px(x, kgTo(bins[0].x0, u))},${bottom}`;
          for (const b of bins) path += `V${px(y, b.count)}H${px(x, kgTo(b.x1, u))}`;
          layer.append(svgEl("path", {d: `${path}V${bottom}Z`, fill: "#9aa7b8"}));
          for (const r of rules(a)) {
            const at = px(x, r.x);
            const attributes: Record<string, string | number> = {x1: at, x2: at, y1: top, y2: bottom, stroke: r.stroke};
            if (r.width !== 1) attributes["stroke-width"] = r.width;
            if (r.dash) attributes["stroke-dasharray"] = r.dash;
            layer.append(svgEl("line", attributes));
            if (r.label)
              layer.append(
                svgEl(
                  "text",
                  {x: at, y: top - 2, dy: "0.71em", "text-anchor": "middle", fill: INK, "font-size": 10},
                  r.label
                )
              );
          }
          const outside = a.histogram.below + a.histogram.above;
          figure.querySelector("figcaption")!.textContent =
            `${formatNumber(mc.n)} samples, seed ${mc.seed}: median ${formatMass(mc.medianKg, u)}, 90 % interval ${formatMass(mc.lowKg, u)} to ${formatMass(mc.highKg, u)}; blue rule: the scenario's point estimate. The histogram shows the central 99 % of the samples (${formatNumber(outside)} lie outside it).`;
        }
      }
    ]
  );
}

/** Patterson et al. 2021's correction of the NAS estimate, step by step, each step a link to its scenario. */
export function nasChart(store: SensitivityStore, inputs: Inputs, href: (query: string) => string): HTMLElement {
  const height = 300;
  const margin = {top: 20, right: 20, bottom: 40, left: 60};
  return layeredChart(
    store,
    "chart-nas",
    (a) => sc(a).units,
    (a) => {
      const u = sc(a).units;
      const steps = a.nas.map((s, k) => ({
        n: `${k + 1}. ${s.label}`,
        value: kgTo(s.co2eKg, u),
        prev: kgTo((a.nas[k - 1] ?? s).co2eKg, u),
        text: formatMass(s.co2eKg, u),
        href: href(stepQuery(s, inputs, u))
      }));
      const [lo, hi] = logDomain(steps.map((s) => s.value));
      const chart = Plot.plot({
        width: WIDTH,
        height,
        marginTop: margin.top,
        marginRight: margin.right,
        marginBottom: margin.bottom,
        marginLeft: margin.left,
        x: {domain: steps.map((s) => s.n), label: null, tickSize: 0},
        y: {
          type: "log",
          domain: [lo, hi],
          label: `↑ CO2e (${u}, log scale)`,
          grid: true,
          ticks: powersOfTen(lo, hi),
          tickFormat: (d: number) => formatSignificant(d, 1)
        },
        marks: [
          Plot.barY(steps, {
            x: "n",
            y1: "prev",
            y2: "value",
            fill: (d) => (d.value < d.prev ? "#7d93b2" : PAPER),
            href: "href",
            ariaLabel: (d) => `${d.n}: ${d.text}`
          }),
          Plot.tickY(steps, {x: "n", y: "value", stroke: INK, strokeWidth: 2}),
          Plot.text(steps, {x: "n", y: "value", text: "text", dy: -8, fontSize: 11, fill: INK, href: "href"})
        ]
      });
      return {
        figure: figure(
          chart,
          `Patterson et al. 2021's correction of the NAS estimate, CO2e in ${u}`,
          "Each bar is one step of the correction, from its previous value to its own; click a bar to open that step's scenario. The dashed rule is the NAS (P100) row under the scenario chosen above."
        ),
        chart
      };
    },
    [
      {
        key: (a) => `${a.nasHereKg}|${sc(a).units}`,
        draw: (a, {chart, layer}) => {
          const u = sc(a).units;
          const y = chart.scale("y")!;
          const [top, bottom] = [margin.top, height - margin.bottom];
          // A scenario beyond the chart's range is drawn at its edge; the label gives the value.
          const py = Math.min(bottom, Math.max(top, y.apply(kgTo(a.nasHereKg, u)) as number));
          layer.append(
            svgEl("line", {
              x1: margin.left,
              x2: WIDTH - margin.right,
              y1: py,
              y2: py,
              stroke: HERE,
              "stroke-dasharray": "4,3"
            }),
            svgEl(
              "text",
              {
                x: WIDTH - margin.right,
                y: py,
                dy: py - top < 14 ? "1.1em" : "-0.4em",
                "text-anchor": "end",
                fill: HERE,
                "font-size": 10
              },
              `this scenario, NAS (P100): ${formatMass(a.nasHereKg, u)}`
            )
          );
        }
      }
    ]
  );
}

/** The steps of the NAS correction as a list: what changes, the CO2e, Patterson's printed value, and a link. */
export function nasStepsList(store: SensitivityStore, inputs: Inputs, href: (query: string) => string): HTMLElement {
  return live(
    store,
    (a) => sc(a).units,
    (a) =>
      el(
        "ol",
        {class: "nas-steps"},
        ...a.nas.map((s) =>
          el(
            "li",
            {"data-step": s.id},
            el("strong", {}, s.label),
            `: ${s.change}. ${formatMass(s.co2eKg, sc(a).units)}`,
            s.printed
              ? ` (Patterson et al. print ${formatNumber(s.printed.value, s.printed.step < 1 ? 1 : 0)} ${s.printed.unit}, ${s.printed.locator}${s.printed.matches ? "; reproduced" : "; differs"})`
              : "",
            " — ",
            el("a", {href: href(stepQuery(s, inputs, sc(a).units))}, "open this step")
          )
        )
      ),
    {"data-live": "nas-steps"}
  );
}
