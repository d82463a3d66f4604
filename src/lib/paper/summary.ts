import {group, rollup} from "d3-array";
import type {Claim} from "./claims.js";
import {roundToStep, type CellComparison, type CellStatus} from "./compare.js";
import {hoursFromDuration, HOURS_PER_DAY} from "../formulas/duration.js";
import {formatNumber} from "../present/format.js";
import type {TrainingRun} from "../inputs/types.js";

/**
 * Printed columns that the paper took as inputs rather than computed: the training hours of Table 3
 * (from the model papers, §2.1) and Table 4. Every other printed cell (39 of them) is an output of the
 * paper's arithmetic.
 */
export const INPUT_COLUMNS: readonly string[] = ["hours"];

export interface StatusCounts {
  total: number;
  reproduced: number;
  differs: number;
  calibrated: number;
  /** Cells that moved with a scenario other than the paper's (0 under the paper's assumptions). */
  scenario: number;
}

export interface CellSummary {
  /** Every printed cell of Tables 1, 3 and 4. */
  printed: StatusCounts;
  /** The printed cells the paper computed (all but the hours columns). */
  computed: StatusCounts;
  /** Counts per table, over every printed cell. */
  byTable: Record<string, StatusCounts>;
  /** Differing cells that no erratum explains (should be empty). */
  unexplained: CellComparison[];
}

export function isComputedCell(cell: Pick<CellComparison, "column">): boolean {
  return !INPUT_COLUMNS.includes(cell.column);
}

export function countStatuses(cells: readonly Pick<CellComparison, "status">[]): StatusCounts {
  const counts = rollup(
    cells,
    (v) => v.length,
    (c) => c.status
  );
  const count = (s: CellStatus) => counts.get(s) ?? 0;
  return {
    total: cells.length,
    reproduced: count("reproduced"),
    differs: count("differs"),
    calibrated: count("calibrated"),
    scenario: count("scenario")
  };
}

/** How many printed cells are reproduced, differ or are calibrated, overall, for the computed cells, per table. */
export function summariseCells(cells: readonly CellComparison[]): CellSummary {
  const byTable: Record<string, StatusCounts> = Object.fromEntries(
    Array.from(
      group(cells, (c) => c.table),
      ([table, inTable]) => [table, countStatuses(inTable)]
    )
  );
  return {
    printed: countStatuses(cells),
    computed: countStatuses(cells.filter(isComputedCell)),
    byTable,
    unexplained: cells.filter((c) => c.status === "differs" && c.errata.length === 0)
  };
}

/** How a quoted figure is compared with the recomputed one. */
export type CheckMode =
  /** The recomputed value, rounded to the quote's precision, equals the quoted figure. */
  | "rounds"
  /** As "rounds", and the recomputed value is not above the quoted figure ("nearly five times"). */
  | "nearly"
  /** A loose comparison ("roughly as much as"): judged by the relative distance only. */
  | "roughly";

export type Verdict = "holds" | "roughly" | "does not hold";

/**
 * This project's reading of "roughly" and of a near miss: within 10 % holds, within a factor of 1.5 either
 * way holds only roughly, beyond that it does not hold.
 */
export const CLOSE_RELATIVE = 0.1;
export const LOOSE_FACTOR = 1.5;

export interface ClaimCheck {
  /** A phrase of the quotation, verbatim. */
  phrase: string;
  /** The figure the phrase states, read from the phrase itself, and the precision it is stated to. */
  quoted: number;
  step: number;
  /** What the phrase is compared with. */
  quantity: string;
  recomputed: number;
  mode: CheckMode;
  verdict: Verdict;
}

export interface ClaimVerdict {
  claim: Claim;
  checks: ClaimCheck[];
  /** The weakest verdict of the checks. */
  verdict: Verdict;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10
};

/**
 * The figure a quoted phrase states and its precision: "626,000 lbs" → 626000 to the nearest 1000,
 * "4,789 models" → 4789 to 1, "nearly five times" → 5 to 1.
 */
export function quotedFigure(phrase: string): {value: number; step: number} {
  // A number standing alone ("626,000"), not a digit inside a word such as "CO2e".
  const digits = /(?:^|\s)([0-9][0-9,]*(?:\.[0-9]+)?)(?=\s|$)/.exec(phrase);
  if (digits) {
    const text = digits[1].replace(/,/g, "");
    const value = Number(text);
    if (text.includes(".")) return {value, step: 10 ** -text.split(".")[1].length};
    const zeros = /0*$/.exec(text)![0].length;
    return {value, step: value === 0 ? 1 : 10 ** zeros};
  }
  const word = phrase
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((w) => w in WORD_NUMBERS);
  if (word === undefined) throw new Error(`claim phrase "${phrase}" states no figure`);
  return {value: WORD_NUMBERS[word], step: 1};
}

function judge(recomputed: number, quoted: number, step: number, mode: CheckMode): Verdict {
  const factor = Math.max(recomputed / quoted, quoted / recomputed);
  const loose: Verdict = factor <= LOOSE_FACTOR ? "roughly" : "does not hold";
  if (mode === "roughly") return Math.abs(recomputed / quoted - 1) <= CLOSE_RELATIVE ? "holds" : loose;
  const rounds = Math.abs(roundToStep(recomputed, step) - quoted) < step * 1e-6;
  if (rounds && (mode === "rounds" || recomputed <= quoted)) return "holds";
  return Math.abs(recomputed / quoted - 1) <= CLOSE_RELATIVE ? "roughly" : loose;
}

const ORDER: readonly Verdict[] = ["holds", "roughly", "does not hold"];

/** Which phrase of each press claim is checked against which recomputed quantity. */
const CHECKS: Readonly<
  Record<string, ReadonlyArray<{phrase: string; quantity: string; mode: CheckMode; value: (c: Claim) => number}>>
> = {
  "nas-cars": [
    {phrase: "626,000 lbs", quantity: "CO2e of NAS on P100 (lbs)", mode: "rounds", value: (c) => c.co2eLbs},
    {phrase: "nearly five times", quantity: "NAS ÷ a car's lifetime", mode: "nearly", value: (c) => c.ratio!}
  ],
  "bert-flight": [
    {
      phrase: "roughly as much CO2e as one",
      quantity: "BERT (V100) ÷ one NY↔SF passenger flight",
      mode: "roughly",
      value: (c) => c.ratio!
    }
  ],
  "lisa-project": [
    {phrase: "4,789 models", quantity: "LISA jobs", mode: "rounds", value: (c) => c.extra.models},
    {phrase: "six months", quantity: "project length in months", mode: "rounds", value: (c) => c.extra.months},
    {phrase: "78,000 lbs", quantity: "CO2e of the project (lbs)", mode: "rounds", value: (c) => c.co2eLbs}
  ]
};

/** Each press claim's quoted figures checked against the recomputation. */
export function claimVerdicts(claims: readonly Claim[]): ClaimVerdict[] {
  return claims.map((claim) => {
    const specs = CHECKS[claim.id];
    if (!specs) throw new Error(`claim "${claim.id}" has no checks`);
    const checks = specs.map((spec) => {
      if (!claim.quote.includes(spec.phrase)) throw new Error(`claim "${claim.id}" no longer says "${spec.phrase}"`);
      const {value, step} = quotedFigure(spec.phrase);
      const recomputed = spec.value(claim);
      if (!Number.isFinite(recomputed)) throw new Error(`claim "${claim.id}" has no value for ${spec.quantity}`);
      return {
        phrase: spec.phrase,
        quoted: value,
        step,
        quantity: spec.quantity,
        recomputed,
        mode: spec.mode,
        verdict: judge(recomputed, value, step, spec.mode)
      };
    });
    const verdict = ORDER[Math.max(...checks.map((c) => ORDER.indexOf(c.verdict)))];
    return {claim, checks, verdict};
  });
}

function plain(value: number): string {
  // Intl, not d3-format: Intl rounds the decimal as written half away from zero (1.005 → "1.01", as the tables'
  // roundToStep does), d3's toFixed the binary value (1.00499… → "1"); d3's "~f" would change these texts.
  return value.toLocaleString("en-US", {maximumFractionDigits: 2});
}

/** How a run's training hours follow from the duration its source gives, as text computed by the engine. */
export function hoursDerivation(run: TrainingRun): {expression: string; hours: number} {
  const hours = hoursFromDuration(run.duration, run.durationUnit, run.refSteps, run.refHours);
  const result = `${formatNumber(hours, Number.isInteger(hours) ? 0 : 1)} h`;
  if (run.durationUnit === "h") return {expression: `${result}, as given`, hours};
  const expression =
    run.durationUnit === "d"
      ? `${plain(run.duration)} d × ${HOURS_PER_DAY} h/d`
      : `${plain(run.duration)} steps ÷ ${plain(run.refSteps!)} steps × ${plain(run.refHours!)} h`;
  return {expression: `${expression} = ${result}`, hours};
}
