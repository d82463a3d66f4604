import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {parseArgs} from "node:util";
import {DataError} from "../loaders/errors.js";
import {loadInputs, inputsIfValid} from "../loaders/inputs.js";
import {writeFileAtomic} from "./write.js";
import {
  estimateFromParams,
  estimateJson,
  estimateMarkdown,
  estimateText,
  ParamError,
  RUN_PARAMS
} from "../src/lib/estimate.js";
import {NvidiaSmiError} from "../src/lib/nvidia-smi.js";
import {constantValue, SCENARIO_PARAMS} from "../src/lib/scenario.js";
import type {Inputs} from "../src/lib/types.js";

export const ESTIMATE_FORMATS = ["text", "json", "md"] as const;

/** A usage error: printed with a pointer to --help, exit code 2. */
export class EstimateUsageError extends Error {}

/** A power log that cannot be read: "file:line: what is wrong", exit code 1. */
export class PowerLogError extends Error {}

export function estimateHelp(inputs: Inputs | null): string {
  const describe = (p: {name: string; help: string; allowed: (i: Inputs) => string}) => {
    let allowed = "";
    try {
      allowed = inputs ? p.allowed(inputs) : "";
    } catch {
      allowed = "";
    }
    return `  --${p.name.padEnd(12)} ${p.help}${allowed ? `\n${" ".repeat(17)}${allowed}` : ""}`;
  };
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
  --nvidia-smi F  a log of: nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1
${RUN_PARAMS.map(describe).join("\n")}

Assumptions (defaults are the paper's${paper}):
${SCENARIO_PARAMS.map(describe).join("\n")}

Output:
  --format F     text (default), json or md (the Table 3 row)
  --out FILE     write to FILE (whole or not at all) instead of standard output
  --data DIR     read the inputs from DIR (default: data)
  -h, --help     show this help

Examples:
  npm run report -- estimate --accelerator A100 --count 8 --watts 400 --hours 100 --pue 1.1 --intensity 0.385kg
  npm run report -- estimate --nvidia-smi power.csv --pue 1.58 --intensity 0.954lbs --format json
  npm run report -- estimate --nvidia-smi power.csv --count 8 --hours 3.5d
`;
}

/** Runs the estimate command; returns the text to print. Throws EstimateUsageError, DataError or PowerLogError. */
export function runEstimate(argv: string[]): {output: string; out: string | null} {
  const names = [...RUN_PARAMS, ...SCENARIO_PARAMS].map((p) => p.name);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      tokens: true,
      options: {
        "nvidia-smi": {type: "string"},
        format: {type: "string", default: "text"},
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
  const inputs = loadInputs(values.data as string);
  // In the order the flags were given, so the first bad one is reported and a repeated flag's last value wins.
  const entries: [string, string][] = (parsed.tokens ?? []).flatMap((t) =>
    t.kind === "option" && names.includes(t.name) && t.value !== undefined
      ? [[t.name, t.value] as [string, string]]
      : []
  );
  let log = null;
  const path = values["nvidia-smi"] as string | undefined;
  if (path !== undefined) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new EstimateUsageError(
        `--nvidia-smi "${path}": cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`
      );
    }
    log = {file: basename(path), text};
  }
  let result;
  try {
    result = estimateFromParams(inputs, entries, log);
  } catch (error) {
    // "pue "4" is not allowed …" names its flag; "no power: …" is about the run as a whole.
    if (error instanceof ParamError) {
      throw new EstimateUsageError(error.message.startsWith(`${error.param} `) ? `--${error.message}` : error.message);
    }
    if (error instanceof NvidiaSmiError)
      throw new PowerLogError(`${path}${error.line == null ? "" : `:${error.line}`}: ${error.detail}`);
    throw error;
  }
  const output =
    format === "json" ? estimateJson(result) : format === "md" ? estimateMarkdown(result) : estimateText(result);
  return {output, out: (values.out as string | undefined) ?? null};
}

export function estimateMain(argv: string[]): number {
  try {
    const {output, out} = runEstimate(argv);
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
      process.stderr.write(`estimate: bad power log: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`estimate: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}
