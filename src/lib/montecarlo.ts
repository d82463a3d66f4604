import {modelCo2eKg, type FocusModel} from "./focus.js";
import {
  categoryFactors,
  CATEGORY_SOURCES,
  intensityFromMix,
  MIX_CATEGORIES,
  mixOf,
  type Mix,
  type Unassigned
} from "./mix.js";
import {nasInput, NAS_RUN} from "./nas-correction.js";
import {fillUniform, randomState, triangularIn} from "./random.js";
import {CUSTOM_GRID, PAPER_GRID, resolveScenario, type Scenario} from "./scenario.js";
import type {EmissionFactor, Inputs} from "./types.js";

/** A range of a quantity: triangular when a mode is given, uniform otherwise. */
export interface Range {
  min: number;
  max: number;
  mode?: number;
}

/** The factor sets that give IPCC AR5's lifecycle range per source (WG III Annex III, Table A.III.2). */
export const IPCC_RANGE_SETS = {min: "ipcc-ar5-min", mode: "ipcc-ar5-median", max: "ipcc-ar5-max"} as const;

/** The energy sources whose factors the mixes use, in the order they are drawn. */
export const SAMPLED_SOURCES: readonly string[] = [...new Set(Object.values(CATEGORY_SOURCES).flat())];

/** How the carbon intensity of a sample is obtained. */
export type IntensityModel =
  {kind: "fixed"; kgPerKwh: number} | {kind: "mix"; mix: Mix; unassigned: Unassigned; gPerKwh: Record<string, Range>};

/** Everything one Monte Carlo run samples: the model's power and hours, and ranges of PUE, power and intensity. */
export interface MonteCarloSpec {
  model: FocusModel;
  /** Multiplier of the model's measured power. */
  powerScale: Range;
  pue: Range;
  intensity: IntensityModel;
}

/** The plausible ranges of the assumptions, each from data/ rows. */
export interface AssumptionRanges {
  /** Lowest and highest published PUE of data/pue_presets.csv. */
  pue: {min: number; max: number};
  /**
   * Power as measured (×1) up to Patterson et al. 2021's measured P100 power over the per-P100 power that
   * Strubell's NAS row implies (its total power over its 8 P100).
   */
  powerScale: {min: number; max: number};
}

export function assumptionRanges(inputs: Inputs): AssumptionRanges {
  const pues = inputs.puePresets.map((p) => p.pue);
  const nas = inputs.runs.find((r) => r.id === NAS_RUN);
  if (!nas || nas.powerW == null) throw new Error(`the power range needs training run "${NAS_RUN}" with its power`);
  const perGpuW = nas.powerW / nas.accelerators;
  return {
    pue: {min: Math.min(...pues), max: Math.max(...pues)},
    powerScale: {min: 1, max: nasInput(inputs, "p100_measured_w") / perGpuW}
  };
}

/** IPCC AR5's minimum, median and maximum of each sampled source, g CO2e/kWh. */
export function sourceRanges(factors: readonly EmissionFactor[]): Record<string, Range> {
  const get = (set: string, source: string) => {
    const f = factors.find((x) => x.set === set && x.energySource === source);
    if (!f) throw new Error(`factor set "${set}" has no "${source}" factor (data/emission_factors.csv)`);
    return f.gPerKwh;
  };
  return Object.fromEntries(
    SAMPLED_SOURCES.map((source) => [
      source,
      {
        min: get(IPCC_RANGE_SETS.min, source),
        mode: get(IPCC_RANGE_SETS.mode, source),
        max: get(IPCC_RANGE_SETS.max, source)
      }
    ])
  );
}

/**
 * The Monte Carlo set-up around a scenario: PUE triangular from the lowest to the highest published PUE with
 * the scenario's PUE most likely; power uniform over its range when it was measured on stand-in hardware
 * (held as measured otherwise); and, when the intensity comes from a mix
 * (a Table 2 consumer, a custom mix, or the US mix that the EPA factor stands for), each source's factor
 * triangular over IPCC AR5's minimum, median and maximum. A direct intensity is held fixed.
 */
export function monteCarloSpec(inputs: Inputs, scenario: Scenario, model: FocusModel): MonteCarloSpec {
  const ranges = assumptionRanges(inputs);
  const pue = {
    min: Math.min(ranges.pue.min, scenario.pue),
    mode: scenario.pue,
    max: Math.max(ranges.pue.max, scenario.pue)
  };
  let intensity: IntensityModel;
  if (scenario.intensity != null) {
    intensity = {kind: "fixed", kgPerKwh: resolveScenario(inputs, scenario).kgPerKwh};
  } else {
    const gridId = scenario.grid === PAPER_GRID ? "us" : scenario.grid;
    const row = inputs.grids.find((g) => g.id === gridId);
    const mix = scenario.grid === CUSTOM_GRID ? scenario.mix : row ? mixOf(row) : null;
    if (!mix) throw new Error(`no mix for grid "${scenario.grid}"`);
    intensity = {kind: "mix", mix, unassigned: scenario.unassigned, gPerKwh: sourceRanges(inputs.factors)};
  }
  // Power measured on the hardware that ran the model (Patterson's TPU v2 chips) is held as measured.
  const powerScale = model.powerFromProxy ? {...ranges.powerScale} : {min: 1, max: 1};
  return {model, powerScale, pue, intensity};
}

/** The random draws of a run, one column per sampled quantity (factor columns only for a mix). */
export interface Draws {
  n: number;
  seed: number;
  /** The range each column was drawn from, in column order (power, PUE, then each source of a mix). */
  ranges: Range[];
  /** The seeded stream the columns were drawn from: sample i, column c is uniforms[i · columns + c]. */
  uniforms: Float64Array;
  powerScale: Float64Array;
  pue: Float64Array;
  /** g CO2e/kWh per source, in SAMPLED_SOURCES order. */
  gPerKwh: Float64Array[];
}

/** A range prepared for drawing: the inverse CDF of its uniform or triangular distribution, precomputed. */
interface Inverse {
  min: number;
  max: number;
  width: number;
  /** Probability below the mode (−1 for uniform). */
  split: number;
  lowArea: number;
  highArea: number;
}

function inverse(range: Range): Inverse {
  const {min, max} = range;
  if (!(min <= max)) throw new Error(`range needs min ≤ max, got ${min}, ${max}`);
  const width = max - min;
  if (range.mode === undefined) return {min, max, width, split: -1, lowArea: 0, highArea: 0};
  // Checks the range once; triangularIn is the reference the inlined arithmetic below is tested against.
  triangularIn(0.5, min, range.mode, max);
  const split = width === 0 ? 0 : (range.mode - min) / width;
  return {min, max, width, split, lowArea: width * (range.mode - min), highArea: width * (max - range.mode)};
}

/** Fills a column with uniformIn / triangularIn of every k-th uniform from offset c, without re-checking the range. */
function drawColumn(f: Inverse, uniforms: Float64Array, k: number, c: number, column: Float64Array): Float64Array {
  const {min, max, width, split, lowArea, highArea} = f;
  const n = column.length;
  if (split < 0) {
    for (let i = 0; i < n; i++) column[i] = min + uniforms[i * k + c] * width;
  } else if (width === 0) {
    column.fill(min);
  } else {
    for (let i = 0; i < n; i++) {
      const u = uniforms[i * k + c];
      column[i] = u < split ? min + Math.sqrt(u * lowArea) : max - Math.sqrt((1 - u) * highArea);
    }
  }
  return column;
}

/** The range of each column drawn, in order: power, PUE, then each source of a mix. */
function columnRanges(spec: MonteCarloSpec): Range[] {
  const mix = spec.intensity.kind === "mix" ? spec.intensity : null;
  return [spec.powerScale, spec.pue, ...(mix ? SAMPLED_SOURCES.map((s) => mix.gPerKwh[s]) : [])];
}

const sameRange = (a: Range, b: Range) => a.min === b.min && a.max === b.max && a.mode === b.mode;

/**
 * Draws n samples from a seeded stream. Sample i takes its numbers in a fixed order (power, PUE, then each
 * source), so the first k samples are the same whatever n is. With `previous` draws of the same seed, size
 * and columns, the stream is reused and so is every column whose range is unchanged: the result is the same
 * as drawing afresh (a change of PUE redraws only the PUE column).
 */
export function drawSamples(spec: MonteCarloSpec, n: number, seed: number, previous?: Draws): Draws {
  if (!Number.isInteger(n) || n < 1) throw new Error(`samples ${n} is not allowed: a whole number ≥ 1`);
  const ranges = columnRanges(spec);
  const k = ranges.length;
  const reuse = previous && previous.n === n && previous.seed === seed && previous.ranges.length === k;
  const uniforms = reuse ? previous.uniforms : fillUniform(randomState(seed), new Float64Array(n * k));
  const before = reuse ? [previous.powerScale, previous.pue, ...previous.gPerKwh] : [];
  const columns = ranges.map((r, c) =>
    reuse && sameRange(previous.ranges[c], r) ? before[c] : drawColumn(inverse(r), uniforms, k, c, new Float64Array(n))
  );
  return {n, seed, ranges, uniforms, powerScale: columns[0], pue: columns[1], gPerKwh: columns.slice(2)};
}

/**
 * CO2e in kg of sample i, computed by the engine's own functions: the sampled factors become a factor set
 * (categoryFactors), the mix an intensity (intensityFromMix), and the model's CO2e follows equations 1 and 2
 * (modelCo2eKg). The reference that simulateCo2eKg is tested against.
 */
export function sampleCo2eKg(spec: MonteCarloSpec, draws: Draws, i: number): number {
  const model = {...spec.model, watts: spec.model.watts * draws.powerScale[i]};
  let kgPerKwh: number;
  if (spec.intensity.kind === "fixed") {
    kgPerKwh = spec.intensity.kgPerKwh;
  } else {
    const set: EmissionFactor[] = SAMPLED_SOURCES.map((source, k) => ({
      set: "sample",
      energySource: source,
      gPerKwh: draws.gPerKwh[k][i],
      source: "Monte Carlo draw",
      locator: ""
    }));
    kgPerKwh = intensityFromMix(spec.intensity.mix, categoryFactors(set, "sample"), spec.intensity.unassigned);
  }
  return modelCo2eKg(model, draws.pue[i], kgPerKwh);
}

/**
 * The vectorised twin of sampleCo2eKg: the same arithmetic (category factor = mean of its sources; mix
 * intensity with the unassigned share renormalised or given its factor; CO2e = pue · hours · watts / 1000 ·
 * kg/kWh) over whole columns, with no allocation per sample. test/montecarlo.test.ts checks it equal to
 * sampleCo2eKg, sample by sample.
 */
export function simulateCo2eKg(spec: MonteCarloSpec, draws: Draws): Float64Array {
  const {n} = draws;
  const out = new Float64Array(n);
  const kwhPerPue = (spec.model.watts * spec.model.hours) / 1000;
  if (spec.intensity.kind === "fixed") {
    const kg = spec.intensity.kgPerKwh;
    for (let i = 0; i < n; i++) out[i] = draws.pue[i] * kwhPerPue * draws.powerScale[i] * kg;
    return out;
  }
  const {mix, unassigned} = spec.intensity;
  const assigned = MIX_CATEGORIES.reduce((sum, c) => sum + mix[c], 0);
  if (assigned <= 0) throw new Error("a mix needs a positive share for at least one source");
  // Per category: the columns of its sources and the weight (share / number of sources) each gets.
  const terms = MIX_CATEGORIES.flatMap((c) =>
    CATEGORY_SOURCES[c].map((source) => ({
      column: draws.gPerKwh[SAMPLED_SOURCES.indexOf(source)],
      weight: mix[c] / CATEGORY_SOURCES[c].length
    }))
  );
  const extraG = unassigned === "renormalise" ? 0 : Math.max(0, 100 - assigned) * unassigned.gPerKwh;
  const divisor = (unassigned === "renormalise" ? assigned : Math.max(100, assigned)) * 1000;
  for (let i = 0; i < n; i++) {
    let weighted = extraG;
    for (let t = 0; t < terms.length; t++) weighted += terms[t].weight * terms[t].column[i];
    out[i] = draws.pue[i] * kwhPerPue * draws.powerScale[i] * (weighted / divisor);
  }
  return out;
}

/** The q-quantile of sorted values, linear between order statistics (as d3.quantileSorted, R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Rearranges a[left..right] so that a[k] holds the value it would hold if that range were sorted, with no
 * greater value before it and no smaller one after it (Hoare's selection, in Wirth's formulation).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let l = left;
  let r = right;
  while (l < r) {
    const pivot = a[k];
    let i = l;
    let j = r;
    do {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
}

/**
 * The q-quantiles of values in any order, each exactly quantileSorted of the sorted values, found by
 * selecting only the order statistics they need instead of sorting (values is not modified).
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  const a = Float64Array.from(values);
  const at = (q: number) => (n - 1) * Math.min(1, Math.max(0, q));
  const needed = [...new Set(qs.flatMap((q) => [Math.floor(at(q)), Math.min(n - 1, Math.floor(at(q)) + 1)]))];
  // Selected in ascending order: after selecting k, every order statistic above k lies in a[k..n-1].
  let left = 0;
  for (const k of needed.sort((x, y) => x - y)) {
    select(a, k, left, n - 1);
    left = k;
  }
  // a[lo] and a[lo + 1] now hold the order statistics each quantile reads, as in the sorted values.
  return qs.map((q) => quantileSorted(a, q));
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/** Counts values into `bins` equal bins over [lo, hi]; values outside are counted in `below` and `above`. */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  lo: number,
  hi: number
): {bins: HistogramBin[]; below: number; above: number} {
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) below++;
    else if (v > hi) above++;
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return {bins: counts.map((count, k) => ({x0: lo + k * width, x1: lo + (k + 1) * width, count})), below, above};
}

export interface MonteCarloResult {
  n: number;
  seed: number;
  /** CO2e of each sample in kg, in the order drawn. */
  samples: Float64Array;
  /** The draws behind the samples, for a later run to reuse (see drawSamples). */
  draws: Draws;
  medianKg: number;
  /** 5th and 95th percentiles: the central 90 % interval. */
  lowKg: number;
  highKg: number;
  /** 0.5th and 99.5th percentiles: the central 99 %, the span of the page's histogram. */
  central99Kg: [number, number];
  meanKg: number;
}

/**
 * Runs n seeded samples of a spec and summarises them: median, central 90 % and 99 % intervals, mean. With a
 * `previous` run, its draws are reused where they are the same (see drawSamples).
 */
export function runMonteCarlo(
  spec: MonteCarloSpec,
  n: number,
  seed: number,
  previous?: MonteCarloResult
): MonteCarloResult {
  const draws = drawSamples(spec, n, seed, previous?.draws);
  const samples = simulateCo2eKg(spec, draws);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i];
  const [q005, lowKg, medianKg, highKg, q995] = quantiles(samples, [0.005, 0.05, 0.5, 0.95, 0.995]);
  return {n, seed, samples, draws, medianKg, lowKg, highKg, central99Kg: [q005, q995], meanKg: sum / n};
}
