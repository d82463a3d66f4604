/**
 * CodeCarbon's emissions.csv, read row by row: the pure accumulation behind `npm run report -- estimate
 * --codecarbon FILE` (the Node side streams the file through csv-parse and feeds each record here).
 *
 * The columns are the fields of CodeCarbon's `EmissionsData` dataclass, written in that order by
 * `FileOutput.out` (pandas `DataFrame.from_records([dict(total.values)])`):
 *   github.com/mlco2/codecarbon, codecarbon/output_methods/emissions_data.py, and docs/reference/output.md
 *   for the units (duration s, emissions kg CO2eq, *_power W, *_energy and energy_consumed kWh).
 * Each flush writes the run's totals since it started (`FileOutput.out(total, delta)` writes `total`), so the
 * rows of one run_id are cumulative: a run's energy is its last row. Different run_ids are different runs and
 * add up. energy_consumed already includes CodeCarbon's own PUE (emissions_tracker.py `_do_measurements`:
 * `energy *= self._pue`, default 1.0), so the energy at the hardware is energy_consumed / pue.
 */

/** The header of each CodeCarbon release line, as emissions_data.py declares it at the tagged commit. */
export interface CodeCarbonHeader {
  /** A short label: "v2", "v3" … */
  id: string;
  versions: string;
  /** The tag and commit whose emissions_data.py lists these columns, for the record. */
  source: string;
  columns: readonly string[];
}

const V2_31 = [
  "timestamp",
  "project_name",
  "run_id",
  "duration",
  "emissions",
  "emissions_rate",
  "cpu_power",
  "gpu_power",
  "ram_power",
  "cpu_energy",
  "gpu_energy",
  "ram_energy",
  "energy_consumed",
  "country_name",
  "country_iso_code",
  "region",
  "cloud_provider",
  "cloud_region",
  "os",
  "python_version",
  "codecarbon_version",
  "cpu_count",
  "cpu_model",
  "gpu_count",
  "gpu_model",
  "longitude",
  "latitude",
  "ram_total_size",
  "tracking_mode",
  "on_cloud",
  "pue"
] as const;

const V2_32 = [...V2_31.slice(0, 3), "experiment_id", ...V2_31.slice(3)];
const V3_34 = [
  ...V2_32.slice(0, V2_32.indexOf("energy_consumed") + 1),
  "water_consumed",
  ...V2_32.slice(V2_32.indexOf("energy_consumed") + 1),
  "wue"
];
const V3_38 = [
  ...V3_34.slice(0, V3_34.indexOf("tracking_mode") + 1),
  "cpu_utilization_percent",
  "gpu_utilization_percent",
  "ram_utilization_percent",
  "ram_used_gb",
  ...V3_34.slice(V3_34.indexOf("tracking_mode") + 1)
];

/**
 * Known headers, newest first. Read from the tagged releases of github.com/mlco2/codecarbon,
 * codecarbon/output_methods/emissions_data.py (class EmissionsData):
 * - v3, 38 columns: v3.2.1 (commit 37f7b7c9d1370a402aa8f26b21bdfdce4bcac187) to v3.2.9 and main at b05965e4;
 * - v3, 34 columns: v3.0.8 (3d5db3b941d3c2ee9fd35320ae29a29d7c32c563) to v3.1.2;
 * - v2, 32 columns: v2.7.0 (ec4a507c2e61dbd83b9a47fe8da95a704eb74c93) to v3.0.7;
 * - v2, 31 columns: v2.4.1 (fe118ca1ed75faef549f041b1c3122550b503712) to v2.6.0 (no experiment_id).
 */
export const CODECARBON_HEADERS: readonly CodeCarbonHeader[] = [
  {
    id: "v3",
    versions: "CodeCarbon 3.2.1 and later",
    source: "mlco2/codecarbon v3.2.1, codecarbon/output_methods/emissions_data.py",
    columns: V3_38
  },
  {
    id: "v3-34",
    versions: "CodeCarbon 3.0.8 to 3.1.2",
    source: "mlco2/codecarbon v3.0.8, codecarbon/output_methods/emissions_data.py",
    columns: V3_34
  },
  {
    id: "v2",
    versions: "CodeCarbon 2.7.0 to 3.0.7",
    source: "mlco2/codecarbon v2.7.0, codecarbon/output_methods/emissions_data.py",
    columns: V2_32
  },
  {
    id: "v2-31",
    versions: "CodeCarbon 2.4.1 to 2.6.0",
    source: "mlco2/codecarbon v2.4.1, codecarbon/output_methods/emissions_data.py",
    columns: V2_31
  }
];

/** Columns the import needs. The others may be missing: pandas drops all-empty columns when it appends. */
export const REQUIRED_COLUMNS = ["timestamp", "run_id", "duration", "emissions", "energy_consumed"] as const;

/** A file or row that cannot be read; `line` is 1-based, null for the file as a whole. */
export class CodeCarbonError extends Error {
  readonly file: string | null;
  readonly line: number | null;
  readonly detail: string;
  constructor(file: string | null, line: number | null, message: string) {
    const where = [file, line].filter((x) => x != null).join(":");
    super(where ? `${where}: ${message}` : message);
    this.name = "CodeCarbonError";
    this.file = file;
    this.line = line;
    this.detail = message;
  }
}

/** How a header was read: the release line it matches and where each needed column is. */
export interface HeaderMatch {
  header: CodeCarbonHeader;
  columns: string[];
  index: Record<string, number>;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Matches a header row with a known release's columns. Every name must be one of that release's columns and
 * the required ones must be present (pandas may drop an all-empty column such as region, so a subset in the
 * release's order is accepted). Throws a CodeCarbonError naming the first unknown or missing column.
 */
export function matchHeader(columns: readonly string[], file: string | null, line: number): HeaderMatch {
  const names = columns.map((c, k) => (k === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new CodeCarbonError(
      file,
      line,
      `not a CodeCarbon emissions.csv header: no column ${missing.map((m) => `"${m}"`).join(", ")} (found "${clip(names.join(","))}"; expected the ${CODECARBON_HEADERS.map((h) => `${h.columns.length}-column header of ${h.versions}`).join(", or the ")})`
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new CodeCarbonError(file, line, `column "${name}" appears twice in the header`);
    seen.add(name);
  }
  // The release with exactly these columns, else the one with the fewest columns that holds them all in order.
  const exact = CODECARBON_HEADERS.find(
    (h) => h.columns.length === names.length && h.columns.every((c, k) => c === names[k])
  );
  const header =
    exact ??
    [...CODECARBON_HEADERS].reverse().find((h) => {
      let at = -1;
      return names.every((name) => {
        const k = h.columns.indexOf(name);
        if (k <= at) return false;
        at = k;
        return true;
      });
    });
  if (!header) {
    const all = new Set(CODECARBON_HEADERS.flatMap((h) => h.columns));
    const unknown = names.find((n) => !all.has(n));
    throw new CodeCarbonError(
      file,
      line,
      unknown !== undefined
        ? `column "${clip(unknown, 40)}" is not a CodeCarbon emissions.csv column (known: ${CODECARBON_HEADERS.map((h) => `${h.columns.length} columns of ${h.versions}`).join("; ")})`
        : `the columns are not in the order of any CodeCarbon release (${CODECARBON_HEADERS.map((h) => h.versions).join("; ")})`
    );
  }
  return {header, columns: names, index: Object.fromEntries(names.map((n, k) => [n, k]))};
}

/** One run: the last of its cumulative rows. */
export interface CodeCarbonRun {
  run_id: string;
  file: string;
  project_name: string | null;
  experiment_id: string | null;
  /** Rows of this run (each a cumulative total), first and last line. */
  rows: number;
  first_line: number;
  last_line: number;
  timestamp: string;
  duration_s: number;
  /** energy_consumed of the last row: kWh, including CodeCarbon's PUE. */
  energy_kwh: number;
  /** CodeCarbon's own emissions of the last row, kg CO2eq. */
  emissions_kg: number;
  /** The PUE CodeCarbon applied (1 when the column is missing or empty: CodeCarbon's default). */
  pue: number;
  /** energy_kwh / pue: the energy at the hardware. */
  hardware_kwh: number;
  cpu_energy_kwh: number | null;
  gpu_energy_kwh: number | null;
  ram_energy_kwh: number | null;
  country_iso_code: string | null;
  region: string | null;
  cloud_provider: string | null;
  cloud_region: string | null;
  gpu_count: number | null;
  gpu_model: string | null;
  codecarbon_version: string | null;
}

export type CodeCarbonSkipKind = "blank" | "repeated-header" | "malformed" | "superseded";

export interface CodeCarbonSkip {
  file: string;
  line: number;
  kind: CodeCarbonSkipKind;
  message: string;
}

/** What was read: runs, totals, and what was skipped and why. */
export interface CodeCarbonImport {
  files: Array<{file: string; header: string; versions: string; columns: number; rows: number}>;
  runs: CodeCarbonRun[];
  /** Sum over runs of their last rows. */
  energy_kwh: number;
  emissions_kg: number;
  hardware_kwh: number;
  duration_s: number;
  /** Rows read, and skipped rows by kind (cumulative rows that a later row of the same run supersedes are "superseded"). */
  rows: number;
  skipped_counts: Record<CodeCarbonSkipKind, number>;
  /** Skipped rows other than superseded ones, up to MAX_SKIPS_LISTED, with their line and reason. */
  skipped: CodeCarbonSkip[];
  warnings: string[];
}

/** How many skipped rows are listed one by one (all are counted). */
export const MAX_SKIPS_LISTED = 100;

/** Upper bound of a plausible energy_consumed of one run, kWh (above the largest published training run). */
export const MAX_RUN_KWH = 1e9;

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** A run's last row so far, kept as csv-parse gave it. */
interface LastRow {
  fields: readonly string[];
  match: HeaderMatch;
  /** The text of this row's file as written (see CodeCarbonReader.file). */
  text: (field: string) => string;
  file: string;
  line: number;
  firstLine: number;
  rows: number;
  energy: number;
}

/** A column's text, or null when the column is missing or the cell empty. */
function field(match: HeaderMatch, fields: readonly string[], name: string): string | null {
  const k = match.index[name];
  if (k === undefined) return null;
  const v = fields[k].trim();
  return v === "" ? null : v;
}

/** A column's number, checked: not empty when required, a finite number, at least `min`. */
function numberField(
  match: HeaderMatch,
  fields: readonly string[],
  name: string,
  file: string,
  line: number,
  required: boolean,
  min = 0
): number | null {
  const v = field(match, fields, name);
  if (v == null) {
    if (required) throw new CodeCarbonError(file, line, `${name} is empty`);
    return null;
  }
  if (!NUMBER.test(v)) throw new CodeCarbonError(file, line, `${name} "${clip(v, 30)}" is not a number`);
  const x = Number(v);
  if (!Number.isFinite(x)) throw new CodeCarbonError(file, line, `${name} "${clip(v, 30)}" is not finite`);
  if (x < min) {
    throw new CodeCarbonError(
      file,
      line,
      `${name} ${v} is ${min === 0 ? "negative" : `below ${min}`}: CodeCarbon writes ${min === 0 ? "totals of 0 or more" : `values of ${min} or more`}`
    );
  }
  return x;
}

/** A run from its last row. */
function runOf(runId: string, last: LastRow): CodeCarbonRun {
  const {fields, match, file, line} = last;
  const text = (name: string) => {
    const v = field(match, fields, name);
    return v == null ? null : last.text(v);
  };
  const number = (name: string, required = false, min = 0) =>
    numberField(match, fields, name, file, line, required, min);
  const energy = number("energy_consumed", true)!;
  const pue = number("pue", false, 1) ?? 1;
  return {
    run_id: last.text(runId),
    file,
    project_name: text("project_name"),
    experiment_id: text("experiment_id"),
    rows: last.rows,
    first_line: last.firstLine,
    last_line: line,
    timestamp: text("timestamp") ?? "",
    duration_s: number("duration", true)!,
    energy_kwh: energy,
    emissions_kg: number("emissions", true)!,
    pue,
    hardware_kwh: energy / pue,
    cpu_energy_kwh: number("cpu_energy"),
    gpu_energy_kwh: number("gpu_energy"),
    ram_energy_kwh: number("ram_energy"),
    country_iso_code: text("country_iso_code"),
    region: text("region"),
    cloud_provider: text("cloud_provider"),
    cloud_region: text("cloud_region"),
    gpu_count: number("gpu_count"),
    gpu_model: text("gpu_model"),
    codecarbon_version: text("codecarbon_version")
  };
}

const asWritten = (field: string) => field;

/**
 * Accumulates CodeCarbon rows, one file after another. `file(name)` starts a file; `record(fields, line)` for
 * each of its records, the first being its header; `finish()` gives the import. Memory grows with the number of
 * runs, not of rows.
 */
export class CodeCarbonReader {
  private current: {file: string; match: HeaderMatch; rows: number} | null = null;
  private currentFile: string | null = null;
  private currentText: (field: string) => string = asWritten;
  private readonly files: CodeCarbonImport["files"] = [];
  private readonly runs = new Map<string, LastRow>();
  private readonly skips: CodeCarbonSkip[] = [];
  private readonly counts: Record<CodeCarbonSkipKind, number> = {
    blank: 0,
    "repeated-header": 0,
    malformed: 0,
    superseded: 0
  };
  private readonly warnings: string[] = [];
  private rowCount = 0;

  /**
   * Starts the next file. `text` turns a field as the caller decoded it into the text written (the CLI decodes
   * bytes as latin1, which is faster, and gives the conversion back to UTF-8): applied to the run ids and text
   * columns the import keeps, not to the numbers it reads.
   */
  file(name: string, text: (field: string) => string = asWritten): void {
    this.closeFile();
    this.currentFile = name;
    this.currentText = text;
  }

  private closeFile() {
    if (this.current) {
      const h = this.current.match.header;
      this.files.push({
        file: this.current.file,
        header: h.id,
        versions: h.versions,
        columns: this.current.match.columns.length,
        rows: this.current.rows
      });
    } else if (this.currentFile != null) {
      throw new CodeCarbonError(
        this.currentFile,
        null,
        "the file is empty: expected CodeCarbon's emissions.csv header"
      );
    }
    this.current = null;
    this.currentFile = null;
  }

  private skip(line: number, kind: CodeCarbonSkipKind, message: string) {
    this.counts[kind]++;
    if (this.skips.length < MAX_SKIPS_LISTED) this.skips.push({file: this.currentFile!, line, kind, message});
  }

  /** One record of the current file (the first is its header). */
  record(fields: readonly string[], line: number): void {
    if (this.currentFile == null) throw new Error("CodeCarbonReader.record before file()");
    const file = this.currentFile;
    if (!this.current) {
      this.current = {file, match: matchHeader(fields, file, line), rows: 0};
      return;
    }
    const {match} = this.current;
    if (fields.length === 1 && fields[0].trim() === "") return this.skip(line, "blank", "blank line");
    if (fields.length === match.columns.length && fields.every((f, k) => f.trim() === match.columns[k])) {
      return this.skip(line, "repeated-header", "the header again");
    }
    if (fields.length !== match.columns.length) {
      return this.skip(line, "malformed", `${fields.length} fields, expected ${match.columns.length} as in the header`);
    }
    this.rowCount++;
    this.current.rows++;
    // Every row is checked for what adds up (run_id, energy, emissions, duration, PUE); the rest of a run is
    // read from its last row only, at the end (a run's earlier rows are superseded).
    const runId = field(match, fields, "run_id");
    if (runId == null) throw new CodeCarbonError(file, line, "run_id is empty");
    const energy = numberField(match, fields, "energy_consumed", file, line, true)!;
    if (energy > MAX_RUN_KWH) {
      throw new CodeCarbonError(file, line, `energy_consumed ${energy} kWh is over ${MAX_RUN_KWH} kWh: not one run`);
    }
    numberField(match, fields, "emissions", file, line, true);
    numberField(match, fields, "duration", file, line, true);
    numberField(match, fields, "pue", file, line, false, 1);
    const before = this.runs.get(runId);
    if (before) {
      this.counts.superseded++;
      if (before.file !== file) {
        this.warnings.push(
          `run ${this.currentText(runId)} appears in ${before.file} and ${file}: its last row (${file}:${line}) is taken as its total`
        );
      } else if (energy < before.energy) {
        this.warnings.push(
          `${file}:${line}: run ${this.currentText(runId)}'s energy_consumed ${energy} kWh is below line ${before.line}'s ${before.energy} kWh; rows of a run are cumulative, so the last row is taken as its total`
        );
      }
      before.rows++;
      before.fields = fields;
      before.match = match;
      before.text = this.currentText;
      before.file = file;
      before.line = line;
      before.energy = energy;
    } else {
      this.runs.set(runId, {fields, match, text: this.currentText, file, line, firstLine: line, rows: 1, energy});
    }
  }

  finish(): CodeCarbonImport {
    this.closeFile();
    const runs = [...this.runs.entries()].map(([runId, last]) => runOf(runId, last));
    if (runs.length === 0) {
      const where = this.files.length === 1 ? this.files[0].file : `${this.files.length} files`;
      throw new CodeCarbonError(where, null, "no data rows: the header alone, no run to add up");
    }
    const sum = (f: (r: CodeCarbonRun) => number) => runs.reduce((a, r) => a + f(r), 0);
    const warnings = [...this.warnings];
    const listed: Array<[CodeCarbonSkipKind, string]> = [
      ["malformed", "malformed rows"],
      ["repeated-header", "repeated headers"],
      ["blank", "blank lines"]
    ];
    for (const [kind, what] of listed) {
      const first = this.skips.find((s) => s.kind === kind);
      if (this.counts[kind] && first) {
        warnings.push(`${this.counts[kind]} ${what} skipped (first: ${first.file}:${first.line}, ${first.message})`);
      }
    }
    const pues = new Set(runs.map((r) => r.pue));
    if (pues.size > 1) warnings.push(`the runs were recorded at different PUEs (${[...pues].join(", ")})`);
    return {
      files: this.files,
      runs,
      energy_kwh: sum((r) => r.energy_kwh),
      emissions_kg: sum((r) => r.emissions_kg),
      hardware_kwh: sum((r) => r.hardware_kwh),
      duration_s: sum((r) => r.duration_s),
      rows: this.rowCount,
      skipped_counts: {...this.counts},
      skipped: this.skips,
      warnings
    };
  }
}

/**
 * An error met while csv-parse reads an emissions.csv as a CodeCarbonError naming the file and line: the reader's
 * own errors as they are, csv-parse's (an unclosed quote …) as "not CSV" with the line csv-parse gives.
 */
export function codecarbonCsvError(file: string, error: unknown): CodeCarbonError {
  if (error instanceof CodeCarbonError) return error;
  const e = error as Error & {lines?: number};
  return new CodeCarbonError(file, e.lines ?? null, `not CSV: ${String(e.message).replace(/^Invalid [^:]*: /, "")}`);
}

/** The csv-parse options of an emissions.csv, the same on the command line and in the page. */
export const CODECARBON_CSV_OPTIONS = {bom: true, relax_column_count: true, skip_empty_lines: true} as const;

/** Reads emissions.csv records already split into fields (the first is the header): for tests and the page. */
export function readCodeCarbonRecords(files: Array<{file: string; records: string[][]}>): CodeCarbonImport {
  const reader = new CodeCarbonReader();
  for (const {file, records} of files) {
    reader.file(file);
    records.forEach((r, k) => reader.record(r, k + 1));
  }
  return reader.finish();
}
