import {averageWatts, energyKwh} from "./energy.js";

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

/** A log that cannot be read at all; `line` is 1-based, or null for the whole file. */
export class NvidiaSmiError extends Error {
  readonly line: number | null;
  /** The message without its "line N: " prefix. */
  readonly detail: string;
  constructor(line: number | null, message: string) {
    super(line == null ? message : `line ${line}: ${message}`);
    this.name = "NvidiaSmiError";
    this.line = line;
    this.detail = message;
  }
}

export type SkipKind = "malformed" | "not-available" | "duplicate" | "out-of-order" | "repeated-header";

/** One skipped line. */
export interface Skipped {
  line: number;
  kind: SkipKind;
  message: string;
}

/** An interval with no data: longer than the gap threshold, so not integrated. */
export interface Gap {
  gpu: number;
  from: string;
  to: string;
  fromLine: number;
  toLine: number;
  seconds: number;
}

/** One GPU's power over the log. */
export interface GpuPower {
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
  gaps: Gap[];
  skipped: Skipped[];
  /** Human-readable summary of what was skipped or left out, counted by kind. */
  warnings: string[];
  /** Lines read (header included, blank lines not) and valid samples used. */
  lines: number;
  validSamples: number;
}

interface Sample {
  ms: number;
  text: string;
  watts: number;
  line: number;
}

const TIMESTAMP = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds for a message: at most three decimals, no float noise. */
function sec(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Parses the header: the columns of timestamp, index and power, and whether power values carry " W". */
function readHeader(text: string, line: number): {time: number; index: number; power: number; count: number} {
  const names = text.split(",").map((n) => n.trim());
  const base = names.map((n) => n.replace(/\s*\[[^\]]*\]$/, "").toLowerCase());
  const time = base.indexOf("timestamp");
  const index = base.indexOf("index");
  const power = POWER_FIELDS.map((f) => base.indexOf(f)).find((k) => k >= 0) ?? -1;
  if (time < 0 || index < 0 || power < 0) {
    const looksLikeData = parseTimestamp(text.split(",")[0].trim()) != null;
    throw new NvidiaSmiError(
      line,
      `expected the header ${HEADER_HINT}, found "${clip(text)}"${looksLikeData ? " (a data line: was the log recorded with --format=csv,noheader?)" : ""}`
    );
  }
  const unit = /\[([^\]]*)\]$/.exec(names[power])?.[1];
  if (unit !== undefined && unit.toLowerCase() !== "w") {
    throw new NvidiaSmiError(line, `power is in "${unit}", expected watts ("[W]")`);
  }
  return {time, index, power, count: names.length};
}

/**
 * Reads an nvidia-smi power log. `maxGapSeconds`: intervals longer than this are no data (default: GAP_FACTOR ×
 * the median sampling interval). Throws NvidiaSmiError for a missing or wrong header, or when no GPU has two
 * samples to integrate between.
 */
export function parseNvidiaSmi(text: string, options: {maxGapSeconds?: number} = {}): PowerLog {
  if (options.maxGapSeconds !== undefined && !(options.maxGapSeconds > 0)) {
    throw new NvidiaSmiError(null, `the gap threshold must be above 0 s, not ${options.maxGapSeconds}`);
  }
  const rawLines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const numbered = rawLines.map((t, k) => ({text: t.trim(), line: k + 1})).filter((l) => l.text !== "");
  if (numbered.length === 0) throw new NvidiaSmiError(null, `the log is empty; expected the header ${HEADER_HINT}`);
  const head = numbered[0];
  const header = readHeader(head.text, head.line);
  const headerText = head.text.toLowerCase().replace(/\s+/g, "");

  const skipped: Skipped[] = [];
  const byGpu = new Map<number, Sample[]>();
  const skip = (line: number, kind: SkipKind, message: string) => skipped.push({line, kind, message});

  for (const {text: t, line} of numbered.slice(1)) {
    if (t.toLowerCase().replace(/\s+/g, "") === headerText) {
      skip(line, "repeated-header", "the header again");
      continue;
    }
    const fields = t.split(",").map((f) => f.trim());
    if (fields.length !== header.count) {
      skip(
        line,
        "malformed",
        `${fields.length} field${fields.length === 1 ? "" : "s"}, expected ${header.count}: "${clip(t)}"`
      );
      continue;
    }
    const ms = parseTimestamp(fields[header.time]);
    if (ms == null) {
      skip(line, "malformed", `timestamp "${clip(fields[header.time], 30)}" is not YYYY/MM/DD HH:MM:SS.mmm`);
      continue;
    }
    const indexText = fields[header.index];
    if (!/^\d{1,4}$/.test(indexText)) {
      skip(line, "malformed", `GPU index "${clip(indexText, 20)}" is not a whole number`);
      continue;
    }
    const powerText = fields[header.power];
    if (NOT_AVAILABLE.test(powerText)) {
      skip(line, "not-available", `power "${powerText}"`);
      continue;
    }
    const pm = /^([0-9]*\.?[0-9]+)\s*(w)?$/i.exec(powerText);
    const watts = pm ? Number(pm[1]) : NaN;
    if (!Number.isFinite(watts) || watts > MAX_GPU_WATTS) {
      skip(
        line,
        "malformed",
        pm ? `power ${powerText} is over ${MAX_GPU_WATTS} W` : `power "${clip(powerText, 20)}" is not a number of watts`
      );
      continue;
    }
    const index = Number(indexText);
    const list = byGpu.get(index) ?? [];
    const last = list.at(-1);
    if (last && ms === last.ms) {
      skip(line, "duplicate", `GPU ${index} has a sample at ${fields[header.time]} already (line ${last.line})`);
      continue;
    }
    if (last && ms < last.ms) {
      skip(line, "out-of-order", `GPU ${index}: ${fields[header.time]} is before line ${last.line}'s ${last.text}`);
      continue;
    }
    list.push({ms, text: fields[header.time], watts, line});
    byGpu.set(index, list);
  }

  const validSamples = [...byGpu.values()].reduce((a, l) => a + l.length, 0);
  if (validSamples === 0) {
    const first = skipped[0];
    throw new NvidiaSmiError(
      first ? first.line : head.line,
      first ? `no valid sample in the log; the first bad line: ${first.message}` : "the log has a header but no samples"
    );
  }

  const intervals = [...byGpu.values()].flatMap((l) => l.slice(1).map((s, k) => (s.ms - l[k].ms) / 1000));
  const threshold = options.maxGapSeconds ?? (intervals.length ? GAP_FACTOR * median(intervals) : 0);

  const gaps: Gap[] = [];
  const gpus: GpuPower[] = [];
  const notes: string[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const index of [...byGpu.keys()].sort((a, b) => a - b)) {
    const list = byGpu.get(index)!;
    let joules = 0;
    let seconds = 0;
    for (let k = 1; k < list.length; k++) {
      const dt = (list[k].ms - list[k - 1].ms) / 1000;
      if (dt > threshold) {
        gaps.push({
          gpu: index,
          from: list[k - 1].text,
          to: list[k].text,
          fromLine: list[k - 1].line,
          toLine: list[k].line,
          seconds: dt
        });
        continue;
      }
      // Trapezoid: the mean of the two readings over the interval.
      joules += ((list[k - 1].watts + list[k].watts) / 2) * dt;
      seconds += dt;
    }
    if (seconds === 0) {
      notes.push(
        list.length === 1
          ? `GPU ${index} has a single valid sample (line ${list[0].line}): left out`
          : `GPU ${index} has no two samples within ${sec(threshold)} of each other: left out`
      );
      continue;
    }
    const coveredHours = seconds / 3600;
    const energyWh = joules / 3600;
    gpus.push({
      index,
      samples: list.length,
      coveredHours,
      energyWh,
      averageWatts: averageWatts(energyWh / 1000, coveredHours)
    });
    first = Math.min(first, list[0].ms);
    last = Math.max(last, list.at(-1)!.ms);
  }
  if (gpus.length === 0) {
    throw new NvidiaSmiError(null, `no GPU has two samples within ${sec(threshold)} of each other: nothing to average`);
  }

  const totalAverageWatts = gpus.reduce((a, g) => a + g.averageWatts, 0);
  const durationHours = (last - first) / 3_600_000;
  for (const g of gpus) {
    const list = byGpu.get(g.index)!;
    const span = (list.at(-1)!.ms - list[0].ms) / 3_600_000;
    if (span < 0.9 * durationHours) {
      notes.push(
        `GPU ${g.index} is logged for ${sec(span * 3600)} of the log's ${sec(durationHours * 3600)}; its average is counted for the whole duration`
      );
    }
  }
  const warnings: string[] = [];
  const kinds: Array<[SkipKind, string, string]> = [
    ["malformed", "malformed line", "malformed lines"],
    ["not-available", "power reading not available ([N/A])", "power readings not available ([N/A])"],
    ["duplicate", "duplicate sample", "duplicate samples"],
    ["out-of-order", "sample out of time order", "samples out of time order"],
    ["repeated-header", "repeated header", "repeated headers"]
  ];
  for (const [kind, one, many] of kinds) {
    const these = skipped.filter((s) => s.kind === kind);
    if (these.length) {
      warnings.push(
        `${these.length} ${these.length > 1 ? many : one} skipped (first: line ${these[0].line}, ${these[0].message})`
      );
    }
  }
  if (gaps.length) {
    const total = gaps.reduce((a, g) => a + g.seconds, 0);
    const g = gaps[0];
    warnings.push(
      `${gaps.length} gap${gaps.length > 1 ? "s" : ""} over ${sec(threshold)} treated as no data, ${sec(total)} in all (first: GPU ${g.gpu}, ${g.from} to ${g.to}, lines ${g.fromLine}–${g.toLine}); the energy counts them at the average power`
    );
  }
  warnings.push(...notes);

  return {
    gpus,
    totalAverageWatts,
    meanGpuWatts: totalAverageWatts / gpus.length,
    durationHours,
    energyKwh: energyKwh(totalAverageWatts, durationHours, 1),
    measuredKwh: gpus.reduce((a, g) => a + g.energyWh, 0) / 1000,
    gapThresholdSeconds: threshold,
    gaps,
    skipped,
    warnings,
    lines: numbered.length,
    validSamples
  };
}
