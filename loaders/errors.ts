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
