import {co2eKg} from "../formulas/emissions.js";
import {energyKwh} from "../formulas/energy.js";
import {formatNumber} from "../present/format.js";
import {constantValue} from "../scenario/scenario.js";
import {runHours} from "../paper/tables.js";
import type {Inputs} from "../inputs/types.js";

/**
 * One training run reduced to what its CO2e depends on besides the scenario: its total power and its hours.
 * The sensitivity page picks one of these for the tornado chart and the Monte Carlo distribution.
 */
export interface FocusModel {
  id: string;
  label: string;
  /** Total power of the hardware row in watts (p_c + p_r + g·p_g, or chips × watts per chip). */
  watts: number;
  hours: number;
  /** Where the power and hours come from. */
  from: string;
  /**
   * Whether the power is Strubell et al.'s measurement on other hardware (a Titan X or GTX 1080 Ti standing in
   * for the accelerators of the row), and so uncertain; false for power measured on the hardware that ran it.
   */
  powerFromProxy: boolean;
}

/** The Table 4 row whose hours the LISA project model uses (Strubell et al. 2019, §4.2). */
export const LISA_PROJECT_ID = "lisa_project";

/** CO2e in kg of a model under a PUE and a carbon intensity: equations 1 and 2 of Strubell et al. 2019 (§2). */
export function modelCo2eKg(model: FocusModel, pue: number, kgPerKwh: number): number {
  return co2eKg(energyKwh(model.watts, model.hours, pue), kgPerKwh);
}

/** The Table 3 runs that have a measured power, then the whole LISA project of Table 4. */
export function tableModels(inputs: Inputs): FocusModel[] {
  const runs: FocusModel[] = inputs.runs
    .filter((r) => r.powerW != null)
    .map((r) => ({
      id: r.id,
      label: `${r.model} (${r.hardware}×${r.accelerators})`,
      watts: r.powerW!,
      hours: runHours(r),
      from: `data/training_runs.csv ${r.id}`,
      powerFromProxy: true
    }));
  return [
    ...runs,
    {
      id: LISA_PROJECT_ID,
      label: `LISA project (${formatNumber(constantValue(inputs, "project_models"))} jobs)`,
      watts: constantValue(inputs, "gpu_watts"),
      hours: constantValue(inputs, "project_hours"),
      from: "data/case_study.csv gpu_watts, project_hours",
      powerFromProxy: true
    }
  ];
}
