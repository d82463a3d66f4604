import type {FileSpec} from "../src/lib/inputs/schemas.js";

/** A bad value in a data file, located by file, line and column (1-based). */
export class DataError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly columnNumber: number | null;
  /** The message without its "file:line:column" prefix. */
  readonly detail: string;

  constructor(file: string, line: number | null, column: string | null, columnNumber: number | null, message: string) {
    const where = [file, line ?? undefined, line != null ? (columnNumber ?? undefined) : undefined]
      .filter((x) => x !== undefined)
      .join(":");
    super(`${where}${column ? ` (column "${column}")` : ""}: ${message}`);
    this.name = "DataError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.columnNumber = columnNumber;
    this.detail = message;
  }
}

/**
 * Throws a DataError naming the file, the line of `at` (a row as read, or null for the file as a whole) and the
 * column, numbered by its place in the file's declaration.
 */
export function fail(spec: FileSpec, at: {line: number} | null, column: string | null, message: string): never {
  const k = column ? spec.columns.findIndex((c) => c.name === column) : -1;
  throw new DataError(spec.file, at ? at.line : null, column, k >= 0 ? k + 1 : null, message);
}
