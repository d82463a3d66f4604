import {countryGridChoice, isCountryGridId} from "../scenario/country-grids.js";
import {tableModels, modelCo2eKg, type FocusModel} from "./focus.js";
import {nasRuns} from "../later/nas-correction.js";
import {numberIn, param, type Param} from "../scenario/params.js";
import {MAX_SEED} from "./random.js";
import {
  CUSTOM_GRID,
  gridIds,
  gridKgPerKwh,
  PAPER_GRID,
  PUE_RANGE,
  paperKgPerKwh,
  type Scenario
} from "../scenario/scenario.js";
import type {Inputs} from "../inputs/types.js";

/** The model the page focuses on unless the reader picks another: NAS on 8 P100, the paper's headline row. */
export const DEFAULT_MODEL = "nas_p100";

/** The Monte Carlo seed unless the reader picks another (any fixed whole number; 2019 is the paper's year). */
export const DEFAULT_SEED = 2019;

/** What the sensitivity page and the uncertainty command show beyond the scenario: the model and the seed. */
export interface SensitivityView {
  scenario: Scenario;
  model: string;
  seed: number;
}

/** The model and seed parameters, one codec entry each (see params.ts), read and written after the scenario's. */
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

/** Carbon intensity of one grid preset (or the reader's own mix or intensity) under the scenario's factors. */
export interface GridIntensity {
  id: string;
  label: string;
  kgPerKwh: number;
  /** "paper": the EPA factor; "mix": a Table 2 consumer; "custom"/"direct": the reader's own; "country": today's grid. */
  kind: "paper" | "mix" | "custom" | "direct" | "country";
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
        id === PAPER_GRID
          ? paperKgPerKwh(inputs)
          : gridKgPerKwh(inputs, id, scenario.factors, scenario.unassigned, undefined, scenario.factorOverrides),
      kind: id === PAPER_GRID ? "paper" : "mix",
      selected: selected(id)
    }));
  if (scenario.grid === CUSTOM_GRID && scenario.intensity == null) {
    out.push({
      id: CUSTOM_GRID,
      label: "Custom mix",
      kgPerKwh: gridKgPerKwh(
        inputs,
        CUSTOM_GRID,
        scenario.factors,
        scenario.unassigned,
        scenario.mix,
        scenario.factorOverrides
      ),
      kind: "custom",
      selected: true
    });
  }
  if (isCountryGridId(scenario.grid) && scenario.intensity == null) {
    const choice = countryGridChoice(inputs.countryGrids, scenario.grid);
    out.push({
      id: choice.id,
      label: `${choice.area.name} ${choice.year} (Ember)`,
      kgPerKwh: choice.gPerKwh / 1000,
      kind: "country",
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

/** Each model's CO2e over the allowed PUE range at one carbon intensity, and at the given PUE. */
export function pueLines(models: readonly FocusModel[], pue: number, kgPerKwh: number): PueLine[] {
  return models.map((m) => ({
    model: m.id,
    label: m.label,
    atPue: PUE_LINE_POINTS.map((p) => ({pue: p, co2eKg: modelCo2eKg(m, p, kgPerKwh)})),
    currentKg: modelCo2eKg(m, pue, kgPerKwh)
  }));
}

/** The model of an id among the focus models, or the default model. */
export function focusModel(inputs: Inputs, id: string): FocusModel {
  const models = focusModels(inputs);
  return models.find((m) => m.id === id) ?? models.find((m) => m.id === DEFAULT_MODEL)!;
}
