/** Where a value comes from: the publication and the place in it (table, section, footnote). */
export interface Provenance {
  source: string;
  locator: string;
  note?: string;
}

/** A named numeric constant with its unit (data/constants.csv, data/case_study.csv). */
export interface Constant extends Provenance {
  key: string;
  value: number;
  unit: string;
  description?: string;
}

export type AcceleratorKind = "gpu" | "tpu";

/** An accelerator named by the paper (data/hardware.csv). */
export interface Hardware extends Provenance {
  id: string;
  kind: AcceleratorKind;
  name: string;
}

export type PriceTier = "preemptible" | "on_demand";

/** Cloud price of one accelerator-hour (data/cloud_prices.csv). */
export interface CloudPrice extends Provenance {
  accelerator: string;
  tier: PriceTier;
  usdPerHour: number;
}

export type DurationUnit = "h" | "d" | "steps";

/** One training run of Table 3 (data/training_runs.csv). */
export interface TrainingRun extends Provenance {
  id: string;
  model: string;
  hardware: string;
  accelerators: number;
  /** Measured total power p_c + p_r + g·p_g in watts; null where the paper had none (TPUs). */
  powerW: number | null;
  measuredOn: string;
  duration: number;
  durationUnit: DurationUnit;
  /** For durationUnit "steps": the reference number of steps and the hours they take. */
  refSteps: number | null;
  refHours: number | null;
}

/** Energy mix of one consumer, percent of energy by source (data/grid_mix.csv, Table 2). */
export interface GridMix extends Provenance {
  id: string;
  consumer: string;
  renewable: number;
  gas: number;
  coal: number;
  nuclear: number;
}

/** A familiar consumption of Table 1 (data/consumption.csv). */
export interface Consumption extends Provenance {
  id: string;
  label: string;
  co2eLbs: number;
}

/** One printed cell of Tables 1, 3 or 4 (data/published.csv), used only for comparison. */
export interface PublishedCell {
  table: "table1" | "table3" | "table4";
  row: string;
  column: string;
  printed: string;
  value: number;
  /** Rounding step of the printed value: 1 for integers, 1000 for "103k". */
  step: number;
  locator: string;
}

/** Emission factor of one energy source in one published factor set (data/emission_factors.csv). */
export interface EmissionFactor extends Provenance {
  set: string;
  energySource: string;
  gPerKwh: number;
}

/** Everything the engine reads: validated data/ files, provenance kept. */
export interface Inputs {
  constants: Constant[];
  hardware: Hardware[];
  prices: CloudPrice[];
  runs: TrainingRun[];
  grids: GridMix[];
  consumption: Consumption[];
  caseStudy: Constant[];
  published: PublishedCell[];
  factors: EmissionFactor[];
}
