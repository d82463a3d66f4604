// The uncertainty of one model's CO2e about a scenario: the Monte Carlo run, its percentiles, where the
// paper's printed figure falls, first-order sensitivity indices and, when the point estimate lies outside the
// central 90 %, why, in words computed from the draws. One function for the page and the CLI.
import {modelCo2eKg, type FocusModel} from "./focus.js";
import {firstOrderIndex} from "./indices.js";
import {
  monteCarloSpec,
  percentileOf,
  pointKg,
  runMonteCarlo,
  type MonteCarloResult,
  type MonteCarloSpec
} from "./montecarlo.js";
import type {Scenario} from "../scenario/scenario.js";
import type {Inputs} from "../inputs/types.js";
import {lbsToKg} from "../formulas/units.js";

/** The assumptions the Monte Carlo varies, and their names for readers. */
export const ASSUMPTIONS = ["pue", "power", "carbon_intensity"] as const;
export type Assumption = (typeof ASSUMPTIONS)[number];
export const ASSUMPTION_LABELS: Record<Assumption, string> = {
  pue: "PUE",
  power: "Power draw",
  carbon_intensity: "Carbon intensity"
};

export interface UncertaintySummary {
  model: string;
  samples: number;
  seed: number;
  point_kg: number;
  median_kg: number;
  p05_kg: number;
  p95_kg: number;
  /** Percent of samples at or below the paper's printed figure (Table 3 rows), else null. */
  paper_percentile: number | null;
  /** The paper's printed figure in kg (Table 3 rows), else null. */
  paper_kg: number | null;
  /** First-order share of variance each assumption explains, 0 to 1. */
  indices: Record<Assumption, number>;
  /** Assumptions held fixed under this scenario, and why (their index is 0). */
  held: Array<{assumption: Assumption; reason: string}>;
  /** Why point_kg lies outside [p05_kg, p95_kg], in words; null when it lies within. */
  point_outside: string | null;
}

/** The printed CO2e of a Table 3 row in kg, or null for other models. */
export function paperFigureKg(inputs: Inputs, modelId: string): number | null {
  const cell = inputs.published.find((c) => c.table === "table3" && c.row === modelId && c.column === "co2e_lbs");
  return cell ? lbsToKg(cell.value) : null;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Each assumption as the subject of a sentence. */
const SUBJECTS: Record<Assumption, string> = {
  pue: "the PUE",
  power: "the power draw",
  carbon_intensity: "the carbon intensity"
};

/** Share of a column's values above (or below) a value. */
function shareBeyond(column: ArrayLike<number>, value: number, above: boolean): number {
  let k = 0;
  const eps = Math.abs(value) * 1e-12;
  for (let i = 0; i < column.length; i++) if (above ? column[i] > value + eps : column[i] < value - eps) k++;
  return k / column.length;
}

/**
 * Why a value lies outside the central 90 % of a run, in words: for each assumption, the share of draws above
 * (or below) the scenario's own value, listed where it is more than half, and the value's ratio to the median.
 * Null when the value lies within the 5th to 95th percentiles.
 */
export function outsideReason(
  spec: MonteCarloSpec,
  mc: MonteCarloResult,
  valueKg: number,
  what: string
): string | null {
  if (valueKg >= mc.lowKg && valueKg <= mc.highKg) return null;
  const below = valueKg < mc.lowKg;
  const pointIntensity =
    pointKg(spec) / modelCo2eKg({...spec.model, watts: spec.model.watts * spec.powerScale.mode}, spec.pue.mode, 1);
  const shares: Array<[Assumption, number]> = [
    ["power", shareBeyond(mc.draws.powerScale, spec.powerScale.mode, below)],
    ["pue", shareBeyond(mc.draws.pue, spec.pue.mode, below)],
    ["carbon_intensity", shareBeyond(mc.kgPerKwh, pointIntensity, below)]
  ];
  const skewed = shares.filter(([, s]) => s > 0.5);
  const side = below ? "below the 5th" : "above the 95th";
  const direction = below ? "higher" : "lower";
  const ratio = valueKg / mc.medianKg;
  const list = skewed.length
    ? skewed
        .map(([a, s]) => `${SUBJECTS[a]} is ${direction} than this scenario's value in ${percent(s)} of draws`)
        .join("; ")
    : `no single assumption leans ${below ? "up" : "down"}, but together they do`;
  return `${what} lies ${side} percentile (${ratio.toFixed(2)} times the median): ${list}.`;
}

/**
 * The uncertainty of a model's CO2e about a scenario: n seeded samples (runMonteCarlo), the point estimate
 * (every assumption at the scenario's value), percentiles, the paper's printed figure's percentile, the
 * first-order indices (firstOrderIndex over the same draws) and, where it applies, why the point lies outside.
 */
export function uncertaintySummary(
  inputs: Inputs,
  scenario: Scenario,
  model: FocusModel,
  samples: number,
  seed: number
): UncertaintySummary & {spec: MonteCarloSpec; run: MonteCarloResult} {
  const spec = monteCarloSpec(inputs, scenario, model);
  const run = runMonteCarlo(spec, samples, seed);
  const point = pointKg(spec);
  const paper = paperFigureKg(inputs, model.id);
  const y = run.samples;
  const indices: Record<Assumption, number> = {
    pue: firstOrderIndex(run.draws.pue, y),
    power: firstOrderIndex(run.draws.powerScale, y),
    carbon_intensity: firstOrderIndex(run.kgPerKwh, y)
  };
  const held: UncertaintySummary["held"] = [];
  if (spec.pue.min === spec.pue.max) held.push({assumption: "pue", reason: "a PUE of 1 has no overhead to vary"});
  if (spec.powerScale.min === spec.powerScale.max) held.push({assumption: "power", reason: "held as measured"});
  if (spec.intensity.kind === "fixed")
    held.push({
      assumption: "carbon_intensity",
      reason:
        spec.intensity.source === "country"
          ? "a country's yearly average intensity is held as published: it has no mix whose factors could vary"
          : "a direct intensity is held as given: it has no mix whose factors could vary"
    });
  return {
    model: model.id,
    samples,
    seed,
    point_kg: point,
    median_kg: run.medianKg,
    p05_kg: run.lowKg,
    p95_kg: run.highKg,
    paper_percentile: paper == null ? null : percentileOf(run.samples, paper),
    paper_kg: paper,
    indices,
    held,
    point_outside: outsideReason(spec, run, point, "The point estimate"),
    spec,
    run
  };
}
