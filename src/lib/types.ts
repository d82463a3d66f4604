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

/** A published PUE a reader can pick (data/pue_presets.csv). */
export interface PuePreset extends Provenance {
  id: string;
  label: string;
  pue: number;
}

/** One value of Patterson et al. 2021's correction of the NAS estimate (data/nas_correction.csv). */
export interface NasCorrectionValue extends Provenance {
  key: string;
  value: number;
  unit: string;
  /** "input" values are computed with; "printed" ones are only compared with. */
  role: "input" | "printed";
  /** Rounding step of a printed value; null for inputs. */
  step: number | null;
}

/** An accelerator a reader can pick for their own run, with its power and where it comes from (data/accelerators.csv). */
export interface Accelerator extends Provenance {
  id: string;
  name: string;
  kind: AcceleratorKind;
  formFactor: string;
  /** Power per accelerator in watts; null where no source gives one. */
  watts: number | null;
  /** "nameplate": the maker's maximum (TDP); "measured": a published measured average (TPUs have no public nameplate). */
  powerBasis: "nameplate" | "measured";
  /** Hardware id (data/hardware.csv) whose cloud price applies, or null. */
  hardware: string | null;
}

/** The inputs of one later published estimate (data/later_models.csv): the same quantities as a Table 3 row. */
export interface LaterModel extends Provenance {
  id: string;
  model: string;
  /** Accelerator id (data/accelerators.csv), or null where the source names none. */
  processor: string | null;
  chips: number | null;
  days: number | null;
  /** Accelerator-hours, where the source gives them instead of chips × days. */
  acceleratorHours: number | null;
  /** Average power per chip in watts, where the source gives it. */
  wattsPerChip: number | null;
  /** Energy at the hardware before PUE in kWh, where the source gives energy instead of power. */
  energyKwh: number | null;
  pue: number;
  grossKgPerKwh: number;
  /** Net of carbon-free energy bought by the operator; null where the source gives none. */
  netKgPerKwh: number | null;
}

/** One printed output of a later estimate (data/later_published.csv), used only for comparison. */
export interface LaterPublishedCell {
  /** The source's table or passage, e.g. "patterson-t4". */
  table: string;
  row: string;
  column: string;
  printed: string;
  value: number;
  step: number;
  source: string;
  locator: string;
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
  puePresets: PuePreset[];
  nasCorrection: NasCorrectionValue[];
  accelerators: Accelerator[];
  laterModels: LaterModel[];
  laterPublished: LaterPublishedCell[];
  uncertainty: UncertaintyRow[];
}

/**
 * One distribution of the Monte Carlo (data/uncertainty.csv): min, mode and max multiply the value the reader
 * chose (or, for emission factors, name no number: the factor sets give them).
 */
export interface UncertaintyRow extends Provenance {
  assumption: string;
  appliesTo: string;
  distribution: string;
  min: number | null;
  mode: number | null;
  max: number | null;
  unit: string;
}
