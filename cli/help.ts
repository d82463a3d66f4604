// What every command's --help and option parsing share: one line per parameter of a codec table (params.ts),
// with what is allowed, and the parseArgs options that read each parameter as a string flag.
import type {Inputs} from "../src/lib/inputs/types.js";

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
