// What every command shares in reading its options: the --help lines and parseArgs flags of a codec table
// (src/lib/scenario/params.ts), parseArgs's errors on one line, the --data directory, and the scenario flags.
// Each command passes its own `fail`, which throws its usage error (exit status 2).
import {statSync} from "node:fs";
import {parseArgs, type ParseArgsConfig} from "node:util";
import type {Inputs} from "../src/lib/inputs/types.js";
import {parseScenario, SCENARIO_PARAMS, type Scenario} from "../src/lib/scenario/scenario.js";

type Fail = (message: string) => never;

interface Described {
  name: string;
  help: string;
  allowed: (inputs: Inputs) => string;
}

/** `  --name  help` lines, each followed by what is allowed when the inputs could be read. */
export function paramLines(params: readonly Described[], inputs: Inputs | null, width = 11): string {
  return params
    .map((p) => {
      let allowed = "";
      try {
        allowed = inputs ? p.allowed(inputs) : "";
      } catch {
        allowed = "";
      }
      return `  --${p.name.padEnd(width)} ${p.help}${allowed ? `\n${" ".repeat(width + 5)}${allowed}` : ""}`;
    })
    .join("\n");
}

/** parseArgs options reading each parameter of a table as a string flag of the same name. */
export function paramOptions(params: readonly {name: string}[]): Record<string, {type: "string"}> {
  return Object.fromEntries(params.map((p) => [p.name, {type: "string" as const}]));
}

/**
 * The parsed flags of `argv`, or `fail` with parseArgs's own message on one line; an unknown option or a
 * positional argument also gets the list of the options.
 */
export function parseFlags(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  fail: Fail
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({args: argv, allowPositionals: false, options}).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, "").replace(/\s*\n\s*/g, " ");
    const code = (error as {code?: string}).code;
    const list = Object.keys(options)
      .map((name) => `--${name}`)
      .join(", ");
    return fail(
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
        ? `${message}; the options are ${list}`
        : message
    );
  }
}

/** The --data directory, or `fail` naming it. */
export function dataDirectory(dir: string, fail: Fail): string {
  if (!statSync(dir, {throwIfNoEntry: false})?.isDirectory())
    fail(`--data "${dir}" is not a directory: it must name a directory holding the data files`);
  return dir;
}

/** The scenario of the scenario flags given; the first bad one is `fail`ed as `--name "value" …: allowed`. */
export function scenarioFromFlags(
  values: Record<string, string | boolean | undefined>,
  inputs: Inputs,
  fail: Fail
): Scenario {
  const entries: [string, string][] = SCENARIO_PARAMS.filter((p) => values[p.name] !== undefined).map((p) => [
    p.name,
    values[p.name] as string
  ]);
  try {
    return parseScenario(entries, inputs, {strict: true}).scenario;
  } catch (error) {
    return fail(`--${(error as Error).message}`);
  }
}
