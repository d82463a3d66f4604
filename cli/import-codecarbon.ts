// Streams CodeCarbon emissions.csv files through csv-parse into the pure reader of src/lib/estimate/codecarbon.ts:
// memory grows with the number of runs, not with the size of the file.
import {createReadStream, readdirSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import {pipeline} from "node:stream/promises";
import {parse} from "csv-parse";
import {CodeCarbonError, CodeCarbonReader, type CodeCarbonImport} from "../src/lib/estimate/codecarbon.js";

/** The files a path names: itself, or a directory's *.csv files (sorted by name). Throws CodeCarbonError. */
export function codecarbonFiles(path: string): string[] {
  const stat = statSync(path, {throwIfNoEntry: false});
  if (!stat) throw new CodeCarbonError(path, null, "no such file or directory");
  if (!stat.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => !f.startsWith(".") && f.toLowerCase().endsWith(".csv"))
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
  if (files.length === 0) throw new CodeCarbonError(path, null, "the directory holds no .csv file");
  return files;
}

/** Reads one or more emissions.csv files (or a directory of them) into one import. */
export async function readCodeCarbon(path: string): Promise<CodeCarbonImport> {
  const reader = new CodeCarbonReader();
  const paths = codecarbonFiles(path);
  for (const file of paths) {
    const name = paths.length === 1 && file === path ? file : join(path, basename(file));
    reader.file(name);
    // Each record goes to the reader from csv-parse's on_record hook, which then drops it (returns null): no
    // record object travels down the stream, which is most of csv-parse's cost per row otherwise.
    let failure: unknown = null;
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: {lines: number}) => {
        if (failure == null) {
          try {
            reader.record(record, context.lines);
          } catch (error) {
            failure = error;
          }
        }
        return null;
      }
    });
    try {
      await pipeline(createReadStream(file, {highWaterMark: 1 << 20}), parser);
    } catch (error) {
      if (failure != null) throw failure;
      if (error instanceof CodeCarbonError) throw error;
      const e = error as Error & {code?: string; lines?: number};
      if (e.code === "ENOENT" || e.code === "EACCES" || e.code === "EISDIR") {
        throw new CodeCarbonError(name, null, `cannot read the file (${e.code})`);
      }
      // csv-parse's own errors (an unclosed quote …) carry the line.
      throw new CodeCarbonError(name, e.lines ?? null, `not CSV: ${e.message.replace(/^Invalid [^:]*: /, "")}`);
    }
    if (failure != null) throw failure;
  }
  return reader.finish();
}
