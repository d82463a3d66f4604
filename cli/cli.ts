import {loadInputs, inputsIfValid} from "../loaders/inputs.js";
import {DataError} from "../loaders/errors.js";
import {writeFileAtomic} from "./write.js";
import {estimateMain} from "./estimate-cli.js";
import {ledgerMain} from "./ledger-cli.js";
import {PeersUsageError, runPeers} from "./peers-cli.js";
import {uncertaintyMain} from "./uncertainty-cli.js";
import {buildReport, type Report} from "../src/lib/paper/report.js";
import {SCENARIO_PARAMS} from "../src/lib/scenario/scenario.js";
import {tableViews} from "../src/lib/present/views.js";
import {toCsv, toLatex, toMarkdown, toText, type ExportMeta} from "../src/lib/present/exports.js";
import {buildManifest} from "../loaders/manifest.js";
import type {PdfRequest} from "./pdf.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {dataDirectory, paramLines, paramOptions, parseFlags, scenarioFromFlags} from "./options.js";

export const FORMATS = ["text", "json", "csv", "md", "latex"] as const;
export type Format = (typeof FORMATS)[number];

/** A usage error: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export function helpText(inputs: Inputs | null): string {
  const params = paramLines(SCENARIO_PARAMS, inputs);
  return `Usage: npm run report -- [options]

Recomputes Tables 1-4 of Strubell, Ganesh & McCallum (2019) from data/ and prints them beside
the printed values, with a status per printed cell.

Output:
  --format F     text (default), json, csv, md or latex (booktabs)
  --out FILE     write to FILE (whole or not at all) instead of standard output
  --data DIR     read the inputs from DIR (default: data)
  --pdf FILE     write the replication report as a PDF (title page, methods, tables, errata,
                 sensitivity, checksums), printed by headless Chromium from the built site
  --site DIR     the built site to print (default: dist/, built first if missing or stale)
  -h, --help     show this help

Scenario (defaults are the paper's: PUE 1.58, EPA 0.954 lbs/kWh, $0.12/kWh, lbs):
${params}

Factor sets: Table 2 lumps hydro, wind and solar as one renewable share. IPCC's hydropower maximum
(2,200 g/kWh, a reservoir) averaged with wind and solar would make renewables dirtier than gas and Google's
mix dirtier than the US mix, so ipcc-ar5-max keeps hydropower at IPCC's median (24 g); --factor
hydropower:2200g restores it. --mix implies --grid custom; with any other grid it is an error.

Subcommands:
  estimate       your own training run in the paper's format (npm run report -- estimate --help)
  uncertainty    Monte Carlo uncertainty of one model's CO2e (npm run report -- uncertainty --help)

Examples:
  npm run report
  npm run --silent report -- --format json
  npm run report -- --pue 1.1 --grid google --units kg
  npm run report -- --intensity 429g --format md --out table.md
  npm run report -- --format latex --out tables.tex
  npm run report -- --pdf report.pdf --pue 1.1
`;
}

export function render(report: Report, format: Format, meta: ExportMeta = {}): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  const views = tableViews(report);
  if (format === "csv") return views.map((v) => `# ${v.id}\n${toCsv(v)}`).join("\n");
  if (format === "md") return views.map(toMarkdown).join("\n");
  if (format === "latex") return views.map((v) => toLatex(v, {...meta, query: report.scenario.query})).join("\n");
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
export function runReport(argv: string[]): {output: string; out: string | null; pdf?: PdfRequest} {
  const options = {
    format: {type: "string", default: "text"},
    out: {type: "string"},
    data: {type: "string", default: "data"},
    help: {type: "boolean", short: "h"},
    pdf: {type: "string"},
    site: {type: "string"},
    ...paramOptions(SCENARIO_PARAMS)
  } as const;
  const fail = (message: string): never => {
    throw new UsageError(message);
  };
  const values = parseFlags(argv, options, fail);
  if (values.help) {
    return {output: helpText(inputsIfValid(values.data as string)), out: null};
  }
  const format = values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format "${format}" is not allowed: one of ${FORMATS.join(", ")}`);
  }
  const dataDir = values.data as string;
  dataDirectory(dataDir, fail);
  const inputs = loadInputs(dataDir);
  const scenario = scenarioFromFlags(values, inputs, fail);
  const report = buildReport(inputs, scenario);
  if (values.site !== undefined && values.pdf === undefined) throw new UsageError("--site DIR goes with --pdf FILE");
  if (values.pdf !== undefined) {
    if (!values.pdf) throw new UsageError("--pdf needs a file name, e.g. --pdf report.pdf");
    return {
      output: "",
      out: null,
      pdf: {file: values.pdf as string, site: values.site as string | undefined, query: report.scenario.query}
    };
  }
  // The versions a LaTeX caption names: known for the project's own data/ only.
  let meta: ExportMeta = {};
  if (format === "latex" && values.data === "data") {
    const manifest = buildManifest(".");
    meta = {version: manifest.version, dataVersion: manifest.data_version};
  }
  return {output: render(report, format as Format, meta), out: (values.out as string | undefined) ?? null};
}

/** Runs the command; a PDF report is asynchronous (a Promise of the exit code), everything else is not. */
export function main(argv: string[]): number | Promise<number> {
  // "Your own run": a subcommand with its own options and --help (cli/estimate-cli.ts).
  if (argv[0] === "estimate") return estimateMain(argv.slice(1));
  // The ledger of published training footprints (cli/ledger-cli.ts).
  if (argv[0] === "ledger") return ledgerMain(argv.slice(1));
  // The Monte Carlo uncertainty of one model (cli/uncertainty-cli.ts).
  if (argv[0] === "uncertainty") return uncertaintyMain(argv.slice(1));
  try {
    // What other tools would report (cli/peers-cli.ts).
    const {output, out, pdf} = argv[0] === "peers" ? {...runPeers(argv.slice(1)), pdf: undefined} : runReport(argv);
    if (pdf) {
      return import("./pdf.js")
        .then(({writePdfReport}) => writePdfReport(pdf))
        .then((result) => {
          process.stderr.write(`wrote ${result.file} (${result.bytes} bytes)\n`);
          return 0;
        })
        .catch((error: Error) => {
          process.stderr.write(`report: --pdf ${pdf.file}: ${error.message}; nothing was written\n`);
          return 1;
        });
    }
    if (out) {
      try {
        writeFileAtomic(out, output);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        process.stderr.write(`report: cannot write --out "${out}" (${code}); nothing was written\n`);
        return 1;
      }
      process.stderr.write(`wrote ${out}\n`);
    } else {
      process.stdout.write(output);
    }
    return 0;
  } catch (error) {
    return failure(error);
  }
}

/** Prints an error the way the command reports it and returns the exit code. */
function failure(error: unknown): number {
  if (error instanceof UsageError || error instanceof PeersUsageError) {
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

if (import.meta.url === `file://${process.argv[1]}`) {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
}
