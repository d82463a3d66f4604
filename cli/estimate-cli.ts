import {statSync} from "node:fs";
import {basename} from "node:path";
import {parseArgs} from "node:util";
import {DataError} from "../loaders/errors.js";
import {loadInputs, inputsIfValid} from "../loaders/inputs.js";
import {buildCitation} from "../loaders/citation.js";
import {readCodeCarbon} from "./import-codecarbon.js";
import {readPowerLogs} from "./import-nvidia-smi.js";
import {writeFileAtomic} from "./write.js";
import {CodeCarbonError} from "../src/lib/estimate/codecarbon.js";
import {
  estimate,
  estimateJson,
  estimateMarkdown,
  estimateText,
  parseEstimateParams,
  ParamError,
  RUN_PARAMS
} from "../src/lib/estimate/estimate.js";
import {
  codecarbonJson,
  codecarbonMarkdown,
  codecarbonText,
  estimateFromCodeCarbon
} from "../src/lib/estimate/estimate-codecarbon.js";
import {NvidiaSmiError} from "../src/lib/estimate/nvidia-smi.js";
import {impactStatement, STATEMENT_FORMATS, type StatementFormat} from "../src/lib/estimate/statement.js";
import {constantValue, SCENARIO_PARAMS} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {paramLines} from "./options.js";

export const ESTIMATE_FORMATS = ["text", "json", "md"] as const;

/** A usage error: printed with a pointer to --help, exit code 2. */
export class EstimateUsageError extends Error {}

/** A power log or CodeCarbon file that cannot be read: "file:line: what is wrong", exit code 2. */
export class PowerLogError extends Error {}

/** A CodeCarbon emissions.csv that cannot be read: "file:line: what is wrong", exit code 2. */
export class CodeCarbonFileError extends Error {}

export function estimateHelp(inputs: Inputs | null): string {
  let paper = "";
  try {
    paper = inputs
      ? `: PUE ${constantValue(inputs, "pue")}, EPA ${constantValue(inputs, "lbs_per_kwh")} lbs/kWh, $${constantValue(inputs, "usd_per_kwh")}/kWh`
      : "";
  } catch {
    paper = "";
  }
  return `Usage: npm run report -- estimate [options]

Turns a description of your own training run into a row in the format of Strubell, Ganesh & McCallum
(2019), Table 3: total power, hours, kWh with PUE, CO2e, and the cloud cost where data/cloud_prices.csv
has a price for the hardware. kWh = PUE x hours x (CPU W + DRAM W + count x accelerator W) / 1000
(equation 1); CO2e = kWh x intensity (equation 2).

Power per accelerator comes from --watts (measured), else from --nvidia-smi (a power log), else from
data/accelerators.csv (nameplate, or a published measured average for TPUs). Hours come from --hours,
else from the log's duration.

The run:
  --nvidia-smi F  a log of: nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1,
                 or a directory of such logs, one per node (their GPUs add up); read as a stream
  --codecarbon F  CodeCarbon's emissions.csv (or a directory of them): the energy of each run (its last
                 row: rows are cumulative), runs added up; CodeCarbon's PUE is taken out and the
                 scenario's applied. Replaces the run flags below. Headers of CodeCarbon 2.4.1 to 3.2.x
${paramLines(RUN_PARAMS, inputs, 12)}

Assumptions (defaults are the paper's${paper}):
${paramLines(SCENARIO_PARAMS, inputs, 12)}

Output:
  --format F     text (default), json or md (the Table 3 row)
  --statement F  instead, a carbon impact statement to paste into a paper: md or latex (the figures,
                 assumptions and sources, citing Strubell et al. 2019 and this replication)
  --out FILE     write to FILE (whole or not at all) instead of standard output
  --data DIR     read the inputs from DIR (default: data)
  -h, --help     show this help

Examples:
  npm run report -- estimate --accelerator A100 --count 8 --watts 400 --hours 100 --pue 1.1 --intensity 0.385kg
  npm run report -- estimate --nvidia-smi power.csv --pue 1.58 --intensity 0.954lbs --format json
  npm run report -- estimate --nvidia-smi power.csv --count 8 --hours 3.5d
  npm run report -- estimate --nvidia-smi logs/ --format json
  npm run report -- estimate --codecarbon emissions.csv --grid google --format json
  npm run report -- estimate --accelerator A100 --count 8 --hours 100 --statement latex --out impact.tex
`;
}

/**
 * Runs the estimate command; returns the text to print. Throws EstimateUsageError, DataError, PowerLogError or
 * CodeCarbonFileError. Logs and CodeCarbon files are streamed, hence asynchronous.
 */
export async function runEstimate(argv: string[]): Promise<{output: string; out: string | null}> {
  const names = [...RUN_PARAMS, ...SCENARIO_PARAMS].map((p) => p.name);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      tokens: true,
      options: {
        "nvidia-smi": {type: "string"},
        codecarbon: {type: "string"},
        format: {type: "string", default: "text"},
        statement: {type: "string"},
        out: {type: "string"},
        data: {type: "string", default: "data"},
        help: {type: "boolean", short: "h"},
        ...Object.fromEntries(names.map((name) => [name, {type: "string" as const}]))
      }
    });
  } catch (error) {
    throw new EstimateUsageError((error as Error).message.replace(/\. To specify.*$/s, ""));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    return {output: estimateHelp(inputsIfValid(values.data as string)), out: null};
  }
  const format = values.format as string;
  if (!(ESTIMATE_FORMATS as readonly string[]).includes(format)) {
    throw new EstimateUsageError(`--format "${format}" is not allowed: one of ${ESTIMATE_FORMATS.join(", ")}`);
  }
  const statement = values.statement as string | undefined;
  if (statement !== undefined && !(STATEMENT_FORMATS as readonly string[]).includes(statement)) {
    throw new EstimateUsageError(`--statement "${statement}" is not allowed: one of ${STATEMENT_FORMATS.join(", ")}`);
  }
  // A carbon impact statement cites this replication from CITATION.cff (with the data version).
  const cite = (e: Parameters<typeof impactStatement>[1]) =>
    impactStatement(inputs, e, buildCitation("."), statement as StatementFormat);
  const inputs = loadInputs(values.data as string);
  // In the order the flags were given, so the first bad one is reported and a repeated flag's last value wins.
  const entries: [string, string][] = (parsed.tokens ?? []).flatMap((t) =>
    t.kind === "option" && names.includes(t.name) && t.value !== undefined
      ? [[t.name, t.value] as [string, string]]
      : []
  );
  let params;
  try {
    params = parseEstimateParams(entries, inputs);
  } catch (error) {
    throw usageOf(error);
  }
  const out = (values.out as string | undefined) ?? null;
  for (const flag of ["codecarbon", "nvidia-smi"]) {
    const given = values[flag] as string | undefined;
    if (given !== undefined && !statSync(given, {throwIfNoEntry: false})) {
      throw new EstimateUsageError(`--${flag} "${given}": cannot read the file (ENOENT)`);
    }
  }
  const codecarbon = values.codecarbon as string | undefined;
  const path = values["nvidia-smi"] as string | undefined;
  if (codecarbon !== undefined) {
    if (path !== undefined) throw new EstimateUsageError("--codecarbon and --nvidia-smi do not go together: give one");
    const runFlags = entries.filter(([name]) => RUN_PARAMS.some((p) => p.name === name)).map(([name]) => `--${name}`);
    if (runFlags.length) {
      throw new EstimateUsageError(
        `${[...new Set(runFlags)].join(", ")} ${runFlags.length > 1 ? "do" : "does"} not apply to --codecarbon: the file gives the energy`
      );
    }
    let imported;
    try {
      imported = await readCodeCarbon(codecarbon);
    } catch (error) {
      if (error instanceof CodeCarbonError) throw new CodeCarbonFileError(error.message);
      throw error;
    }
    const result = estimateFromCodeCarbon(inputs, imported, params.scenario);
    const output = statement
      ? cite(result)
      : format === "json"
        ? codecarbonJson(result)
        : format === "md"
          ? codecarbonMarkdown(result)
          : codecarbonText(result);
    return {output, out};
  }
  let log = null;
  if (path !== undefined) {
    try {
      const power = await readPowerLogs(
        path,
        params.run.gapSeconds == null ? {} : {maxGapSeconds: params.run.gapSeconds}
      );
      log = {file: basename(path), power};
    } catch (error) {
      if (error instanceof NvidiaSmiError) {
        throw new PowerLogError(`${error.file ?? path}${error.line == null ? "" : `:${error.line}`}: ${error.detail}`);
      }
      throw error;
    }
  }
  let result;
  try {
    result = estimate(inputs, params.run, params.scenario, log);
  } catch (error) {
    throw usageOf(error);
  }
  const output = statement
    ? cite(result)
    : format === "json"
      ? estimateJson(result)
      : format === "md"
        ? estimateMarkdown(result)
        : estimateText(result);
  return {output, out};
}

/** "pue "4" is not allowed …" names its flag; "no power: …" is about the run as a whole. */
function usageOf(error: unknown): unknown {
  if (error instanceof ParamError) {
    return new EstimateUsageError(error.message.startsWith(`${error.param} `) ? `--${error.message}` : error.message);
  }
  return error;
}

export async function estimateMain(argv: string[]): Promise<number> {
  try {
    const {output, out} = await runEstimate(argv);
    if (out) {
      writeFileAtomic(out, output);
      process.stderr.write(`wrote ${out}\n`);
    } else {
      process.stdout.write(output);
    }
    return 0;
  } catch (error) {
    if (error instanceof EstimateUsageError) {
      process.stderr.write(`estimate: ${error.message}\nRun "npm run report -- estimate --help" for the options.\n`);
      return 2;
    }
    if (error instanceof DataError) {
      process.stderr.write(`estimate: bad input: ${error.message}\n`);
      return 1;
    }
    if (error instanceof PowerLogError) {
      process.stderr.write(`estimate: bad power log: ${error.message}; nothing was written\n`);
      return 2;
    }
    if (error instanceof CodeCarbonFileError) {
      process.stderr.write(`estimate: bad CodeCarbon file: ${error.message}; nothing was written\n`);
      return 2;
    }
    process.stderr.write(`estimate: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}
