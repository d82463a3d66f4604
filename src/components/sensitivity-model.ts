// The sensitivity page's view-model: what it shows beyond the scenario (the model and seed of its uncertainty
// charts), how many Monte Carlo samples it draws, how it writes masses, and its address. The engine (src/lib)
// knows none of this.
import {formatNumber, formatSignificant} from "../lib/present/format.js";
import type {NasStep} from "../lib/later/nas-correction.js";
import {writeParams, type Param} from "../lib/scenario/params.js";
import {paperScenario, parseScenario, serializeScenario, type ScenarioNotice} from "../lib/scenario/scenario.js";
import {DEFAULT_MODEL, DEFAULT_SEED, VIEW_PARAMS, type SensitivityView} from "../lib/uncertainty/sensitivity.js";
import type {Inputs} from "../lib/inputs/types.js";
import {kgTo, type MassUnit} from "../lib/formulas/units.js";

/**
 * Monte Carlo samples drawn on each change of the page: enough for a stable median and 90 % interval (the
 * 5th and 95th percentiles rest on 250 samples each) while redrawing within one frame. The CLI draws 100,000.
 */
export const PAGE_SAMPLES = 5000;

/** Bins of the Monte Carlo histogram. */
export const HISTOGRAM_BINS = 30;

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

export type {SensitivityView};
export {VIEW_PARAMS};

/** The view of the paper's scenario, model and seed. */
export function defaultView(inputs: Inputs): SensitivityView {
  return {scenario: paperScenario(inputs), model: DEFAULT_MODEL, seed: DEFAULT_SEED};
}

/**
 * Reads a view from a URL query with the one codec the CLI uses too (SCENARIO_PARAMS and VIEW_PARAMS).
 * Unknown or invalid parameters keep their default and yield a notice.
 */
export function parseView(
  query: string | URLSearchParams,
  inputs: Inputs
): {view: SensitivityView; notices: ScenarioNotice[]} {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const view = defaultView(inputs);
  const {scenario, notices} = parseScenario(params.entries(), inputs, {}, [
    {params: VIEW_PARAMS as readonly Param<never>[], into: view}
  ]);
  view.scenario = scenario;
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
