import {join} from "node:path";
import {readRows, type FileSpec} from "./csv.js";
import {fail} from "./errors.js";
import {firstUnmatched} from "./joins.js";
import {LATER_MODELS, LIFECYCLE_PUBLISHED} from "../src/lib/inputs/schemas.js";
import type {LifecyclePrintedCell} from "../src/lib/inputs/types.js";

/**
 * Reads data/lifecycle_published.csv (a later study's CO2e of all processes, beyond its dynamic power) and checks
 * that each row names a later model. Throws a DataError naming file, line and column.
 */
export function loadLifecycleInputs(dataDir: string): {lifecyclePublished: LifecyclePrintedCell[]} {
  const read = <F extends FileSpec>(spec: F) => readRows(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const laterModels = read(LATER_MODELS).map((r) => r.row);
  const records = read(LIFECYCLE_PUBLISHED);
  const unknown = firstUnmatched(records, ["row"], laterModels, ["id"]);
  if (unknown)
    fail(LIFECYCLE_PUBLISHED, unknown, "row", `unknown later model "${unknown.row.row}"; see ${LATER_MODELS.file}`);
  return {lifecyclePublished: records.map((r) => r.row)};
}
