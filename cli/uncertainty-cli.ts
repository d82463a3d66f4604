// `npm run report -- uncertainty`: the Monte Carlo uncertainty of one model's CO2e about a scenario, computed by
// the same function as the sensitivity page (uncertaintySummary), printed as text or JSON.
import {DataError} from "../loaders/errors.js";
import {inputsIfValid, loadInputs} from "../loaders/inputs.js";
import {checkSeed, MAX_SEED} from "../src/lib/uncertainty/random.js";
import {SCENARIO_PARAMS, serializeScenario} from "../src/lib/scenario/scenario.js";
import {DEFAULT_MODEL, DEFAULT_SEED, focusModels} from "../src/lib/uncertainty/sensitivity.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {ASSUMPTION_LABELS, ASSUMPTIONS, uncertaintySummary} from "../src/lib/uncertainty/uncertainty.js";
import {dataDirectory, paramLines, paramOptions, parseFlags, scenarioFromFlags} from "./options.js";

export const UNCERTAINTY_FORMATS = ["text", "json"] as const;

/** Samples drawn unless --samples says otherwise, and the most allowed. */
export const DEFAULT_SAMPLES = 100000;
export const MAX_SAMPLES = 2000000;

/** A usage error: printed with a pointer to --help, exit code 2. */
export class UncertaintyUsageError extends Error {}

export function uncertaintyHelp(inputs: Inputs | null): string {
  const params = paramLines(SCENARIO_PARAMS, inputs);
  const models = inputs ? focusModels(inputs).map((m) => `${m.id} (${m.label})`) : [];
  return `Usage: npm run report -- uncertainty [--model ID] [scenario options] [--samples N] [--seed S] [--format F]

The Monte Carlo uncertainty of one model's CO2e about a scenario, by the same functions as the sensitivity
page. Every distribution is triangular about the scenario's own value, with its width from data/uncertainty.csv:
PUE's overhead (PUE - 1) x0.9 to x1.2 (Patterson et al. 2021, Table 4); power x0.941 to x1.566 where
Strubell et al. measured it on stand-in hardware, x1 to x1.063 where it was measured on the hardware that ran
the model; each energy source's emission factor from the ipcc-ar5-min to the ipcc-ar5-max set (IPCC AR5 WG III
Annex III, Table A.III.2), most likely at the scenario's factor (the paper's EPA factor spreads as the US mix
it stands for; a direct intensity is held as given).

Emission factor sets: Table 2 lumps hydro, wind and solar as one renewable share. IPCC's hydropower maximum
(2,200 g/kWh, a reservoir) averaged with wind and solar would make renewables dirtier than gas and Google's
mix dirtier than the US mix, so the ipcc-ar5-max set keeps hydropower at IPCC's median (24 g); restore it
with --factor hydropower:2200g.

Options:
  --model ID     the model (default ${DEFAULT_MODEL})${models.length ? `\n                 one of ${models.join(",\n                 ")}` : ""}
  --samples N    samples drawn, a whole number from 100 to ${MAX_SAMPLES} (default ${DEFAULT_SAMPLES})
  --seed S       the generator's seed, a whole number from 0 to ${MAX_SEED} (default ${DEFAULT_SEED})
  --format F     text (default) or json
  --data DIR     read the inputs from DIR (default: data)
  -h, --help     show this help

Scenario (defaults are the paper's):
${params}

JSON: {model, scenario, samples, seed, point_kg, median_kg, p05_kg, p95_kg, paper_percentile, indices,
paper_kg, held, point_outside}. point_kg is the scenario's own estimate; paper_percentile is where the
paper's printed figure falls among the samples (percent at or below it; Table 3 rows only, else null);
indices maps each assumption (pue, power, carbon_intensity) to the share of the variance it explains alone
(first-order, binned conditional variance); point_outside says in words why point_kg lies outside
[p05_kg, p95_kg] (null when it lies within).

Examples:
  npm run --silent report -- uncertainty --model nas_p100 --format json
  npm run report -- uncertainty --pue 1.1 --grid google --samples 20000 --seed 7
`;
}

function wholeNumber(text: string, name: string, lo: number, hi: number): number {
  if (!/^\s*[0-9]+\s*$/.test(text) || Number(text) < lo || Number(text) > hi)
    throw new UncertaintyUsageError(`--${name} "${text}" is not allowed: a whole number from ${lo} to ${hi}`);
  return Number(text);
}

/** Runs the subcommand; returns the text to print. Throws UncertaintyUsageError or DataError. */
export function runUncertainty(argv: string[]): string {
  const options = {
    model: {type: "string", default: DEFAULT_MODEL},
    samples: {type: "string", default: String(DEFAULT_SAMPLES)},
    seed: {type: "string", default: String(DEFAULT_SEED)},
    format: {type: "string", default: "text"},
    data: {type: "string", default: "data"},
    help: {type: "boolean", short: "h"},
    ...paramOptions(SCENARIO_PARAMS)
  } as const;
  const fail = (message: string): never => {
    throw new UncertaintyUsageError(message);
  };
  const values = parseFlags(argv, options, fail);
  const dataDir = values.data as string;
  if (values.help) return uncertaintyHelp(inputsIfValid(dataDir));
  const format = values.format as string;
  if (!(UNCERTAINTY_FORMATS as readonly string[]).includes(format))
    throw new UncertaintyUsageError(`--format "${format}" is not allowed: one of ${UNCERTAINTY_FORMATS.join(", ")}`);
  const samples = wholeNumber(values.samples as string, "samples", 100, MAX_SAMPLES);
  const seed = checkSeed(wholeNumber(values.seed as string, "seed", 0, MAX_SEED));
  dataDirectory(dataDir, fail);
  const inputs = loadInputs(dataDir);
  const models = focusModels(inputs);
  const model = models.find((m) => m.id === values.model);
  if (!model)
    throw new UncertaintyUsageError(
      `--model "${values.model}" is not allowed: one of ${models.map((m) => m.id).join(", ")}`
    );
  const scenario = scenarioFromFlags(values, inputs, fail);
  const {spec: _spec, run: _run, ...summary} = uncertaintySummary(inputs, scenario, model, samples, seed);
  const json = {
    model: summary.model,
    scenario: {...scenario, query: serializeScenario(scenario, inputs)},
    samples: summary.samples,
    seed: summary.seed,
    point_kg: summary.point_kg,
    median_kg: summary.median_kg,
    p05_kg: summary.p05_kg,
    p95_kg: summary.p95_kg,
    paper_percentile: summary.paper_percentile,
    indices: summary.indices,
    paper_kg: summary.paper_kg,
    held: summary.held,
    point_outside: summary.point_outside
  };
  if (format === "json") return `${JSON.stringify(json, null, 2)}\n`;
  const kg = (x: number) => `${Math.round(x).toLocaleString("en-US")} kg`;
  return [
    `Model: ${model.label} (${model.id}); scenario: ${json.scenario.query || "the paper's"}; ${samples} samples, seed ${seed}`,
    `Point estimate: ${kg(summary.point_kg)}`,
    `Median: ${kg(summary.median_kg)}; 90 % interval ${kg(summary.p05_kg)} to ${kg(summary.p95_kg)}`,
    summary.paper_percentile == null
      ? "The paper printed no figure for this model."
      : `The paper's printed figure (${kg(summary.paper_kg!)}) lies at the ${summary.paper_percentile.toFixed(1)}th percentile.`,
    `Share of variance explained alone: ${ASSUMPTIONS.map((a) => `${ASSUMPTION_LABELS[a]} ${(summary.indices[a] * 100).toFixed(1)} %`).join(", ")}`,
    ...summary.held.map((h) => `${ASSUMPTION_LABELS[h.assumption]} held: ${h.reason}`),
    ...(summary.point_outside ? [summary.point_outside] : []),
    ""
  ].join("\n");
}

/** Runs the subcommand and returns the exit code: 0, 1 (bad data) or 2 (bad usage). */
export function uncertaintyMain(argv: string[]): number {
  try {
    process.stdout.write(runUncertainty(argv));
    return 0;
  } catch (error) {
    if (error instanceof UncertaintyUsageError || /is not allowed/.test((error as Error).message)) {
      process.stderr.write(
        `report uncertainty: ${(error as Error).message}\nRun "npm run report -- uncertainty --help" for the options.\n`
      );
      return 2;
    }
    if (error instanceof DataError) {
      process.stderr.write(`report uncertainty: bad input: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`report uncertainty: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}
