import {readFileSync} from "node:fs";
import {parse} from "csv-parse/sync";
import {DataError} from "./errors.js";
import {typedRow, type Cell, type ColumnSpec, type FileSpec, type RowOf} from "../src/lib/inputs/schemas.js";

export type {Cell, ColumnSpec, FileSpec} from "../src/lib/inputs/schemas.js";

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
  if (!Number.isFinite(value)) fail(`"${trimmed}" is not a finite number; expected ${spec.description}`);
  if (spec.type === "integer" && !Number.isInteger(value))
    fail(`"${trimmed}" is not a whole number; expected ${spec.description}`);
  const bad =
    (spec.above !== undefined && !(value > spec.above)) ||
    (spec.min !== undefined && value < spec.min) ||
    (spec.max !== undefined && value > spec.max);
  if (bad) fail(`${trimmed} is out of range: expected ${spec.description}, ${describeBounds(spec)}`);
  return value;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(buffer: Uint8Array): number {
  for (let i = 0; i < buffer.length;) {
    const b = buffer[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= buffer.length || (buffer[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** 0-based index of the CSV field that the end of `linePrefix` is in (commas inside quotes do not count). */
function fieldIndexAt(linePrefix: string): number {
  let quoted = false;
  let field = 0;
  for (const c of linePrefix) {
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) field++;
  }
  return field;
}

/** Field names of a header line (unquoted, as data/ headers are). */
function fieldNames(headerLine: string): string[] {
  return headerLine.split(",").map((name) => name.replace(/^"|"$/g, "").trim());
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
    const at = Math.max(0, firstInvalidUtf8(buffer));
    const before = buffer.subarray(0, at).toString("latin1").split("\n");
    const line = before.length;
    // The field the bad byte is in, counted with quotes respected, and that field's header name.
    const field = fieldIndexAt(before[line - 1]);
    const header = fieldNames(buffer.subarray(0, Math.max(0, buffer.indexOf(0x0a))).toString("latin1"));
    const byte = buffer[at].toString(16).toUpperCase().padStart(2, "0");
    throw new DataError(
      file,
      line,
      line > 1 ? (header[field] ?? null) : null,
      field + 1,
      `byte 0x${byte} is not valid UTF-8 (perhaps saved as Latin-1 or Windows-1252); save it as UTF-8`
    );
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
    // csv-parse gives the line and the 0-based field it stopped at; name that field from the header line.
    const e = error as {lines?: number; index?: number; message: string};
    const field = typeof e.index === "number" ? e.index : null;
    const name = field != null && (e.lines ?? 1) > 1 ? (fieldNames(source.split("\n")[0])[field] ?? null) : null;
    throw new DataError(file, e.lines ?? null, name, field != null ? field + 1 : null, `not valid CSV: ${e.message}`);
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

/** A file's rows as the engine's typed rows (src/lib/inputs/schemas.ts RowOf), each with its line for cross-file checks. */
export interface Record_<F extends FileSpec> {
  line: number;
  row: RowOf<F>;
}

/** Reads a data file against its declaration and returns its typed rows with their lines. */
export function readRows<F extends FileSpec>(path: string, spec: F, file: string = spec.file): Array<Record_<F>> {
  return readCsv(path, spec, file).map(({line, values}) => ({line, row: typedRow(spec, values)}));
}
