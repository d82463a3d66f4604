// The data model, stated once: every data/ file's columns, types, units and validation rules. The loaders read and
// check the files against it (loaders/csv.ts), the engine's row types derive from it (RowOf, used by types.ts), and
// the data dictionary (data/README.md, scripts/data-dictionary.ts) is generated from it. Pure data: no I/O.
// Adding a column to a file touches its declaration below and the data file, nothing else.

/** How one column of a data file is read and checked. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: "string" | "number" | "integer" | "enum";
  /** May the cell be empty? */
  readonly optional?: boolean;
  /**
   * What an empty cell of an optional column becomes in the row: null (the default), "absent" (the field is left
   * undefined, as for remarks) or "text" (an empty string).
   */
  readonly emptyAs?: "null" | "absent" | "text";
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly values?: readonly string[];
  /** What the value means, with its unit: shown in errors and in the data dictionary. */
  readonly description: string;
  /** Unit of a number column ("W", "USD/h", "%", or "`unit` column" where a sibling column gives it). */
  readonly unit?: string;
}

export interface FileSpec {
  readonly file: string;
  readonly columns: readonly ColumnSpec[];
  /** Columns whose values together must be unique. */
  readonly key: readonly string[];
  /** What one row is. */
  readonly description: string;
}

/** A cell as read: text, a number, or null for an empty optional cell. */
export type Cell = string | number | null;

/** A column's field in the engine's rows: snake_case to camelCase ("usd_per_hour" → "usdPerHour"). */
export type FieldName<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<FieldName<Tail>>}`
  : S;

export function fieldName<S extends string>(column: S): FieldName<S> {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) as FieldName<S>;
}

type ValueOf<C extends ColumnSpec> = C["type"] extends "number" | "integer"
  ? number
  : C extends {type: "enum"; values: readonly (infer V)[]}
    ? V
    : string;

type Absent<C> = C extends {optional: true; emptyAs: "absent"} ? C : never;
type Present<C> = C extends {optional: true; emptyAs: "absent"} ? never : C;
type Simplify<T> = {[K in keyof T]: T[K]} & {};

/** The engine's row of a file: one field per column, named by FieldName, typed by the column's type and emptiness. */
export type RowOf<F extends FileSpec> = Simplify<
  {
    -readonly [C in Present<F["columns"][number]> as FieldName<C["name"]>]: C extends {optional: true}
      ? C extends {emptyAs: "text"}
        ? ValueOf<C>
        : ValueOf<C> | null
      : ValueOf<C>;
  } & {
    -readonly [C in Absent<F["columns"][number]> as FieldName<C["name"]>]?: ValueOf<C>;
  }
>;

/** A row read from a file (column name → cell, as checked by the loaders) as the engine's typed row. */
export function typedRow<F extends FileSpec>(spec: F, values: Readonly<Record<string, Cell>>): RowOf<F> {
  const row: Record<string, Cell | undefined> = {};
  for (const c of spec.columns) {
    const value = values[c.name] ?? null;
    row[fieldName(c.name)] =
      value !== null ? value : c.emptyAs === "absent" ? undefined : c.emptyAs === "text" ? "" : null;
  }
  return row as RowOf<F>;
}

/** Declares a column, keeping its literal name, type and values for RowOf. */
const column = <const C extends ColumnSpec>(c: C): C => c;
/** Declares a file, keeping its columns' literal types for RowOf. */
export const fileSpec = <const F extends FileSpec>(f: F): F => f;

const source = column({name: "source", type: "string", description: "the publication the value comes from"});
const locator = column({
  name: "locator",
  type: "string",
  description: "where in the source: table, section (§) or footnote (fn)"
});
const note = column({
  name: "note",
  type: "string",
  optional: true,
  emptyAs: "absent",
  description: "remarks on the value"
});
const percent = <const N extends string>(name: N, what: string) =>
  column({name, type: "number", min: 0, max: 100, unit: "%", description: `percent of energy from ${what}`});

/** Largest plausible magnitude of any input, to catch typos such as extra digits. */
const HUGE = 1e12;

/** A named positive value with its unit: the first columns of every key/value file. */
const keyValueUnit = [
  column({name: "key", type: "string", description: "identifier used by the engine"}),
  column({
    name: "value",
    type: "number",
    unit: "`unit` column",
    above: 0,
    max: HUGE,
    description: "the value, in `unit`"
  }),
  column({name: "unit", type: "string", description: "unit of `value`"})
] as const;

export const CONSTANTS = fileSpec({
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
});

export const CASE_STUDY = fileSpec({
  file: "data/case_study.csv",
  description: "one input of the LISA case study (§4.2)",
  key: ["key"],
  columns: [...keyValueUnit, source, locator, note]
});

export const HARDWARE = fileSpec({
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
});

export const CLOUD_PRICES = fileSpec({
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
});

export const TRAINING_RUNS = fileSpec({
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
    {
      name: "measured_on",
      type: "string",
      optional: true,
      emptyAs: "text",
      description: "hardware the power was measured on"
    },
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
});

export const GRID_MIX = fileSpec({
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
});

export const CONSUMPTION = fileSpec({
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
});

export const EMISSION_FACTORS = fileSpec({
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
});

/** The columns of a printed value kept for comparison: which row and column, the text and its number and step. */
function printedCell<const R extends ColumnSpec, const K extends ColumnSpec>(
  row: R,
  key: K,
  valueUnit: string,
  stepExamples: string
) {
  return [
    row,
    key,
    column({name: "printed", type: "string", description: "the cell's text as printed"}),
    column({
      name: "value",
      type: "number",
      unit: valueUnit,
      min: 0,
      max: HUGE,
      description: "the printed value as a number"
    }),
    column({
      name: "step",
      type: "number",
      unit: "that of `value`",
      above: 0,
      max: 1e6,
      description: `rounding step of the printed value (${stepExamples})`
    })
  ] as const;
}

export const PUBLISHED = fileSpec({
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
});

export const PUE_PRESETS = fileSpec({
  file: "data/pue_presets.v2.csv",
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
});

export const NAS_CORRECTION = fileSpec({
  file: "data/nas_correction.v2.csv",
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
});

export const ACCELERATORS = fileSpec({
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
});

export const LATER_MODELS = fileSpec({
  file: "data/later_models.v2.csv",
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
    {name: "organisation", type: "string", description: "who trained the model"},
    {name: "year", type: "integer", unit: "year", min: 2017, max: 2100, description: "year of the disclosure"},
    {
      name: "inferred_by_source",
      type: "string",
      optional: true,
      description:
        "inputs the source itself inferred rather than took from the model's paper (printed in italics), space-separated column names"
    },
    note
  ]
});

export const LATER_PUBLISHED = fileSpec({
  file: "data/later_published.v2.csv",
  description: "one printed output of a later estimate (compared with, never used as an input)",
  key: ["table", "row", "column"],
  columns: [
    {name: "table", type: "string", description: "the source's table or passage, e.g. patterson-t4"},
    ...printedCell(
      {name: "row", type: "string", description: "later model id (data/later_models.v2.csv)"},
      {name: "column", type: "string", description: "recomputed quantity: mwh, mwh_hardware, co2e_t_gross …"},
      "that of the column (MWh, t CO2e …)",
      "1, 0.1, 0.01 …"
    ),
    source,
    locator
  ]
});

/** The columns a ledger cell can hold, as the sources print them (src/lib/later/ledger.ts LEDGER_COLUMNS). */
const LEDGER_COLUMN_IDS = ["gpu_hours", "power_w", "mwh", "co2e_t", "co2e_t_market", "water_l"] as const;

export const LEDGER_ROWS = fileSpec({
  file: "data/ledger_rows.v2.csv",
  description:
    "one published training disclosure in the ledger (a model, or a total the source prints), with the assumptions it states",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "row identifier"},
    {name: "model", type: "string", description: "model name as printed"},
    {name: "organisation", type: "string", description: "who trained the model"},
    {name: "year", type: "integer", unit: "year", min: 2017, max: 2100, description: "year of the disclosure"},
    {
      name: "disclosure",
      type: "string",
      description: "the document (card, paper) the row comes from; a total sums its model rows"
    },
    {
      name: "kind",
      type: "enum",
      values: ["model", "total"],
      description: "model (one training run) or total (the source's sum of its model rows)"
    },
    {name: "hardware", type: "string", optional: true, description: "accelerator id (data/accelerators.csv)"},
    {
      name: "pue",
      type: "number",
      unit: "ratio",
      optional: true,
      min: 1,
      max: 3,
      description: "PUE the source prints; empty where its power already includes it or it prints none"
    },
    {
      name: "kg_per_kwh",
      type: "number",
      unit: "kg CO2e/kWh",
      optional: true,
      min: 0,
      max: 5,
      description: "location-based intensity the source prints; empty where it is inferred (intensity_from)"
    },
    {
      name: "market_kg_per_kwh",
      type: "number",
      unit: "kg CO2e/kWh",
      optional: true,
      min: 0,
      max: 5,
      description: "market-based intensity the source prints; empty where it is inferred or not given"
    },
    {
      name: "intensity_from",
      type: "string",
      optional: true,
      description: "the model row whose printed CO2e calibrates this row's intensity where the source prints none"
    },
    source,
    locator,
    note,
    {
      name: "pue_from",
      type: "string",
      optional: true,
      description:
        "the model row whose printed CO2e calibrates this row's PUE where the source prints its intensity but no PUE"
    },
    {
      name: "same_run_as",
      type: "string",
      optional: true,
      description:
        "another ledger row that reports the same training run in another source (a model card and its paper); an erratum compares their printed figures where they differ"
    }
  ]
});

export const LEDGER_PUBLISHED = fileSpec({
  file: "data/ledger_published.v2.csv",
  description:
    "one value a ledger disclosure prints: an input (GPU-hours, power) or an output compared with its recomputation",
  key: ["row", "column"],
  columns: [
    ...printedCell(
      {name: "row", type: "string", description: "ledger row id (data/ledger_rows.v2.csv)"},
      {name: "column", type: "enum", values: LEDGER_COLUMN_IDS, description: LEDGER_COLUMN_IDS.join(", ")},
      "that of the column (GPU-hours, W, MWh, t CO2e, L)",
      "1, 0.01, 100000 …"
    ),
    {
      name: "role",
      type: "enum",
      values: ["input", "output"],
      description:
        "input (computed with: a model row's GPU-hours and power, or its printed energy where it prints no GPU-hours; or its printed CO2e where it prints nothing else, taken as given with nothing to recompute) or output (compared with, never used as an input)"
    },
    source,
    locator
  ]
});

export const LIFECYCLE_PUBLISHED = fileSpec({
  file: "data/lifecycle_published.csv",
  description:
    "a later study's printed CO2e beyond its training's dynamic power (embodied emissions, idle and infrastructure power), shown as a step of the ledger page's accounting chart",
  key: ["row", "quantity"],
  columns: [
    ...printedCell(
      {name: "row", type: "string", description: "later model id (data/later_models.v2.csv)"},
      {
        name: "quantity",
        type: "enum",
        values: ["co2e_t_all_processes"],
        description:
          "co2e_t_all_processes: t CO2e of every process the source counts, from equipment manufacturing to operational energy"
      },
      "t CO2e",
      "0.1, 1 …"
    ),
    source,
    locator,
    note
  ]
});

/** The quantities of data/accounting_factors.csv, each with its unit (the data dictionary lists them). */
export const ACCOUNTING_QUANTITIES = [
  "embodied_kg_per_device",
  "embodied_kg_per_server",
  "devices_per_server",
  "lifetime_years",
  "server_kw",
  "wue_l_per_kwh",
  "grid_l_per_kwh"
] as const;

export const ACCOUNTING_FACTORS = fileSpec({
  file: "data/accounting_factors.csv",
  description:
    "one published default of a life-cycle accounting method (embodied emissions of the hardware and its service life, the rest of a server's power, water per kWh), used by the ledger's accounting controls",
  key: ["id"],
  columns: [
    {name: "id", type: "string", description: "identifier used by the engine and the controls"},
    {
      name: "method",
      type: "enum",
      values: ["llmcarbon", "ecologits"],
      description:
        "the tool whose default it is: llmcarbon (LLMCarbon, per-die-area embodied carbon) or ecologits (EcoLogits)"
    },
    {
      name: "quantity",
      type: "enum",
      values: ACCOUNTING_QUANTITIES,
      description:
        "embodied_kg_per_device (kg CO2e to make one accelerator), embodied_kg_per_server (kg CO2e to make one server, without its accelerators), devices_per_server (accelerators per server), lifetime_years (service life the embodied CO2e is spread over, years of 365 days), server_kw (a server's power beyond its accelerators, kW), wue_l_per_kwh (a data centre's on-site water, L per kWh of IT energy), grid_l_per_kwh (water consumed generating a kWh of a grid's electricity, L/kWh)"
    },
    {
      name: "applies_to",
      type: "string",
      description:
        "an accelerator id (data/accelerators.csv), gpu (every GPU), any, a data-centre operator (google, openai, mistralai) or a country code (ISO 3166-1 alpha-3; WOR for the world)"
    },
    {
      name: "value",
      type: "number",
      above: 0,
      max: 100000,
      unit: "per `quantity`",
      description: "the value, in the unit its quantity names"
    },
    source,
    locator,
    note
  ]
});

export const UNCERTAINTY = fileSpec({
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
});

/** The Ember file the country grids are extracted from (scripts/extract-country-grids.ts): repository, path, commit. */
export const COUNTRY_GRIDS_SOURCE = {
  repository: "github.com/ember-climate/ember-data-api",
  path: "data/api_country_overview_yearly.csv",
  commit: "ae39f58784e483c1febab076a03c2af70edd3b70",
  /** The file's git blob id at that commit: the extraction script refuses any other copy. */
  blob: "943f09f9798b0af8c0304630ffbd34853ed4039d",
  licence: "CC BY 4.0"
} as const;

/** Years the country grids cover (Ember's yearly data at that commit: 2000 to 2024). */
export const COUNTRY_GRID_YEARS = [2000, 2024] as const;

export const COUNTRY_GRIDS = fileSpec({
  file: "data/country_grids.v1.csv",
  description: `the yearly average carbon intensity of one country's or region's electricity generation, extracted by scripts/extract-country-grids.ts from Ember's yearly data (${COUNTRY_GRIDS_SOURCE.repository}, ${COUNTRY_GRIDS_SOURCE.path} at commit ${COUNTRY_GRIDS_SOURCE.commit}, git blob ${COUNTRY_GRIDS_SOURCE.blob}; licence ${COUNTRY_GRIDS_SOURCE.licence}, as that repository's metadata.json states) with ISO 3166-1 alpha-2 codes from iso-codes 4.15.0`,
  key: ["code", "year"],
  columns: [
    {
      name: "code",
      type: "string",
      description:
        "Ember's code: the ISO 3166-1 alpha-3 code of a country, or an upper-case id of a region (WORLD, EU …)"
    },
    {
      name: "alpha2",
      type: "string",
      optional: true,
      emptyAs: "text",
      description:
        "the country's ISO 3166-1 alpha-2 code (iso-codes 4.15.0), empty for a region or a code ISO does not list"
    },
    {name: "name", type: "string", description: "the country or region as Ember names it"},
    {name: "kind", type: "enum", values: ["country", "region"], description: "a country or a region (an aggregate)"},
    {
      name: "year",
      type: "integer",
      min: COUNTRY_GRID_YEARS[0],
      max: COUNTRY_GRID_YEARS[1],
      unit: "year",
      description: "the calendar year"
    },
    {
      name: "g_co2_per_kwh",
      type: "number",
      min: 0,
      max: 2000,
      unit: "g/kWh",
      description:
        "Ember's emissions_intensity_gco2_per_kwh (g CO2 per kWh, as Ember names it), the year's average; used as the grid's CO2e intensity"
    },
    source,
    {
      name: "locator",
      type: "string",
      description: "the line of Ember's file the value is read from"
    }
  ]
});

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
  LEDGER_ROWS,
  LEDGER_PUBLISHED,
  LIFECYCLE_PUBLISHED,
  UNCERTAINTY,
  ACCOUNTING_FACTORS,
  COUNTRY_GRIDS
];
