// A file given to the estimate page, read in the browser (never uploaded) by the engine's readers that the CLI uses:
// an nvidia-smi power log streamed line by line into PowerLogReader (File.stream() through TextDecoderStream, so a
// large log is never one string), or CodeCarbon's emissions.csv read by csv-parse into CodeCarbonReader. Progress
// and what the importers skipped are shown as text. Text only through el() (textContent).
import {
  CODECARBON_CSV_OPTIONS,
  codecarbonCsvError,
  CodeCarbonReader,
  REQUIRED_COLUMNS,
  type CodeCarbonImport
} from "../lib/estimate/codecarbon.js";
import {PowerLogReader, type PowerLog} from "../lib/estimate/nvidia-smi.js";
import {formatNumber} from "../lib/present/format.js";
import {el} from "./dom.js";
import {dataTable, scrollBox} from "./table.js";

/** What a file holds, from its header: CodeCarbon's emissions.csv or an nvidia-smi power log. */
export type UploadKind = "codecarbon" | "nvidia-smi";

/** The kind of a file from its first line: CodeCarbon's header names run_id, energy_consumed …; else a power log. */
export function uploadKind(firstLine: string): UploadKind {
  const names = new Set(
    firstLine
      .replace(/^\uFEFF/, "")
      .split(",")
      .map((c) => c.trim().replace(/^"|"$/g, ""))
  );
  return REQUIRED_COLUMNS.every((c) => names.has(c)) ? "codecarbon" : "nvidia-smi";
}

/** Bytes read so far of a file of `total` bytes. */
export type Progress = (bytes: number, total: number) => void;

/**
 * Streams a power log into PowerLogReader line by line (the reader the CLI streams a file into), reporting the
 * bytes read. `signal` stops the reading (a new file chosen meanwhile). Throws NvidiaSmiError as the CLI does.
 */
export async function readPowerLogFile(
  file: Blob,
  options: {maxGapSeconds?: number} = {},
  progress: Progress = () => {},
  signal?: AbortSignal
): Promise<PowerLog> {
  const reader = new PowerLogReader(options);
  reader.file(null);
  let bytes = 0;
  const counted = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    }
  });
  const text = file.stream().pipeThrough(counted).pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new DOMException("stopped", "AbortError");
      const {done, value} = await text.read();
      if (done) break;
      const chunk = rest + value;
      let start = 0;
      let end;
      while ((end = chunk.indexOf("\n", start)) >= 0) {
        reader.line(chunk.slice(start, end));
        start = end + 1;
      }
      rest = chunk.slice(start);
      progress(bytes, file.size);
    }
  } finally {
    text.releaseLock();
  }
  if (rest !== "") reader.line(rest);
  progress(file.size, file.size);
  return reader.finish();
}

/**
 * Reads a CodeCarbon emissions.csv with csv-parse (the CLI's options) into CodeCarbonReader, the CLI's reader: each
 * run's last cumulative row, runs added up. Throws CodeCarbonError naming the file and line.
 */
export async function readCodeCarbonFile(file: Blob, name: string): Promise<CodeCarbonImport> {
  // csv-parse is loaded when a CodeCarbon file is given, not with the page.
  const [{parse}, text] = await Promise.all([import("csv-parse/browser/esm/sync"), file.text()]);
  const reader = new CodeCarbonReader();
  reader.file(name);
  try {
    parse(text, {
      ...CODECARBON_CSV_OPTIONS,
      on_record: (record: string[], context: {lines: number}) => {
        reader.record(record, context.lines);
        return null;
      }
    });
  } catch (error) {
    throw codecarbonCsvError(name, error);
  }
  return reader.finish();
}

/** A progress bar with the bytes read, for a file being read. */
export function uploadProgress(name: string, total: number): {node: HTMLElement; update: Progress} {
  const bar = el("progress", {max: String(total || 1), value: "0", "aria-label": `Reading ${name}`});
  const words = el("span", {"data-upload": "progress-text"}, `Reading ${name}: 0 of ${megabytes(total)} MB`);
  let shown = -1;
  const update: Progress = (bytes, size) => {
    // The text changes every percent (and at the end), not at every chunk.
    const percent = Math.floor((100 * bytes) / (size || 1));
    if (percent === shown) return;
    shown = percent;
    bar.value = bytes;
    words.textContent =
      bytes >= size
        ? `Read ${name}: ${megabytes(size)} MB`
        : `Reading ${name}: ${megabytes(bytes)} of ${megabytes(size)} MB (${percent} %)`;
  };
  return {
    node: el("p", {class: "upload-progress", "data-upload": "progress", role: "status"}, bar, " ", words),
    update
  };
}

function megabytes(bytes: number): string {
  return formatNumber(bytes / 1e6, bytes >= 1e7 ? 0 : 2);
}

/** One skipped line or row, as both importers list them. */
export interface SkippedLine {
  file: string | null;
  line: number;
  kind: string;
  reason: string;
}

/**
 * What an importer skipped and why: the count, then each listed line with its file, line, kind and reason (the
 * importers list the first ones and count them all).
 */
export function skippedReport(what: string, listed: readonly SkippedLine[], total: number): HTMLElement {
  if (total === 0) {
    return el("p", {class: "muted", "data-upload": "skipped"}, `Every line of ${what} was read; none skipped.`);
  }
  const files = new Set(listed.map((s) => s.file));
  return el(
    "section",
    {class: "upload-skipped", "data-upload": "skipped"},
    el(
      "p",
      {},
      `${formatNumber(total, 0)} line${total === 1 ? "" : "s"} of ${what} skipped${listed.length < total ? ` (the first ${formatNumber(listed.length, 0)} listed)` : ""}:`
    ),
    scrollBox(
      dataTable(
        listed,
        [
          ...(files.size > 1 || (files.size === 1 && !files.has(null)) ? [{key: "file", label: "File"} as const] : []),
          {key: "line", label: "Line", numeric: true},
          {key: "kind", label: "Kind"},
          {key: "reason", label: "Why"}
        ],
        `Lines skipped while reading ${what}, with why.`
      ),
      "Skipped lines"
    )
  );
}

/** A CodeCarbon import's skipped rows in the shape of skippedReport (superseded cumulative rows are not skips). */
export function codecarbonSkipped(imported: CodeCarbonImport): {listed: SkippedLine[]; total: number} {
  const c = imported.skipped_counts;
  return {
    listed: imported.skipped.map((s) => ({file: s.file, line: s.line, kind: s.kind, reason: s.message})),
    total: c.blank + c["repeated-header"] + c.malformed
  };
}
