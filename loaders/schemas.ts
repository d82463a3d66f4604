import type {ColumnSpec, FileSpec} from "./csv.js";

const source: ColumnSpec = {name: "source", type: "string", description: "the publication the value comes from"};
const locator: ColumnSpec = {
  name: "locator",
  type: "string",
  description: "where in the source: table, section (§) or footnote (fn)"
};
const note: ColumnSpec = {name: "note", type: "string", optional: true, description: "remarks on the value"};
const percent = (name: string, what: string): ColumnSpec => ({
  name,
  type: "number",
  min: 0,
  max: 100,
  unit: "%",
  description: `percent of energy from ${what}`
});

/** Largest plausible magnitude of any input, to catch typos such as extra digits. */
const HUGE = 1e12;

/** A named positive value with its unit: the first columns of every key/value file. */
const keyValueUnit: ColumnSpec[] = [
  {name: "key", type: "string", description: "identifier used by the engine"},
  {name: "value", type: "number", unit: "`unit` column", above: 0, max: HUGE, description: "the value, in `unit`"},
  {name: "unit", type: "string", description: "unit of `value`"}
];

export const CONSTANTS: FileSpec = {
  file: "data/constants.csv",
  description: "one constant of the paper's model: PUE, CO2e per kWh or electricity price",
  key: ["key"],
  columns: [
    ...keyValueUnit,
    {name: "description", type: "string", description: "what the constant is"},
    source,
    locator,
    note
  ]
};

export const CASE_STUDY: FileSpec = {
  ...CONSTANTS,
  file: "data/case_study.csv",
  description: "one input of the LISA case study (§4.2)",
  columns: CONSTANTS.columns.filter((c) => c.name !== "description")
};

export const HARDWARE: FileSpec = {
  file: "data/hardware.csv",
  description: "an accelerator named by the paper",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "identifier used in other files"},
    {name: "kind", type: "enum", values: ["gpu", "tpu"], description: "gpu or tpu"},
    {name: "name", type: "string", description: "product name"},
    source,
    locator
  ]
};

export const CLOUD_PRICES: FileSpec = {
  file: "data/cloud_prices.csv",
  description: "the cloud price of one accelerator-hour at one tier",
  key: ["accelerator", "tier"],
  columns: [
    {name: "accelerator", type: "string", description: "hardware id (data/hardware.csv)"},
    {
      name: "tier",
      type: "enum",
      values: ["preemptible", "on_demand"],
      description: "preemptible (low) or on_demand (high)"
    },
    {
      name: "usd_per_hour",
      type: "number",
      unit: "USD per accelerator-hour",
      above: 0,
      max: 1000,
      description: "USD per accelerator-hour"
    },
    source,
    locator,
    note
  ]
};

export const TRAINING_RUNS: FileSpec = {
  file: "data/training_runs.csv",
  description:
    "one training run of Table 3, its duration as the source states it (hours, days, or steps scaled by a reference run)",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "row identifier"},
    {name: "model", type: "string", description: "model name as in Table 3"},
    {name: "hardware", type: "string", description: "hardware id (data/hardware.csv)"},
    {name: "accelerators", type: "integer", unit: "count", min: 1, max: 1e6, description: "number of accelerators"},
    {
      name: "power_w",
      type: "number",
      unit: "W",
      optional: true,
      above: 0,
      max: 1e8,
      description: "measured total power p_c + p_r + g·p_g, watts (empty for TPUs)"
    },
    {name: "measured_on", type: "string", optional: true, description: "hardware the power was measured on"},
    {
      name: "duration",
      type: "number",
      unit: "`duration_unit` column",
      above: 0,
      max: HUGE,
      description: "training duration, in `duration_unit`"
    },
    {name: "duration_unit", type: "enum", values: ["h", "d", "steps"], description: "h (hours), d (days) or steps"},
    {
      name: "ref_steps",
      type: "number",
      unit: "steps",
      optional: true,
      above: 0,
      max: HUGE,
      description: "steps of the reference run (unit steps)"
    },
    {
      name: "ref_hours",
      type: "number",
      unit: "h",
      optional: true,
      above: 0,
      max: 1e7,
      description: "hours of the reference run (unit steps)"
    },
    source,
    locator,
    note
  ]
};

export const GRID_MIX: FileSpec = {
  file: "data/grid_mix.csv",
  description: "the energy mix of one consumer (Table 2)",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "grid identifier used in URLs and CLI flags"},
    {name: "consumer", type: "string", description: "consumer as named in Table 2"},
    percent("renewable", "renewables (hydro, solar, wind)"),
    percent("gas", "natural gas"),
    percent("coal", "coal"),
    percent("nuclear", "nuclear"),
    source,
    locator
  ]
};

export const CONSUMPTION: FileSpec = {
  file: "data/consumption.csv",
  description: "one familiar consumption of Table 1",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "row identifier"},
    {name: "label", type: "string", description: "row label as in Table 1"},
    {name: "co2e_lbs", type: "number", unit: "lbs CO2e", above: 0, max: HUGE, description: "CO2e, pounds"},
    source,
    locator
  ]
};

export const EMISSION_FACTORS: FileSpec = {
  file: "data/emission_factors.v2.csv",
  description: "the emission factor of one energy source in one published set",
  key: ["set", "energy_source"],
  columns: [
    {name: "set", type: "string", description: "factor set identifier"},
    {name: "energy_source", type: "string", description: "energy source"},
    {
      name: "g_per_kwh",
      type: "number",
      unit: "g CO2e/kWh",
      min: 0,
      max: 5000,
      description: "g CO2e per kWh of electricity"
    },
    source,
    locator,
    note
  ]
};

/** The columns of a printed value kept for comparison: which row and column, the text and its number and step. */
function printedCell(row: ColumnSpec, column: ColumnSpec, valueUnit: string, stepExamples: string): ColumnSpec[] {
  return [
    row,
    column,
    {name: "printed", type: "string", description: "the cell's text as printed"},
    {name: "value", type: "number", unit: valueUnit, min: 0, max: HUGE, description: "the printed value as a number"},
    {
      name: "step",
      type: "number",
      unit: "that of `value`",
      above: 0,
      max: 1e6,
      description: `rounding step of the printed value (${stepExamples})`
    }
  ];
}

export const PUBLISHED: FileSpec = {
  file: "data/published.csv",
  description: "one cell as printed in Tables 1, 3 and 4 (compared with, never used as an input)",
  key: ["table", "row", "column"],
  columns: [
    {name: "table", type: "enum", values: ["table1", "table3", "table4"], description: "table1, table3 or table4"},
    ...printedCell(
      {name: "row", type: "string", description: "row identifier of that table"},
      {name: "column", type: "string", description: "column key of that table"},
      "that of the column (lbs, kWh, h or USD)",
      "1, 1000, 0.01 …"
    ),
    {name: "locator", type: "string", description: "table of the paper"}
  ]
};

export const PUE_PRESETS: FileSpec = {
  file: "data/pue_presets.csv",
  description: "one published PUE a reader can pick on the sensitivity page",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "preset identifier"},
    {name: "label", type: "string", description: "button label"},
    {
      name: "pue",
      type: "number",
      unit: "ratio",
      min: 1,
      max: 3,
      description: "power usage effectiveness, ratio from 1 to 3"
    },
    source,
    locator,
    note
  ]
};

export const NAS_CORRECTION: FileSpec = {
  file: "data/nas_correction.csv",
  description: "one input or printed value of Patterson et al. 2021's correction of the NAS estimate",
  key: ["key"],
  columns: [
    ...keyValueUnit,
    {
      name: "role",
      type: "enum",
      values: ["input", "printed"],
      description: "input (used to compute) or printed (compared with, never used as an input)"
    },
    {
      name: "step",
      type: "number",
      unit: "that of `value`",
      optional: true,
      above: 0,
      max: 1e6,
      description: "rounding step of a printed value (1, 0.1 …); empty for inputs"
    },
    source,
    locator,
    note
  ]
};

export const ACCELERATORS: FileSpec = {
  file: "data/accelerators.csv",
  description: "an accelerator a reader can pick for their own run, with its power per chip",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "identifier used by the estimate form and CLI (--accelerator)"},
    {name: "name", type: "string", description: "product name"},
    {name: "kind", type: "enum", values: ["gpu", "tpu"], description: "gpu or tpu"},
    {name: "form_factor", type: "string", description: "form factor (PCIe, SXM4 …) or chip"},
    {
      name: "watts",
      type: "number",
      unit: "W",
      optional: true,
      above: 0,
      max: 5000,
      description: "power per accelerator, watts (empty where no source gives one)"
    },
    {
      name: "power_basis",
      type: "enum",
      values: ["nameplate", "measured"],
      description: "nameplate (maker's maximum, TDP) or measured (a published measured average)"
    },
    {
      name: "hardware",
      type: "string",
      optional: true,
      description: "hardware id (data/hardware.csv) whose cloud price applies; empty if none"
    },
    source,
    locator,
    note
  ]
};

export const LATER_MODELS: FileSpec = {
  file: "data/later_models.csv",
  description: "the inputs of one later published training estimate (Patterson et al. 2021, BLOOM, OPT)",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "row identifier"},
    {name: "model", type: "string", description: "model name as printed"},
    {name: "processor", type: "string", optional: true, description: "accelerator id (data/accelerators.csv)"},
    {
      name: "chips",
      type: "integer",
      unit: "count",
      optional: true,
      min: 1,
      max: 1e7,
      description: "number of accelerators"
    },
    {name: "days", type: "number", unit: "d", optional: true, above: 0, max: 1e5, description: "training time, days"},
    {
      name: "accelerator_hours",
      type: "number",
      unit: "accelerator-hours",
      optional: true,
      above: 0,
      max: HUGE,
      description: "accelerator-hours, where the source gives them instead of chips and days"
    },
    {
      name: "watts_per_chip",
      type: "number",
      unit: "W",
      optional: true,
      above: 0,
      max: 5000,
      description: "average power per chip, watts"
    },
    {
      name: "energy_kwh",
      type: "number",
      unit: "kWh",
      optional: true,
      above: 0,
      max: HUGE,
      description: "energy at the hardware before PUE, kWh, where the source gives energy instead of power"
    },
    {
      name: "pue",
      type: "number",
      unit: "ratio",
      min: 1,
      max: 3,
      description: "power usage effectiveness, ratio from 1 to 3"
    },
    {
      name: "gross_kg_per_kwh",
      type: "number",
      unit: "kg CO2e/kWh",
      min: 0,
      max: 5,
      description: "carbon intensity of the grid, kg CO2e per kWh"
    },
    {
      name: "net_kg_per_kwh",
      type: "number",
      unit: "kg CO2e/kWh",
      optional: true,
      min: 0,
      max: 5,
      description: "intensity net of carbon-free energy bought by the operator, kg CO2e per kWh"
    },
    source,
    locator,
    note
  ]
};

export const LATER_PUBLISHED: FileSpec = {
  file: "data/later_published.csv",
  description: "one printed output of a later estimate (compared with, never used as an input)",
  key: ["table", "row", "column"],
  columns: [
    {name: "table", type: "string", description: "the source's table or passage, e.g. patterson-t4"},
    ...printedCell(
      {name: "row", type: "string", description: "later model id (data/later_models.csv)"},
      {name: "column", type: "string", description: "recomputed quantity: mwh, mwh_hardware, co2e_t_gross …"},
      "that of the column (MWh, t CO2e …)",
      "1, 0.1, 0.01 …"
    ),
    source,
    locator
  ]
};

export const UNCERTAINTY: FileSpec = {
  file: "data/uncertainty.csv",
  description: "one distribution of the sensitivity page's Monte Carlo, about the value the reader chose",
  key: ["assumption"],
  columns: [
    {name: "assumption", type: "string", description: "identifier used by the engine"},
    {name: "applies_to", type: "string", description: "which scenarios or models the distribution applies to"},
    {name: "distribution", type: "string", description: "shape of the distribution"},
    {
      name: "min",
      type: "number",
      optional: true,
      unit: "`unit` column",
      min: 0,
      max: 10,
      description: "lowest value, in `unit`"
    },
    {
      name: "mode",
      type: "number",
      optional: true,
      unit: "`unit` column",
      min: 0,
      max: 10,
      description: "most likely value, in `unit`"
    },
    {
      name: "max",
      type: "number",
      optional: true,
      unit: "`unit` column",
      min: 0,
      max: 10,
      description: "highest value, in `unit`"
    },
    {name: "unit", type: "string", description: "what min, mode and max multiply or measure"},
    source,
    locator,
    note
  ]
};

/** Every data file, in the order the data dictionary lists them. */
export const ALL_FILES: readonly FileSpec[] = [
  CONSTANTS,
  TRAINING_RUNS,
  HARDWARE,
  CLOUD_PRICES,
  CONSUMPTION,
  CASE_STUDY,
  GRID_MIX,
  EMISSION_FACTORS,
  PUBLISHED,
  PUE_PRESETS,
  NAS_CORRECTION,
  ACCELERATORS,
  LATER_MODELS,
  LATER_PUBLISHED,
  UNCERTAINTY
];
