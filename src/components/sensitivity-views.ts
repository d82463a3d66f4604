// The live parts of the sensitivity page: tables, claims, charts and figures in prose. Each one follows the
// store and re-renders only when the parts of the analysis it shows have changed (its dependency key).
import * as Plot from "@observablehq/plot";
import {formatNumber, formatSignificant, formatUsd} from "../lib/format.js";
import {formatMass, formatMassValue, stepQuery, type Analysis} from "../lib/sensitivity.js";
import type {Inputs} from "../lib/types.js";
import {kgPerKwhTo, kgTo, lbsToKg, type MassUnit} from "../lib/units.js";
import {figure, logDomain} from "./charts.js";
import {el} from "./dom.js";
import type {SensitivityStore} from "./scenario-controls.js";

const INK = "#222";
const MUTED = "#6b6b6b";
const PAPER = "#d2541b";
const HERE = "#1f5fa8";

/**
 * A container that renders `render(analysis)` into itself whenever `key(analysis)` changes. Its
 * data-render-count attribute counts renders (the browser tests read it).
 */
export function live(
  store: SensitivityStore,
  key: (a: Analysis) => string,
  render: (a: Analysis) => Node | Node[] | string,
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
    box.replaceChildren(...(Array.isArray(out) ? out : [out]));
    // User Timing entries, one per render, read by bench/sensitivity.ts.
    if (attributes["data-live"]) performance.measure(`sensitivity:${attributes["data-live"]}`, {start});
    box.dataset.renderCount = String(++count);
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
  pue: (a: Analysis) => `${energyKey(a)}|${a.model.id}`,
  grids: (a: Analysis) => JSON.stringify(a.grids.map((g) => [g.id, g.kgPerKwh, g.selected])),
  tornado: (a: Analysis) => `${energyKey(a)}|${a.model.id}|${JSON.stringify(a.tornado.bars)}`,
  montecarlo: (a: Analysis) =>
    `${sc(a).units}|${a.monteCarlo.seed}|${a.monteCarlo.medianKg}|${a.monteCarlo.lowKg}|${a.modelKg}`,
  nas: energyKey
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

/** CO2e of each model against PUE: a line per model (CO2e is linear in PUE), the current PUE marked. */
export function pueChart(store: SensitivityStore, inputs: Inputs): HTMLElement {
  return live(
    store,
    KEYS.pue,
    (a) => {
      const u = sc(a).units;
      const lines = a.pueLines.flatMap((l) =>
        l.atPue.map((p) => ({model: l.label, pue: p.pue, value: kgTo(p.co2eKg, u)}))
      );
      const current = a.pueLines.map((l) => ({model: l.label, pue: sc(a).pue, value: kgTo(l.currentKg, u)}));
      const ends = a.pueLines.map((l) => ({model: l.label, value: kgTo(l.atPue[1].co2eKg, u), pue: l.atPue[1].pue}));
      const presets = inputs.puePresets.filter((p, k, all) => all.findIndex((q) => q.pue === p.pue) === k);
      const [lo, hi] = logDomain(lines.map((d) => d.value));
      const height = 300;
      const labelY = dodgeLog(
        ends.map((e) => e.value),
        lo,
        hi,
        height - 50,
        13
      );
      const chart = Plot.plot({
        width: WIDTH,
        height,
        marginLeft: 70,
        marginRight: 250,
        x: {domain: [lines[0].pue, lines[1].pue], label: "PUE →", grid: true},
        y: {
          type: "log",
          domain: [lo, hi],
          label: `↑ CO2e (${u}, log scale)`,
          grid: true,
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
          Plot.ruleX([sc(a).pue], {stroke: HERE, strokeWidth: 2}),
          Plot.dot(current, {
            x: "pue",
            y: "value",
            fill: "model",
            r: 4,
            tip: true,
            title: (d) => `${d.model}: ${formatSignificant(d.value, 3)} ${u} at PUE ${d.pue}`
          }),
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
      return figure(
        chart,
        `CO2e of each model against PUE, in ${u}`,
        `Each line is one model's CO2e at the scenario's carbon intensity as the PUE goes from ${lines[0].pue} to ${lines[1].pue}; the blue rule is the scenario's PUE (${sc(a).pue}), dashed rules the published presets.`
      );
    },
    {"data-live": "chart-pue", class: "chart-box"}
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
  return live(
    store,
    KEYS.nas,
    (a) => {
      const u = sc(a).units;
      const steps = a.nas.map((s, k) => ({
        n: `${k + 1}. ${s.label}`,
        value: kgTo(s.co2eKg, u),
        prev: kgTo((a.nas[k - 1] ?? s).co2eKg, u),
        text: formatMass(s.co2eKg, u),
        href: href(stepQuery(s, inputs, u))
      }));
      const here = kgTo(a.nasHereKg, u);
      const [lo, hi] = logDomain([...steps.map((s) => s.value), here]);
      const chart = Plot.plot({
        width: WIDTH,
        height: 300,
        marginLeft: 60,
        marginBottom: 40,
        x: {domain: steps.map((s) => s.n), label: null, tickSize: 0},
        y: {
          type: "log",
          domain: [lo, hi],
          label: `↑ CO2e (${u}, log scale)`,
          grid: true,
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
          Plot.text(steps, {x: "n", y: "value", text: "text", dy: -8, fontSize: 11, fill: INK, href: "href"}),
          Plot.ruleY([here], {stroke: HERE, strokeDasharray: "4,3"}),
          Plot.text([{x: steps[steps.length - 1].n, y: here}], {
            x: "x",
            y: "y",
            text: () => `this scenario, NAS (P100): ${formatMass(a.nasHereKg, u)}`,
            dy: -7,
            fontSize: 10,
            fill: HERE
          })
        ]
      });
      return figure(
        chart,
        `Patterson et al. 2021's correction of the NAS estimate, CO2e in ${u}`,
        `Each bar is one step of the correction, from its previous value to its own; click a bar to open that step's scenario. The dashed rule is the NAS (P100) row under the scenario chosen above.`
      );
    },
    {"data-live": "chart-nas", class: "chart-box"}
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
