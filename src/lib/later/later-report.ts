import type {Erratum} from "../paper/errata.js";
import {compareLater, laterRows, type LaterCell, type LaterRow} from "./later.js";
import {laterErrata} from "./later-errata.js";
import type {Report} from "../paper/report.js";
import {
  parseScenario,
  resolveScenario,
  serializeScenario,
  type Scenario,
  type ScenarioNotice
} from "../scenario/scenario.js";
import {VIEW_PARAMS} from "../uncertainty/sensitivity.js";
import type {Inputs} from "../inputs/types.js";
import {kwhToMwh} from "../formulas/units.js";

/** The later models for one scenario: own assumptions, the scenario's, the printed comparison and the errata. */
export interface LaterReport {
  scenario: {pue: number; kgPerKwh: number; intensitySource: string; query: string};
  rows: LaterRow[];
  underScenario: LaterRow[];
  cells: LaterCell[];
  errata: Erratum[];
}

export function buildLaterReport(
  inputs: Inputs,
  scenario: Scenario,
  known: Erratum[] = laterErrata(inputs)
): LaterReport {
  const s = resolveScenario(inputs, scenario);
  const rows = laterRows(inputs);
  return {
    scenario: {
      pue: s.pue,
      kgPerKwh: s.kgPerKwh,
      intensitySource: s.intensitySource,
      query: serializeScenario(scenario, inputs)
    },
    rows,
    underScenario: laterRows(inputs, {pue: s.pue, kgPerKwh: s.kgPerKwh}),
    cells: compareLater(inputs, rows, known),
    errata: known
  };
}

/** One model on the comparison chart. */
export interface ModelPoint {
  id: string;
  model: string;
  group: "Strubell et al. 2019" | "later estimates";
  /** "scenario": under the page's scenario; "own": the later model's own PUE and intensity. */
  basis: "scenario" | "own";
  mwh: number;
  co2e_t: number;
  /** Whether the chart writes its name beside it (default: yes). */
  label?: boolean;
}

/**
 * Every model with an energy on one scale: Table 3's rows that have a power (under the report's scenario),
 * and each later model both under its own assumptions and under the same scenario.
 */
export function modelPoints(report: Pick<Report, "table3">, later: LaterReport): ModelPoint[] {
  const paper: ModelPoint[] = report.table3
    .filter((r) => r.kwh != null && r.co2e_t != null)
    .map((r) => ({
      id: r.id,
      model: `${r.model} (${r.hardware}×${r.accelerators})`,
      group: "Strubell et al. 2019",
      basis: "scenario",
      mwh: kwhToMwh(r.kwh!),
      co2e_t: r.co2e_t!
    }));
  const later2 = (rows: LaterRow[], basis: ModelPoint["basis"]): ModelPoint[] =>
    rows.map((r) => ({id: r.id, model: r.model, group: "later estimates", basis, mwh: r.mwh, co2e_t: r.co2e_t_gross}));
  return [...paper, ...later2(later.rows, "own"), ...later2(later.underScenario, "scenario")];
}

/** Table 1's familiar consumptions as reference lines, in tonnes. */
export function referenceLines(report: Pick<Report, "table1">): Array<{id: string; label: string; co2e_t: number}> {
  return report.table1
    .filter((r) => r.kind === "consumption")
    .map((r) => ({id: r.id, label: r.label, co2e_t: r.co2e_t}));
}

/**
 * The scenario of a page opened from the sensitivity page: its query's scenario parameters, read by the parser
 * the CLI uses; the sensitivity page's own view parameters (model, seed) are ignored, anything else is a notice.
 */
export function laterScenario(
  query: string | URLSearchParams,
  inputs: Inputs
): {scenario: Scenario; notices: ScenarioNotice[]} {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  return parseScenario(
    [...params.entries()].filter(([name]) => !VIEW_PARAMS.some((p) => p.name === name)),
    inputs
  );
}
