// The one parameter codec of the pages and the CLI: every parameter (a URL query parameter and a CLI flag of the
// same name) is one entry of a table — its name, help, what is allowed (written once: the same text is the help's
// "allowed" column and every error message), how to read it from text and how to write it back. The scenario's
// table is SCENARIO_PARAMS (scenario.ts), a run's RUN_PARAMS (estimate.ts), the sensitivity view's VIEW_PARAMS
// (sensitivity.ts); parseParams reads (name, value) pairs against one or more tables.
import type {Inputs} from "../inputs/types.js";

/** A parameter that was not allowed; `param` is the name the URL, the form and the CLI (--name) share. */
export class ParamError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.name = "ParamError";
    this.param = param;
  }
}

/** A parameter that was ignored, and why; shown to the reader, never as HTML. */
export interface ParamNotice {
  param: string;
  value: string;
  message: string;
}

/**
 * Rejects the value being read: throws `<name> "<text>" is not allowed: <allowed>` (or, given `why`,
 * `<name> "<text>" <why>: <allowed>`).
 */
export type Reject = (why?: string) => never;

/** One parameter of a table: `T` is what it reads into (a scenario, a run, a view). */
export interface Param<T> {
  name: string;
  help: string;
  /** What is allowed, in words: the only place it is written. */
  allowed: (inputs: Inputs) => string;
  /** Reads the text into `into`, or calls `reject`. */
  read: (text: string, inputs: Inputs, into: T, reject: Reject) => void;
  /** The text that reads back to the same value; null when the parameter is unset. */
  write?: (from: T) => string | null;
}

/** Declares a parameter (an identity that fixes `T` for the table's entries). */
export const param = <T>(p: Param<T>): Param<T> => p;

/** Reads one parameter's text into `into`, throwing a ParamError whose message ends with what is allowed. */
export function readParam<T>(p: Param<T>, text: string, inputs: Inputs, into: T): void {
  const reject: Reject = (why = "is not allowed") => {
    throw new ParamError(p.name, `${p.name} "${text}" ${why}: ${p.allowed(inputs)}`);
  };
  p.read(text, inputs, into, reject);
}

/** The error for a name in none of the tables. */
export function unknownParam(name: string, tables: ReadonlyArray<readonly Param<never>[]>): ParamError {
  const known = tables.flatMap((t) => t.map((p) => p.name)).join(", ");
  return new ParamError(name, `unknown parameter "${name}": allowed are ${known}`);
}

/** A decimal number as text: digits with an optional sign, "." and exponent; anything else is NaN. */
export function decimal(text: string): number {
  return /^\s*[+-]?[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?\s*$/i.test(text) ? Number(text) : NaN;
}

/**
 * A number in [lo, hi] (or (lo, hi] when `open`; whole when `integer`) read from text, else `reject()`.
 */
export function numberIn(
  text: string,
  [lo, hi]: readonly [number, number],
  reject: Reject,
  options: {open?: boolean; integer?: boolean} = {}
): number {
  const value = decimal(text);
  const bad =
    !Number.isFinite(value) ||
    value < lo ||
    value > hi ||
    (options.open && value === lo) ||
    (options.integer && !Number.isInteger(value));
  return bad ? reject() : value;
}

/** The words for a range, as the "allowed" texts use them. */
export function rangeText(
  [lo, hi]: readonly [number, number],
  options: {unit?: string; open?: boolean; whole?: boolean; format?: (x: number) => string} = {}
): string {
  const f = options.format ?? String;
  const unit = options.unit ?? "";
  const kind = options.whole ? "a whole number" : "a number";
  return options.open ? `${kind} above ${f(lo)} up to ${f(hi)}${unit}` : `${kind} from ${f(lo)} to ${f(hi)}${unit}`;
}

/**
 * Reads (name, value) pairs against tables of parameters, each pair into the target of the first table that has its
 * name. An unknown or invalid pair throws a ParamError with `strict`; otherwise it is skipped with a notice (its
 * parameter keeps its default) and reading goes on.
 */
export function parseParams(
  entries: Iterable<[string, string]>,
  inputs: Inputs,
  targets: ReadonlyArray<{params: readonly Param<never>[]; into: unknown}>,
  options: {strict?: boolean} = {}
): ParamNotice[] {
  const notices: ParamNotice[] = [];
  for (const [name, value] of entries) {
    try {
      const target = targets.find((t) => t.params.some((p) => p.name === name));
      if (!target)
        throw unknownParam(
          name,
          targets.map((t) => t.params)
        );
      const p = target.params.find((q) => q.name === name) as Param<unknown>;
      readParam(p, value, inputs, target.into);
    } catch (error) {
      if (options.strict || !(error instanceof ParamError)) throw error;
      notices.push({param: name, value, message: `${error.message}; the default is used`});
    }
  }
  return notices;
}

/** Writes the parameters whose text differs from the defaults', in the table's order. */
export function writeParams<T>(params: readonly Param<T>[], value: T, defaults: T, into = new URLSearchParams()) {
  for (const p of params) {
    const text = p.write?.(value) ?? null;
    if (text != null && text !== (p.write?.(defaults) ?? null)) into.set(p.name, text);
  }
  return into;
}
