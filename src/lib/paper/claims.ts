import {constantValue} from "../scenario/scenario.js";
import type {Tables} from "./tables.js";
import type {Inputs} from "../inputs/types.js";

/** Days in an average Gregorian month (365.2425 / 12). */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** A press claim made from the paper, with the recomputed figures it rests on. */
export interface Claim {
  id: string;
  /** The claim as it circulated (a quotation, not a figure of ours). */
  quote: string;
  /** The recomputed quantity in lbs CO2e under the scenario. */
  co2eLbs: number;
  /** The reference it is compared with, in lbs CO2e (null when the claim has none). */
  referenceLbs: number | null;
  referenceLabel: string | null;
  /** co2eLbs / referenceLbs. */
  ratio: number | null;
  extra: Record<string, number>;
}

function consumptionLbs(inputs: Inputs, id: string): {lbs: number; label: string} {
  const c = inputs.consumption.find((x) => x.id === id);
  if (!c) throw new Error(`claims need the Table 1 consumption "${id}"`);
  return {lbs: c.co2eLbs, label: c.label};
}

/** The three press claims, recomputed from tables under any scenario. */
export function claims(inputs: Inputs, tables: Tables): Claim[] {
  const nas = tables.table3.find((r) => r.id === "nas_p100")!;
  const bert = tables.table3.find((r) => r.id === "bert_base_v100")!;
  const project = tables.table4.find((r) => r.id === "project")!;
  const car = consumptionLbs(inputs, "car_lifetime");
  const flight = consumptionLbs(inputs, "air_travel");
  return [
    {
      id: "nas-cars",
      quote:
        "Training one model (with neural architecture search) emits 626,000 lbs of CO2e, nearly five times the lifetime emissions of an average car",
      co2eLbs: nas.co2e_lbs!,
      referenceLbs: car.lbs,
      referenceLabel: car.label,
      ratio: nas.co2e_lbs! / car.lbs,
      extra: {}
    },
    {
      id: "bert-flight",
      quote:
        "Training BERT (base) on GPUs emits roughly as much CO2e as one passenger's trans-American round-trip flight",
      co2eLbs: bert.co2e_lbs!,
      referenceLbs: flight.lbs,
      referenceLabel: flight.label,
      ratio: bert.co2e_lbs! / flight.lbs,
      extra: {}
    },
    {
      id: "lisa-project",
      quote: "Developing one NLP model took 4,789 models over six months and emitted 78,000 lbs of CO2e",
      co2eLbs: project.co2e_lbs,
      referenceLbs: car.lbs,
      referenceLabel: car.label,
      ratio: project.co2e_lbs / car.lbs,
      extra: {
        models: project.models,
        days: constantValue(inputs, "project_days"),
        months: constantValue(inputs, "project_days") / DAYS_PER_MONTH
      }
    }
  ];
}
