// The sensitivity page's tables and charts. Each is a plain function of data (no state): the page calls them
// in cells, and the charts as `resize((width) => chart(data, {width}))`, so Framework re-runs them when the
// scenario changes. Every chart is Plot marks only, in a figure (src/components/figure.ts): title, unit,
// source, downloads and the data as a table.
import * as Plot from "@observablehq/plot";
import {bin} from "d3-array";
import {formatNumber, formatSignificant, formatUsd} from "../lib/present/format.js";
import type {MonteCarloResult, MonteCarloSpec} from "../lib/uncertainty/montecarlo.js";
import type {NasStep} from "../lib/later/nas-correction.js";
import type {Report} from "../lib/paper/report.js";
import type {GridIntensity, PueLine} from "../lib/uncertainty/sensitivity.js";
import type {Tornado} from "../lib/uncertainty/tornado.js";
import type {Inputs, PuePreset, UncertaintyRow} from "../lib/inputs/types.js";
import {ASSUMPTION_LABELS, ASSUMPTIONS, type UncertaintySummary} from "../lib/uncertainty/uncertainty.js";
import {kgPerKwhTo, kgTo, lbsToKg, type MassUnit} from "../lib/formulas/units.js";
import {logDomain} from "./log-domain.js";
import {el} from "./dom.js";
import {figure} from "./figure.js";
import {formatMass, formatMassValue, HISTOGRAM_BINS} from "./sensitivity-model.js";

const INK = "#222";
const MUTED = "#6b6b6b";
const PAPER = "#d2541b";
const HERE = "#1f5fa8";
const BAR = "#7d93b2";

/** Below this width (px) charts put row labels above their rows and shorten their margins. */
const NARROW = 560;

const ratio = (recomputed: number | null, printed: number | null) =>
  recomputed == null || printed == null || printed === 0 ? "—" : `×${formatNumber(recomputed / printed, 3)}`;
const massCell = (kg: number | null, unit: MassUnit) => (kg == null ? "—" : formatMassValue(kg, unit));

/** A table cell: its text, with an extra class for a muted note. */
type Cell = string | {text: string; class: string};

function table(id: string, caption: string, headers: string[], rows: Cell[][]): HTMLElement {
  const cls = (c: Cell, k: number) => `${k === 0 ? "text" : "num"}${typeof c === "string" ? "" : ` ${c.class}`}`;
  return el(
    "div",
    {class: "scroll-box", "data-live": id},
    el(
      "table",
      {class: "report-table sensitivity-table", "data-table": id},
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, ...headers.map((h, k) => el("th", {scope: "col", class: cls(h, k)}, h)))),
      el(
        "tbody",
        {},
        ...rows.map((r) =>
          el("tr", {}, ...r.map((c, k) => el("td", {class: cls(c, k)}, typeof c === "string" ? c : c.text)))
        )
      )
    )
  );
}

/** Table 1, 3 or 4 recomputed under the report's scenario, the paper's printed values beside them, and the ratio. */
export function scenarioTable(report: Report, id: "table1" | "table3" | "table4"): HTMLElement {
  const u = report.scenario.units;
  const printedMass = (lbs: number | null) => (lbs == null ? null : lbsToKg(lbs));
  if (id === "table1") {
    return table(
      id,
      `Table 1 under this scenario, in ${u}; the paper's values (printed in lbs) converted to ${u}.`,
      ["Consumption", `CO2e (${u})`, `Paper (${u})`, "Ratio"],
      report.table1.map((r) => {
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
      report.table3.map((r) => {
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
    report.table4.map((r) => [
      formatNumber(r.models),
      formatNumber(r.hours),
      formatNumber(r.kwh),
      massCell(r.co2e_kg, u),
      formatUsd(r.electricity_usd),
      formatUsd(r.published.electricity_usd),
      ratio(r.electricity_usd, r.published.electricity_usd)
    ])
  );
}

/** The press claims, each re-evaluated under the report's scenario. */
export function claimsView(report: Report): HTMLElement {
  const u = report.scenario.units;
  return el(
    "div",
    {class: "claims", "data-live": "claims"},
    ...report.claims.map((c) =>
      el(
        "figure",
        {class: "claim", "data-claim": c.id},
        el("blockquote", {}, `“${c.quote}”`),
        el(
          "figcaption",
          {},
          "Under this scenario: ",
          el("strong", {}, formatMass(lbsToKg(c.co2eLbs), u)),
          c.ratio == null
            ? null
            : ` = ${formatNumber(c.ratio, 2)} × “${c.referenceLabel}” (${formatMass(lbsToKg(c.referenceLbs!), u)})`
        )
      )
    )
  );
}

/** The distributions of the Monte Carlo, each with what it applies to, its range about the scenario and source. */
export function distributionsTable(inputs: Inputs, spec: MonteCarloSpec): HTMLElement {
  const row = (id: string) => inputs.uncertainty.find((u: UncertaintyRow) => u.assumption === id)!;
  const power = row(spec.model.powerFromProxy ? "power_stand_in" : "power_measured");
  const fmt = (x: number) => formatSignificant(x, 3);
  const cite = (r: UncertaintyRow) => `${r.source}, ${r.locator}`;
  const range = (r: {min: number; mode: number; max: number}) => `${fmt(r.min)} – ${fmt(r.mode)} – ${fmt(r.max)}`;
  const mix = spec.intensity.kind === "mix" ? spec.intensity : null;
  const intensity = mix
    ? [
        "Carbon intensity",
        `each source's factor triangular from the IPCC AR5 minimum to the maximum set, most likely at this scenario's (${["coal", "gas", "hydropower"].map((k) => `${k} ${range(mix.gPerKwh[k])} g`).join(", ")})${mix.scale !== 1 ? "; the EPA factor spread as the US mix it stands for" : ""}`,
        cite(row("emission_factors"))
      ]
    : ["Carbon intensity", "held as given (a direct intensity has no mix to vary)", "—"];
  return table(
    "distributions",
    "The Monte Carlo's distributions, each about this scenario's own value, with the source of its width (data/uncertainty.csv).",
    ["Assumption", "Distribution about this scenario", "Source of the width"],
    [
      [
        "PUE",
        spec.pue.min === spec.pue.max
          ? "held: a PUE of 1 has no overhead to vary"
          : `triangular ${fmt(spec.pue.min)} – ${fmt(spec.pue.mode)} – ${fmt(spec.pue.max)} (overhead ×${row("pue").min} to ×${row("pue").max})`,
        cite(row("pue"))
      ],
      [
        "Power draw",
        `triangular ×${power.min} – ×${power.mode} – ×${power.max} of the model's power (${power.appliesTo})`,
        cite(power)
      ],
      intensity
    ]
  );
}

/** The first-order sensitivity indices: the share of the Monte Carlo's variance each assumption explains alone. */
export function indicesTable(summary: UncertaintySummary): HTMLElement {
  return table(
    "indices",
    `First-order sensitivity indices from the same ${formatNumber(summary.samples)} samples: the share of the variance of CO2e that each assumption explains alone (binned conditional variance).`,
    ["Assumption", "Share of variance", "Note"],
    ASSUMPTIONS.map((a) => {
      const held = summary.held.find((h) => h.assumption === a);
      return [
        ASSUMPTION_LABELS[a],
        `${formatNumber(summary.indices[a] * 100, 1)} %`,
        held ? {text: held.reason, class: "muted"} : ""
      ];
    })
  );
}

/** What every chart of the page takes besides its data: the width (Framework's resize) and the scenario's query. */
export interface ChartOptions {
  width: number;
  /** The view as a query string, named in the download file names. */
  query?: string;
}

/**
 * CO2e of each model against PUE at the scenario's carbon intensity: a line per model (sampled every 0.1 PUE,
 * so it follows the log axis), a dot on each at the scenario's PUE, dashed rules at the published presets.
 */
export function pueChart(
  data: {lines: PueLine[]; pue: number; units: MassUnit; presets: PuePreset[]},
  {width, query}: ChartOptions
): HTMLElement {
  const u = data.units;
  const points = data.lines.flatMap((l) =>
    l.atPue.map((p) => ({label: l.label, pue: p.pue, value: kgTo(p.co2eKg, u)}))
  );
  const dots = data.lines.map((l) => ({label: l.label, pue: data.pue, value: kgTo(l.currentKg, u)}));
  const presets = data.presets.filter((p, k, all) => all.findIndex((q) => q.pue === p.pue) === k);
  const [lo, hi] = logDomain(points.map((p) => p.value));
  return figure({
    title: "CO2e of each model against PUE",
    subtitle: `${u} CO2e, log scale, at this scenario's carbon intensity`,
    source:
      "Strubell, Ganesh & McCallum (2019), Table 3 and equations 1 and 2, recomputed; PUE presets from data/pue_presets.v2.csv",
    note: `The blue rule and dots are the scenario's PUE (${data.pue}), dashed rules the published presets.`,
    filename: "sensitivity-pue",
    query,
    data: points.map((p) => ({model: p.label, pue: p.pue, co2e: p.value})),
    columns: [
      {key: "model", label: "Model"},
      {key: "pue", label: "PUE"},
      {key: "co2e", label: `CO2e (${u})`}
    ],
    width,
    chart: (w) =>
      Plot.plot({
        width: w,
        height: (w ?? 640) < NARROW ? 320 : 360,
        marginLeft: 50,
        x: {domain: [points[0].pue, points.at(-1)!.pue], label: "PUE →", grid: true},
        y: {type: "log", domain: [lo, hi], label: `↑ CO2e (${u})`, grid: true, tickFormat: "~s", ticks: 5},
        color: {legend: true, type: "categorical", scheme: "tableau10"},
        marks: [
          Plot.ruleX(presets, {x: "pue", stroke: MUTED, strokeDasharray: "3,3"}),
          Plot.ruleX([data.pue], {stroke: HERE, strokeWidth: 2}),
          Plot.lineY(points, {x: "pue", y: "value", stroke: "label", strokeWidth: 1.5}),
          Plot.dot(dots, {
            x: "pue",
            y: "value",
            fill: "label",
            r: 4,
            title: (d) => `${d.label}: ${formatSignificant(d.value, 3)} ${u} at PUE ${d.pue}`
          })
        ]
      })
  });
}

/** Carbon intensity of each grid preset under the scenario's factors; the paper's EPA factor marked. */
export function gridChart(
  data: {grids: GridIntensity[]; factors: string; unassigned: string},
  {width, query}: ChartOptions
): HTMLElement {
  const rows = data.grids.map((g) => ({...g, g: kgPerKwhTo(g.kgPerKwh, "g")}));
  const paper = rows.find((d) => d.kind === "paper")!;
  const order = [
    paper,
    ...rows.filter((d) => d.id === "us"),
    ...rows.filter((d) => d.kind !== "paper" && d.id !== "us")
  ];
  return figure({
    title: "Carbon intensity of each grid",
    subtitle: "g CO2e per kWh",
    source: `Strubell, Ganesh & McCallum (2019), Table 2 (mixes), under the ${data.factors} factors (data/emission_factors.v2.csv); the EPA factor from §2${rows.some((d) => d.kind === "country") ? "; the country's yearly average from Ember's yearly electricity data, CC BY 4.0 (data/country_grids.v1.csv)" : ""}`,
    note: `Unassigned share: ${data.unassigned}. The orange bar and dashed rule are the paper's EPA factor, with the United States mix it stands for beside it; the scenario's choice is outlined.`,
    filename: "sensitivity-grids",
    query,
    data: order.map((d) => ({grid: d.label, g_per_kwh: d.g, chosen: d.selected ? "yes" : ""})),
    columns: [
      {key: "grid", label: "Grid"},
      {key: "g_per_kwh", label: "g CO2e per kWh"},
      {key: "chosen", label: "This scenario"}
    ],
    width,
    chart: (w) => {
      const narrow = (w ?? 640) < NARROW;
      return Plot.plot({
        width: w,
        height: 30 + (narrow ? 44 : 28) * order.length,
        marginLeft: narrow ? 16 : 150,
        marginRight: 45,
        x: {label: "g CO2e per kWh →", grid: true},
        y: {domain: order.map((d) => d.label), label: null, axis: narrow ? null : "left"},
        marks: [
          Plot.barX(rows, {
            x: "g",
            y: "label",
            fill: (d) => (d.kind === "paper" ? PAPER : d.selected ? HERE : "#9aa7b8"),
            stroke: (d) => (d.selected ? INK : null),
            insetTop: narrow ? 16 : 2,
            title: (d) => `${d.label}: ${formatNumber(d.g)} g CO2e/kWh`
          }),
          Plot.ruleX([paper.g], {stroke: PAPER, strokeDasharray: "4,3"}),
          Plot.ruleX([0]),
          Plot.text(rows, {
            x: "g",
            y: "label",
            text: (d) => formatNumber(d.g),
            dx: 4,
            textAnchor: "start",
            dy: narrow ? 8 : 0,
            fill: INK
          }),
          narrow
            ? Plot.text(rows, {y: "label", text: "label", frameAnchor: "left", dy: -8, textAnchor: "start", fill: INK})
            : null
        ]
      });
    }
  });
}

/**
 * How far each assumption's range moves the model's CO2e with the others at the scenario: one bar per
 * assumption that moves it, the values at its ends, the scenario's value as a rule. Assumptions that do not
 * move it are named in the note with their reason, never drawn as an empty row.
 */
export function tornadoChart(data: {tornado: Tornado; units: MassUnit}, {width, query}: ChartOptions): HTMLElement {
  const u = data.units;
  const t = data.tornado;
  const bars = t.bars.map((b) => ({
    label: b.label,
    low: kgTo(b.low.co2eKg, u),
    high: kgTo(b.high.co2eKg, u),
    lowText: b.low.value,
    highText: b.high.value
  }));
  const base = kgTo(t.baseKg, u);
  const lo = Math.min(base, ...bars.map((b) => b.low));
  const hi = Math.max(base, ...bars.map((b) => b.high));
  const pad = (hi - lo || hi) * 0.45;
  const held = t.held.map((h) => `${h.label}: ${h.reason}`).join("; ");
  return figure({
    title: `Which assumption matters most for ${t.model.label}?`,
    subtitle: `CO2e in ${u}; each bar moves one assumption across its range, the others held at this scenario`,
    source:
      "data/uncertainty.csv (PUE and power ranges), Strubell, Ganesh & McCallum (2019) Table 2 (grids), data/emission_factors.v2.csv (factor sets)",
    note: `The blue rule is the scenario's ${formatMass(t.baseKg, u)}.${held ? ` Not drawn, because they do not move the CO2e here: ${held}.` : ""}`,
    filename: "sensitivity-tornado",
    query,
    data: bars.map((b) => ({
      assumption: b.label,
      low: b.lowText,
      low_co2e: b.low,
      high: b.highText,
      high_co2e: b.high
    })),
    columns: [
      {key: "assumption", label: "Assumption"},
      {key: "low", label: "Low end"},
      {key: "low_co2e", label: `CO2e (${u}) at the low end`},
      {key: "high", label: "High end"},
      {key: "high_co2e", label: `CO2e (${u}) at the high end`}
    ],
    width,
    chart: (w) => {
      const narrow = (w ?? 640) < NARROW;
      return Plot.plot({
        width: w,
        height: 40 + (narrow ? 58 : 40) * Math.max(1, bars.length),
        marginLeft: narrow ? 16 : 140,
        marginRight: narrow ? 16 : 10,
        x: {
          label: `CO2e (${u}) →`,
          grid: true,
          domain: [Math.max(0, lo - pad), hi + pad],
          tickFormat: "~s",
          ticks: narrow ? 4 : 8
        },
        y: {domain: bars.map((b) => b.label), label: null, axis: narrow ? null : "left"},
        marks: [
          Plot.barX(bars, {x1: "low", x2: "high", y: "label", fill: BAR, insetTop: narrow ? 20 : 4, insetBottom: 4}),
          Plot.ruleX([base], {stroke: HERE, strokeWidth: 2}),
          // On a phone the ends' values join the row's label above the bar, so no text runs off the chart.
          narrow
            ? Plot.text(bars, {
                y: "label",
                text: (d) => `${d.label}: ${d.lowText} to ${d.highText}`,
                frameAnchor: "left",
                dy: -12,
                textAnchor: "start",
                fill: INK,
                fontWeight: 600
              })
            : [
                Plot.text(bars, {x: "low", y: "label", text: "lowText", dx: -4, textAnchor: "end", fill: INK}),
                Plot.text(bars, {x: "high", y: "label", text: "highText", dx: 4, textAnchor: "start", fill: INK})
              ]
        ]
      });
    }
  });
}

/**
 * The Monte Carlo distribution of the model's CO2e: a histogram (d3.bin) of the samples' central 99 % drawn
 * with Plot's rectY, rules at the 5th percentile, the median and the 95th percentile, the scenario's point
 * estimate, and the paper's printed figure where the model has one and it falls in view.
 */
export function monteCarloChart(
  data: {summary: UncertaintySummary & {run: MonteCarloResult}; label: string; units: MassUnit},
  {width, query}: ChartOptions
): HTMLElement {
  const u = data.units;
  const s = data.summary;
  const [lo, hi] = s.run.central99Kg.map((kg) => kgTo(kg, u));
  const values = Array.from(s.run.samples, (kg) => kgTo(kg, u));
  const bins = bin()
    .domain([lo, hi > lo ? hi : lo + 1])
    .thresholds(HISTOGRAM_BINS)(values)
    .map((b) => ({from: b.x0!, to: b.x1!, samples: b.length}));
  const rules = [
    {x: kgTo(s.p05_kg, u), label: "5 %", stroke: INK, dash: "4,3"},
    {x: kgTo(s.median_kg, u), label: "median", stroke: INK, dash: null},
    {x: kgTo(s.p95_kg, u), label: "95 %", stroke: INK, dash: "4,3"},
    {x: kgTo(s.point_kg, u), label: "point", stroke: HERE, dash: null}
  ];
  const xs = [lo, hi, ...rules.map((r) => r.x)];
  const paper = s.paper_kg == null ? null : kgTo(s.paper_kg, u);
  const paperShown = paper != null && paper >= Math.min(...xs) && paper <= Math.max(...xs);
  const outside = values.length - bins.reduce((n, b) => n + b.samples, 0);
  return figure({
    title: `Monte Carlo distribution of ${data.label}'s CO2e`,
    subtitle: `${u} CO2e; ${formatNumber(s.samples)} samples, seed ${s.seed}`,
    source:
      "distributions from data/uncertainty.csv about this scenario; CO2e by equations 1 and 2 of Strubell, Ganesh & McCallum (2019)",
    note: `Median ${formatMass(s.median_kg, u)}, 90 % interval ${formatMass(s.p05_kg, u)} to ${formatMass(s.p95_kg, u)}; blue rule: the scenario's point estimate (${formatMass(s.point_kg, u)})${paperShown ? "; orange rule: the paper's printed figure" : ""}. The histogram shows the central 99 % of the samples (${formatNumber(outside)} lie outside it).`,
    filename: "sensitivity-montecarlo",
    query,
    data: bins,
    columns: [
      {key: "from", label: `From (${u})`},
      {key: "to", label: `To (${u})`},
      {key: "samples", label: "Samples"}
    ],
    width,
    chart: (w) =>
      Plot.plot({
        width: w,
        height: 260,
        marginLeft: 45,
        marginRight: 20,
        x: {
          label: `CO2e (${u}) →`,
          domain: [Math.min(...xs), Math.max(...xs)],
          nice: true,
          tickFormat: "~s",
          ticks: (w ?? 640) < NARROW ? 4 : 8
        },
        y: {label: "↑ samples", grid: true},
        marks: [
          Plot.rectY(bins, {x1: "from", x2: "to", y: "samples", fill: "#9aa7b8", insetLeft: 0.5, insetRight: 0.5}),
          Plot.ruleY([0]),
          Plot.ruleX(rules, {
            x: "x",
            stroke: "stroke",
            strokeDasharray: "dash",
            strokeWidth: (d) => (d.stroke === HERE ? 2 : 1)
          }),
          Plot.text(rules.slice(0, 3), {x: "x", text: "label", frameAnchor: "top", dy: -2, fill: INK}),
          paperShown ? Plot.ruleX([paper], {stroke: PAPER, strokeWidth: 2, strokeDasharray: "2,2"}) : null
        ]
      })
  });
}

/** Patterson et al. 2021's correction of the NAS estimate, step by step, each bar a link to its scenario. */
export function nasChart(
  data: {steps: NasStep[]; hereKg: number; units: MassUnit; href: (step: NasStep) => string},
  {width, query}: ChartOptions
): HTMLElement {
  const u = data.units;
  const steps = data.steps.map((s, k) => ({
    n: `${k + 1}. ${s.label}`,
    value: kgTo(s.co2eKg, u),
    prev: kgTo((data.steps[k - 1] ?? s).co2eKg, u),
    text: formatMass(s.co2eKg, u),
    href: data.href(s)
  }));
  const here = kgTo(data.hereKg, u);
  const [lo, hi] = logDomain([...steps.map((s) => s.value), here]);
  return figure({
    title: "Patterson et al. 2021's correction of the NAS estimate",
    subtitle: `${u} CO2e, log scale`,
    source: "Patterson et al. (2021), Appendix C–D and Table 4 (data/nas_correction.v2.csv)",
    note: `Each bar is one step, from its previous value to its own; click a bar to open that step's scenario. The dashed rule is the NAS (P100) row under the scenario chosen above (${formatMass(data.hereKg, u)}).`,
    filename: "sensitivity-nas-correction",
    query,
    data: steps.map((s) => ({step: s.n, co2e: s.value})),
    columns: [
      {key: "step", label: "Step"},
      {key: "co2e", label: `CO2e (${u})`}
    ],
    width,
    chart: (w) => {
      const narrow = (w ?? 640) < NARROW;
      return Plot.plot({
        width: w,
        height: 40 + (narrow ? 56 : 40) * steps.length,
        marginLeft: narrow ? 16 : 150,
        marginRight: narrow ? 16 : 20,
        // Room on the right for the values written after the bars (on a phone they go above them instead).
        x: {
          type: "log",
          domain: [lo, narrow ? hi : hi * 10],
          label: `CO2e (${u}, log scale) →`,
          grid: true,
          tickFormat: "~s"
        },
        y: {domain: steps.map((s) => s.n), label: null, axis: narrow ? null : "left"},
        marks: [
          Plot.barX(steps, {
            y: "n",
            x1: "prev",
            x2: "value",
            fill: (d) => (d.value < d.prev ? BAR : PAPER),
            insetTop: narrow ? 20 : 4,
            href: "href",
            ariaLabel: (d) => `${d.n}: ${d.text}`
          }),
          Plot.tickX(steps, {y: "n", x: "value", stroke: INK, strokeWidth: 2, insetTop: narrow ? 20 : 4}),
          narrow
            ? Plot.text(steps, {
                y: "n",
                text: (d) => `${d.n}: ${d.text}`,
                frameAnchor: "left",
                dy: -12,
                textAnchor: "start",
                fill: INK,
                fontWeight: 600,
                href: "href"
              })
            : Plot.text(steps, {y: "n", x: "value", text: "text", dx: 4, textAnchor: "start", fill: INK, href: "href"}),
          Plot.ruleX([here], {stroke: HERE, strokeDasharray: "4,3"})
        ]
      });
    }
  });
}

/** The steps of the NAS correction as a list: what changes, the CO2e, Patterson's printed value, and a link. */
export function nasStepsList(steps: NasStep[], units: MassUnit, href: (step: NasStep) => string): HTMLElement {
  return el(
    "ol",
    {class: "nas-steps", "data-live": "nas-steps"},
    ...steps.map((s) =>
      el(
        "li",
        {"data-step": s.id},
        el("strong", {}, s.label),
        `: ${s.change}. ${formatMass(s.co2eKg, units)}`,
        s.printed
          ? ` (Patterson et al. print ${formatNumber(s.printed.value, s.printed.step < 1 ? 1 : 0)} ${s.printed.unit}, ${s.printed.locator}${s.printed.matches ? "; reproduced" : "; differs"})`
          : "",
        " — ",
        el("a", {href: href(s)}, "open this step")
      )
    )
  );
}
