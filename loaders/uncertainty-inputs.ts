import {join} from "node:path";
import {readRows} from "./csv.js";
import {fail} from "./errors.js";
import {missingKeys} from "./joins.js";
import {UNCERTAINTY} from "../src/lib/inputs/schemas.js";
import {NUMERIC_ASSUMPTIONS, SET_ASSUMPTION} from "../src/lib/uncertainty/montecarlo.js";
import type {UncertaintyRow} from "../src/lib/inputs/types.js";

/**
 * Reads data/uncertainty.csv: every assumption the Monte Carlo needs, each numeric one with min ≤ mode ≤ max
 * around 1 (they multiply the value the reader chose). Throws a DataError naming file, line and column.
 */
export function loadUncertaintyInputs(dataDir: string): {uncertainty: UncertaintyRow[]} {
  const rows = readRows(join(dataDir, UNCERTAINTY.file.replace(/^data\//, "")), UNCERTAINTY);
  for (const at of rows) {
    const {assumption, min, mode, max} = at.row;
    if (!(NUMERIC_ASSUMPTIONS as readonly string[]).includes(assumption)) continue;
    for (const [k, value] of [
      ["min", min],
      ["mode", mode],
      ["max", max]
    ] as const)
      if (value == null) fail(UNCERTAINTY, at, k, `"${assumption}" needs a ${k}`);
    if (!(min! <= mode! && mode! <= max!))
      fail(UNCERTAINTY, at, "mode", `needs min ≤ mode ≤ max, got ${min}, ${mode}, ${max}`);
    if (!(min! <= 1 && max! >= 1))
      fail(UNCERTAINTY, at, "min", "a multiplier range must bracket 1 (the value the reader chose)");
  }
  const uncertainty = rows.map((r) => r.row);
  const [absent] = missingKeys(
    [...NUMERIC_ASSUMPTIONS, SET_ASSUMPTION].map((assumption) => ({assumption})),
    uncertainty,
    ["assumption"]
  );
  if (absent) fail(UNCERTAINTY, null, "assumption", `missing the assumption "${absent.assumption}"`);
  return {uncertainty};
}
