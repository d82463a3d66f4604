import {parseArgs} from "node:util";
import {loadInputs} from "./inputs.js";
import {DataError} from "./errors.js";
import {writeFileAtomic} from "./write.js";
import {buildReport, type Report} from "../src/lib/report.js";
import {parseScenario, SCENARIO_PARAMS} from "../src/lib/scenario.js";
import {tableViews} from "../src/lib/views.js";
import {toCsv, toMarkdown, toText} from "../src/lib/exports.js";
import type {Inputs} from "../src/lib/types.js";

export const FORMATS = ["text", "json", "csv", "md"] as const;
export type Format = (typeof FORMATS)[number];

/** A usage error: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export function helpText(inputs: Inputs | null): string {
  const params = SCENARIO_PARAMS.map((p) => {
    let allowed = "";
    try {
      allowed = inputs ? p.allowed(inputs) : "";
    } catch {
      allowed = "";
    }
    return `  --${p.name.padEnd(11)} ${p.help}${allowed ? `\n${" ".repeat(16)}${allowed}` : ""}`;
  }).join("\n");
  return `Usage: npm run report -- [options]

Recomputes Tables 1-4 of Strubell, Ganesh & McCallum (2019) from data/ and prints them beside
the printed values, with a status per printed cell.

Output:
  --format F     text (default), json, csv or md
  --out FILE     write to FILE (whole or not at all) instead of standard output
  --data DIR     read the inputs from DIR (default: data)
  -h, --help     show this help

Scenario (defaults are the paper's: PUE 1.58, EPA 0.954 lbs/kWh, $0.12/kWh, lbs):
${params}

Examples:
  npm run report
  npm run --silent report -- --format json
  npm run report -- --pue 1.1 --grid google --units kg
  npm run report -- --intensity 429g --format md --out table.md
`;
}

export function render(report: Report, format: Format): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  const views = tableViews(report);
  if (format === "csv") return views.map((v) => `# ${v.id}\n${toCsv(v)}`).join("\n");
  if (format === "md") return views.map(toMarkdown).join("\n");
  const differing = report.cells.filter((c) => c.status === "differs");
  const summary = [
    `Scenario: PUE ${report.scenario.pue}, ${report.scenario.intensity_kg_per_kwh.toFixed(4)} kg CO2e/kWh (${report.scenario.intensity_source}), $${report.scenario.usdPerKwh}/kWh`,
    `Printed cells: ${report.cells.length}; reproduced ${report.cells.filter((c) => c.status === "reproduced").length}, calibrated ${report.cells.filter((c) => c.status === "calibrated").length}, differ ${differing.length}`,
    ...differing.map(
      (c) => `  differs: ${c.key} recomputed ${c.rounded} vs printed ${c.printed} (${c.errata.join(", ")})`
    ),
    ""
  ];
  return [...views.map(toText), ...summary].join("\n");
}

/** Runs the report command; returns the text to print. Throws UsageError or DataError. */
export function runReport(argv: string[]): {output: string; out: string | null} {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        format: {type: "string", default: "text"},
        out: {type: "string"},
        data: {type: "string", default: "data"},
        help: {type: "boolean", short: "h"},
        ...Object.fromEntries(SCENARIO_PARAMS.map((p) => [p.name, {type: "string" as const}]))
      }
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ""));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    let inputs: Inputs | null = null;
    try {
      inputs = loadInputs(values.data as string);
    } catch {
      inputs = null;
    }
    return {output: helpText(inputs), out: null};
  }
  const format = values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format "${format}" is not allowed: one of ${FORMATS.join(", ")}`);
  }
  const inputs = loadInputs(values.data as string);
  const entries: [string, string][] = SCENARIO_PARAMS.filter((p) => values[p.name] !== undefined).map((p) => [
    p.name,
    values[p.name] as string
  ]);
  let scenario;
  try {
    scenario = parseScenario(entries, inputs, {strict: true}).scenario;
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
  const report = buildReport(inputs, scenario);
  return {output: render(report, format as Format), out: (values.out as string | undefined) ?? null};
}

export function main(argv: string[]): number {
  try {
    const {output, out} = runReport(argv);
    if (out) {
      writeFileAtomic(out, output);
      process.stderr.write(`wrote ${out}\n`);
    } else {
      process.stdout.write(output);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`report: ${error.message}\nRun "npm run report -- --help" for the options.\n`);
      return 2;
    }
    if (error instanceof DataError) {
      process.stderr.write(`report: bad input: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`report: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
