import {averageWatts, energyKwh} from "../formulas/energy.js";

/**
 * Reads a GPU power log written by
 *   nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1
 * (header "timestamp, index, power.draw [W]", rows such as "2019/05/01 12:00:00.123, 0, 215.33 W"), the way
 * Strubell et al. 2019 (§2) measured power: sample, then average. Power is integrated over time per GPU with
 * trapezoids; an interval longer than the gap threshold is no data (reported, not integrated). Unreadable lines
 * are skipped and counted; a wrong header, or a log with nothing to average, is an error naming the line.
 */

/** Without an explicit threshold, an interval over this many times the median sampling interval is a gap. */
export const GAP_FACTOR = 5;

/** Largest plausible power reading of one accelerator, watts (above any nameplate in data/accelerators.csv). */
export const MAX_GPU_WATTS = 5000;

/** Power columns nvidia-smi can write, in order of preference. */
const POWER_FIELDS = ["power.draw", "power.draw.average", "power.draw.instant"] as const;

/** Readings nvidia-smi prints when a GPU cannot report its power. */
const NOT_AVAILABLE =
  /^\[?(n\/a|not supported|unknown error|gpu is lost|requested functionality has been deprecated)\]?$/i;

const HEADER_HINT = `"timestamp, index, power.draw [W]" (nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1)`;

/** A log that cannot be read at all; `line` is 1-based, or null for the whole file; `file` names the log. */
export class NvidiaSmiError extends Error {
  readonly line: number | null;
  readonly file: string | null;
  /** The message without its "line N: " prefix. */
  readonly detail: string;
  constructor(line: number | null, message: string, file: string | null = null) {
    super(line == null ? message : `line ${line}: ${message}`);
    this.name = "NvidiaSmiError";
    this.line = line;
    this.file = file;
    this.detail = message;
  }
}

export type SkipKind = "malformed" | "not-available" | "duplicate" | "out-of-order" | "repeated-header";

/** One skipped line (`file` is null for a single log). */
export interface Skipped {
  file: string | null;
  line: number;
  kind: SkipKind;
  message: string;
}

/** An interval with no data: longer than the gap threshold, so not integrated. */
export interface Gap {
  /** The log (node) of the GPU, null for a single log. */
  file: string | null;
  gpu: number;
  from: string;
  to: string;
  fromLine: number;
  toLine: number;
  seconds: number;
}

/** One GPU's power over the log. */
export interface GpuPower {
  /** The log (node) the GPU is in, null for a single log: GPUs of different logs are different GPUs. */
  file: string | null;
  index: number;
  samples: number;
  /** Time covered by intervals within the gap threshold. */
  coveredHours: number;
  /** Trapezoid integral of power over the covered time, watt-hours. */
  energyWh: number;
  /** energyWh / coveredHours. */
  averageWatts: number;
}

export interface PowerLog {
  /** GPUs with at least two samples within the threshold of each other, by index. */
  gpus: GpuPower[];
  /** Sum of the per-GPU averages: g · p_g of equation 1. */
  totalAverageWatts: number;
  /** Mean of the per-GPU averages: p_g of equation 1. */
  meanGpuWatts: number;
  /** From the first to the last valid sample of any GPU, gaps included. */
  durationHours: number;
  /** Energy before PUE by the paper's method, average power × duration (gaps counted at the average power). */
  energyKwh: number;
  /** Energy before PUE actually integrated (gaps left out). */
  measuredKwh: number;
  gapThresholdSeconds: number;
  /** Intervals over the threshold: how many, their seconds in all, and the first (by GPU, then line). */
  gaps: {count: number; seconds: number; first: Gap | null};
  /** Skipped lines, up to MAX_SKIPPED_LISTED (all are counted in skippedCount and the warnings). */
  skipped: Skipped[];
  skippedCount: number;
  /** The logs read, in order (one for a single log). */
  files: Array<{file: string | null; lines: number; samples: number}>;
  /** Human-readable summary of what was skipped or left out, counted by kind. */
  warnings: string[];
  /** Lines read (header included, blank lines not) and valid samples used. */
  lines: number;
  validSamples: number;
}

/** How many skipped lines are listed one by one (all are counted). */
export const MAX_SKIPPED_LISTED = 1000;

const TIMESTAMP = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** The time of day after a timestamp's date (the reader caches each date's start). */
const TIME_OF_DAY = /^[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Milliseconds of an nvidia-smi timestamp ("2019/05/01 12:00:00.123"), read as UTC (only differences matter), or null. */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  // Nanoseconds as an integer, then milliseconds: "123" is exactly 123 ms.
  const fraction = m[7] ? Number(m[7].padEnd(9, "0")) / 1e6 : 0;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const valid =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return valid ? ms + fraction : null;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

/** The number of two decimal digits at `at`, or -1. */
function twoDigitsAt(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Seconds for a message: at most three decimals, no float noise. */
function sec(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

interface Header {
  time: number;
  index: number;
  power: number;
  count: number;
  /** The header without spaces, lower case: a repeated header is skipped. */
  normalized: string;
  /** Its first column's name, lower case: only lines starting with it can be the header again. */
  first: string;
}

/** Parses the header: the columns of timestamp, index and power, and whether power values carry " W". */
function readHeader(text: string, line: number, file: string | null): Header {
  const names = text.split(",").map((n) => n.trim());
  const base = names.map((n) => n.replace(/\s*\[[^\]]*\]$/, "").toLowerCase());
  const time = base.indexOf("timestamp");
  const index = base.indexOf("index");
  const power = POWER_FIELDS.map((f) => base.indexOf(f)).find((k) => k >= 0) ?? -1;
  if (time < 0 || index < 0 || power < 0) {
    const looksLikeData = parseTimestamp(text.split(",")[0].trim()) != null;
    throw new NvidiaSmiError(
      line,
      `expected the header ${HEADER_HINT}, found "${clip(text)}"${looksLikeData ? " (a data line: was the log recorded with --format=csv,noheader?)" : ""}`,
      file
    );
  }
  const unit = /\[([^\]]*)\]$/.exec(names[power])?.[1];
  if (unit !== undefined && unit.toLowerCase() !== "w") {
    throw new NvidiaSmiError(line, `power is in "${unit}", expected watts ("[W]")`, file);
  }
  return {
    time,
    index,
    power,
    count: names.length,
    normalized: text.toLowerCase().replace(/\s+/g, ""),
    first: names[0].toLowerCase()
  };
}

/** Intervals of one length on one GPU: how many, their trapezoid energy, and the first of them. */
interface Span {
  count: number;
  joules: number;
  first: Gap;
}

/** One GPU while its log is read: its last sample and its intervals grouped by length. */
interface GpuState {
  file: string | null;
  index: number;
  samples: number;
  firstMs: number;
  firstLine: number;
  lastMs: number;
  lastText: string;
  lastWatts: number;
  lastLine: number;
  /** Interval length in seconds → the intervals of that length (the gap threshold is known only at the end). */
  spans: Map<number, Span>;
}

const KINDS: Array<[SkipKind, string, string]> = [
  ["malformed", "malformed line", "malformed lines"],
  ["not-available", "power reading not available ([N/A])", "power readings not available ([N/A])"],
  ["duplicate", "duplicate sample", "duplicate samples"],
  ["out-of-order", "sample out of time order", "samples out of time order"],
  ["repeated-header", "repeated header", "repeated headers"]
];

/**
 * Reads nvidia-smi power logs line by line, one log (one node) after another, in memory that grows with the
 * number of GPUs and of distinct sampling intervals, not with the log: `file(name)` starts a log, `line(text)`
 * reads its next line, `finish()` integrates. `maxGapSeconds`: intervals longer than this are no data (default:
 * GAP_FACTOR × the median sampling interval of all logs). Throws NvidiaSmiError for a missing or wrong header,
 * an empty log, or when no GPU has two samples to integrate between.
 */
export class PowerLogReader {
  private readonly maxGapSeconds: number | undefined;
  private readonly gpus: GpuState[] = [];
  private fileGpus = new Map<number, GpuState>();
  private readonly intervals = new Map<number, number>();
  private readonly skipped: Skipped[] = [];
  private readonly skipCounts = new Map<SkipKind, {count: number; first: Skipped}>();
  private readonly files: PowerLog["files"] = [];
  private current: {
    file: string | null;
    header: Header | null;
    headerLine: number;
    lineNo: number;
    lines: number;
    samples: number;
  } | null = null;
  private validSamples = 0;
  /** Start and end of each field of the line being read (fast path). */
  private bounds = new Int32Array(2 * 64);
  private dayKey = "";
  private dayMs = 0;

  constructor(options: {maxGapSeconds?: number} = {}) {
    if (options.maxGapSeconds !== undefined && !(options.maxGapSeconds > 0)) {
      throw new NvidiaSmiError(null, `the gap threshold must be above 0 s, not ${options.maxGapSeconds}`);
    }
    this.maxGapSeconds = options.maxGapSeconds;
  }

  /** Starts the next log; `name` is null for a single log, else the log's name (a node). */
  file(name: string | null): void {
    this.endFile();
    this.current = {file: name, header: null, headerLine: 0, lineNo: 0, lines: 0, samples: 0};
    this.fileGpus = new Map();
  }

  private endFile() {
    const c = this.current;
    if (!c) return;
    if (!c.header) throw new NvidiaSmiError(null, `the log is empty; expected the header ${HEADER_HINT}`, c.file);
    this.files.push({file: c.file, lines: c.lines, samples: c.samples});
    this.current = null;
  }

  private skip(line: number, kind: SkipKind, message: string) {
    const s: Skipped = {file: this.current!.file, line, kind, message};
    if (this.skipped.length < MAX_SKIPPED_LISTED) this.skipped.push(s);
    const k = this.skipCounts.get(kind);
    if (k) k.count++;
    else this.skipCounts.set(kind, {count: 1, first: s});
  }

  /** Milliseconds of a timestamp; the date's start is cached, as a log's lines share their date. */
  private timestamp(text: string): number | null {
    if (this.dayKey !== "" && text.startsWith(this.dayKey)) {
      const m = TIME_OF_DAY.exec(text.slice(10));
      if (m) {
        const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (h < 24 && mi < 60 && s < 60) {
          const fraction = m[4] ? Number(m[4].padEnd(9, "0")) / 1e6 : 0;
          return this.dayMs + ((h * 60 + mi) * 60 + s) * 1000 + fraction;
        }
      }
    }
    const ms = parseTimestamp(text);
    if (ms != null) {
      this.dayKey = text.slice(0, 10);
      this.dayMs = parseTimestamp(`${this.dayKey} 00:00:00`)!;
    }
    return ms;
  }

  /** Reads the next line of the current log (line numbers count every line, blank ones included). */
  line(raw: string): void {
    const c = this.current;
    if (!c) throw new Error("PowerLogReader.line before file()");
    const line = ++c.lineNo;
    if (c.header && this.fast(raw, line, c.header)) {
      c.lines++;
      return;
    }
    let t = raw.trim();
    if (line === 1 && t.charCodeAt(0) === 0xfeff) t = t.slice(1).trim();
    if (t === "") return;
    c.lines++;
    const header = c.header;
    if (!header) {
      c.header = readHeader(t, line, c.file);
      c.headerLine = line;
      return;
    }
    if (
      t.length >= header.first.length &&
      t.slice(0, header.first.length).toLowerCase() === header.first &&
      t.toLowerCase().replace(/\s+/g, "") === header.normalized
    ) {
      return this.skip(line, "repeated-header", "the header again");
    }
    const fields = t.split(",");
    if (fields.length !== header.count) {
      return this.skip(
        line,
        "malformed",
        `${fields.length} field${fields.length === 1 ? "" : "s"}, expected ${header.count}: "${clip(t)}"`
      );
    }
    const timeText = fields[header.time].trim();
    const ms = this.timestamp(timeText);
    if (ms == null) {
      return this.skip(line, "malformed", `timestamp "${clip(timeText, 30)}" is not YYYY/MM/DD HH:MM:SS.mmm`);
    }
    const indexText = fields[header.index].trim();
    if (!/^\d{1,4}$/.test(indexText)) {
      return this.skip(line, "malformed", `GPU index "${clip(indexText, 20)}" is not a whole number`);
    }
    const powerText = fields[header.power].trim();
    const pm = /^([0-9]*\.?[0-9]+)\s*(w)?$/i.exec(powerText);
    if (!pm && NOT_AVAILABLE.test(powerText)) return this.skip(line, "not-available", `power "${powerText}"`);
    const watts = pm ? Number(pm[1]) : NaN;
    if (!Number.isFinite(watts) || watts > MAX_GPU_WATTS) {
      return this.skip(
        line,
        "malformed",
        pm ? `power ${powerText} is over ${MAX_GPU_WATTS} W` : `power "${clip(powerText, 20)}" is not a number of watts`
      );
    }
    this.sample(line, ms, timeText, Number(indexText), watts);
  }

  /** Records a valid reading, or skips it as a duplicate or out of order. */
  private sample(line: number, ms: number, timeText: string, index: number, watts: number): void {
    const c = this.current!;
    let gpu = this.fileGpus.get(index);
    if (gpu) {
      if (ms === gpu.lastMs) {
        return this.skip(line, "duplicate", `GPU ${index} has a sample at ${timeText} already (line ${gpu.lastLine})`);
      }
      if (ms < gpu.lastMs) {
        return this.skip(
          line,
          "out-of-order",
          `GPU ${index}: ${timeText} is before line ${gpu.lastLine}'s ${gpu.lastText}`
        );
      }
      const dt = (ms - gpu.lastMs) / 1000;
      this.intervals.set(dt, (this.intervals.get(dt) ?? 0) + 1);
      // Trapezoid: the mean of the two readings over the interval.
      const joules = ((gpu.lastWatts + watts) / 2) * dt;
      const span = gpu.spans.get(dt);
      if (span) {
        span.count++;
        span.joules += joules;
      } else {
        gpu.spans.set(dt, {
          count: 1,
          joules,
          first: {
            file: c.file,
            gpu: index,
            from: gpu.lastText,
            to: timeText,
            fromLine: gpu.lastLine,
            toLine: line,
            seconds: dt
          }
        });
      }
      gpu.samples++;
    } else {
      gpu = {
        file: c.file,
        index,
        samples: 1,
        firstMs: ms,
        firstLine: line,
        lastMs: ms,
        lastText: timeText,
        lastWatts: watts,
        lastLine: line,
        spans: new Map()
      };
      this.fileGpus.set(index, gpu);
      this.gpus.push(gpu);
    }
    gpu.lastMs = ms;
    gpu.lastText = timeText;
    gpu.lastWatts = watts;
    gpu.lastLine = line;
    c.samples++;
    this.validSamples++;
  }

  /**
   * The common line read without allocating: fields located by their commas, the timestamp (on the cached date),
   * the index and the power read digit by digit. Returns false, having done nothing, for anything else; the
   * general path then reads (or skips, with the reason) the line.
   */
  private fast(raw: string, line: number, header: Header): boolean {
    const bounds = this.bounds;
    if (2 * header.count > bounds.length) return false;
    let start = 0;
    let field = 0;
    const n = raw.length;
    for (let k = 0; k <= n; k++) {
      if (k === n || raw.charCodeAt(k) === 44) {
        if (field >= header.count) return false;
        let a = start;
        let b = k;
        while (a < b && isSpace(raw.charCodeAt(a))) a++;
        while (b > a && isSpace(raw.charCodeAt(b - 1))) b--;
        bounds[2 * field] = a;
        bounds[2 * field + 1] = b;
        field++;
        start = k + 1;
      }
    }
    if (field !== header.count) return false;
    // Timestamp: the cached date, then " HH:MM:SS" and an optional fraction of up to 9 digits.
    const t0 = bounds[2 * header.time];
    const t1 = bounds[2 * header.time + 1];
    const len = t1 - t0;
    if (this.dayKey === "" || len < 19 || len > 29 || !raw.startsWith(this.dayKey, t0)) return false;
    const sep = raw.charCodeAt(t0 + 10);
    if ((sep !== 32 && sep !== 84) || raw.charCodeAt(t0 + 13) !== 58 || raw.charCodeAt(t0 + 16) !== 58) return false;
    const h = twoDigitsAt(raw, t0 + 11);
    const mi = twoDigitsAt(raw, t0 + 14);
    const sec = twoDigitsAt(raw, t0 + 17);
    if (h < 0 || mi < 0 || sec < 0 || h >= 24 || mi >= 60 || sec >= 60) return false;
    let nanos = 0;
    if (len > 19) {
      if (raw.charCodeAt(t0 + 19) !== 46 || len === 20) return false;
      let scale = 1e8;
      for (let k = t0 + 20; k < t1; k++) {
        const d = raw.charCodeAt(k) - 48;
        if (d < 0 || d > 9) return false;
        nanos += d * scale;
        scale /= 10;
      }
    }
    // Index: 1 to 4 digits.
    const i0 = bounds[2 * header.index];
    const i1 = bounds[2 * header.index + 1];
    if (i1 - i0 < 1 || i1 - i0 > 4) return false;
    let index = 0;
    for (let k = i0; k < i1; k++) {
      const d = raw.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return false;
      index = index * 10 + d;
    }
    // Power: digits, an optional fraction, optional spaces and an optional W.
    const p0 = bounds[2 * header.power];
    let p1 = bounds[2 * header.power + 1];
    const last = raw.charCodeAt(p1 - 1);
    if (last === 87 || last === 119) {
      p1--;
      while (p1 > p0 && isSpace(raw.charCodeAt(p1 - 1))) p1--;
    }
    let whole = 0;
    let fraction = 0;
    let divisor = 1;
    let digits = 0;
    let dot = false;
    for (let k = p0; k < p1; k++) {
      const ch = raw.charCodeAt(k);
      if (ch === 46 && !dot) {
        dot = true;
        continue;
      }
      const d = ch - 48;
      if (d < 0 || d > 9) return false;
      digits++;
      if (dot) {
        fraction = fraction * 10 + d;
        divisor *= 10;
      } else whole = whole * 10 + d;
    }
    if (digits === 0 || digits > 15 || raw.charCodeAt(p1 - 1) === 46) return false;
    // (whole · divisor + fraction) / divisor: one correctly rounded division, the same double as Number(text).
    const watts = (whole * divisor + fraction) / divisor;
    if (watts > MAX_GPU_WATTS) return false;
    const ms = this.dayMs + ((h * 60 + mi) * 60 + sec) * 1000 + nanos / 1e6;
    this.sample(line, ms, raw.slice(t0, t1), index, watts);
    return true;
  }

  /** The median sampling interval of all GPUs, seconds (0 without intervals). */
  private medianInterval(): number {
    const keys = [...this.intervals.keys()].sort((a, b) => a - b);
    const total = keys.reduce((a, k) => a + this.intervals.get(k)!, 0);
    if (total === 0) return 0;
    const at = (rank: number) => {
      let seen = 0;
      for (const k of keys) {
        seen += this.intervals.get(k)!;
        if (seen > rank) return k;
      }
      return keys.at(-1)!;
    };
    return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
  }

  finish(): PowerLog {
    const onlyFile = this.current?.file ?? null;
    this.endFile();
    const named = (line: number | null, message: string, file: string | null) =>
      new NvidiaSmiError(line, message, file);
    if (this.validSamples === 0) {
      const first = this.skipped[0];
      const lonely = this.files.length === 1 ? this.files[0] : null;
      throw named(
        first ? first.line : lonely ? 1 : null,
        first
          ? `no valid sample in the log; the first bad line: ${first.message}`
          : lonely
            ? "the log has a header but no samples"
            : "the logs have headers but no samples",
        first ? first.file : onlyFile
      );
    }
    const threshold = this.maxGapSeconds ?? GAP_FACTOR * this.medianInterval();

    let gapCount = 0;
    let gapSeconds = 0;
    let firstGap: Gap | null = null;
    const gpus: GpuPower[] = [];
    const notes: string[] = [];
    let first = Infinity;
    let last = -Infinity;
    const name = (g: GpuState) => (g.file == null ? `GPU ${g.index}` : `GPU ${g.index} of ${g.file}`);
    const ordered = [...this.gpus].sort((a, b) => this.fileOrder(a.file) - this.fileOrder(b.file) || a.index - b.index);
    for (const g of ordered) {
      let joules = 0;
      let seconds = 0;
      let gpuFirstGap: Gap | null = null;
      for (const [dt, span] of g.spans) {
        if (dt > threshold) {
          gapCount += span.count;
          gapSeconds += dt * span.count;
          if (!gpuFirstGap || span.first.fromLine < gpuFirstGap.fromLine) gpuFirstGap = span.first;
          continue;
        }
        joules += span.joules;
        seconds += dt * span.count;
      }
      if (!firstGap && gpuFirstGap) firstGap = gpuFirstGap;
      if (seconds === 0) {
        notes.push(
          g.samples === 1
            ? `${name(g)} has a single valid sample (line ${g.firstLine}): left out`
            : `${name(g)} has no two samples within ${sec(threshold)} of each other: left out`
        );
        continue;
      }
      const coveredHours = seconds / 3600;
      const energyWh = joules / 3600;
      gpus.push({
        file: g.file,
        index: g.index,
        samples: g.samples,
        coveredHours,
        energyWh,
        averageWatts: averageWatts(energyWh / 1000, coveredHours)
      });
      first = Math.min(first, g.firstMs);
      last = Math.max(last, g.lastMs);
    }
    if (gpus.length === 0) {
      throw named(null, `no GPU has two samples within ${sec(threshold)} of each other: nothing to average`, onlyFile);
    }

    const totalAverageWatts = gpus.reduce((a, g) => a + g.averageWatts, 0);
    const durationHours = (last - first) / 3_600_000;
    for (const g of ordered) {
      if (!gpus.some((p) => p.file === g.file && p.index === g.index)) continue;
      const span = (g.lastMs - g.firstMs) / 3_600_000;
      if (span < 0.9 * durationHours) {
        notes.push(
          `${name(g)} is logged for ${sec(span * 3600)} of the log's ${sec(durationHours * 3600)}; its average is counted for the whole duration`
        );
      }
    }
    const warnings: string[] = [];
    for (const [kind, one, many] of KINDS) {
      const k = this.skipCounts.get(kind);
      if (k) {
        const where = k.first.file == null ? `line ${k.first.line}` : `${k.first.file} line ${k.first.line}`;
        warnings.push(`${k.count} ${k.count > 1 ? many : one} skipped (first: ${where}, ${k.first.message})`);
      }
    }
    if (firstGap) {
      const g = firstGap;
      const gpu = g.file == null ? `GPU ${g.gpu}` : `GPU ${g.gpu} of ${g.file}`;
      warnings.push(
        `${gapCount} gap${gapCount > 1 ? "s" : ""} over ${sec(threshold)} treated as no data, ${sec(gapSeconds)} in all (first: ${gpu}, ${g.from} to ${g.to}, lines ${g.fromLine}–${g.toLine}); the energy counts them at the average power`
      );
    }
    warnings.push(...notes);
    const skippedCount = [...this.skipCounts.values()].reduce((a, k) => a + k.count, 0);

    return {
      gpus,
      totalAverageWatts,
      meanGpuWatts: totalAverageWatts / gpus.length,
      durationHours,
      energyKwh: energyKwh(totalAverageWatts, durationHours, 1),
      measuredKwh: gpus.reduce((a, g) => a + g.energyWh, 0) / 1000,
      gapThresholdSeconds: threshold,
      gaps: {count: gapCount, seconds: gapSeconds, first: firstGap},
      skipped: this.skipped,
      skippedCount,
      files: this.files,
      warnings,
      lines: this.files.reduce((a, f) => a + f.lines, 0),
      validSamples: this.validSamples
    };
  }

  private fileOrder(file: string | null): number {
    return this.files.findIndex((f) => f.file === file);
  }
}

/**
 * Reads one nvidia-smi power log held in memory (the page reads a File so; the CLI streams with PowerLogReader).
 * `maxGapSeconds`: intervals longer than this are no data (default: GAP_FACTOR × the median sampling interval).
 */
export function parseNvidiaSmi(
  text: string,
  options: {maxGapSeconds?: number} = {},
  file: string | null = null
): PowerLog {
  const reader = new PowerLogReader(options);
  reader.file(file);
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    reader.line(text.slice(start, end));
    start = end + 1;
  }
  return reader.finish();
}
