import {buildManifest} from "./manifest.js";
import {loadInputs} from "./inputs.js";
import {buildReport} from "../src/lib/report.js";
import {paperScenario} from "../src/lib/scenario.js";
import {tableViews} from "../src/lib/views.js";
import {toCsv} from "../src/lib/exports.js";

/** What the Framework data loaders emit; each writes only data to stdout. */
export function inputsJson(): string {
  return JSON.stringify(loadInputs());
}

export function reportJson(): string {
  const inputs = loadInputs();
  return JSON.stringify(buildReport(inputs, paperScenario(inputs)));
}

export function tableCsv(id: "table1" | "table2" | "table3" | "table4"): string {
  const inputs = loadInputs();
  const view = tableViews(buildReport(inputs, paperScenario(inputs))).find((v) => v.id === id)!;
  return toCsv(view);
}

export function manifestJson(): string {
  return JSON.stringify(buildManifest(), null, 2);
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
