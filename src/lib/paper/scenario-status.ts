// Under a scenario other than the paper's, a recomputed cell that moved with the assumptions is compared with
// the printed value only to show the change: its status is "scenario", and no erratum of the paper is
// attached to it. Cells the scenario leaves unchanged (hours, or costs when only the PUE changes) keep the
// status they have under the paper's assumptions.
import {cellLookup, type CellComparison} from "./compare.js";
import {paperScenario} from "../scenario/scenario.js";
import {computeTables, type Tables} from "./tables.js";
import type {Inputs, PublishedCell} from "../inputs/types.js";

const PAPER_TABLES = new WeakMap<Inputs, Tables>();

/** The tables under the paper's own assumptions, computed once per inputs object. */
export function paperTables(inputs: Inputs): Tables {
  let tables = PAPER_TABLES.get(inputs);
  if (!tables) {
    tables = computeTables(inputs, paperScenario(inputs));
    PAPER_TABLES.set(inputs, tables);
  }
  return tables;
}

/** Whether two recomputed values are the same up to floating-point noise. */
function same(a: number | null, b: number | null): boolean {
  if (a == null || b == null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Marks the cells (compared under a scenario) whose recomputed value differs from the one under the paper's
 * assumptions (`paper`, e.g. paperTables(inputs)) as "scenario", without errata.
 */
export function markScenarioCells(
  cells: readonly CellComparison[],
  paper: Pick<Tables, "table1" | "table3" | "table4">
): CellComparison[] {
  const paperValue = cellLookup(paper);
  return cells.map((cell) => {
    const at: PublishedCell = {...cell, value: cell.published};
    return same(paperValue(at), cell.recomputed) ? cell : {...cell, status: "scenario", errata: []};
  });
}
