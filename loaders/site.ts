import {buildManifest} from "./manifest.js";
import {loadInputs} from "./inputs.js";
import {buildReport} from "../src/lib/report.js";
import {paperScenario} from "../src/lib/scenario.js";
import {tableViews} from "../src/lib/views.js";
import {toCsv} from "../src/lib/exports.js";

/** The folder of input CSV files: DATA_DIR (e.g. a test's copy of data/ with hostile fields), default data/. */
export function dataDir(): string {
  return process.env.DATA_DIR || "data";
}

/** What the Framework data loaders emit; each writes only data to stdout. */
export function inputsJson(): string {
  return JSON.stringify(loadInputs(dataDir()));
}

export function reportJson(): string {
  const inputs = loadInputs(dataDir());
  return JSON.stringify(buildReport(inputs, paperScenario(inputs)));
}

export function tableCsv(id: "table1" | "table2" | "table3" | "table4"): string {
  const inputs = loadInputs(dataDir());
  const view = tableViews(buildReport(inputs, paperScenario(inputs))).find((v) => v.id === id)!;
  return toCsv(view);
}

export function manifestJson(): string {
  return JSON.stringify(buildManifest(".", dataDir()), null, 2);
}

/** Runs a loader body: data to stdout; on failure, the message to stderr and a non-zero exit. */
export function emit(produce: () => string): void {
  try {
    process.stdout.write(produce());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
