// The engine's row types: each derives from its file's declaration in schemas.ts (RowOf), so a column added there
// reaches the types with no edit here.
import type * as S from "./schemas.js";
import type {RowOf} from "./schemas.js";
import type {CountryGrids} from "../scenario/country-grids.js";

/** Where a value comes from: the publication and the place in it (table, section, footnote). */
export interface Provenance {
  source: string;
  locator: string;
  note?: string;
}

/** A named numeric constant with its unit (data/constants.csv). */
export type Constant = RowOf<typeof S.CONSTANTS>;

/** An input of the LISA case study (data/case_study.csv): a constant without a description. */
export type CaseStudyValue = RowOf<typeof S.CASE_STUDY>;

/** An accelerator named by the paper (data/hardware.csv). */
export type Hardware = RowOf<typeof S.HARDWARE>;

export type AcceleratorKind = Hardware["kind"];

/** Cloud price of one accelerator-hour (data/cloud_prices.csv). */
export type CloudPrice = RowOf<typeof S.CLOUD_PRICES>;

export type PriceTier = CloudPrice["tier"];

/**
 * One training run of Table 3 (data/training_runs.csv). `powerW`: measured total power p_c + p_r + g·p_g in watts,
 * null where the paper had none (TPUs); `refSteps`, `refHours`: for durationUnit "steps", the reference run.
 */
export type TrainingRun = RowOf<typeof S.TRAINING_RUNS>;

export type DurationUnit = TrainingRun["durationUnit"];

/** Energy mix of one consumer, percent of energy by source (data/grid_mix.csv, Table 2). */
export type GridMix = RowOf<typeof S.GRID_MIX>;

/** A familiar consumption of Table 1 (data/consumption.csv). */
export type Consumption = RowOf<typeof S.CONSUMPTION>;

/** One printed cell of Tables 1, 3 or 4 (data/published.csv), used only for comparison; `step`: 1 for "1,507". */
export type PublishedCell = RowOf<typeof S.PUBLISHED>;

/** Emission factor of one energy source in one published factor set (data/emission_factors.v2.csv). */
export type EmissionFactor = RowOf<typeof S.EMISSION_FACTORS>;

/** A published PUE a reader can pick (data/pue_presets.v2.csv). */
export type PuePreset = RowOf<typeof S.PUE_PRESETS>;

/**
 * One value of Patterson et al. 2021's correction of the NAS estimate (data/nas_correction.v2.csv): "input" values are
 * computed with, "printed" ones (with their rounding step) only compared with.
 */
export type NasCorrectionValue = RowOf<typeof S.NAS_CORRECTION>;

/**
 * An accelerator a reader can pick for their own run, with its power (null where no source gives one) and where it
 * comes from: "nameplate" (the maker's maximum, TDP) or "measured" (data/accelerators.csv).
 */
export type Accelerator = RowOf<typeof S.ACCELERATORS>;

/** The inputs of one later published estimate (data/later_models.v2.csv): the same quantities as a Table 3 row. */
/** Inputs of a later estimate (data/later_models.v2.csv); `inferredBySource` lists the inputs the source itself
 * inferred (printed in italics there), as column names. */
export type LaterModel = Omit<RowOf<typeof S.LATER_MODELS>, "inferredBySource"> & {inferredBySource: string[]};

/** One printed output of a later estimate (data/later_published.v2.csv), used only for comparison. */
export type LaterPublishedCell = RowOf<typeof S.LATER_PUBLISHED>;

/** One published training disclosure of the ledger (data/ledger_rows.v2.csv): a "total" row sums the "model" rows
 * of the same disclosure; `intensityFrom` names the model row whose printed CO2e calibrates this row's intensity
 * where the source prints none. */
export type LedgerRowInput = RowOf<typeof S.LEDGER_ROWS>;

/** One value a ledger disclosure prints (data/ledger_published.v2.csv): "input" values are computed with (GPU-hours,
 * power), "output" values are compared with, never used as inputs. */
export type LedgerPrintedCell = RowOf<typeof S.LEDGER_PUBLISHED>;
/** A later study's printed CO2e of all processes (data/lifecycle_published.csv): embodied, idle, infrastructure and
 * dynamic power as one total. */
export type LifecyclePrintedCell = RowOf<typeof S.LIFECYCLE_PUBLISHED>;

/** A life-cycle accounting method's published default (data/accounting_factors.csv): embodied, server power, water. */
export type AccountingFactor = RowOf<typeof S.ACCOUNTING_FACTORS>;

/** Everything the engine reads: validated data/ files, provenance kept. */
export interface Inputs {
  constants: Constant[];
  hardware: Hardware[];
  prices: CloudPrice[];
  runs: TrainingRun[];
  grids: GridMix[];
  consumption: Consumption[];
  caseStudy: CaseStudyValue[];
  published: PublishedCell[];
  factors: EmissionFactor[];
  puePresets: PuePreset[];
  nasCorrection: NasCorrectionValue[];
  accelerators: Accelerator[];
  laterModels: LaterModel[];
  laterPublished: LaterPublishedCell[];
  ledgerRows: LedgerRowInput[];
  ledgerPublished: LedgerPrintedCell[];
  lifecyclePublished: LifecyclePrintedCell[];
  uncertainty: UncertaintyRow[];
  /** The accounting controls' published defaults; absent in inputs written before they existed. */
  accountingFactors?: AccountingFactor[];
  /**
   * Today's grids: yearly country and region intensities (data/country_grids.v1.csv). Loaded by the CLI
   * and the build; on the site a separate file (data/country-grids.json), added by the pages that offer them.
   */
  countryGrids?: CountryGrids;
}

/**
 * One distribution of the Monte Carlo (data/uncertainty.csv): min, mode and max multiply the value the reader
 * chose (or, for emission factors, name no number: the factor sets give them).
 */
export type UncertaintyRow = RowOf<typeof S.UNCERTAINTY>;
