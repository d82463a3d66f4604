import {DataError} from "../loaders/errors.js";
import {inputsIfValid, loadInputs} from "../loaders/inputs.js";
import {writeFileAtomic} from "./write.js";
import {ledgerCsv, ledgerJson, ledgerMarkdown} from "../src/lib/later/ledger-export.js";
import {buildLedger, ledgerCounts} from "../src/lib/later/ledger-report.js";
import {SCENARIO_PARAMS} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {dataDirectory, paramLines, paramOptions, parseFlags, scenarioFromFlags} from "./options.js";

export const LEDGER_FORMATS = ["text", "json", "csv", "md"] as const;

/** A usage error: printed with a pointer to --help, exit code 2. */
export class LedgerUsageError extends Error {}

export function ledgerHelp(inputs: Inputs | null): string {
  const params = paramLines(SCENARIO_PARAMS, inputs);
  return `Usage: npm run report -- ledger [options]

The ledger of published training footprints: every value a later study or model card prints (GPU-hours,
power, MWh, CO2e location- and market-based, water), recomputed with equations 1 and 2 from what that
source prints, with a status per value (input, reproduced, calibrated, differs) and the errata.

Output:
  --format F     text (default), json, csv (one line per printed value) or md
  --out FILE     write to FILE (whole or not at all) instead of standard output
  --data DIR     read the inputs from DIR (default: data)
  -h, --help     show this help

Scenario (only the "this scenario" energy and CO2e of each row follow it; printed values are compared
under each source's own assumptions):
${params}

Examples:
  npm run --silent report -- ledger --format json
  npm run report -- ledger --format csv --out ledger.csv
`;
}

/** Runs the ledger subcommand; returns the text to print and where. Throws LedgerUsageError or DataError. */
export function runLedger(argv: string[]): {output: string; out: string | null} {
  const options = {
    format: {type: "string", default: "text"},
    out: {type: "string"},
    data: {type: "string", default: "data"},
    help: {type: "boolean", short: "h"},
    ...paramOptions(SCENARIO_PARAMS)
  } as const;
  const fail = (message: string): never => {
    throw new LedgerUsageError(message);
  };
  const values = parseFlags(argv, options, fail);
  if (values.help) return {output: ledgerHelp(inputsIfValid(values.data as string)), out: null};
  const format = values.format as string;
  if (!(LEDGER_FORMATS as readonly string[]).includes(format))
    throw new LedgerUsageError(`--format "${format}" is not allowed: one of ${LEDGER_FORMATS.join(", ")}`);
  const dataDir = values.data as string;
  dataDirectory(dataDir, fail);
  const inputs = loadInputs(dataDir);
  const scenario = scenarioFromFlags(values, inputs, fail);
  const report = buildLedger(inputs, scenario);
  let output: string;
  if (format === "json") output = ledgerJson(report);
  else if (format === "csv") output = ledgerCsv(report);
  else if (format === "md") output = ledgerMarkdown(report);
  else {
    const counts = ledgerCounts(report);
    output =
      ledgerMarkdown(report) +
      `\n${report.rows.length} rows; printed values: ${counts.input} inputs, ${counts.reproduced} reproduced, ${counts.calibrated} calibrated, ${counts.differs} differ (each with an erratum)\n` +
      (report.scenario.accounting === "market"
        ? `Market-based accounting (the JSON's co2e_t_scenario): ${report.rows.filter((r) => r.accounting === "location").length} of ${report.rows.length} rows print no market-based figure and keep location-based (accounting_note says why).\n`
        : "");
  }
  return {output, out: (values.out as string | undefined) ?? null};
}

/** The `ledger` subcommand: prints or writes the ledger; returns the exit code. */
export function ledgerMain(argv: string[]): number {
  try {
    const {output, out} = runLedger(argv);
    if (out) {
      try {
        writeFileAtomic(out, output);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        process.stderr.write(`report ledger: cannot write --out "${out}" (${code}); nothing was written\n`);
        return 1;
      }
      process.stderr.write(`wrote ${out}\n`);
    } else process.stdout.write(output);
    return 0;
  } catch (error) {
    if (error instanceof LedgerUsageError) {
      process.stderr.write(`report ledger: ${error.message}\nRun "npm run report -- ledger --help" for the options.\n`);
      return 2;
    }
    if (error instanceof DataError) {
      process.stderr.write(`report ledger: bad input: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`report ledger: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}
