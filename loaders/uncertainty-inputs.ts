import {join} from "node:path";
import {readCsv, type FileSpec, type Row} from "./csv.js";
import {DataError} from "./errors.js";
import {UNCERTAINTY} from "./schemas.js";
import {NUMERIC_ASSUMPTIONS, SET_ASSUMPTION} from "../src/lib/montecarlo.js";
import type {UncertaintyRow} from "../src/lib/types.js";

type V = Record<string, string | number | null>;

function fail(spec: FileSpec, row: Row | null, column: string, message: string): never {
  const k = spec.columns.findIndex((c) => c.name === column);
  throw new DataError(spec.file, row ? row.line : null, column, k >= 0 ? k + 1 : null, message);
}

/**
 * Reads data/uncertainty.csv: every assumption the Monte Carlo needs, each numeric one with min ≤ mode ≤ max
 * around 1 (they multiply the value the reader chose). Throws a DataError naming file, line and column.
 */
export function loadUncertaintyInputs(dataDir: string): {uncertainty: UncertaintyRow[]} {
  const rows = readCsv(join(dataDir, UNCERTAINTY.file.replace(/^data\//, "")), UNCERTAINTY);
  const uncertainty = rows.map((row) => {
    const v = row.values as V;
    const n = (k: string) => (v[k] as number | null) ?? null;
    const out: UncertaintyRow = {
      assumption: v.assumption as string,
      appliesTo: v.applies_to as string,
      distribution: v.distribution as string,
      min: n("min"),
      mode: n("mode"),
      max: n("max"),
      unit: v.unit as string,
      source: v.source as string,
      locator: v.locator as string,
      ...(v.note == null ? {} : {note: v.note as string})
    };
    if ((NUMERIC_ASSUMPTIONS as readonly string[]).includes(out.assumption)) {
      for (const k of ["min", "mode", "max"] as const)
        if (out[k] == null) fail(UNCERTAINTY, row, k, `"${out.assumption}" needs a ${k}`);
      if (!(out.min! <= out.mode! && out.mode! <= out.max!))
        fail(UNCERTAINTY, row, "mode", `needs min ≤ mode ≤ max, got ${out.min}, ${out.mode}, ${out.max}`);
      if (!(out.min! <= 1 && out.max! >= 1))
        fail(UNCERTAINTY, row, "min", `a multiplier range must bracket 1 (the value the reader chose)`);
    }
    return out;
  });
  for (const needed of [...NUMERIC_ASSUMPTIONS, SET_ASSUMPTION]) {
    if (!uncertainty.some((u) => u.assumption === needed))
      fail(UNCERTAINTY, null, "assumption", `missing the assumption "${needed}"`);
  }
  return {uncertainty};
}
