// The second verdict of each press claim: not whether the paper's arithmetic holds (summary.ts), but whether
// the estimate holds up against what a later study measured. Computed from data/ (the NAS correction of
// Patterson et al. 2021), never typed.
import type {Claim} from "./claims.js";
import {nasCorrectionSteps, type NasStep} from "../later/nas-correction.js";
import {LOOSE_FACTOR} from "./summary.js";
import type {Inputs} from "../inputs/types.js";
import {kgTo, kgToLbs} from "../formulas/units.js";

/**
 * "does not hold up": a later measurement differs from the estimate by more than LOOSE_FACTOR;
 * "holds up": a later measurement is within it; "not re-examined": no later study measured it.
 */
export type EstimateVerdict = "holds up" | "does not hold up" | "not re-examined";

export interface EstimateCheck {
  claimId: string;
  verdict: EstimateVerdict;
  /** The paper's estimate and the later measurement (kg CO2e), when there is one. */
  estimateKg: number | null;
  measuredKg: number | null;
  /** estimateKg / measuredKg. */
  ratio: number | null;
  /** measuredKg in units of the claim's reference (e.g. car lifetimes). */
  measuredInReference: number | null;
  /** Who measured, and where. */
  source: string | null;
}

/** The NAS correction's first step (Strubell's estimate) and last (the search as actually run). */
export function nasEstimateAndMeasurement(inputs: Inputs, steps: NasStep[] = nasCorrectionSteps(inputs)) {
  const estimate = steps.find((s) => s.id === "strubell");
  const measured = steps.find((s) => s.id === "grid");
  if (!estimate || !measured) throw new Error("the NAS correction has no first or last step");
  return {estimate, measured};
}

/** Each claim's estimate against a later measurement, where one exists. */
export function estimateChecks(inputs: Inputs, claims: readonly Claim[]): EstimateCheck[] {
  return claims.map((claim) => {
    if (claim.id !== "nas-cars")
      return {
        claimId: claim.id,
        verdict: "not re-examined",
        estimateKg: null,
        measuredKg: null,
        ratio: null,
        measuredInReference: null,
        source: null
      };
    const {estimate, measured} = nasEstimateAndMeasurement(inputs);
    const ratio = estimate.co2eKg / measured.co2eKg;
    const inReference = claim.referenceLbs == null ? null : kgToLbs(measured.co2eKg) / claim.referenceLbs;
    const within = Math.max(ratio, 1 / ratio) <= LOOSE_FACTOR;
    return {
      claimId: claim.id,
      verdict: within ? "holds up" : "does not hold up",
      estimateKg: estimate.co2eKg,
      measuredKg: measured.co2eKg,
      ratio,
      measuredInReference: inReference,
      source: "Patterson et al. 2021 (arXiv:2104.10350), Appendix C–D and Table 4"
    };
  });
}

/** A mass in tonnes, for sentences: "3.2 t". */
export function tonnes(kg: number): number {
  return kgTo(kg, "t");
}
