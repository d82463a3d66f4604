import {join} from "node:path";
import {readCsv, type Row} from "./csv.js";
import {DataError} from "./errors.js";
import * as S from "./schemas.js";
import {CATEGORY_SOURCES, MIX_CATEGORIES} from "../src/lib/mix.js";
import {PUE_RANGE} from "../src/lib/scenario.js";
import {TABLE1_TRAINING} from "../src/lib/tables.js";
import {NAS_INPUT_KEYS, NAS_RUN} from "../src/lib/nas-correction.js";
import {TABLE1_COLUMNS, TABLE3_COLUMNS, TABLE4_COLUMNS} from "../src/lib/report.js";
import {loadUncertaintyInputs} from "./uncertainty-inputs.js";
import {loadLaterInputs} from "./later-inputs.js";
import type {
  CloudPrice,
  Constant,
  Consumption,
  EmissionFactor,
  GridMix,
  Hardware,
  Inputs,
  NasCorrectionValue,
  PublishedCell,
  PuePreset,
  TrainingRun
} from "../src/lib/types.js";

/** Constants the engine needs, by file. */
export const REQUIRED_CONSTANTS = ["pue", "lbs_per_kwh", "usd_per_kwh"] as const;
export const REQUIRED_CASE_STUDY = [
  "single_model_hours",
  "tuning_models",
  "project_models",
  "project_hours",
  "project_gpu_days",
  "project_days",
  "gpu_watts"
] as const;

type V = Record<string, string | number | null>;
const str = (v: V, k: string) => v[k] as string;
const num = (v: V, k: string) => v[k] as number;
const opt = (v: V, k: string) => (v[k] as string | null) ?? undefined;

function fail(spec: S_FileSpec, row: Row | null, column: string | null, message: string): never {
  const k = column ? spec.columns.findIndex((c) => c.name === column) : -1;
  throw new DataError(spec.file, row ? row.line : null, column, k >= 0 ? k + 1 : null, message);
}
type S_FileSpec = typeof S.CONSTANTS;

function constants(rows: Row[], spec: S_FileSpec, required: readonly string[]): Constant[] {
  const out = rows.map(({values: v}) => ({
    key: str(v, "key"),
    value: num(v, "value"),
    unit: str(v, "unit"),
    description: opt(v, "description"),
    source: str(v, "source"),
    locator: str(v, "locator"),
    note: opt(v, "note")
  }));
  for (const key of required) {
    if (!out.some((c) => c.key === key))
      fail(spec, null, "key", `missing the constant "${key}" (needed: ${required.join(", ")})`);
  }
  return out;
}

/** A printed cell's text ("1,507", "1415.78", "103k") must be its value, rounded to its step. */
function checkPrinted(row: Row, printed: string, value: number, step: number): void {
  const m = /^([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)(?:\.([0-9]+))?(k?)$/.exec(printed);
  if (!m)
    fail(S.PUBLISHED, row, "printed", `"${printed}" is not a printed number such as 1507, 12,571, 1415.78 or 103k`);
  const scale = m[3] ? 1000 : 1;
  const fromText = Number(`${m[1].replace(/,/g, "")}.${m[2] ?? "0"}`) * scale;
  if (Math.abs(fromText - value) > 1e-9 * Math.max(1, value)) {
    fail(S.PUBLISHED, row, "value", `value ${value} does not match the printed text "${printed}" (${fromText})`);
  }
  const impliedStep = scale * 10 ** -(m[2]?.length ?? 0);
  if (Math.abs(step - impliedStep) > 1e-12 * impliedStep) {
    fail(S.PUBLISHED, row, "step", `step ${step} does not match the printed text "${printed}" (${impliedStep})`);
  }
}

/**
 * Reads every file of data/, validates each value and the references between files, and returns the
 * typed inputs with provenance. Throws a DataError naming file, line and column on the first bad value.
 */
export function loadInputs(dataDir = "data"): Inputs {
  try {
    return readInputs(dataDir);
  } catch (error) {
    // Checks name files by their place in the project (data/x.csv); name the file actually read instead.
    if (error instanceof DataError && error.file.startsWith("data/")) {
      const file = join(dataDir, error.file.slice("data/".length));
      if (file !== error.file) throw new DataError(file, error.line, error.column, error.columnNumber, error.detail);
    }
    throw error;
  }
}

function readInputs(dataDir: string): Inputs {
  const read = (spec: S_FileSpec) => readCsv(join(dataDir, spec.file.replace(/^data\//, "")), spec);

  const constantRows = read(S.CONSTANTS);
  const constantList = constants(constantRows, S.CONSTANTS, REQUIRED_CONSTANTS);
  const pueRow = constantRows.find((r) => r.values.key === "pue")!;
  const pue = num(pueRow.values, "value");
  if (pue < PUE_RANGE[0] || pue > PUE_RANGE[1]) {
    fail(S.CONSTANTS, pueRow, "value", `PUE ${pue} is out of range: a PUE is from ${PUE_RANGE[0]} to ${PUE_RANGE[1]}`);
  }

  const caseRows = read(S.CASE_STUDY);
  const caseStudy = constants(caseRows, S.CASE_STUDY, REQUIRED_CASE_STUDY);

  const hardwareRows = read(S.HARDWARE);
  const hardware: Hardware[] = hardwareRows.map(({values: v}) => ({
    id: str(v, "id"),
    kind: str(v, "kind") as Hardware["kind"],
    name: str(v, "name"),
    source: str(v, "source"),
    locator: str(v, "locator")
  }));
  const hardwareIds = hardware.map((h) => h.id);

  const priceRows = read(S.CLOUD_PRICES);
  const prices: CloudPrice[] = priceRows.map((row) => {
    const v = row.values;
    if (!hardwareIds.includes(str(v, "accelerator"))) {
      fail(S.CLOUD_PRICES, row, "accelerator", `unknown hardware "${v.accelerator}"; known: ${hardwareIds.join(", ")}`);
    }
    return {
      accelerator: str(v, "accelerator"),
      tier: str(v, "tier") as CloudPrice["tier"],
      usdPerHour: num(v, "usd_per_hour"),
      source: str(v, "source"),
      locator: str(v, "locator"),
      note: opt(v, "note")
    };
  });
  for (const row of priceRows) {
    const p = prices.find((x) => x.accelerator === row.values.accelerator && x.tier === "preemptible");
    const q = prices.find((x) => x.accelerator === row.values.accelerator && x.tier === "on_demand");
    if (p && q && p.usdPerHour > q.usdPerHour) {
      fail(
        S.CLOUD_PRICES,
        row,
        "usd_per_hour",
        `pre-emptible price ${p.usdPerHour} exceeds on-demand price ${q.usdPerHour} for ${p.accelerator}`
      );
    }
  }

  const runRows = read(S.TRAINING_RUNS);
  const runs: TrainingRun[] = runRows.map((row) => {
    const v = row.values;
    const hw = hardware.find((h) => h.id === v.hardware);
    if (!hw)
      fail(S.TRAINING_RUNS, row, "hardware", `unknown hardware "${v.hardware}"; known: ${hardwareIds.join(", ")}`);
    for (const tier of ["preemptible", "on_demand"]) {
      if (!prices.some((p) => p.accelerator === hw.id && p.tier === tier)) {
        fail(S.TRAINING_RUNS, row, "hardware", `no ${tier} price for "${hw.id}" in data/cloud_prices.csv`);
      }
    }
    if (hw.kind === "gpu" && v.power_w == null)
      fail(S.TRAINING_RUNS, row, "power_w", `a GPU run needs its measured power in watts`);
    const steps = v.duration_unit === "steps";
    if (steps && (v.ref_steps == null || v.ref_hours == null)) {
      fail(
        S.TRAINING_RUNS,
        row,
        v.ref_steps == null ? "ref_steps" : "ref_hours",
        "a duration in steps needs ref_steps and ref_hours"
      );
    }
    if (!steps && (v.ref_steps != null || v.ref_hours != null)) {
      fail(
        S.TRAINING_RUNS,
        row,
        v.ref_steps != null ? "ref_steps" : "ref_hours",
        `ref_steps and ref_hours are only for duration_unit "steps"`
      );
    }
    if (v.duration_unit === "h" && num(v, "duration") > 1e7)
      fail(S.TRAINING_RUNS, row, "duration", `${v.duration} h is over 1,000 years`);
    if (v.duration_unit === "d" && num(v, "duration") > 1e6)
      fail(S.TRAINING_RUNS, row, "duration", `${v.duration} d is over 1,000 years`);
    return {
      id: str(v, "id"),
      model: str(v, "model"),
      hardware: hw.id,
      accelerators: num(v, "accelerators"),
      powerW: (v.power_w as number | null) ?? null,
      measuredOn: (v.measured_on as string | null) ?? "",
      duration: num(v, "duration"),
      durationUnit: str(v, "duration_unit") as TrainingRun["durationUnit"],
      refSteps: (v.ref_steps as number | null) ?? null,
      refHours: (v.ref_hours as number | null) ?? null,
      source: str(v, "source"),
      locator: str(v, "locator"),
      note: opt(v, "note")
    };
  });

  const gridRows = read(S.GRID_MIX);
  const grids: GridMix[] = gridRows.map((row) => {
    const v = row.values;
    const total = MIX_CATEGORIES.reduce((sum, c) => sum + num(v, c), 0);
    if (total > 100 + 1e-9) fail(S.GRID_MIX, row, "nuclear", `shares sum to ${total} %, over 100 %`);
    if (total <= 0) fail(S.GRID_MIX, row, "renewable", "all shares are zero");
    return {
      id: str(v, "id"),
      consumer: str(v, "consumer"),
      renewable: num(v, "renewable"),
      gas: num(v, "gas"),
      coal: num(v, "coal"),
      nuclear: num(v, "nuclear"),
      source: str(v, "source"),
      locator: str(v, "locator")
    };
  });
  for (const row of gridRows) {
    if (["epa-2018", "custom"].includes(row.values.id as string)) {
      fail(S.GRID_MIX, row, "id", `"${row.values.id}" is reserved for a built-in grid`);
    }
  }

  const consumption: Consumption[] = read(S.CONSUMPTION).map(({values: v}) => ({
    id: str(v, "id"),
    label: str(v, "label"),
    co2eLbs: num(v, "co2e_lbs"),
    source: str(v, "source"),
    locator: str(v, "locator")
  }));

  const factorRows = read(S.EMISSION_FACTORS);
  const factors: EmissionFactor[] = factorRows.map(({values: v}) => ({
    set: str(v, "set"),
    energySource: str(v, "energy_source"),
    gPerKwh: num(v, "g_per_kwh"),
    source: str(v, "source"),
    locator: str(v, "locator"),
    note: opt(v, "note")
  }));
  for (const set of new Set(factors.map((f) => f.set))) {
    for (const needed of Object.values(CATEGORY_SOURCES).flat()) {
      if (!factors.some((f) => f.set === set && f.energySource === needed)) {
        const last = factorRows.filter((r) => r.values.set === set).at(-1)!;
        fail(S.EMISSION_FACTORS, last, "energy_source", `factor set "${set}" has no "${needed}" factor`);
      }
    }
  }

  const publishedRows = read(S.PUBLISHED);
  const rowIds: Record<string, string[]> = {
    table1: [...consumption.map((c) => c.id), ...TABLE1_TRAINING.map((t) => t.id)],
    table3: runs.map((r) => r.id),
    table4: ["single", "tuning", "project"]
  };
  const columns: Record<string, readonly string[]> = {
    table1: TABLE1_COLUMNS,
    table3: TABLE3_COLUMNS,
    table4: TABLE4_COLUMNS
  };
  const published: PublishedCell[] = publishedRows.map((row) => {
    const v = row.values;
    const table = str(v, "table");
    if (!rowIds[table].includes(str(v, "row"))) {
      fail(S.PUBLISHED, row, "row", `unknown ${table} row "${v.row}"; known: ${rowIds[table].join(", ")}`);
    }
    if (!columns[table].includes(str(v, "column"))) {
      fail(S.PUBLISHED, row, "column", `unknown ${table} column "${v.column}"; known: ${columns[table].join(", ")}`);
    }
    checkPrinted(row, str(v, "printed"), num(v, "value"), num(v, "step"));
    return {
      table: table as PublishedCell["table"],
      row: str(v, "row"),
      column: str(v, "column"),
      printed: str(v, "printed"),
      value: num(v, "value"),
      step: num(v, "step"),
      locator: str(v, "locator")
    };
  });

  const presetRows = read(S.PUE_PRESETS);
  const puePresets: PuePreset[] = presetRows.map(({values: v}) => ({
    id: str(v, "id"),
    label: str(v, "label"),
    pue: num(v, "pue"),
    source: str(v, "source"),
    locator: str(v, "locator"),
    note: opt(v, "note")
  }));
  const paperPreset = presetRows.find((r) => r.values.id === "paper");
  if (!paperPreset) fail(S.PUE_PRESETS, null, "id", `missing the preset "paper" (the paper's PUE)`);
  if (num(paperPreset.values, "pue") !== pue) {
    fail(
      S.PUE_PRESETS,
      paperPreset,
      "pue",
      `the paper's PUE ${paperPreset.values.pue} differs from data/constants.csv pue ${pue}`
    );
  }

  const nasRows = read(S.NAS_CORRECTION);
  const nasCorrection: NasCorrectionValue[] = nasRows.map((row) => {
    const v = row.values;
    if (v.role === "printed" && v.step == null)
      fail(S.NAS_CORRECTION, row, "step", "a printed value needs its rounding step");
    if (v.role === "input" && v.step != null)
      fail(S.NAS_CORRECTION, row, "step", "only printed values have a rounding step");
    return {
      key: str(v, "key"),
      value: num(v, "value"),
      unit: str(v, "unit"),
      role: str(v, "role") as NasCorrectionValue["role"],
      step: (v.step as number | null) ?? null,
      source: str(v, "source"),
      locator: str(v, "locator"),
      note: opt(v, "note")
    };
  });
  for (const key of NAS_INPUT_KEYS) {
    if (!nasCorrection.some((c) => c.key === key && c.role === "input"))
      fail(S.NAS_CORRECTION, null, "key", `missing the input "${key}" (needed: ${NAS_INPUT_KEYS.join(", ")})`);
  }
  const nasPue = nasRows.find((r) => r.values.key === "pue")!;
  if (num(nasPue.values, "value") < PUE_RANGE[0] || num(nasPue.values, "value") > PUE_RANGE[1]) {
    fail(
      S.NAS_CORRECTION,
      nasPue,
      "value",
      `PUE ${nasPue.values.value} is out of range ${PUE_RANGE[0]}–${PUE_RANGE[1]}`
    );
  }
  if (!runs.some((r) => r.id === NAS_RUN))
    fail(S.TRAINING_RUNS, null, "id", `missing the run "${NAS_RUN}" that the NAS correction starts from`);

  return {
    constants: constantList,
    hardware,
    prices,
    runs,
    grids,
    consumption,
    caseStudy,
    published,
    factors,
    puePresets,
    nasCorrection,
    ...loadLaterInputs(dataDir, hardware),
    ...loadUncertaintyInputs(dataDir)
  };
}

/** The inputs if the folder holds valid data, else null: for help texts that list allowed values when they can. */
export function inputsIfValid(dataDir: string): Inputs | null {
  try {
    return loadInputs(dataDir);
  } catch {
    return null;
  }
}
