import {mean, quantileSorted, sum} from "d3-array";
import {modelCo2eKg, type FocusModel} from "./focus.js";
import {
  categoryFactors,
  CATEGORY_SOURCES,
  intensityFromMix,
  MIX_CATEGORIES,
  mixOf,
  type Mix,
  type Unassigned
} from "../scenario/mix.js";
import {fillUniform, randomState, triangularIn} from "./random.js";
import {CUSTOM_GRID, PAPER_GRID, paperKgPerKwh, resolveScenario, type Scenario} from "../scenario/scenario.js";
import {isCountryGridId} from "../scenario/country-grids.js";
import type {EmissionFactor, Inputs, UncertaintyRow} from "../inputs/types.js";

/** A triangular range of a quantity: lowest, most likely and highest value. */
export interface Range {
  min: number;
  mode: number;
  max: number;
}

/** The factor sets whose values bound each source's factor (IPCC AR5 WG III Annex III, Table A.III.2). */
export const RANGE_SETS = {min: "ipcc-ar5-min", max: "ipcc-ar5-max"} as const;

/** The assumptions of data/uncertainty.csv given as multipliers of the value the reader chose. */
export const NUMERIC_ASSUMPTIONS = ["pue", "power_stand_in", "power_measured"] as const;
/** The assumption of data/uncertainty.csv whose bounds are factor sets (RANGE_SETS). */
export const SET_ASSUMPTION = "emission_factors";

/** The energy sources whose factors the mixes use, in the order they are drawn. */
export const SAMPLED_SOURCES: readonly string[] = [...new Set(Object.values(CATEGORY_SOURCES).flat())];

/** The row of data/uncertainty.csv for an assumption. */
export function uncertaintyRow(inputs: Inputs, assumption: string): UncertaintyRow {
  const row = inputs.uncertainty.find((u) => u.assumption === assumption);
  if (!row) throw new Error(`data/uncertainty.csv has no "${assumption}" row`);
  return row;
}

/** How the carbon intensity of a sample is obtained. */
export type IntensityModel =
  | {
      kind: "fixed";
      kgPerKwh: number;
      /** "country": a country grid's yearly average; else a direct intensity. */ source?: "country";
    }
  | {
      kind: "mix";
      mix: Mix;
      unassigned: Unassigned;
      /** Each sampled source's factor, g CO2e/kWh, most likely at the scenario's own factor. */
      gPerKwh: Record<string, Range>;
      /**
       * Multiplier of the mix's intensity: 1 for a mix; for the paper's EPA factor, the EPA factor over the US
       * mix's intensity at the scenario's factors, so that the draws spread the EPA factor as they spread the
       * US mix it stands for.
       */
      scale: number;
    };

/** Everything one Monte Carlo run samples, each range about the value of the reader's scenario. */
export interface MonteCarloSpec {
  model: FocusModel;
  /** Multiplier of the model's power. */
  powerScale: Range;
  pue: Range;
  intensity: IntensityModel;
}

/** The power range of a model: stand-in hardware (both ways) or measured on the hardware that ran it. */
export function powerRange(inputs: Inputs, model: FocusModel): Range {
  const row = uncertaintyRow(inputs, model.powerFromProxy ? "power_stand_in" : "power_measured");
  return {min: row.min!, mode: row.mode!, max: row.max!};
}

/** The PUE range about a PUE: its overhead (PUE − 1) multiplied by the spread of data/uncertainty.csv's row. */
export function pueRange(inputs: Inputs, pue: number): Range {
  const row = uncertaintyRow(inputs, "pue");
  const overhead = pue - 1;
  return {min: 1 + overhead * row.min!, mode: pue, max: 1 + overhead * row.max!};
}

/** Each sampled source's range: from the minimum set to the maximum set, most likely at the given factor. */
export function sourceRanges(
  factors: readonly EmissionFactor[],
  chosen: Record<string, number>
): Record<string, Range> {
  const get = (set: string, source: string) => {
    const f = factors.find((x) => x.set === set && x.energySource === source);
    if (!f) throw new Error(`factor set "${set}" has no "${source}" factor`);
    return f.gPerKwh;
  };
  return Object.fromEntries(
    SAMPLED_SOURCES.map((source) => {
      const mode = chosen[source];
      return [
        source,
        {min: Math.min(get(RANGE_SETS.min, source), mode), mode, max: Math.max(get(RANGE_SETS.max, source), mode)}
      ];
    })
  );
}

/** The scenario's factor of each sampled source (its set, with the reader's per-source overrides). */
export function chosenSourceFactors(inputs: Inputs, scenario: Scenario): Record<string, number> {
  return Object.fromEntries(
    SAMPLED_SOURCES.map((source) => {
      const override = scenario.factorOverrides?.[source];
      if (override != null) return [source, override];
      const f = inputs.factors.find((x) => x.set === scenario.factors && x.energySource === source);
      if (!f) throw new Error(`factor set "${scenario.factors}" has no "${source}" factor`);
      return [source, f.gPerKwh];
    })
  );
}

/**
 * The Monte Carlo set-up about a scenario, each distribution triangular with its mode at the reader's value
 * and its width from data/uncertainty.csv: PUE's overhead, the model's power, and each source's emission
 * factor when the intensity comes from a mix (a Table 2 consumer, a custom mix, or the paper's EPA factor
 * through the US mix it stands for). A direct intensity is held as given.
 */
export function monteCarloSpec(inputs: Inputs, scenario: Scenario, model: FocusModel): MonteCarloSpec {
  let intensity: IntensityModel;
  if (scenario.intensity != null || isCountryGridId(scenario.grid)) {
    // A direct intensity, or a country's yearly average (today's grids): no mix whose factors could vary.
    const kgPerKwh = resolveScenario(inputs, scenario).kgPerKwh;
    intensity = scenario.intensity == null ? {kind: "fixed", kgPerKwh, source: "country"} : {kind: "fixed", kgPerKwh};
  } else {
    const gridId = scenario.grid === PAPER_GRID ? "us" : scenario.grid;
    const row = inputs.grids.find((g) => g.id === gridId);
    const mix = scenario.grid === CUSTOM_GRID ? scenario.mix : row ? mixOf(row) : null;
    if (!mix) throw new Error(`no mix for grid "${scenario.grid}"`);
    const chosen = chosenSourceFactors(inputs, scenario);
    const point = intensityFromMix(
      mix,
      categoryFactors(inputs.factors, scenario.factors, scenario.factorOverrides),
      scenario.unassigned
    );
    intensity = {
      kind: "mix",
      mix,
      unassigned: scenario.unassigned,
      gPerKwh: sourceRanges(inputs.factors, chosen),
      scale: scenario.grid === PAPER_GRID ? paperKgPerKwh(inputs) / point : 1
    };
  }
  return {model, powerScale: powerRange(inputs, model), pue: pueRange(inputs, scenario.pue), intensity};
}

/** The random draws of a run, one column per sampled quantity (factor columns only for a mix). */
export interface Draws {
  n: number;
  seed: number;
  powerScale: Float64Array;
  pue: Float64Array;
  /** g CO2e/kWh per source, in SAMPLED_SOURCES order. */
  gPerKwh: Float64Array[];
}

/** Fills a column with triangularIn of every k-th uniform from offset c (the range checked once). */
function drawColumn(range: Range, uniforms: Float64Array, k: number, c: number, column: Float64Array): Float64Array {
  const {min, mode, max} = range;
  triangularIn(0.5, min, mode, max); // checks min ≤ mode ≤ max; the arithmetic below is the same, inlined
  const width = max - min;
  const n = column.length;
  if (width === 0) return column.fill(min);
  const split = (mode - min) / width;
  const lowArea = width * (mode - min);
  const highArea = width * (max - mode);
  for (let i = 0; i < n; i++) {
    const u = uniforms[i * k + c];
    column[i] = u < split ? min + Math.sqrt(u * lowArea) : max - Math.sqrt((1 - u) * highArea);
  }
  return column;
}

/**
 * Draws n samples from a seeded stream. Sample i takes its numbers in a fixed order (power, PUE, then each
 * source of a mix), so the first k samples are the same whatever n is.
 */
export function drawSamples(spec: MonteCarloSpec, n: number, seed: number): Draws {
  if (!Number.isInteger(n) || n < 1) throw new Error(`samples ${n} is not allowed: a whole number ≥ 1`);
  const mix = spec.intensity.kind === "mix" ? spec.intensity : null;
  const ranges = [spec.powerScale, spec.pue, ...(mix ? SAMPLED_SOURCES.map((s) => mix.gPerKwh[s]) : [])];
  const k = ranges.length;
  const uniforms = fillUniform(randomState(seed), new Float64Array(n * k));
  const columns = ranges.map((r, c) => drawColumn(r, uniforms, k, c, new Float64Array(n)));
  return {n, seed, powerScale: columns[0], pue: columns[1], gPerKwh: columns.slice(2)};
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
    kgPerKwh =
      spec.intensity.scale *
      intensityFromMix(spec.intensity.mix, categoryFactors(set, "sample"), spec.intensity.unassigned);
  }
  return modelCo2eKg(model, draws.pue[i], kgPerKwh);
}

/** The samples of a run: CO2e in kg, and the carbon intensity each was computed with. */
export interface Simulated {
  co2eKg: Float64Array;
  kgPerKwh: Float64Array;
}

/**
 * The vectorised twin of sampleCo2eKg: the same arithmetic (category factor = mean of its sources; mix
 * intensity with the unassigned share renormalised or given its factor, times the spec's scale; CO2e = pue ·
 * hours · watts / 1000 · kg/kWh) over whole columns. test/montecarlo.test.ts checks it equal to sampleCo2eKg.
 */
export function simulate(spec: MonteCarloSpec, draws: Draws): Simulated {
  const {n} = draws;
  const co2eKg = new Float64Array(n);
  const kgPerKwh = new Float64Array(n);
  const kwhPerPue = (spec.model.watts * spec.model.hours) / 1000;
  if (spec.intensity.kind === "fixed") {
    kgPerKwh.fill(spec.intensity.kgPerKwh);
  } else {
    const {mix, unassigned, scale} = spec.intensity;
    const assigned = sum(MIX_CATEGORIES, (c) => mix[c]);
    if (assigned <= 0) throw new Error("a mix needs a positive share for at least one source");
    const terms = MIX_CATEGORIES.flatMap((c) =>
      CATEGORY_SOURCES[c].map((source) => ({
        column: draws.gPerKwh[SAMPLED_SOURCES.indexOf(source)],
        weight: mix[c] / CATEGORY_SOURCES[c].length
      }))
    );
    const extraG = unassigned === "renormalise" ? 0 : Math.max(0, 100 - assigned) * unassigned.gPerKwh;
    const divisor = ((unassigned === "renormalise" ? assigned : Math.max(100, assigned)) * 1000) / scale;
    for (let i = 0; i < n; i++) {
      let weighted = extraG;
      for (let t = 0; t < terms.length; t++) weighted += terms[t].weight * terms[t].column[i];
      kgPerKwh[i] = weighted / divisor;
    }
  }
  for (let i = 0; i < n; i++) co2eKg[i] = draws.pue[i] * kwhPerPue * draws.powerScale[i] * kgPerKwh[i];
  return {co2eKg, kgPerKwh};
}

export interface MonteCarloResult {
  n: number;
  seed: number;
  /** CO2e of each sample in kg, in the order drawn. */
  samples: Float64Array;
  /** The draws behind the samples, and the intensity of each. */
  draws: Draws;
  kgPerKwh: Float64Array;
  medianKg: number;
  /** 5th and 95th percentiles: the central 90 % interval. */
  lowKg: number;
  highKg: number;
  /** 0.5th and 99.5th percentiles: the central 99 %, the span of the page's histogram. */
  central99Kg: [number, number];
  meanKg: number;
}

/**
 * The p-quantiles of values in any order: d3.quantileSorted (R's type 7) of one sorted copy. A native sort of
 * a Float64Array beats d3.quickselect here (its comparator calls cost more than they save on 100,000 numbers).
 */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => (sorted.length === 0 ? NaN : quantileSorted(sorted, p)!));
}

/** Runs n seeded samples of a spec and summarises them: median, central 90 % and 99 % intervals, mean (d3). */
export function runMonteCarlo(spec: MonteCarloSpec, n: number, seed: number): MonteCarloResult {
  const draws = drawSamples(spec, n, seed);
  const {co2eKg: samples, kgPerKwh} = simulate(spec, draws);
  const [q005, lowKg, medianKg, highKg, q995] = quantiles(samples, [0.005, 0.05, 0.5, 0.95, 0.995]);
  return {
    n,
    seed,
    samples,
    draws,
    kgPerKwh,
    medianKg,
    lowKg,
    highKg,
    central99Kg: [q005, q995],
    meanKg: mean(samples)!
  };
}

/** The share of samples at or below a value, in percent (0 to 100). */
export function percentileOf(samples: ArrayLike<number>, value: number): number {
  let k = 0;
  for (let i = 0; i < samples.length; i++) if (samples[i] <= value) k++;
  return (k / samples.length) * 100;
}

/** A model's CO2e in kg at the mode of every range: the scenario's own point estimate. */
export function pointKg(spec: MonteCarloSpec): number {
  const kgPerKwh =
    spec.intensity.kind === "fixed"
      ? spec.intensity.kgPerKwh
      : spec.intensity.scale *
        intensityFromMix(
          spec.intensity.mix,
          categoryFactors(
            SAMPLED_SOURCES.map((s) => ({
              set: "mode",
              energySource: s,
              gPerKwh: (spec.intensity as {gPerKwh: Record<string, Range>}).gPerKwh[s].mode,
              source: "",
              locator: ""
            })),
            "mode"
          ),
          spec.intensity.unassigned
        );
  return modelCo2eKg({...spec.model, watts: spec.model.watts * spec.powerScale.mode}, spec.pue.mode, kgPerKwh);
}
