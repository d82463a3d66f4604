// Types for the parts of d3-dsv 3 (which ships none; @types/d3-dsv is not a dependency) that the engine uses.
declare module "d3-dsv" {
  /** Rows of values as CSV lines joined by "\n" (no final newline); a value with a comma, quote, CR or LF is quoted. */
  export function csvFormatRows(
    rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>
  ): string;
}
