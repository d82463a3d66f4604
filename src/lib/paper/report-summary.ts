// The replication report's executive summary, computed: how many printed cells are reproduced, both
// verdicts of each press claim, Patterson et al.'s correction of the NAS figure, and how far the NAS figure
// moves under the published PUEs and grids of data/.
import {modelCo2eKg} from "../uncertainty/focus.js";
import {nasRuns} from "../later/nas-correction.js";
import type {Report} from "./report.js";
import {paperScenario} from "../scenario/scenario.js";
import {gridIntensities} from "../uncertainty/sensitivity.js";
import {claimVerdicts, summariseCells, type CellSummary, type ClaimVerdict} from "./summary.js";
import type {Inputs} from "../inputs/types.js";
import {estimateChecks, nasEstimateAndMeasurement, type EstimateCheck} from "./verdicts.js";

/** One corner of the sensitivity range: a published PUE and a grid, and the NAS CO2e under them. */
export interface RangeEnd {
  co2eKg: number;
  pue: number;
  pueLabel: string;
  kgPerKwh: number;
  gridLabel: string;
}

export interface ExecutiveSummary {
  cells: CellSummary;
  claims: Array<{verdict: ClaimVerdict; estimate: EstimateCheck}>;
  /** Strubell's NAS figure and the search as actually run (Patterson et al. 2021), in kg CO2e. */
  nas: {estimateKg: number; measuredKg: number; ratio: number; pue: number};
  /** Strubell's NAS run under every published PUE preset and every grid of Table 2 (and the EPA factor). */
  range: {low: RangeEnd; high: RangeEnd; pues: number; grids: number};
}

export function executiveSummary(inputs: Inputs, report: Report): ExecutiveSummary {
  const estimates = estimateChecks(inputs, report.claims);
  const {estimate, measured} = nasEstimateAndMeasurement(inputs);
  const model = nasRuns(inputs).strubell;
  const grids = gridIntensities(inputs, paperScenario(inputs)).filter((g) => g.kind === "paper" || g.kind === "mix");
  const ends: RangeEnd[] = inputs.puePresets.flatMap((p) =>
    grids.map((g) => ({
      co2eKg: modelCo2eKg(model, p.pue, g.kgPerKwh),
      pue: p.pue,
      pueLabel: p.label,
      kgPerKwh: g.kgPerKwh,
      gridLabel: g.label
    }))
  );
  if (ends.length === 0) throw new Error("the summary needs PUE presets and grids");
  const sorted = ends.toSorted((a, b) => a.co2eKg - b.co2eKg);
  return {
    cells: summariseCells(report.cells),
    claims: claimVerdicts(report.claims).map((verdict) => ({
      verdict,
      estimate: estimates.find((e) => e.claimId === verdict.claim.id)!
    })),
    nas: {
      estimateKg: estimate.co2eKg,
      measuredKg: measured.co2eKg,
      ratio: estimate.co2eKg / measured.co2eKg,
      pue: measured.pue
    },
    range: {low: sorted[0], high: sorted.at(-1)!, pues: inputs.puePresets.length, grids: grids.length}
  };
}
