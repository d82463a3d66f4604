import {DataError} from "../loaders/errors.js";
import {inputsIfValid, loadInputs} from "../loaders/inputs.js";
import {writeFileAtomic} from "./write.js";
import {clean, ledgerCsv, ledgerJson, ledgerMarkdown} from "../src/lib/later/ledger-export.js";
import {lifecycleLedger, lifecycleOn, type LifecycleLedgerRow} from "../src/lib/later/lifecycle.js";
import {laterRows} from "../src/lib/later/later.js";
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

Life-cycle accounting (--embodied, --server, --wue, --gridwater; off by default): with any of them on, the
JSON gains "lifecycle", one entry per model row with what each choice adds to its scenario CO2e and its water
in litres, and the text and md forms a table of the same (a row that lacks an input, such as its accelerator,
says so instead of a number). csv keeps one line per printed value and refuses them.

Examples:
  npm run --silent report -- ledger --format json
  npm run --silent report -- ledger --format json --embodied llmcarbon --wue google --gridwater USA
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
  const lifecycle = lifecycleOn(scenario)
    ? lifecycleLedger(inputs, report, scenario, new Map(laterRows(inputs).map((r) => [r.id, r.accelerator_hours])))
    : null;
  if (lifecycle && format === "csv")
    throw new LedgerUsageError(
      "--embodied, --server, --wue and --gridwater apply to the text, json and md forms: csv has one line per printed value"
    );
  let output: string;
  if (format === "json")
    output = lifecycle
      ? JSON.stringify(
          {...JSON.parse(ledgerJson(report)), lifecycle},
          (_key, v) => (typeof v === "number" ? clean(v) : v),
          2
        ) + "\n"
      : ledgerJson(report);
  else if (format === "csv") output = ledgerCsv(report);
  else if (format === "md") output = ledgerMarkdown(report) + (lifecycle ? `\n${lifecycleMarkdown(lifecycle)}` : "");
  else {
    const counts = ledgerCounts(report);
    output =
      ledgerMarkdown(report) +
      `\n${report.rows.length} rows; printed values: ${counts.input} inputs, ${counts.reproduced} reproduced, ${counts.calibrated} calibrated, ${counts.differs} differ (each with an erratum)\n` +
      (report.scenario.accounting === "market"
        ? `Market-based accounting (the JSON's co2e_t_scenario): ${report.rows.filter((r) => r.accounting === "location").length} of ${report.rows.length} rows print no market-based figure and keep location-based (accounting_note says why).\n`
        : "") +
      (lifecycle ? `\n${lifecycleMarkdown(lifecycle)}` : "");
  }
  return {output, out: (values.out as string | undefined) ?? null};
}

/** The life-cycle table of the text and md forms: one line per model row and addition, then its water. */
export function lifecycleMarkdown(rows: readonly LifecycleLedgerRow[]): string {
  const esc = (v: string) => v.replace(/\|/g, "\\|");
  const t = (x: number | null) => (x == null ? "—" : String(Number(x.toPrecision(4))));
  const lines = ["| model | choice | CO2e (t) | basis |", "| --- | --- | --- | --- |"];
  for (const r of rows) {
    lines.push(`| ${esc(r.model)} | this scenario | ${t(r.co2e_t_scenario)} | |`);
    for (const a of r.additions) lines.push(`| ${esc(r.model)} | ${esc(a.step)} | ${t(a.co2e_t)} | ${esc(a.basis)} |`);
    if (r.additions.length) lines.push(`| ${esc(r.model)} | total | ${t(r.co2e_t_with_lifecycle)} | |`);
    if (r.water_l)
      lines.push(
        `| ${esc(r.model)} | water (litres) | ${Math.round(r.water_l.total).toLocaleString("en-US")} L | ${esc(r.water_l.basis)} |`
      );
  }
  return lines.join("\n") + "\n";
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
