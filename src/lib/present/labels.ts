// Words for the ids of the engine: what a reader sees instead of "co2e_lbs", "ipcc-ar5-median" or
// "table4.project.electricity_usd". One map per kind of id; an unknown id is an error, not a leak.
import {TABLE1_TRAINING} from "../paper/tables.js";
import type {Inputs} from "../inputs/types.js";

/** A unique label for a Table 3 row, whose model names repeat: "BERT (base) (V100×64)". */
export function table3Label(row: {model: string; hardware: string; accelerators: number}): string {
  return `${row.model} (${row.hardware}×${row.accelerators})`;
}

/** The printed and recomputed columns of Tables 1, 3 and 4, in words with their unit. */
export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  hours: "hours",
  power_w: "power (W)",
  kwh: "energy incl. PUE (kWh)",
  co2e_lbs: "CO2e (lbs)",
  co2e_kg: "CO2e (kg)",
  co2e_t: "CO2e (t)",
  cost_usd_low: "cloud cost, low (USD)",
  cost_usd_high: "cloud cost, high (USD)",
  electricity_usd: "electricity cost (USD)"
};

export function columnLabel(column: string): string {
  const label = COLUMN_LABELS[column];
  if (!label) throw new Error(`column "${column}" has no label (src/lib/present/labels.ts)`);
  return label;
}

/** The emission factor sets of data/emission_factors.v2.csv. */
export const FACTOR_SET_LABELS: Readonly<Record<string, string>> = {
  "ipcc-ar5-min": "IPCC AR5, minimum",
  "ipcc-ar5-median": "IPCC AR5, median",
  "ipcc-ar5-max": "IPCC AR5, maximum",
  codecarbon: "CodeCarbon"
};

/** A factor set in words; an unknown set is named as it is, in quotes, rather than failing a page. */
export function factorSetLabel(set: string): string {
  return FACTOR_SET_LABELS[set] ?? `“${set}”`;
}

/** Table 4's rows (§4.2). */
export const TABLE4_ROW_LABELS: Readonly<Record<string, string>> = {
  single: "one model",
  tuning: "tuning",
  project: "the whole project"
};

/** "table3" → "Table 3". */
export function tableName(table: string): string {
  return table.replace(/^table([0-9])$/, "Table $1");
}

/** A row of Table 1, 3 or 4 in words: "Transformer (big)", "BERT (base) (V100×64)", "the whole project". */
export function rowLabel(inputs: Inputs, table: string, row: string): string {
  if (table === "table1") {
    const label =
      inputs.consumption.find((c) => c.id === row)?.label ?? TABLE1_TRAINING.find((t) => t.id === row)?.label;
    if (label) return label;
  } else if (table === "table3") {
    const run = inputs.runs.find((r) => r.id === row);
    if (run) return table3Label(run);
  } else if (table === "table4" && TABLE4_ROW_LABELS[row]) return TABLE4_ROW_LABELS[row];
  throw new Error(`${table} has no row "${row}"`);
}

/** A printed cell in words: "Table 4, the whole project, electricity cost (USD)". */
export function cellLabel(inputs: Inputs, table: string, row: string, column: string): string {
  return `${tableName(table)}, ${rowLabel(inputs, table, row)}, ${columnLabel(column)}`;
}
