// Joins between data files for the loaders' cross-file checks, with Arquero (Node side only: the engine in src/lib,
// which also runs in the pages, does its own small lookups without it). Rows keep their line in the file, so a
// check can name file, line and column.
import * as aq from "arquero";

/** Rows as read (src/lib/inputs/schemas.ts RowOf), each with its line. */
export type Lined<R> = ReadonlyArray<{line: number; row: R}>;

/** A table of read rows: every field of the row, plus `line`. */
export function linedTable<R extends object>(records: Lined<R>) {
  return aq.from(records.map(({line, row}) => ({...row, line})));
}

/** The first record (in file order) of `table` that the returned table's rows point at by `line`. */
function first<R>(records: Lined<R>, table: ReturnType<typeof aq.from>): {line: number; row: R} | undefined {
  if (table.numRows() === 0) return undefined;
  const line = table.orderby("line").get("line", 0) as number;
  return records.find((r) => r.line === line);
}

/** `known` as a table; null when it has no rows (Arquero cannot join on the columns of an empty table). */
function knownTable(known: ReadonlyArray<object> | ReturnType<typeof aq.from>): ReturnType<typeof aq.from> | null {
  const table = Array.isArray(known) ? aq.from(known as object[]) : (known as ReturnType<typeof aq.from>);
  return table.numRows() === 0 ? null : table;
}

/**
 * The first record whose `keys` match no row of `known` on `knownKeys` (an anti-join), or undefined: e.g. a run whose
 * hardware is in no row of data/hardware.csv.
 */
export function firstUnmatched<R extends object>(
  records: Lined<R>,
  keys: ReadonlyArray<keyof R & string>,
  known: ReadonlyArray<object> | ReturnType<typeof aq.from>,
  knownKeys: readonly string[]
): {line: number; row: R} | undefined {
  const right = knownTable(known);
  if (!right) return records.length === 0 ? undefined : [...records].sort((a, b) => a.line - b.line)[0];
  return first(records, linedTable(records).antijoin(right, [[...keys], [...knownKeys]]));
}

/**
 * The first record whose `keys` match a row of `known` on `knownKeys` (a semi-join), or undefined: e.g. a run with no
 * measured power whose hardware is a GPU.
 */
export function firstMatched<R extends object>(
  records: Lined<R>,
  keys: ReadonlyArray<keyof R & string>,
  known: ReadonlyArray<object> | ReturnType<typeof aq.from>,
  knownKeys: readonly string[]
): {line: number; row: R} | undefined {
  const right = knownTable(known);
  if (!right || records.length === 0) return undefined;
  return first(records, linedTable(records).semijoin(right, [[...keys], [...knownKeys]]));
}

/** The column that keeps the wanted rows' order through a join. */
const ORDER = "__order";

/**
 * The wanted key rows that no row of `rows` has on `keys` (wanted ▷ rows, an anti-join), in the order wanted: e.g. the
 * (factor set, energy source) pairs a factor file lacks, or required constants missing from a key/value file.
 */
export function missingKeys<W extends object>(
  wanted: readonly W[],
  rows: ReadonlyArray<object>,
  keys: ReadonlyArray<keyof W & string>,
  rowKeys: readonly string[] = keys
): W[] {
  const right = knownTable(rows);
  if (!right || wanted.length === 0) return [...wanted];
  const left = aq.from(wanted.map((w, order) => ({...w, [ORDER]: order})));
  const absent = left
    .antijoin(right, [[...keys], [...rowKeys]])
    .orderby(ORDER)
    .array(ORDER) as ArrayLike<number>;
  return Array.from(absent, (order) => wanted[order]);
}

/** A table of the given rows (for keys built from code rather than read from a file). */
export const rowsTable = (rows: ReadonlyArray<object>) => aq.from(rows as object[]);

/**
 * The first price row whose accelerator's pre-emptible price exceeds its on-demand price (pre-emptible ⋈ on-demand on
 * accelerator), with both prices; the row named is the accelerator's first in the file.
 */
export function firstInvertedPrice<R extends {accelerator: string; tier: string; usdPerHour: number}>(
  records: Lined<R>
): {at: {line: number; row: R}; preemptible: number; onDemand: number} | undefined {
  const prices = linedTable(records);
  const low = prices.params({tier: "preemptible"}).filter((d: {tier: string}, $: {tier: string}) => d.tier === $.tier);
  const high = prices.params({tier: "on_demand"}).filter((d: {tier: string}, $: {tier: string}) => d.tier === $.tier);
  const inverted = low
    .select({accelerator: "accelerator", usdPerHour: "preemptible", line: "lowLine"})
    .join(high.select({accelerator: "accelerator", usdPerHour: "onDemand", line: "highLine"}), "accelerator")
    .filter((d: {preemptible: number; onDemand: number}) => d.preemptible > d.onDemand)
    .derive({line: (d: {lowLine: number; highLine: number}) => (d.lowLine < d.highLine ? d.lowLine : d.highLine)});
  const at = first(records, inverted);
  if (!at) return undefined;
  const row = inverted.orderby("line").object(0) as {preemptible: number; onDemand: number};
  return {at, preemptible: row.preemptible, onDemand: row.onDemand};
}
