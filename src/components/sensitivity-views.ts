// The live parts of the sensitivity page: tables, claims, charts and figures in prose. Each one follows the
// store and re-renders only when the parts of the analysis it shows have changed (its dependency key).
import * as Plot from "@observablehq/plot";
import {formatNumber, formatSignificant, formatUsd} from "../lib/format.js";
import {formatMass, formatMassValue, stepQuery, type Analysis} from "../lib/sensitivity.js";
import type {Inputs} from "../lib/types.js";
import {kgPerKwhTo, kgTo, lbsToKg, type MassUnit} from "../lib/units.js";
import {plotAria} from "./a11y.js";
import {figure, logDomain} from "./charts.js";
import {el} from "./dom.js";
import type {SensitivityStore} from "./scenario-controls.js";

const INK = "#222";
const MUTED = "#6b6b6b";
const PAPER = "#d2541b";
const HERE = "#1f5fa8";

/**
 * Makes `target` show what `source` shows, touching only what differs: where both trees have the same elements
 * in the same places, attributes and text are updated in place; any other subtree is replaced. Updating a table
 * or a chart of unchanged shape this way spares the browser from styling and laying out new elements.
 */
export function patch(target: Node, source: Node): void {
  if (target.nodeType === Node.TEXT_NODE && source.nodeType === Node.TEXT_NODE) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
    return;
  }
  if (
    target.nodeType !== Node.ELEMENT_NODE ||
    source.nodeType !== Node.ELEMENT_NODE ||
    (target as Element).tagName !== (source as Element).tagName ||
    (target as Element).namespaceURI !== (source as Element).namespaceURI ||
    target.childNodes.length !== source.childNodes.length
  ) {
    target.parentNode!.replaceChild(source, target);
    return;
  }
  // Indexed loops over the live lists: spreading them into arrays cost more than the comparisons themselves.
  const t = target as Element;
  const s = source as Element;
  const ta = t.attributes;
  const sa = s.attributes;
  for (let k = ta.length - 1; k >= 0; k--) {
    const name = ta[k].name;
    if (!s.hasAttribute(name)) t.removeAttribute(name);
  }
  for (let k = 0; k < sa.length; k++) {
    const a = sa[k];
    if (t.getAttribute(a.name) !== a.value) t.setAttribute(a.name, a.value);
  }
  // Each source child is captured before patching, which may move it into the target.
  let tChild: ChildNode | null = t.firstChild;
  let sChild: ChildNode | null = s.firstChild;
  while (tChild && sChild) {
    const tNext = tChild.nextSibling;
    const sNext = sChild.nextSibling;
    patch(tChild, sChild);
    tChild = tNext;
    sChild = sNext;
  }
}

/**
 * A container that renders `render(analysis)` into itself whenever `key(analysis)` changes, patched into the
 * previous rendering (see patch). Its data-render-count attribute counts renders.
 */
export function live(
  store: SensitivityStore,
  key: (a: Analysis) => string,
  render: (a: Analysis) => Node,
  attributes: Record<string, string> = {}
): HTMLElement {
  const box = el("div", attributes);
  let last: string | null = null;
  let count = 0;
  store.subscribe((a) => {
    const k = key(a);
    if (k === last) return;
    last = k;
    const start = performance.now();
    const out = render(a);
    // Plot puts a <style> element in every chart; inserting one makes the browser restyle the whole page.
    // The same rules are in src/styles/sensitivity.css (.chart-box svg), so each chart's own is dropped.
    if (out instanceof Element) {
      for (const style of out.querySelectorAll("svg > style")) style.remove();
      plotAria(out);
    }
    if (box.firstChild) patch(box.firstChild, out);
    else box.replaceChildren(out);
    box.dataset.renderCount = String(++count);
    // User Timing entries, one per render, read by bench/sensitivity.ts.
    if (attributes["data-live"]) performance.measure(`sensitivity:${attributes["data-live"]}`, {start});
  });
  return box;
}

/** A figure in running text that follows the scenario. */
export function liveText(store: SensitivityStore, text: (a: Analysis) => string): HTMLElement {
  const span = el("span", {class: "live"});
  store.subscribe((a) => {
    const t = text(a);
    if (span.textContent !== t) span.textContent = t;
  });
  return span;
}

// Dependency keys: the parts of a view each element shows.
const sc = (a: Analysis) => a.view.scenario;
const energyKey = (a: Analysis) => `${sc(a).pue}|${a.report.scenario.intensity_kg_per_kwh}|${sc(a).units}`;
export const KEYS = {
  table1: energyKey,
  table3: energyKey,
  table4: (a: Analysis) => `${energyKey(a)}|${sc(a).usdPerKwh}`,
  claims: energyKey,
  grids: (a: Analysis) => JSON.stringify(a.grids.map((g) => [g.id, g.kgPerKwh, g.selected])),
  tornado: (a: Analysis) => `${energyKey(a)}|${a.model.id}|${JSON.stringify(a.tornado.bars)}`,
  montecarlo: (a: Analysis) => `${a.cacheKeys.monteCarlo}|${sc(a).units}|${a.modelKg}`
};

const ratio = (recomputed: number | null, printed: number | null) =>
  recomputed == null || printed == null || printed === 0 ? "—" : `×${formatNumber(recomputed / printed, 3)}`;

const massCell = (kg: number | null, unit: MassUnit) => (kg == null ? "—" : formatMassValue(kg, unit));

function table(
  id: string,
  caption: string,
  headers: string[],
  rows: Array<Array<string | {text: string; class: string}>>
): HTMLTableElement {
  return el(
    "table",
    {class: "report-table sensitivity-table", "data-table": id},
    el("caption", {}, caption),
    el(
      "thead",
      {},
      el("tr", {}, ...headers.map((h, k) => el("th", {scope: "col", class: k === 0 ? "text" : "num"}, h)))
    ),
    el(
      "tbody",
      {},
      ...rows.map((r) =>
        el(
          "tr",
          {},
          ...r.map((c, k) =>
            typeof c === "string"
              ? el("td", {class: k === 0 ? "text" : "num"}, c)
              : el("td", {class: `${k === 0 ? "text" : "num"} ${c.class}`}, c.text)
          )
        )
      )
    )
  );
}

/** Table 1, 3 or 4 recomputed under the scenario, the paper's printed values beside them, and the ratio. */
export function scenarioTable(store: SensitivityStore, id: "table1" | "table3" | "table4"): HTMLElement {
  return live(
    store,
    KEYS[id],
    (a) => {
      const u = sc(a).units;
      const printedMass = (lbs: number | null) => (lbs == null ? null : lbsToKg(lbs));
      if (id === "table1") {
        return table(
          id,
          `Table 1 under this scenario, in ${u}; the paper's values (printed in lbs) converted to ${u}.`,
          ["Consumption", `CO2e (${u})`, `Paper (${u})`, "Ratio"],
          a.report.table1.map((r) => {
            const paperKg = r.kind === "training" ? printedMass(r.published.co2e_lbs) : r.co2e_kg;
            return [
              r.label,
              massCell(r.co2e_kg, u),
              massCell(paperKg, u),
              r.kind === "training" ? ratio(r.co2e_kg, paperKg) : {text: "reference", class: "muted"}
            ];
          })
        );
      }
      if (id === "table3") {
        return table(
          id,
          `Table 3 under this scenario: energy (kWh, PUE included) and CO2e in ${u}, the paper's values and the ratio of CO2e. TPU rows have no published power.`,
          ["Model", "Hardware", "kWh·PUE", "Paper kWh·PUE", `CO2e (${u})`, `Paper (${u})`, "Ratio"],
          a.report.table3.map((r) => {
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
        );
      }
      return table(
        id,
        `Table 4 under this scenario: energy, CO2e in ${u} and electricity cost, the paper's electricity cost and the ratio.`,
        ["Models", "Hours", "kWh·PUE", `CO2e (${u})`, "Electricity", "Paper electricity", "Ratio"],
        a.report.table4.map((r) => [
          formatNumber(r.models),
          formatNumber(r.hours),
          formatNumber(r.kwh),
          massCell(r.co2e_kg, u),
          formatUsd(r.electricity_usd),
          formatUsd(r.published.electricity_usd),
          ratio(r.electricity_usd, r.published.electricity_usd)
        ])
      );
    },
    {class: "scroll-box", "data-live": id}
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

const SVG_NS = "http://www.w3.org/2000/svg";

/** The powers of ten from lo to hi: the ticks of a log axis without its minor ticks (fewer nodes to lay out). */
export function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(10 ** e);
  return out;
}

/** An SVG element with attributes and, optionally, text (set with textContent). */
function svgEl(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

type PlotChart = ReturnType<typeof Plot.plot>;

/** A drawn chart: its figure, its Plot chart (for the scales), and a layer over the marks for the overlay. */
interface Drawn {
  figure: HTMLElement;
  chart: PlotChart;
  layer: SVGGElement;
}

/**
 * A chart in two parts: a Plot chart re-rendered when `baseKey` changes, and an overlay (drawn with the chart's
 * own scales) redrawn when `overlayKey` changes, so that moving, say, the PUE moves a rule instead of
 * rendering the chart again.
 */
function layeredChart(
  store: SensitivityStore,
  name: string,
  baseKey: (a: Analysis) => string,
  renderBase: (a: Analysis) => {figure: HTMLElement; chart: PlotChart},
  overlayKey: (a: Analysis) => string,
  drawOverlay: (a: Analysis, drawn: Drawn) => void
): HTMLElement {
  const box = el("div", {"data-live": name, class: "chart-box"});
  let lastBase: string | null = null;
  let lastOverlay: string | null = null;
  let drawn: Drawn | null = null;
  let count = 0;
  store.subscribe((a) => {
    const b = baseKey(a);
    const o = overlayKey(a);
    if (b === lastBase && o === lastOverlay) return;
    const start = performance.now();
    if (b !== lastBase || !drawn) {
      const {figure, chart} = renderBase(a);
      for (const style of chart.querySelectorAll("svg > style")) style.remove(); // see live()
      plotAria(chart);
      // The new rendering is patched into the one shown (see patch), then the overlay layer goes on top.
      const layer = drawn?.layer ?? (svgEl("g", {class: "overlay"}) as SVGGElement);
      layer.remove();
      if (box.firstChild) patch(box.firstChild, figure);
      else box.append(figure);
      box.querySelector("svg")!.append(layer);
      drawn = {figure: box.firstElementChild as HTMLElement, chart, layer};
    }
    drawn.layer.replaceChildren();
    drawOverlay(a, drawn);
    lastBase = b;
    lastOverlay = o;
    box.dataset.renderCount = String(++count);
    performance.measure(`sensitivity:${name}`, {start});
  });
  return box;
}

/** CO2e of each model against PUE: a line per model (CO2e is linear in PUE), the current PUE marked. */
export function pueChart(store: SensitivityStore, inputs: Inputs): HTMLElement {
  const height = 300;
  const margin = {top: 20, right: 250, bottom: 30, left: 70};
  let caption: HTMLElement | null = null;
  return layeredChart(
    store,
    "chart-pue",
    (a) => `${a.report.scenario.intensity_kg_per_kwh}|${sc(a).units}|${a.model.id}`,
    (a) => {
      const u = sc(a).units;
      const lines = a.pueLines.flatMap((l) =>
        l.atPue.map((p) => ({model: l.label, pue: p.pue, value: kgTo(p.co2eKg, u)}))
      );
      const ends = a.pueLines.map((l) => ({model: l.label, value: kgTo(l.atPue[1].co2eKg, u), pue: l.atPue[1].pue}));
      const presets = inputs.puePresets.filter((p, k, all) => all.findIndex((q) => q.pue === p.pue) === k);
      const [lo, hi] = logDomain(lines.map((d) => d.value));
      const labelY = dodgeLog(
        ends.map((e) => e.value),
        lo,
        hi,
        height - margin.top - margin.bottom,
        13
      );
      const chart = Plot.plot({
        width: WIDTH,
        height,
        marginTop: margin.top,
        marginRight: margin.right,
        marginBottom: margin.bottom,
        marginLeft: margin.left,
        x: {domain: [lines[0].pue, lines[1].pue], label: "PUE →", grid: true},
        y: {
          type: "log",
          domain: [lo, hi],
          label: `↑ CO2e (${u}, log scale)`,
          grid: true,
          ticks: powersOfTen(lo, hi),
          tickFormat: (d: number) => formatSignificant(d, 1)
        },
        color: {type: "categorical", scheme: "tableau10"},
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
          }),
          Plot.line(lines, {x: "pue", y: "value", stroke: "model", z: "model"}),
          Plot.text(ends, {
            x: "pue",
            y: (_: unknown, k: number) => labelY[k],
            text: "model",
            dx: 6,
            textAnchor: "start",
            fill: "model",
            fontSize: 11
          })
        ]
      });
      caption = el("figcaption", {});
      const figure = el(
        "figure",
        {class: "chart", "aria-label": `CO2e of each model against PUE, in ${u}`},
        chart,
        caption
      );
      return {figure, chart};
    },
    (a) => `${sc(a).pue}`,
    (a, {chart, layer}) => {
      const u = sc(a).units;
      const x = chart.scale("x")!;
      const y = chart.scale("y")!;
      const color = chart.scale("color")!;
      const px = x.apply(sc(a).pue) as number;
      layer.append(
        svgEl("line", {x1: px, x2: px, y1: margin.top, y2: height - margin.bottom, stroke: HERE, "stroke-width": 2})
      );
      for (const l of a.pueLines) {
        const value = kgTo(l.currentKg, u);
        const dot = svgEl("circle", {cx: px, cy: y.apply(value) as number, r: 4, fill: color.apply(l.label) as string});
        dot.append(svgEl("title", {}, `${l.label}: ${formatSignificant(value, 3)} ${u} at PUE ${sc(a).pue}`));
        layer.append(dot);
      }
      caption!.textContent = `Each line is one model's CO2e at the scenario's carbon intensity as the PUE goes from ${a.pueLines[0].atPue[0].pue} to ${a.pueLines[0].atPue[1].pue}; the blue rule and dots are the scenario's PUE (${sc(a).pue}), dashed rules the published presets.`;
    }
  );
}

/** Carbon intensity of each grid preset; the paper's EPA factor marked, the US mix beside it. */
export function intensityChart(store: SensitivityStore): HTMLElement {
  return live(
    store,
    KEYS.grids,
    (a) => {
      const data = a.grids.map((g) => ({...g, g: kgPerKwhTo(g.kgPerKwh, "g")}));
      const paper = data.find((d) => d.kind === "paper")!;
      const order = [
        paper.label,
        ...data.filter((d) => d.id === "us").map((d) => d.label),
        ...data.filter((d) => d.kind !== "paper" && d.id !== "us").map((d) => d.label)
      ];
      const chart = Plot.plot({
        width: WIDTH,
        height: 40 + 28 * data.length,
        marginLeft: 150,
        marginRight: 60,
        x: {label: "g CO2e per kWh →", grid: true, nice: true},
        y: {domain: order, label: null},
        marks: [
          Plot.barX(data, {
            y: "label",
            x: "g",
            fill: (d) => (d.kind === "paper" ? PAPER : d.selected ? HERE : "#9aa7b8"),
            stroke: (d) => (d.selected ? INK : "none"),
            strokeWidth: 1.5
          }),
          Plot.ruleX([paper.g], {stroke: PAPER, strokeDasharray: "4,3"}),
          Plot.text(data, {
            y: "label",
            x: "g",
            text: (d) => formatNumber(d.g),
            dx: 4,
            textAnchor: "start",
            fill: INK,
            fontSize: 11
          }),
          Plot.ruleX([0])
        ]
      });
      const unassigned = sc(a).unassigned;
      return figure(
        chart,
        "Carbon intensity of each grid preset, g CO2e per kWh",
        `Bars are Table 2's mixes under the ${sc(a).factors} factors (unassigned share: ${unassigned === "renormalise" ? "renormalised" : `${unassigned.gPerKwh} g/kWh`}); the orange bar and dashed rule are the paper's EPA factor, with the United States mix it stands for beside it. The scenario's choice is outlined.`
      );
    },
    {"data-live": "chart-grids", class: "chart-box"}
  );
}

/** How far each assumption's plausible range moves the chosen model's CO2e. */
export function tornadoChart(store: SensitivityStore): HTMLElement {
  return live(
    store,
    KEYS.tornado,
    (a) => {
      const u = sc(a).units;
      const bars = a.tornado.bars.map((b) => ({
        label: b.label,
        low: kgTo(b.low.co2eKg, u),
        high: kgTo(b.high.co2eKg, u),
        lowText: b.note ? "" : b.low.value,
        highText: b.note ? "" : b.high.value,
        note: b.note ?? ""
      }));
      const base = kgTo(a.tornado.baseKg, u);
      const hi = Math.max(...bars.map((b) => b.high), base);
      const lo = Math.min(...bars.map((b) => b.low), base);
      const chart = Plot.plot({
        width: WIDTH,
        height: 40 + 36 * bars.length,
        marginLeft: 140,
        marginRight: 20,
        x: {
          label: `CO2e (${u}) →`,
          grid: true,
          domain: [Math.max(0, lo - (hi - lo) * 0.6), hi + (hi - lo) * 0.6],
          nice: true
        },
        y: {domain: bars.map((b) => b.label), label: null},
        marks: [
          Plot.barX(bars, {y: "label", x1: "low", x2: "high", fill: "#7d93b2"}),
          Plot.ruleX([base], {stroke: HERE, strokeWidth: 2}),
          Plot.text(bars, {y: "label", x: "low", text: "lowText", dx: -4, textAnchor: "end", fontSize: 10, fill: INK}),
          Plot.text(bars, {
            y: "label",
            x: "high",
            text: "highText",
            dx: 4,
            textAnchor: "start",
            fontSize: 10,
            fill: INK
          })
        ]
      });
      return figure(
        chart,
        `Tornado chart for ${a.model.label}, CO2e in ${u}`,
        `Each bar moves one assumption across its plausible range with the others held at the scenario; the blue rule is the scenario's ${formatMass(a.tornado.baseKg, u)}.`
      );
    },
    {"data-live": "chart-tornado", class: "chart-box"}
  );
}

/** The Monte Carlo distribution of the chosen model's CO2e: histogram, median and 90 % interval. */
export function monteCarloChart(store: SensitivityStore): HTMLElement {
  return live(
    store,
    KEYS.montecarlo,
    (a) => {
      const u = sc(a).units;
      const mc = a.monteCarlo;
      const bins = a.histogram.bins.map((b) => ({x1: kgTo(b.x0, u), x2: kgTo(b.x1, u), count: b.count}));
      const marks = [
        {x: kgTo(mc.lowKg, u), label: "5 %", dash: "4,3"},
        {x: kgTo(mc.medianKg, u), label: "median", dash: null},
        {x: kgTo(mc.highKg, u), label: "95 %", dash: "4,3"}
      ];
      const chart = Plot.plot({
        width: WIDTH,
        height: 240,
        marginLeft: 50,
        x: {label: `CO2e (${u}) →`},
        y: {label: "↑ samples", grid: true},
        marks: [
          Plot.rectY(bins, {x1: "x1", x2: "x2", y: "count", fill: "#9aa7b8", insetLeft: 0.5, insetRight: 0.5}),
          Plot.ruleX(marks, {x: "x", stroke: INK, strokeDasharray: "dash"}),
          Plot.text(marks, {x: "x", text: "label", frameAnchor: "top", dy: -2, fontSize: 10, fill: INK}),
          Plot.ruleX([kgTo(a.modelKg, u)], {stroke: HERE, strokeWidth: 2}),
          Plot.ruleY([0])
        ]
      });
      const outside = a.histogram.below + a.histogram.above;
      return figure(
        chart,
        `Monte Carlo distribution of ${a.model.label}'s CO2e, ${u}`,
        `${formatNumber(mc.n)} samples, seed ${mc.seed}: median ${formatMass(mc.medianKg, u)}, 90 % interval ${formatMass(mc.lowKg, u)} to ${formatMass(mc.highKg, u)}; blue rule: the scenario's point estimate. The histogram shows the central 99 % of the samples (${formatNumber(outside)} lie outside it).`
      );
    },
    {"data-live": "chart-montecarlo", class: "chart-box"}
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
    (a) => `${a.nasHereKg}|${sc(a).units}`,
    (a, {chart, layer}) => {
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
