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

export function lookupCell(tables: Pick<Tables, "table1" | "table3" | "table4">, cell: PublishedCell): number | null {
  const rows = tables[cell.table] as unknown as Array<Record<string, unknown>>;
  const row = rows.find((r) => r.id === cell.row);
  if (!row) throw new Error(`published cell ${cellKey(cell.table, cell.row, cell.column)} has no recomputed row`);
  if (!(cell.column in row))
    throw new Error(`published cell ${cellKey(cell.table, cell.row, cell.column)} has no recomputed column`);
  const value = row[cell.column];
  return typeof value === "number" ? value : null;
}

/** Compares every printed cell with its recomputed value; each differing cell must be explained by an erratum. */
export function compareTables(
  tables: Pick<Tables, "table1" | "table3" | "table4">,
  published: readonly PublishedCell[],
  errata: readonly ErratumRef[]
): CellComparison[] {
  return published.map((cell) => {
    const key = cellKey(cell.table, cell.row, cell.column);
    const recomputed = lookupCell(tables, cell);
    const related = errata.filter((e) => e.cells.includes(key));
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

/** The printed values of one row, keyed by column (null where the paper printed nothing). */
export function publishedRow(
  published: readonly PublishedCell[],
  table: PublishedCell["table"],
  row: string,
  columns: readonly string[]
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const column of columns) {
    out[column] = published.find((c) => c.table === table && c.row === row && c.column === column)?.value ?? null;
  }
  return out;
}
