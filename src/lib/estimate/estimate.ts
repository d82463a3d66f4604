import {roundSignificant} from "../present/figure-data.js";
import {cloudCostRangeUsd, electricityCostUsd} from "../formulas/cost.js";
import {hoursFromDuration} from "../formulas/duration.js";
import {co2eKg} from "../formulas/emissions.js";
import {energyKwh, totalPowerWatts} from "../formulas/energy.js";
import {formatNumber as n, formatUsd as usd} from "../present/format.js";
import {GAP_FACTOR, MAX_GPU_WATTS, parseNvidiaSmi, type PowerLog} from "./nvidia-smi.js";
import {numberIn, param, ParamError, parseParams, rangeText, type Param} from "../scenario/params.js";
import {paperScenario, resolveScenario, SCENARIO_PARAMS, type Scenario} from "../scenario/scenario.js";
import type {Accelerator, Inputs} from "../inputs/types.js";
import {kgTo, kgToLbs, kgToTonnes} from "../formulas/units.js";

/**
 * "Your own run": a description of a training run turned into a row in the paper's format (Table 3: power,
 * hours, kWh·PUE, CO2e, cloud cost), with equations 1 and 2 of Strubell et al. 2019. The site's form and the
 * CLI (`npm run report -- estimate`) both read their parameters through `parseEstimateParams` and compute with
 * `estimate`, so they cannot disagree.
 */

/** Allowed number of accelerators. */
export const COUNT_RANGE = [1, 1_000_000] as const;
/** Allowed training time, hours (over 1,000 years is a typo). */
export const HOURS_RANGE = [0, 1e7] as const;
/** Allowed CPU or DRAM power, watts (p_c and p_r of equation 1). */
export const HOST_WATTS_RANGE = [0, 100_000] as const;
/** Allowed gap threshold for a power log, seconds. */
export const GAP_SECONDS_RANGE = [0, 86_400] as const;

/** A run as described: every field optional where a log or the accelerator table can supply it. */
export interface RunInput {
  /** Accelerator id (data/accelerators.csv). */
  accelerator: string | null;
  count: number | null;
  /** Measured average power per accelerator, watts: overrides the table's power. */
  watts: number | null;
  hours: number | null;
  cpuWatts: number;
  dramWatts: number;
  gapSeconds: number | null;
}

/**
 * A power log to take power (and, unless hours are given, duration) from: its text (the page), or already read
 * (the CLI streams a file or a directory of per-node logs with PowerLogReader).
 */
export type LogInput =
  | {
      /** File name as given (the CLI's path is reduced to its last part, like a browser's File.name). */
      file: string;
      text: string;
    }
  | {file: string; power: PowerLog};

export {ParamError};

const HOURS_TEXT = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(h|d)?\s*$/i;

/** The run's own parameters, one entry each (see params.ts); the scenario's (pue, intensity, grid …) are SCENARIO_PARAMS. */
export const RUN_PARAMS: readonly Param<RunInput>[] = [
  param<RunInput>({
    name: "accelerator",
    help: "accelerator, for its power (unless measured) and cloud price",
    allowed: (i) => `one of ${i.accelerators.map((a) => a.id).join(", ")}`,
    read: (t, i, r, reject) =>
      void (r.accelerator = i.accelerators.find((a) => a.id.toLowerCase() === t.trim().toLowerCase())?.id ?? reject())
  }),
  param<RunInput>({
    name: "count",
    help: "number of accelerators (g in equation 1)",
    allowed: () => rangeText(COUNT_RANGE, {whole: true, format: n}),
    read: (t, i, r, reject) => void (r.count = numberIn(t, COUNT_RANGE, reject, {integer: true}))
  }),
  param<RunInput>({
    name: "watts",
    help: "measured average power of one accelerator, W (p_g; overrides the table)",
    allowed: () => rangeText([0, MAX_GPU_WATTS], {unit: " W", open: true, format: n}),
    read: (t, i, r, reject) => void (r.watts = numberIn(t, [0, MAX_GPU_WATTS], reject, {open: true}))
  }),
  param<RunInput>({
    name: "hours",
    help: "training time: hours, or days with a d (84, 84h, 3.5d)",
    allowed: () => `a number of hours above 0 to ${n(HOURS_RANGE[1])}, or days with a d, e.g. 84, 84h, 3.5d`,
    read: (t, i, r, reject) => {
      const m = HOURS_TEXT.exec(t) ?? reject();
      const hours = hoursFromDuration(Number(m[1]), (m[2]?.toLowerCase() ?? "h") as "h" | "d");
      r.hours = hours > HOURS_RANGE[0] && hours <= HOURS_RANGE[1] ? hours : reject();
    }
  }),
  param<RunInput>({
    name: "cpu-watts",
    help: "average CPU power, W (p_c in equation 1)",
    allowed: () => rangeText(HOST_WATTS_RANGE, {unit: " W", format: n}),
    read: (t, i, r, reject) => void (r.cpuWatts = numberIn(t, HOST_WATTS_RANGE, reject))
  }),
  param<RunInput>({
    name: "dram-watts",
    help: "average DRAM power, W (p_r in equation 1)",
    allowed: () => rangeText(HOST_WATTS_RANGE, {unit: " W", format: n}),
    read: (t, i, r, reject) => void (r.dramWatts = numberIn(t, HOST_WATTS_RANGE, reject))
  }),
  param<RunInput>({
    name: "gap-seconds",
    help: `in a power log, intervals longer than this are no data (default: ${GAP_FACTOR} × the median interval)`,
    allowed: () => rangeText(GAP_SECONDS_RANGE, {unit: " s", open: true, format: n}),
    read: (t, i, r, reject) => void (r.gapSeconds = numberIn(t, GAP_SECONDS_RANGE, reject, {open: true}))
  })
];

export function emptyRun(): RunInput {
  return {accelerator: null, count: null, watts: null, hours: null, cpuWatts: 0, dramWatts: 0, gapSeconds: null};
}

/**
 * Reads (name, value) pairs, from the form or from CLI flags, into a run and a scenario (the paper's defaults
 * for anything not given). The first unknown or invalid pair throws a ParamError naming it.
 */
export function parseEstimateParams(
  entries: Iterable<[string, string]>,
  inputs: Inputs
): {run: RunInput; scenario: Scenario} {
  const run = emptyRun();
  const scenario = paperScenario(inputs);
  parseParams(
    entries,
    inputs,
    [
      {params: RUN_PARAMS, into: run},
      {params: SCENARIO_PARAMS, into: scenario}
    ],
    {strict: true}
  );
  return {run, scenario};
}

/** A run in the paper's format, with every input it rests on and where each came from. */
export interface Estimate {
  /** Energy drawn from the grid, kWh: pue · hours · (p_c + p_r + g · p_g) / 1000 (equation 1). */
  kwh: number;
  co2e_kg: number;
  co2e_lbs: number;
  co2e_t: number;
  /** Total power p_c + p_r + g · p_g, watts: Table 3's "Power (W)". */
  power_w: number;
  hours: number;
  electricity_usd: number;
  /** Cloud cost at the paper's pre-emptible and on-demand prices, where data/cloud_prices.csv has one. */
  cost_usd_low: number | null;
  cost_usd_high: number | null;
  cost_source: string | null;
  inputs: {
    accelerator: string | null;
    accelerator_name: string | null;
    count: number;
    watts_per_accelerator: number;
    watts_source: string;
    cpu_watts: number;
    dram_watts: number;
    hours: number;
    hours_source: string;
    pue: number;
    intensity_kg_per_kwh: number;
    intensity_source: string;
    usd_per_kwh: number;
    units: Scenario["units"];
  };
  nvidia_smi: null | {
    file: string;
    /** The logs read: one, or a directory's per-node logs (their GPUs are counted apart). */
    logs: Array<{file: string | null; lines: number; samples: number}>;
    gpus: Array<{log: string | null; index: number; samples: number; average_w: number; covered_h: number}>;
    total_average_w: number;
    duration_h: number;
    energy_kwh_before_pue: number;
    measured_kwh: number;
    gap_threshold_s: number;
    gaps: number;
    skipped_lines: number;
    /** Skipped lines one by one (up to the first 1,000), with their log, line and reason. */
    skipped: Array<{log: string | null; line: number; kind: string; reason: string}>;
    warnings: string[];
  };
}

function acceleratorOf(inputs: Inputs, id: string | null): Accelerator | null {
  if (id == null) return null;
  const a = inputs.accelerators.find((x) => x.id === id);
  if (!a) throw new ParamError("accelerator", `accelerator "${id}" is not in data/accelerators.csv`);
  return a;
}

function price(inputs: Inputs, hardware: string, tier: "preemptible" | "on_demand") {
  return inputs.prices.find((p) => p.accelerator === hardware && p.tier === tier) ?? null;
}

/**
 * The paper's arithmetic for one run. Power per accelerator: measured watts if given, else the log's mean
 * per-GPU average, else the accelerator's power in data/accelerators.csv. Count: given, else the log's GPUs,
 * else 1. Hours: given, else the log's duration (the paper sampled power on a short run and scaled it by the
 * reported training time; give --hours to do the same).
 */
export function estimate(inputs: Inputs, run: RunInput, scenario: Scenario, log: LogInput | null = null): Estimate {
  const acc = acceleratorOf(inputs, run.accelerator);
  let power: PowerLog | null = null;
  if (log) {
    power =
      "power" in log
        ? log.power
        : parseNvidiaSmi(log.text, run.gapSeconds == null ? {} : {maxGapSeconds: run.gapSeconds});
  }

  let watts: number;
  let wattsSource: string;
  if (run.watts != null) {
    watts = run.watts;
    wattsSource = "measured (given)";
  } else if (power) {
    watts = power.meanGpuWatts;
    wattsSource = `nvidia-smi log ${log!.file}: mean of ${power.gpus.length} GPU average${power.gpus.length > 1 ? "s" : ""}`;
  } else if (acc && acc.watts != null) {
    watts = acc.watts;
    wattsSource = `${acc.powerBasis} ${acc.name} ${acc.formFactor} (${acc.source}, ${acc.locator})`;
  } else if (acc) {
    throw new ParamError(
      "watts",
      `data/accelerators.csv gives no power for ${acc.id}: give a measured power (watts) or a power log`
    );
  } else {
    throw new ParamError(
      "accelerator",
      "no power: give an accelerator, a measured power (watts) or an nvidia-smi power log"
    );
  }

  const count = run.count ?? (power ? power.gpus.length : 1);
  let hours: number;
  let hoursSource: string;
  if (run.hours != null) {
    hours = run.hours;
    hoursSource = "given";
  } else if (power) {
    hours = power.durationHours;
    hoursSource = `nvidia-smi log ${log!.file}: first to last sample`;
  } else {
    throw new ParamError("hours", "no training time: give hours (or a power log to take its duration from)");
  }
  if (!(hours > 0)) throw new ParamError("hours", `the log covers no time (${hours} h): give hours`);

  const s = resolveScenario(inputs, scenario);
  const powerW = totalPowerWatts(run.cpuWatts, run.dramWatts, watts, count);
  const kwh = energyKwh(powerW, hours, s.pue);
  const kg = co2eKg(kwh, s.kgPerKwh);

  let cost: {low: number; high: number} | null = null;
  let costSource: string | null = null;
  const low = acc?.hardware ? price(inputs, acc.hardware, "preemptible") : null;
  const high = acc?.hardware ? price(inputs, acc.hardware, "on_demand") : null;
  if (low && high) {
    cost = cloudCostRangeUsd(count, hours, low.usdPerHour, high.usdPerHour);
    costSource = `${low.accelerator} per accelerator-hour, $${low.usdPerHour} pre-emptible to $${high.usdPerHour} on demand (${low.source}, ${low.locator})`;
  }

  return {
    kwh,
    co2e_kg: kg,
    co2e_lbs: kgToLbs(kg),
    co2e_t: kgToTonnes(kg),
    power_w: powerW,
    hours,
    electricity_usd: electricityCostUsd(kwh, s.usdPerKwh),
    cost_usd_low: cost?.low ?? null,
    cost_usd_high: cost?.high ?? null,
    cost_source: costSource,
    inputs: {
      accelerator: acc?.id ?? null,
      accelerator_name: acc ? `${acc.name} ${acc.formFactor}` : null,
      count,
      watts_per_accelerator: watts,
      watts_source: wattsSource,
      cpu_watts: run.cpuWatts,
      dram_watts: run.dramWatts,
      hours,
      hours_source: hoursSource,
      pue: s.pue,
      intensity_kg_per_kwh: s.kgPerKwh,
      intensity_source: s.intensitySource,
      usd_per_kwh: s.usdPerKwh,
      units: s.units
    },
    nvidia_smi: power
      ? {
          file: log!.file,
          logs: power.files,
          gpus: power.gpus.map((g) => ({
            log: g.file,
            index: g.index,
            samples: g.samples,
            average_w: g.averageWatts,
            covered_h: g.coveredHours
          })),
          total_average_w: power.totalAverageWatts,
          duration_h: power.durationHours,
          energy_kwh_before_pue: power.energyKwh,
          measured_kwh: power.measuredKwh,
          gap_threshold_s: power.gapThresholdSeconds,
          gaps: power.gaps.count,
          skipped_lines: power.skippedCount,
          skipped: power.skipped.map((k) => ({log: k.file, line: k.line, kind: k.kind, reason: k.message})),
          warnings: power.warnings
        }
      : null
  };
}

/** Parameters and an optional log to an estimate: the one path shared by the form and the CLI. */
export function estimateFromParams(
  inputs: Inputs,
  entries: Iterable<[string, string]>,
  log: LogInput | null = null
): Estimate {
  const {run, scenario} = parseEstimateParams(entries, inputs);
  return estimate(inputs, run, scenario, log);
}

/** The estimate as JSON text: what the CLI prints with --format json and the form shows to copy; numbers at
 * 12 significant digits, so no binary noise (352.00000000000006) reaches a reader. */
export function estimateJson(e: Estimate): string {
  return JSON.stringify(e, (_, v) => (typeof v === "number" ? roundSignificant(v) : v), 2) + "\n";
}

/** Why a run has no cloud cost, in words: the paper priced only some hardware (data/cloud_prices.csv). */
export function missingPriceText(e: Estimate, inputs: Pick<Inputs, "prices">): string {
  const priced = [...new Set(inputs.prices.map((p) => p.accelerator))].join(", ");
  return `not priced: the paper gives cloud prices only for ${priced}${e.inputs.accelerator ? `, not ${e.inputs.accelerator}` : ""}`;
}

/** Dollars as Table 3 prints them (whole), with cents below $100 so that a short run does not read "$0". */
function dollars(x: number): string {
  return usd(x, Math.abs(x) < 100 ? 2 : 0);
}

/** Columns of the paper's Table 3, for one estimated run. */
export function paperRow(e: Estimate): Array<{label: string; value: string}> {
  const unit = e.inputs.units;
  const hw = e.inputs.accelerator ?? "GPU";
  return [
    {label: "Hardware", value: `${hw}×${e.inputs.count}`},
    {label: "Power (W)", value: n(e.power_w, 2)},
    {label: "Hours", value: q(e.hours)},
    {label: "Energy incl. PUE (kWh)", value: q(e.kwh)},
    {label: `CO2e (${unit})`, value: q(kgTo(e.co2e_kg, unit))},
    {
      label: "Cloud compute cost (USD)",
      value: e.cost_usd_low == null ? "not priced" : `${dollars(e.cost_usd_low)}–${dollars(e.cost_usd_high!)}`
    }
  ];
}

/** The row as Markdown: a header line, a rule and the row. */
export function estimateMarkdown(e: Estimate): string {
  const row = paperRow(e);
  return [
    `| ${row.map((c) => c.label).join(" | ")} |`,
    `| ${row.map((c, k) => (k === 0 ? "---" : "---:")).join(" | ")} |`,
    `| ${row.map((c) => c.value).join(" | ")} |`,
    ""
  ].join("\n");
}

/** A quantity for prose: whole numbers from 1,000 up, else up to four significant digits. */
function q(x: number): string {
  return Math.abs(x) >= 1000 ? n(x, 0) : x.toLocaleString("en-US", {maximumSignificantDigits: 4});
}

/** A plain-text summary to paste into a paper or a model card (no markup). */
export function estimateText(e: Estimate): string {
  const i = e.inputs;
  const hw = i.accelerator_name ? `${i.count} × ${i.accelerator_name}` : `${i.count} GPU${i.count > 1 ? "s" : ""}`;
  const host = i.cpu_watts || i.dram_watts ? ` plus ${q(i.cpu_watts)} W CPU and ${q(i.dram_watts)} W DRAM` : "";
  const lines = [
    `Training on ${hw} at ${q(i.watts_per_accelerator)} W each (${i.watts_source})${host}, ${q(e.power_w)} W in all, for ${q(e.hours)} h (${i.hours_source}) at PUE ${i.pue} drew ${q(e.kwh)} kWh.`,
    `At ${n(i.intensity_kg_per_kwh, 4)} kg CO2e/kWh (${i.intensity_source}) that is ${q(e.co2e_kg)} kg CO2e (${q(e.co2e_lbs)} lbs, ${q(e.co2e_t)} t); electricity at $${i.usd_per_kwh}/kWh costs ${usd(e.electricity_usd, 2)}.`,
    e.cost_usd_low == null
      ? "No cloud price for this hardware in data/cloud_prices.csv."
      : `Cloud compute: ${dollars(e.cost_usd_low)}–${dollars(e.cost_usd_high!)} (${e.cost_source}).`,
    "Method: Strubell, Ganesh & McCallum (2019), equations 1 and 2: kWh = PUE × hours × (CPU + DRAM + count × GPU W) / 1000; CO2e = kWh × intensity."
  ];
  if (e.nvidia_smi) {
    const l = e.nvidia_smi;
    lines.push(
      `Power log ${l.file}: ${l.gpus.length} GPU${l.gpus.length > 1 ? "s" : ""}, ${q(l.total_average_w)} W in all over ${q(l.duration_h * 3600)} s; ${l.skipped_lines} line${l.skipped_lines === 1 ? "" : "s"} skipped, ${l.gaps} gap${l.gaps === 1 ? "" : "s"}.`,
      ...l.warnings.map((w) => `  ${w}`)
    );
  }
  return lines.join("\n") + "\n";
}
