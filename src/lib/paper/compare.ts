import {group, index} from "d3-array";
import type {Tables} from "./tables.js";
import type {PublishedCell} from "../inputs/types.js";

/**
 * reproduced: the recomputed value, rounded like the printed one, equals it.
 * differs: it does not; an erratum gives the reason.
 * calibrated: an unprinted input was inferred from this very cell, so it matches by construction.
 * scenario: under assumptions other than the paper's, the recomputed value moved with them: the comparison
 *   shows the change, not an error of the paper (no erratum is attached; see scenario-status.ts).
 */
export type CellStatus = "reproduced" | "differs" | "calibrated" | "scenario";

export interface CellComparison {
  table: PublishedCell["table"];
  row: string;
  column: string;
  /** "table.row.column", the key errata refer to. */
  key: string;
  recomputed: number | null;
  /** The recomputed value rounded to the printed step. */
  rounded: number | null;
  published: number;
  printed: string;
  step: number;
  locator: string;
  status: CellStatus;
  /** recomputed − published, and recomputed / published. */
  difference: number | null;
  ratio: number | null;
  /** Ids of the errata that explain or annotate this cell. */
  errata: string[];
}

/** The pieces of an erratum that comparison needs. */
export interface ErratumRef {
  id: string;
  kind: "difference" | "calibration" | "note";
  cells: readonly string[];
}

export function cellKey(table: string, row: string, column: string): string {
  return `${table}.${row}.${column}`;
}

/** Rounds a value to a printed step (1, 1000, 0.01 …), half away from zero as printed tables do. */
export function roundToStep(value: number, step: number): number {
  const q = Math.abs(value) / step;
  // A relative epsilon keeps values such as 2.5 exactly representable from rounding down by floating error.
  const rounded = Math.floor(q + 0.5 + 1e-9 * Math.max(1, q)) * step;
  return Math.sign(value) * Number(rounded.toPrecision(12));
}

/** Whether a recomputed value equals a printed one at the printed precision. */
export function matchesPrinted(recomputed: number, published: number, step: number): boolean {
  return Math.abs(roundToStep(recomputed, step) - published) < step * 1e-6;
}

type ComparedTable = PublishedCell["table"];
type RecomputedRow = Record<string, unknown> & {id: string};

/**
 * The recomputed value of each printed cell, read from the tables indexed by row id once (d3.index): a function of
 * a printed cell, null where the recomputed value is not a number.
 */
export function cellLookup(tables: Pick<Tables, ComparedTable>): (cell: PublishedCell) => number | null {
  const byId = new Map<ComparedTable, Map<string, RecomputedRow>>();
  const rowsOf = (table: ComparedTable) => {
    let rows = byId.get(table);
    if (!rows) byId.set(table, (rows = index(tables[table] as unknown as RecomputedRow[], (r) => r.id)));
    return rows;
  };
  return (cell) => {
    const row = rowsOf(cell.table).get(cell.row);
    if (!row) throw new Error(`published cell ${cellKey(cell.table, cell.row, cell.column)} has no recomputed row`);
    if (!(cell.column in row))
      throw new Error(`published cell ${cellKey(cell.table, cell.row, cell.column)} has no recomputed column`);
    const value = row[cell.column];
    return typeof value === "number" ? value : null;
  };
}

export function lookupCell(tables: Pick<Tables, ComparedTable>, cell: PublishedCell): number | null {
  return cellLookup(tables)(cell);
}

/**
 * The errata that name each cell key (errata ⋈ cells on key, with d3.group), in the errata's order; an erratum that
 * names a cell twice is listed once.
 */
export function errataByCell<E extends ErratumRef>(errata: readonly E[]): Map<string, E[]> {
  const pairs = errata.flatMap((erratum) => [...new Set(erratum.cells)].map((key) => ({key, erratum})));
  return new Map([...group(pairs, (p) => p.key)].map(([key, named]) => [key, named.map((p) => p.erratum)]));
}

/** Compares every printed cell with its recomputed value; each differing cell must be explained by an erratum. */
export function compareTables(
  tables: Pick<Tables, ComparedTable>,
  published: readonly PublishedCell[],
  errata: readonly ErratumRef[]
): CellComparison[] {
  const recomputedOf = cellLookup(tables);
  const errataOf = errataByCell(errata);
  return published.map((cell) => {
    const key = cellKey(cell.table, cell.row, cell.column);
    const recomputed = recomputedOf(cell);
    const related = errataOf.get(key) ?? [];
    const calibrated = related.some((e) => e.kind === "calibration");
    const match = recomputed != null && matchesPrinted(recomputed, cell.value, cell.step);
    return {
      table: cell.table,
      row: cell.row,
      column: cell.column,
      key,
      recomputed,
      rounded: recomputed == null ? null : roundToStep(recomputed, cell.step),
      published: cell.value,
      printed: cell.printed,
      step: cell.step,
      locator: cell.locator,
      status: calibrated && match ? "calibrated" : match ? "reproduced" : "differs",
      difference: recomputed == null ? null : recomputed - cell.value,
      ratio: recomputed == null || cell.value === 0 ? null : recomputed / cell.value,
      errata: related.map((e) => e.id)
    };
  });
}

/** The printed cells by table, row and column (d3.index; the loaders reject a duplicate cell). */
export type PublishedIndex = Map<string, Map<string, Map<string, PublishedCell>>>;

export function publishedIndex(published: readonly PublishedCell[]): PublishedIndex {
  return index(
    published,
    (c) => c.table,
    (c) => c.row,
    (c) => c.column
  );
}

/** The printed values of one row, keyed by column (null where the paper printed nothing). */
export function publishedRow(
  published: PublishedIndex,
  table: ComparedTable,
  row: string,
  columns: readonly string[]
): Record<string, number | null> {
  const printed = published.get(table)?.get(row);
  return Object.fromEntries(columns.map((column) => [column, printed?.get(column)?.value ?? null]));
}
