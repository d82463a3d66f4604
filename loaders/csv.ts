import {readFileSync} from "node:fs";
import {parse} from "csv-parse/sync";
import {DataError} from "./errors.js";

/** How one column of a data file is read and checked. */
export interface ColumnSpec {
  name: string;
  type: "string" | "number" | "integer" | "enum";
  /** May the cell be empty (read as null)? */
  optional?: boolean;
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  values?: readonly string[];
  /** What the value means, with its unit: shown in errors and in the data dictionary. */
  description: string;
}

export interface FileSpec {
  file: string;
  columns: readonly ColumnSpec[];
  /** Columns whose values together must be unique. */
  key: readonly string[];
  /** What one row is. */
  description: string;
}

export type Cell = string | number | null;

/** A row read from a file, with its line number for later cross-file checks. */
export interface Row {
  line: number;
  values: Record<string, Cell>;
}

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function describeBounds(spec: ColumnSpec): string {
  const parts: string[] = [];
  if (spec.above !== undefined) parts.push(`> ${spec.above}`);
  if (spec.min !== undefined) parts.push(`≥ ${spec.min}`);
  if (spec.max !== undefined) parts.push(`≤ ${spec.max}`);
  return parts.join(" and ");
}

function readCell(text: string, spec: ColumnSpec, fail: (message: string) => never): Cell {
  const trimmed = text.trim();
  if (trimmed !== text) fail(`"${text}" has leading or trailing spaces`);
  if (trimmed === "") {
    if (spec.optional) return null;
    fail(`empty, expected ${spec.description}`);
  }
  if (spec.type === "string") return trimmed;
  if (spec.type === "enum") {
    if (!spec.values!.includes(trimmed)) fail(`"${trimmed}" is not one of ${spec.values!.join(", ")}`);
    return trimmed;
  }
  if (!NUMBER.test(trimmed)) {
    fail(
      `"${trimmed}" is not a number (write digits with a "." for decimals, no separators or units); expected ${spec.description}`
    );
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) fail(`"${trimmed}" is not a finite number`);
  if (spec.type === "integer" && !Number.isInteger(value)) fail(`"${trimmed}" is not a whole number`);
  const bad =
    (spec.above !== undefined && !(value > spec.above)) ||
    (spec.min !== undefined && value < spec.min) ||
    (spec.max !== undefined && value > spec.max);
  if (bad) fail(`${trimmed} is out of range: expected ${spec.description}, ${describeBounds(spec)}`);
  return value;
}

/**
 * Reads a CSV data file against its spec. Rejects with a DataError naming file, line and column:
 * an empty file, a byte-order mark, CRLF line ends, invalid UTF-8, a missing, unknown or repeated
 * column, a row with too few or too many fields, a bad value, and a duplicate key.
 */
export function parseCsv(text: Buffer | string, spec: FileSpec, file = spec.file): Row[] {
  const buffer = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  if (buffer.length === 0) throw new DataError(file, null, null, null, "the file is empty; expected a header line");
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    throw new DataError(file, 1, null, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM");
  }
  let source: string;
  try {
    source = new TextDecoder("utf-8", {fatal: true}).decode(buffer);
  } catch {
    const at = buffer.indexOf(0xff) >= 0 ? buffer.indexOf(0xff) : 0;
    const line = buffer.subarray(0, Math.max(at, 0)).toString("latin1").split("\n").length;
    throw new DataError(file, line, null, null, "the file is not valid UTF-8; save it as UTF-8");
  }
  const crlf = source.indexOf("\r");
  if (crlf >= 0) {
    throw new DataError(
      file,
      source.slice(0, crlf).split("\n").length,
      null,
      null,
      "carriage return found; use LF line ends"
    );
  }
  if (!source.endsWith("\n"))
    throw new DataError(file, source.split("\n").length, null, null, "the last line has no newline");
  let records: Array<{record: string[]; info: {lines: number}}>;
  try {
    records = parse(source, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: false
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as {lines?: number; message: string};
    throw new DataError(file, e.lines ?? null, null, null, `not valid CSV: ${e.message}`);
  }
  if (records.length === 0) throw new DataError(file, 1, null, null, "no header line");
  const header = records[0].record;
  const names = spec.columns.map((c) => c.name);
  header.forEach((name, k) => {
    if (!names.includes(name)) {
      throw new DataError(file, 1, name, k + 1, `unknown column "${name}"; expected the columns ${names.join(", ")}`);
    }
    if (header.indexOf(name) !== k) throw new DataError(file, 1, name, k + 1, `column "${name}" appears twice`);
  });
  for (const name of names) {
    if (!header.includes(name)) throw new DataError(file, 1, name, null, `missing column "${name}"`);
  }
  if (records.length === 1) throw new DataError(file, 2, null, null, "the file has a header but no rows");
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const {record, info} of records.slice(1)) {
    const line = info.lines;
    if (record.length === 1 && record[0] === "") throw new DataError(file, line, null, null, "empty line");
    if (record.length !== header.length) {
      throw new DataError(
        file,
        line,
        null,
        null,
        `${record.length} fields, expected ${header.length} (${header.join(", ")})`
      );
    }
    const values: Record<string, Cell> = {};
    header.forEach((name, k) => {
      const colSpec = spec.columns.find((c) => c.name === name)!;
      values[name] = readCell(record[k], colSpec, (message) => {
        throw new DataError(file, line, name, k + 1, message);
      });
    });
    const key = spec.key.map((k) => String(values[k])).join("\u0000");
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DataError(
        file,
        line,
        spec.key[0],
        header.indexOf(spec.key[0]) + 1,
        `duplicate row: ${spec.key.map((k) => `${k} "${values[k]}"`).join(", ")} already on line ${first}`
      );
    }
    seen.set(key, line);
    rows.push({line, values});
  }
  return rows;
}

/** Reads and parses a data file from disk. */
export function readCsv(path: string, spec: FileSpec, file = spec.file): Row[] {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    throw new DataError(
      file,
      null,
      null,
      null,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`
    );
  }
  return parseCsv(buffer, spec, file);
}
