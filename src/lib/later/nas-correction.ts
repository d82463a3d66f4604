import {matchesPrinted} from "../paper/compare.js";
import {hoursFromDuration} from "../formulas/duration.js";
import {energyKwh} from "../formulas/energy.js";
import {modelCo2eKg, type FocusModel} from "../uncertainty/focus.js";
import {paperScenario, resolveScenario, type Scenario} from "../scenario/scenario.js";
import {runHours} from "../paper/tables.js";
import type {Inputs, NasCorrectionValue, TrainingRun} from "../inputs/types.js";
import {kgTo, MASS_UNITS, type MassUnit} from "../formulas/units.js";

/** The Table 3 row that Patterson et al. 2021 (Appendix C) corrects: NAS on 8 P100. */
export const NAS_RUN = "nas_p100";

/** Model ids of the two runs the correction introduces. */
export const NAS_PROXY_MODEL = "nas_proxy";
export const NAS_TPU_MODEL = "nas_tpuv2";

/** The inputs data/nas_correction.v2.csv must give. */
export const NAS_INPUT_KEYS = [
  "assumed_batch",
  "proxy_batch",
  "proxy_ref_steps",
  "proxy_ref_hours",
  "chips",
  "days",
  "watts_per_chip",
  "pue",
  "kg_per_kwh",
  "p100_measured_w"
] as const;

export type NasInputKey = (typeof NAS_INPUT_KEYS)[number];

/** An input value of the correction (role "input" only: printed values are never computed with). */
export function nasInput(inputs: Inputs, key: NasInputKey): number {
  const row = inputs.nasCorrection.find((c) => c.key === key && c.role === "input");
  if (!row) throw new Error(`the NAS correction needs the input "${key}" (data/nas_correction.v2.csv)`);
  return row.value;
}

/** A value Patterson et al. 2021 printed, for comparison only. */
export function nasPrinted(inputs: Inputs, key: string): NasCorrectionValue {
  const row = inputs.nasCorrection.find((c) => c.key === key && c.role === "printed");
  if (!row) throw new Error(`the NAS correction has no printed value "${key}" (data/nas_correction.v2.csv)`);
  return row;
}

function nasRun(inputs: Inputs): TrainingRun {
  const run = inputs.runs.find((r) => r.id === NAS_RUN);
  if (!run || run.powerW == null) throw new Error(`the NAS correction needs training run "${NAS_RUN}" with its power`);
  return run;
}

/**
 * Hours of the search on the proxy task by Strubell's method: Patterson et al. 2021 (Appendix C) scale the
 * 979M steps by the proxy's smaller batch (proxy_batch / assumed_batch) and time each step as Transformer
 * (base) on 8 P100 (Vaswani et al. 2017 §5.2: proxy_ref_hours per proxy_ref_steps), keeping the power.
 */
export function proxyTaskHours(
  steps: number,
  assumedBatch: number,
  proxyBatch: number,
  refSteps: number,
  refHours: number
): number {
  return hoursFromDuration((steps * proxyBatch) / assumedBatch, "steps", refSteps, refHours);
}

/** The three runs of the correction: Strubell's NAS row, the proxy task, and the search as actually run. */
export function nasRuns(inputs: Inputs): {strubell: FocusModel; proxy: FocusModel; tpu: FocusModel} {
  const run = nasRun(inputs);
  const strubell: FocusModel = {
    id: run.id,
    label: `${run.model} (${run.hardware}×${run.accelerators})`,
    watts: run.powerW!,
    hours: runHours(run),
    from: `data/training_runs.csv ${run.id}`,
    powerFromProxy: true
  };
  const proxy: FocusModel = {
    id: NAS_PROXY_MODEL,
    label: `NAS on the proxy task (${run.hardware}×${run.accelerators}, Strubell's method)`,
    watts: run.powerW!,
    hours: proxyTaskHours(
      run.duration,
      nasInput(inputs, "assumed_batch"),
      nasInput(inputs, "proxy_batch"),
      nasInput(inputs, "proxy_ref_steps"),
      nasInput(inputs, "proxy_ref_hours")
    ),
    from: "data/training_runs.csv nas_p100; data/nas_correction.v2.csv batches and proxy reference run",
    powerFromProxy: true
  };
  const chips = nasInput(inputs, "chips");
  const tpu: FocusModel = {
    id: NAS_TPU_MODEL,
    label: `NAS as run (TPUv2×${chips}, measured power)`,
    watts: chips * nasInput(inputs, "watts_per_chip"),
    hours: hoursFromDuration(nasInput(inputs, "days"), "d"),
    from: "data/nas_correction.v2.csv chips, watts_per_chip, days",
    powerFromProxy: false
  };
  return {strubell, proxy, tpu};
}

/** A computed mass in kg expressed in the mass unit a printed value uses ("t CO2e", "lbs CO2e", "kg …"). */
function massIn(kg: number, unit: string): number {
  const mass = unit.split(" ")[0];
  if (!(MASS_UNITS as readonly string[]).includes(mass)) throw new Error(`printed unit "${unit}" is not a mass`);
  return kgTo(kg, mass as MassUnit);
}

/** A computed value beside the value Patterson et al. 2021 printed, at the printed precision. */
export interface NasComparison {
  key: string;
  computed: number;
  value: number;
  unit: string;
  step: number;
  locator: string;
  matches: boolean;
}

export function compareNasPrinted(inputs: Inputs, key: string, computed: number): NasComparison {
  const p = nasPrinted(inputs, key);
  return {
    key,
    computed,
    value: p.value,
    unit: p.unit,
    step: p.step!,
    locator: p.locator,
    matches: matchesPrinted(computed, p.value, p.step!)
  };
}

/** One step of the correction: a model and a scenario, so that the reader can open it on the page. */
export interface NasStep {
  id: "strubell" | "proxy" | "hardware" | "pue" | "grid";
  label: string;
  /** What changes at this step. */
  change: string;
  model: FocusModel;
  scenario: Scenario;
  pue: number;
  kgPerKwh: number;
  kwh: number;
  co2eKg: number;
  /** The value Patterson et al. 2021 printed for this step, if any, and whether ours rounds to it. */
  printed: NasComparison | null;
}

/**
 * Patterson et al. 2021's correction of Strubell's NAS estimate as a sequence of (model, scenario) pairs:
 * Strubell's row → the proxy task → the hardware and measured power actually used → their PUE → their grid.
 * Every value is computed by the engine from data/; the printed values are only compared.
 */
export function nasCorrectionSteps(inputs: Inputs): NasStep[] {
  const {strubell, proxy, tpu} = nasRuns(inputs);
  const paper = paperScenario(inputs);
  const withPue: Scenario = {...paper, pue: nasInput(inputs, "pue")};
  const withGrid: Scenario = {...withPue, intensity: nasInput(inputs, "kg_per_kwh")};
  const steps: Array<Omit<NasStep, "pue" | "kgPerKwh" | "kwh" | "co2eKg" | "printed"> & {printedKey: string | null}> = [
    {
      id: "strubell",
      label: "Strubell et al.",
      change: "Transformer (big) on 8 P100, PUE and grid of the paper",
      model: strubell,
      scenario: paper,
      printedKey: "strubell_t"
    },
    {
      id: "proxy",
      label: "Proxy task",
      change: "the search ran on Transformer (base) with a smaller batch",
      model: proxy,
      scenario: paper,
      printedKey: "proxy_lbs"
    },
    {
      id: "hardware",
      label: "Actual hardware",
      change: "TPU v2 chips, days and measured power of the actual search",
      model: tpu,
      scenario: paper,
      printedKey: null
    },
    {
      id: "pue",
      label: "Datacentre PUE",
      change: "PUE of the datacentre that ran it",
      model: tpu,
      scenario: withPue,
      printedKey: null
    },
    {
      id: "grid",
      label: "Local grid",
      change: "carbon intensity of that datacentre's grid",
      model: tpu,
      scenario: withGrid,
      printedKey: "final_t"
    }
  ];
  return steps.map(({printedKey, ...step}) => {
    const s = resolveScenario(inputs, step.scenario);
    const co2eKg = modelCo2eKg(step.model, s.pue, s.kgPerKwh);
    return {
      ...step,
      pue: s.pue,
      kgPerKwh: s.kgPerKwh,
      kwh: energyKwh(step.model.watts, step.model.hours, s.pue),
      co2eKg,
      printed: printedKey
        ? compareNasPrinted(inputs, printedKey, massIn(co2eKg, nasPrinted(inputs, printedKey).unit))
        : null
    };
  });
}

/**
 * The correction's headline figures beside the values Patterson et al. 2021 printed: the proxy task in
 * tonnes, Strubell's overestimate of the proxy task, the energy of the actual search (MWh, with PUE),
 * its CO2e in lbs, and how many times smaller it is than Strubell's estimate.
 */
export function nasCorrectionSummary(inputs: Inputs, steps: NasStep[] = nasCorrectionSteps(inputs)): NasComparison[] {
  const by = (id: NasStep["id"]) => steps.find((s) => s.id === id)!;
  const first = by("strubell");
  const proxy = by("proxy");
  const last = by("grid");
  return [
    compareNasPrinted(inputs, "proxy_t", massIn(proxy.co2eKg, nasPrinted(inputs, "proxy_t").unit)),
    compareNasPrinted(inputs, "proxy_overestimate", first.co2eKg / proxy.co2eKg),
    compareNasPrinted(inputs, "mwh", last.kwh / 1000),
    compareNasPrinted(inputs, "final_lbs", massIn(last.co2eKg, nasPrinted(inputs, "final_lbs").unit)),
    compareNasPrinted(inputs, "smaller", first.co2eKg / last.co2eKg)
  ];
}
