import {index} from "d3-array";
import {cloudCostRangeUsd, electricityCostUsd} from "../formulas/cost.js";
import {hoursFromDuration} from "../formulas/duration.js";
import {co2eKg} from "../formulas/emissions.js";
import {energyKwh} from "../formulas/energy.js";
import {categoryFactors, mixOf, unassignedPercent, intensityFromMix} from "../scenario/mix.js";
import {constantValue, resolveScenario, type ResolvedScenario, type Scenario} from "../scenario/scenario.js";
import type {Inputs, PriceTier, TrainingRun} from "../inputs/types.js";
import {kgToLbs, kgToTonnes, lbsToKg} from "../formulas/units.js";

/**
 * Accelerator whose cloud price the paper uses for the LISA case study, which ran on Titan X and M40
 * (Strubell et al. 2019, §4.2 and fn 8: "we use P100 prices").
 */
export const LISA_PRICE_ACCELERATOR = "P100";

export interface Table1Row {
  id: string;
  label: string;
  kind: "consumption" | "training";
  co2e_lbs: number;
  co2e_kg: number;
  co2e_t: number;
}

export interface Table2Row {
  id: string;
  consumer: string;
  renewable: number;
  gas: number;
  coal: number;
  nuclear: number;
  unassigned: number;
  intensity_kg_per_kwh: number;
}

export interface Table3Row {
  id: string;
  model: string;
  hardware: string;
  accelerators: number;
  hours: number;
  power_w: number | null;
  kwh: number | null;
  co2e_lbs: number | null;
  co2e_kg: number | null;
  co2e_t: number | null;
  cost_usd_low: number;
  cost_usd_high: number;
}

export interface Table4Row {
  id: string;
  models: number;
  hours: number;
  kwh: number;
  co2e_lbs: number;
  co2e_kg: number;
  co2e_t: number;
  cost_usd_low: number;
  cost_usd_high: number;
  electricity_usd: number;
}

export interface Tables {
  scenario: ResolvedScenario;
  table1: Table1Row[];
  table2: Table2Row[];
  table3: Table3Row[];
  table4: Table4Row[];
}

/** Cloud prices by accelerator and tier (d3.index, made once per prices array: the page recomputes on every change). */
const PRICE_INDEX = new WeakMap<Inputs["prices"], Map<string, Map<PriceTier, Inputs["prices"][number]>>>();

/** The cloud price of an accelerator in one tier, USD per accelerator-hour (data/cloud_prices.csv). */
export function cloudPrice(inputs: Inputs, accelerator: string, tier: PriceTier): number {
  let byAccelerator = PRICE_INDEX.get(inputs.prices);
  if (!byAccelerator) {
    byAccelerator = index(
      inputs.prices,
      (p) => p.accelerator,
      (p) => p.tier
    );
    PRICE_INDEX.set(inputs.prices, byAccelerator);
  }
  const p = byAccelerator.get(accelerator)?.get(tier);
  if (!p) throw new Error(`no ${tier} cloud price for accelerator "${accelerator}"`);
  return p.usdPerHour;
}

function masses(kg: number): {co2e_lbs: number; co2e_kg: number; co2e_t: number} {
  return {co2e_lbs: kgToLbs(kg), co2e_kg: kg, co2e_t: kgToTonnes(kg)};
}

/** Hours of a training run, derived from its duration as the sources give it. */
export function runHours(run: TrainingRun): number {
  return hoursFromDuration(run.duration, run.durationUnit, run.refSteps, run.refHours);
}

/** One row of Table 3 under the given assumptions. */
export function table3Row(inputs: Inputs, run: TrainingRun, s: ResolvedScenario): Table3Row {
  const hours = runHours(run);
  const kwh = run.powerW == null ? null : energyKwh(run.powerW, hours, s.pue);
  const mass = kwh == null ? null : masses(co2eKg(kwh, s.kgPerKwh));
  const cost = cloudCostRangeUsd(
    run.accelerators,
    hours,
    cloudPrice(inputs, run.hardware, "preemptible"),
    cloudPrice(inputs, run.hardware, "on_demand")
  );
  return {
    id: run.id,
    model: run.model,
    hardware: run.hardware,
    accelerators: run.accelerators,
    hours,
    power_w: run.powerW,
    kwh,
    co2e_lbs: mass?.co2e_lbs ?? null,
    co2e_kg: mass?.co2e_kg ?? null,
    co2e_t: mass?.co2e_t ?? null,
    cost_usd_low: cost.low,
    cost_usd_high: cost.high
  };
}

/** One row of Table 4: `models` LISA jobs totalling `hours` GPU-hours. */
export function table4Row(inputs: Inputs, id: string, models: number, hours: number, s: ResolvedScenario): Table4Row {
  const kwh = energyKwh(constantValue(inputs, "gpu_watts"), hours, s.pue);
  const cost = cloudCostRangeUsd(
    1,
    hours,
    cloudPrice(inputs, LISA_PRICE_ACCELERATOR, "preemptible"),
    cloudPrice(inputs, LISA_PRICE_ACCELERATOR, "on_demand")
  );
  return {
    id,
    models,
    hours,
    kwh,
    ...masses(co2eKg(kwh, s.kgPerKwh)),
    cost_usd_low: cost.low,
    cost_usd_high: cost.high,
    electricity_usd: electricityCostUsd(kwh, s.usdPerKwh)
  };
}

/** Table 4: one LISA model, tuning for a new data set, and the whole R&D project (§4.2). */
export function table4(inputs: Inputs, s: ResolvedScenario): Table4Row[] {
  const singleHours = constantValue(inputs, "single_model_hours");
  const tuningModels = constantValue(inputs, "tuning_models");
  return [
    table4Row(inputs, "single", 1, singleHours, s),
    table4Row(inputs, "tuning", tuningModels, tuningModels * singleHours, s),
    table4Row(inputs, "project", constantValue(inputs, "project_models"), constantValue(inputs, "project_hours"), s)
  ];
}

/** Rows of Table 1 that are training results, and the recomputed row each one is read from. */
export const TABLE1_TRAINING = [
  {id: "nlp_pipeline", label: "NLP pipeline (parsing, SRL)", from: "table4", row: "single"},
  {id: "nlp_pipeline_tuning", label: "NLP pipeline w/ tuning & experimentation", from: "table4", row: "project"},
  {id: "transformer_big", label: "Transformer (big)", from: "table3", row: "transformer_big"},
  {id: "transformer_big_nas", label: "Transformer (big) w/ neural architecture search", from: "table3", row: "nas_p100"}
] as const;

export function table1(inputs: Inputs, t3: Table3Row[], t4: Table4Row[]): Table1Row[] {
  const consumption: Table1Row[] = inputs.consumption.map((c) => {
    const kg = lbsToKg(c.co2eLbs);
    return {id: c.id, label: c.label, kind: "consumption", co2e_lbs: c.co2eLbs, co2e_kg: kg, co2e_t: kgToTonnes(kg)};
  });
  const rows = {table3: index(t3, (r) => r.id), table4: index(t4, (r) => r.id)};
  const training: Table1Row[] = TABLE1_TRAINING.map((t) => {
    const source = rows[t.from].get(t.row);
    if (!source || source.co2e_kg == null) throw new Error(`Table 1 row "${t.id}" needs ${t.from} row "${t.row}"`);
    return {id: t.id, label: t.label, kind: "training", ...masses(source.co2e_kg)};
  });
  return [...consumption, ...training];
}

/** Table 2 with the unassigned share and each mix's intensity under the scenario's factors. */
export function table2(inputs: Inputs, scenario: Scenario): Table2Row[] {
  const factors = categoryFactors(inputs.factors, scenario.factors, scenario.factorOverrides);
  return inputs.grids.map((g) => ({
    id: g.id,
    consumer: g.consumer,
    renewable: g.renewable,
    gas: g.gas,
    coal: g.coal,
    nuclear: g.nuclear,
    unassigned: unassignedPercent(mixOf(g)),
    intensity_kg_per_kwh: intensityFromMix(mixOf(g), factors, scenario.unassigned)
  }));
}

/** The spine: every table of the paper recomputed from the inputs under one scenario. */
export function computeTables(inputs: Inputs, scenario: Scenario): Tables {
  const s = resolveScenario(inputs, scenario);
  const t3 = inputs.runs.map((run) => table3Row(inputs, run, s));
  const t4 = table4(inputs, s);
  return {scenario: s, table1: table1(inputs, t3, t4), table2: table2(inputs, scenario), table3: t3, table4: t4};
}
