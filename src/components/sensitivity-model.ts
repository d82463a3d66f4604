// The sensitivity page's view-model: what it shows beyond the scenario (the model and seed of its uncertainty
// charts), how many Monte Carlo samples it draws, how it writes masses, and its address. The engine (src/lib)
// knows none of this.
import {formatNumber, formatSignificant} from "../lib/format.js";
import type {NasStep} from "../lib/nas-correction.js";
import {checkSeed} from "../lib/random.js";
import {parseScenario, serializeScenario, type Scenario, type ScenarioNotice} from "../lib/scenario.js";
import {DEFAULT_MODEL, DEFAULT_SEED, focusModels, VIEW_PARAMS} from "../lib/sensitivity.js";
import type {Inputs} from "../lib/types.js";
import {kgTo, type MassUnit} from "../lib/units.js";

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

/** What the sensitivity page shows: a scenario, plus the model and seed of its uncertainty charts. */
export interface SensitivityView {
  scenario: Scenario;
  model: string;
  seed: number;
}

export {VIEW_PARAMS};

/**
 * Reads a view from a URL query: model and seed here, every other parameter by parseScenario (the one
 * parser the CLI uses too). Unknown or invalid parameters keep their default and yield a notice.
 */
export function parseView(
  query: string | URLSearchParams,
  inputs: Inputs
): {view: SensitivityView; notices: ScenarioNotice[]} {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const entries = [...params.entries()];
  const {scenario, notices} = parseScenario(
    entries.filter(([name]) => !(VIEW_PARAMS as readonly string[]).includes(name)),
    inputs
  );
  const view: SensitivityView = {scenario, model: DEFAULT_MODEL, seed: DEFAULT_SEED};
  const models = focusModels(inputs).map((m) => m.id);
  for (const [name, value] of entries) {
    if (name === "model") {
      if (models.includes(value.trim())) view.model = value.trim();
      else
        notices.push({
          param: name,
          value,
          message: `model "${value}" is not allowed: one of ${models.join(", ")}; the default is used`
        });
    } else if (name === "seed") {
      try {
        if (!/^\s*[0-9]+\s*$/.test(value))
          throw new Error(`seed "${value}" is not allowed: a whole number from 0 to 4294967295`);
        view.seed = checkSeed(Number(value));
      } catch (error) {
        notices.push({param: name, value, message: `${(error as Error).message}; the default is used`});
      }
    }
  }
  return {view, notices};
}

/** Writes a view as a query string: the scenario's parameters, then model and seed where not the default. */
export function serializeView(view: SensitivityView, inputs: Inputs): string {
  const params = new URLSearchParams(serializeScenario(view.scenario, inputs));
  if (view.model !== DEFAULT_MODEL) params.set("model", view.model);
  if (view.seed !== DEFAULT_SEED) params.set("seed", String(view.seed));
  return params.toString();
}

/** The query that opens one step of the NAS correction on the page, in the reader's display unit if given. */
export function stepQuery(step: NasStep, inputs: Inputs, units: MassUnit = step.scenario.units): string {
  return serializeView({scenario: {...step.scenario, units}, model: step.model.id, seed: DEFAULT_SEED}, inputs);
}
