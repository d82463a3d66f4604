// Streams CodeCarbon emissions.csv files through csv-parse into the pure reader of src/lib/estimate/codecarbon.ts:
// memory grows with the number of runs, not with the size of the file.
import {createReadStream, readdirSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import {pipeline} from "node:stream/promises";
import {Parser, type Options} from "csv-parse";
import {
  CODECARBON_CSV_OPTIONS,
  codecarbonCsvError,
  CodeCarbonError,
  CodeCarbonReader,
  type CodeCarbonImport
} from "../src/lib/estimate/codecarbon.js";

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

/**
 * csv-parse's stream parser that hands each record to `onRecord` with its line the moment csv-parse emits it,
 * instead of queueing it on the readable side. csv-parse's Parser calls `this.push(record)` synchronously for
 * every record it completes, so `this.info.lines` is that record's line (on_record would build a context object
 * per record, a third of the import's time on a large file). A throw in `onRecord` stops the parser.
 */
class RecordParser extends Parser {
  failure: unknown = null;
  constructor(
    options: Options,
    private readonly onRecord: (fields: string[], line: number) => void
  ) {
    super(options);
  }
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    if (this.failure == null) {
      try {
        this.onRecord(chunk as string[], this.info.lines);
      } catch (error) {
        this.failure = error;
        this.destroy(error as Error);
      }
    }
    return true;
  }
}

/** A latin1-decoded field back to the UTF-8 text it was written as (ASCII, the usual case, is unchanged). */
export function utf8FromLatin1(text: string): string {
  return /[\x80-\xff]/.test(text) ? Buffer.from(text, "latin1").toString("utf8") : text;
}

/** Reads one or more emissions.csv files (or a directory of them) into one import. */
export async function readCodeCarbon(path: string): Promise<CodeCarbonImport> {
  // Fields are decoded as latin1 (one byte, one character: cheaper than UTF-8 for csv-parse's field strings); the
  // reader turns the text it keeps back into UTF-8. A file with a UTF-8 byte-order mark is read as UTF-8 by
  // csv-parse itself (its `bom` option switches the encoding), and then needs no conversion.
  const reader = new CodeCarbonReader();
  const paths = codecarbonFiles(path);
  for (const file of paths) {
    const name = paths.length === 1 && file === path ? file : join(path, basename(file));
    const parser = new RecordParser({...CODECARBON_CSV_OPTIONS, encoding: "latin1"}, (fields, line) =>
      reader.record(fields, line)
    );
    reader.file(name, (text) => (parser.options.encoding === "latin1" ? utf8FromLatin1(text) : text));
    try {
      await pipeline(createReadStream(file, {highWaterMark: 1 << 20}), parser);
    } catch (error) {
      if (parser.failure != null) throw parser.failure;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
        throw new CodeCarbonError(name, null, `cannot read the file (${code})`);
      }
      throw codecarbonCsvError(name, error);
    }
    if (parser.failure != null) throw parser.failure;
  }
  return reader.finish();
}
