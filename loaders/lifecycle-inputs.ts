import {join} from "node:path";
import {readRows, type FileSpec} from "./csv.js";
import {fail} from "./errors.js";
import {LATER_MODELS, LIFECYCLE_PUBLISHED} from "../src/lib/inputs/schemas.js";
import type {LifecyclePrintedCell} from "../src/lib/inputs/types.js";

/**
 * Reads data/lifecycle_published.csv (a later study's CO2e of all processes, beyond its dynamic power) and checks
 * that each row names a later model. Throws a DataError naming file, line and column.
 */
export function loadLifecycleInputs(dataDir: string): {lifecyclePublished: LifecyclePrintedCell[]} {
  const read = <F extends FileSpec>(spec: F) => readRows(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const laterIds = read(LATER_MODELS).map((r) => r.row.id);
  const records = read(LIFECYCLE_PUBLISHED);
  for (const at of records)
    if (!laterIds.includes(at.row.row))
      fail(LIFECYCLE_PUBLISHED, at, "row", `unknown later model "${at.row.row}"; see ${LATER_MODELS.file}`);
  return {lifecyclePublished: records.map((r) => r.row)};
}
