// What a figure plots, as data: the columns of its table and CSV, numbers free of binary noise. Pure (no
// DOM), so the CSV a figure downloads is tested in Node.
import {csvFormatRows} from "d3-dsv";

/** One column of a figure's data: its key (the CSV header, carrying the unit: "co2e_lbs") and its label. */
export interface FigureColumn {
  key: string;
  label: string;
}

/** The value of a figure's data cell: text, a number, or nothing. */
export type FigureValue = string | number | boolean | null | undefined;

/**
 * A number rounded to `digits` significant digits (12 by default), so that binary noise from the arithmetic
 * (1983.9999999999998, 352.00000000000006) never reaches an export: 1984, 352. Integers and non-finite
 * values pass through.
 */
export function roundSignificant(value: number, digits = 12): number {
  if (!Number.isFinite(value) || value === 0 || Number.isInteger(value)) return value;
  return Number(value.toPrecision(digits));
}

/** The columns of a figure's data when none are given: every key of the first row, labelled by itself. */
export function defaultColumns(rows: readonly Record<string, FigureValue>[]): FigureColumn[] {
  return Object.keys(rows[0] ?? {}).map((key) => ({key, label: key}));
}

/** One CSV value: empty for nothing, numbers as plain numbers (12 significant digits), text quoted if needed. */
export function csvValue(value: FigureValue): string {
  return csvFormatRows([[plainValue(value)]]);
}

/** A value as d3-dsv writes it: nothing (also a non-finite number) as null, numbers at 12 significant digits. */
function plainValue(value: FigureValue): string | number | boolean | null {
  if (value == null || (typeof value === "number" && !Number.isFinite(value))) return null;
  return typeof value === "number" ? roundSignificant(value) : value;
}

/** The rows as CSV: a header of column keys, one line per row, numbers as numbers; ends with a newline. */
export function figureCsv(rows: readonly Record<string, FigureValue>[], columns?: readonly FigureColumn[]): string {
  const cols = columns ?? defaultColumns(rows);
  return csvFormatRows([cols.map((c) => c.key), ...rows.map((row) => cols.map((c) => plainValue(row[c.key])))]) + "\n";
}

/** A number as a reader sees it in a figure's table: thousands separators, decimals by magnitude. */
export function readableNumber(value: number): string {
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 || Number.isInteger(value) ? 0 : magnitude >= 1 ? 2 : 4;
  // Intl, not d3-format: Intl rounds the decimal as written half away from zero (1.005 → "1.01", as the tables'
  // roundToStep does), d3's toFixed the binary value (1.00499… → "1"); d3's "~f" would change these texts.
  return roundSignificant(value, 12).toLocaleString("en-US", {maximumFractionDigits: decimals});
}
