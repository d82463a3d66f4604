import {tableModels, modelCo2eKg, type FocusModel} from "./focus.js";
import {histogram, monteCarloSpec, runMonteCarlo, type HistogramBin, type MonteCarloResult} from "./montecarlo.js";
import {nasCorrectionSteps, nasRuns, type NasStep} from "./nas-correction.js";
import {numberIn, param, parseParams, writeParams, type Param} from "./params.js";
import {MAX_SEED} from "./random.js";
import {buildReport, type Report} from "./report.js";
import type {Erratum} from "./errata.js";
import {
  CUSTOM_GRID,
  gridIds,
  gridKgPerKwh,
  PAPER_GRID,
  parseScenario,
  PUE_RANGE,
  paperKgPerKwh,
  SCENARIO_PARAMS,
  serializeScenario,
  type Scenario,
  type ScenarioNotice
} from "./scenario.js";
import {tornado, type Tornado} from "./tornado.js";
import type {Inputs} from "./types.js";
import {formatNumber, formatSignificant} from "./format.js";
import {kgTo, type MassUnit} from "./units.js";

/** The model the page focuses on unless the reader picks another: NAS on 8 P100, the paper's headline row. */
export const DEFAULT_MODEL = "nas_p100";

/** The Monte Carlo seed unless the reader picks another (any fixed whole number; 2019 is the paper's year). */
export const DEFAULT_SEED = 2019;

/**
 * Monte Carlo samples drawn on each change of the page: enough for a stable median and 90 % interval
 * (the 5th and 95th percentiles rest on 250 samples each) while redrawing within one frame. The CLI and
 * the benchmark draw 100,000.
 */
export const PAGE_SAMPLES = 5000;

/**
 * A mass given in kg, shown in a display unit with its unit: whole numbers from 1,000 up, three significant
 * digits below ("179,759 kg", "284 t", "3.22 t", "0.0118 t").
 */
export function formatMass(kg: number, unit: MassUnit): string {
  return `${formatMassValue(kg, unit)} ${unit}`;
}

/** The number of formatMass, without the unit (for table cells under a header that names it). */
export function formatMassValue(kg: number, unit: MassUnit): string {
  const value = kgTo(kg, unit);
  return Math.abs(value) >= 1000 ? formatNumber(value) : formatSignificant(value, 3);
}

/** Bins of the Monte Carlo histogram. */
export const HISTOGRAM_BINS = 30;

/** What the sensitivity page shows: a scenario, plus the model and seed of its uncertainty charts. */
export interface SensitivityView {
  scenario: Scenario;
  model: string;
  seed: number;
}

/** Page-only parameters, one entry each (see params.ts), read and written after the scenario's (SCENARIO_PARAMS). */
export const VIEW_PARAMS: readonly Param<SensitivityView>[] = [
  param<SensitivityView>({
    name: "model",
    help: "the model of the uncertainty charts",
    allowed: (i) =>
      `one of ${focusModels(i)
        .map((m) => m.id)
        .join(", ")}`,
    read: (t, i, v, reject) => void (v.model = focusModels(i).some((m) => m.id === t.trim()) ? t.trim() : reject()),
    write: (v) => v.model
  }),
  param<SensitivityView>({
    name: "seed",
    help: "the seed of the Monte Carlo run",
    allowed: () => `a whole number from 0 to ${MAX_SEED}`,
    read: (t, i, v, reject) =>
      void (v.seed = /^\s*[0-9]+\s*$/.test(t) ? numberIn(t, [0, MAX_SEED], reject, {integer: true}) : reject()),
    write: (v) => String(v.seed)
  })
];

/** Every model the page can focus on: Table 3 rows with a power, the LISA project, and the NAS correction's runs. */
export function focusModels(inputs: Inputs): FocusModel[] {
  const {proxy, tpu} = nasRuns(inputs);
  return [...tableModels(inputs), proxy, tpu];
}

export function defaultView(inputs: Inputs): SensitivityView {
  return {scenario: parseScenario([], inputs).scenario, model: DEFAULT_MODEL, seed: DEFAULT_SEED};
}

/**
 * Reads a view from a URL query: model and seed here, every other parameter by parseScenario (the one
 * parser the CLI uses too). Unknown or invalid parameters keep their default and yield a notice.
 */
export function parseView(
  query: string | URLSearchParams,
  inputs: Inputs
): {view: SensitivityView; notices: ScenarioNotice[]} {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const view = defaultView(inputs);
  const notices = parseParams(params.entries(), inputs, [
    {params: SCENARIO_PARAMS, into: view.scenario},
    {params: VIEW_PARAMS, into: view}
  ]);
  return {view, notices};
}

/** Writes a view as a query string: the scenario's parameters, then model and seed where not the default. */
export function serializeView(view: SensitivityView, inputs: Inputs): string {
  const params = new URLSearchParams(serializeScenario(view.scenario, inputs));
  return writeParams(VIEW_PARAMS, view, defaultView(inputs), params).toString();
}

/** The query that opens one step of the NAS correction on the page, in the reader's display unit if given. */
export function stepQuery(step: NasStep, inputs: Inputs, units: MassUnit = step.scenario.units): string {
  return serializeView({scenario: {...step.scenario, units}, model: step.model.id, seed: DEFAULT_SEED}, inputs);
}

/** Carbon intensity of one grid preset (or the reader's own mix or intensity) under the scenario's factors. */
export interface GridIntensity {
  id: string;
  label: string;
  kgPerKwh: number;
  /** "paper": the EPA factor; "mix": a Table 2 consumer; "custom"/"direct": the reader's own. */
  kind: "paper" | "mix" | "custom" | "direct";
  selected: boolean;
}

export function gridIntensities(inputs: Inputs, scenario: Scenario): GridIntensity[] {
  const selected = (id: string) => scenario.intensity == null && scenario.grid === id;
  const out: GridIntensity[] = gridIds(inputs)
    .filter((id) => id !== CUSTOM_GRID)
    .map((id) => ({
      id,
      label: id === PAPER_GRID ? "EPA 2018 (paper)" : inputs.grids.find((g) => g.id === id)!.consumer,
      kgPerKwh:
        id === PAPER_GRID ? paperKgPerKwh(inputs) : gridKgPerKwh(inputs, id, scenario.factors, scenario.unassigned),
      kind: id === PAPER_GRID ? "paper" : "mix",
      selected: selected(id)
    }));
  if (scenario.grid === CUSTOM_GRID && scenario.intensity == null) {
    out.push({
      id: CUSTOM_GRID,
      label: "Custom mix",
      kgPerKwh: gridKgPerKwh(inputs, CUSTOM_GRID, scenario.factors, scenario.unassigned, scenario.mix),
      kind: "custom",
      selected: true
    });
  }
  if (scenario.intensity != null) {
    out.push({id: "direct", label: "Direct intensity", kgPerKwh: scenario.intensity, kind: "direct", selected: true});
  }
  return out;
}

/**
 * The PUEs at which the page's PUE chart draws each model: the allowed range in steps of 0.1. CO2e is linear
 * in PUE, but the chart's CO2e axis is logarithmic, so a line drawn through the two ends alone would bend away
 * from the values between them.
 */
export const PUE_LINE_POINTS: readonly number[] = Array.from(
  {length: Math.round((PUE_RANGE[1] - PUE_RANGE[0]) * 10) + 1},
  (_, k) => Number((PUE_RANGE[0] + k / 10).toFixed(1))
);

/** One model's CO2e over the allowed PUE range (at PUE_LINE_POINTS), and at the scenario's PUE. */
export interface PueLine {
  model: string;
  label: string;
  atPue: Array<{pue: number; co2eKg: number}>;
  currentKg: number;
}

/** Everything the sensitivity page shows for one view; computed again on every change. */
export interface Analysis {
  view: SensitivityView;
  query: string;
  report: Report;
  model: FocusModel;
  modelKg: number;
  tornado: Tornado;
  monteCarlo: MonteCarloResult;
  histogram: {bins: HistogramBin[]; below: number; above: number};
  pueLines: PueLine[];
  grids: GridIntensity[];
  nas: NasStep[];
  /** The NAS (P100) row under this scenario, for the step chart. */
  nasHereKg: number;
  /** What the report, the Monte Carlo run and the tornado were computed from, to reuse them when unchanged. */
  cacheKeys: {scenario: string; monteCarlo: string; tornado: string};
}

/**
 * Computes the page's whole state for a view with the engine's functions. With `previous` (the analysis of
 * the view before), each part is reused when its own inputs are unchanged (the report, grids and PUE lines on a
 * change of seed or model; the Monte Carlo run and the tornado on a change of display unit or price), so the
 * result is the same as computing afresh.
 */
export function analyse(
  inputs: Inputs,
  view: SensitivityView,
  options: {samples?: number; known?: Erratum[]; nas?: NasStep[]; previous?: Analysis} = {}
): Analysis {
  const prev = options.previous;
  // The whole scenario: the report echoes it, display unit included.
  const scenarioKey = JSON.stringify(view.scenario);
  const sameScenario = prev !== undefined && prev.cacheKeys.scenario === scenarioKey;
  const report = sameScenario ? prev.report : buildReport(inputs, view.scenario, options.known);
  const models = focusModels(inputs);
  const model = models.find((m) => m.id === view.model) ?? models.find((m) => m.id === DEFAULT_MODEL)!;
  const pue = view.scenario.pue;
  const kgPerKwh = report.scenario.intensity_kg_per_kwh;
  const spec = monteCarloSpec(inputs, view.scenario, model);
  const samples = options.samples ?? PAGE_SAMPLES;
  const mcKey = JSON.stringify([spec, samples, view.seed]);
  let monteCarlo: MonteCarloResult;
  let bins: Analysis["histogram"];
  if (prev && prev.cacheKeys.monteCarlo === mcKey) {
    monteCarlo = prev.monteCarlo;
    bins = prev.histogram;
  } else {
    monteCarlo = runMonteCarlo(spec, samples, view.seed, prev?.monteCarlo);
    // The histogram spans the central 99 % of the samples; the rest are counted beside it.
    const [lo, hi] = monteCarlo.central99Kg;
    bins = histogram(monteCarlo.samples, HISTOGRAM_BINS, lo, hi > lo ? hi : lo + 1);
  }
  const tornadoKey = JSON.stringify([{...view.scenario, units: null, usdPerKwh: null}, model.id]);
  const lines = tableModels(inputs);
  if (!lines.some((m) => m.id === model.id)) lines.push(model);
  const sameLines = sameScenario && prev.pueLines.map((l) => l.model).join() === lines.map((m) => m.id).join();
  const nas = options.nas ?? nasCorrectionSteps(inputs);
  return {
    view,
    query: serializeView(view, inputs),
    report,
    model,
    modelKg: modelCo2eKg(model, pue, kgPerKwh),
    tornado: prev && prev.cacheKeys.tornado === tornadoKey ? prev.tornado : tornado(inputs, view.scenario, model),
    monteCarlo,
    histogram: bins,
    pueLines: sameLines
      ? prev.pueLines
      : lines.map((m) => ({
          model: m.id,
          label: m.label,
          atPue: PUE_LINE_POINTS.map((p) => ({pue: p, co2eKg: modelCo2eKg(m, p, kgPerKwh)})),
          currentKg: modelCo2eKg(m, pue, kgPerKwh)
        })),
    grids: sameScenario ? prev.grids : gridIntensities(inputs, view.scenario),
    nas,
    nasHereKg: modelCo2eKg(nas[0].model, pue, kgPerKwh),
    cacheKeys: {scenario: scenarioKey, monteCarlo: mcKey, tornado: tornadoKey}
  };
}
