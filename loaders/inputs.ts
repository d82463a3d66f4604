import {join} from "node:path";
import {sum} from "d3-array";
import {readRows, type FileSpec} from "./csv.js";
import {DataError, fail} from "./errors.js";
import {firstInvertedPrice, firstMatched, firstUnmatched, missingKeys} from "./joins.js";
import * as S from "../src/lib/inputs/schemas.js";
import {CATEGORY_SOURCES, MIX_CATEGORIES} from "../src/lib/scenario/mix.js";
import {CUSTOM_GRID, PAPER_GRID, PUE_RANGE} from "../src/lib/scenario/scenario.js";
import {TABLE1_TRAINING} from "../src/lib/paper/tables.js";
import {NAS_INPUT_KEYS, NAS_RUN} from "../src/lib/later/nas-correction.js";
import {TABLE1_COLUMNS, TABLE3_COLUMNS, TABLE4_COLUMNS} from "../src/lib/paper/report.js";
import {loadUncertaintyInputs} from "./uncertainty-inputs.js";
import {loadLaterInputs} from "./later-inputs.js";
import {loadLedgerInputs} from "./ledger-inputs.js";
import {loadLifecycleInputs} from "./lifecycle-inputs.js";
import {loadAccountingInputs} from "./accounting-inputs.js";
import {loadGridInputs} from "./grid-inputs.js";
import type {Inputs} from "../src/lib/inputs/types.js";

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

/** Every key of `required` must be present in a key/value file (required ▷ rows on key). */
function requireKeys(rows: ReadonlyArray<{row: {key: string}}>, spec: FileSpec, required: readonly string[]): void {
  const [absent] = missingKeys(
    required.map((key) => ({key})),
    rows.map(({row}) => row),
    ["key"]
  );
  if (absent) fail(spec, null, "key", `missing the constant "${absent.key}" (needed: ${required.join(", ")})`);
}

/** A printed cell's text ("1,507", "1415.78", "103k") must be its value, rounded to its step. */
function checkPrinted(row: {line: number}, printed: string, value: number, step: number): void {
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
  const read = <F extends FileSpec>(spec: F) => readRows(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const rowsOf = <R>(records: ReadonlyArray<{row: R}>): R[] => records.map((r) => r.row);

  const constantRows = read(S.CONSTANTS);
  requireKeys(constantRows, S.CONSTANTS, REQUIRED_CONSTANTS);
  const pueRow = constantRows.find((r) => r.row.key === "pue")!;
  const pue = pueRow.row.value;
  if (pue < PUE_RANGE[0] || pue > PUE_RANGE[1]) {
    fail(S.CONSTANTS, pueRow, "value", `PUE ${pue} is out of range: a PUE is from ${PUE_RANGE[0]} to ${PUE_RANGE[1]}`);
  }

  const caseRows = read(S.CASE_STUDY);
  requireKeys(caseRows, S.CASE_STUDY, REQUIRED_CASE_STUDY);

  const hardware = rowsOf(read(S.HARDWARE));
  const hardwareIds = hardware.map((h) => h.id);

  const priceRows = read(S.CLOUD_PRICES);
  const unknownPriced = firstUnmatched(priceRows, ["accelerator"], hardware, ["id"]);
  if (unknownPriced) {
    const name = unknownPriced.row.accelerator;
    fail(S.CLOUD_PRICES, unknownPriced, "accelerator", `unknown hardware "${name}"; known: ${hardwareIds.join(", ")}`);
  }
  const inverted = firstInvertedPrice(priceRows);
  if (inverted) {
    const {at, preemptible, onDemand} = inverted;
    const message = `pre-emptible price ${preemptible} exceeds on-demand price ${onDemand} for ${at.row.accelerator}`;
    fail(S.CLOUD_PRICES, at, "usd_per_hour", message);
  }
  const prices = rowsOf(priceRows);

  const runRows = read(S.TRAINING_RUNS);
  const unknownRun = firstUnmatched(runRows, ["hardware"], hardware, ["id"]);
  if (unknownRun) {
    const name = unknownRun.row.hardware;
    fail(S.TRAINING_RUNS, unknownRun, "hardware", `unknown hardware "${name}"; known: ${hardwareIds.join(", ")}`);
  }
  // Each run needs both price tiers of its hardware: runs × tiers, anti-joined with the prices.
  for (const tier of ["preemptible", "on_demand"] as const) {
    const unpriced = firstUnmatched(
      runRows,
      ["hardware"],
      prices.filter((p) => p.tier === tier),
      ["accelerator"]
    );
    if (unpriced)
      fail(
        S.TRAINING_RUNS,
        unpriced,
        "hardware",
        `no ${tier} price for "${unpriced.row.hardware}" in data/cloud_prices.csv`
      );
  }
  // Runs without a measured power ⋉ GPU hardware: a GPU run needs its power.
  const gpus = hardware.filter((h) => h.kind === "gpu");
  const unpowered = firstMatched(
    runRows.filter(({row}) => row.powerW == null),
    ["hardware"],
    gpus,
    ["id"]
  );
  if (unpowered) fail(S.TRAINING_RUNS, unpowered, "power_w", `a GPU run needs its measured power in watts`);
  for (const at of runRows) {
    const v = at.row;
    const steps = v.durationUnit === "steps";
    if (steps && (v.refSteps == null || v.refHours == null)) {
      fail(
        S.TRAINING_RUNS,
        at,
        v.refSteps == null ? "ref_steps" : "ref_hours",
        "a duration in steps needs ref_steps and ref_hours"
      );
    }
    if (!steps && (v.refSteps != null || v.refHours != null)) {
      fail(
        S.TRAINING_RUNS,
        at,
        v.refSteps != null ? "ref_steps" : "ref_hours",
        `ref_steps and ref_hours are only for duration_unit "steps"`
      );
    }
    if (v.durationUnit === "h" && v.duration > 1e7)
      fail(S.TRAINING_RUNS, at, "duration", `${v.duration} h is over 1,000 years`);
    if (v.durationUnit === "d" && v.duration > 1e6)
      fail(S.TRAINING_RUNS, at, "duration", `${v.duration} d is over 1,000 years`);
  }
  const runs = rowsOf(runRows);

  const gridRows = read(S.GRID_MIX);
  for (const at of gridRows) {
    const total = sum(MIX_CATEGORIES, (c) => at.row[c]);
    if (total > 100 + 1e-9) fail(S.GRID_MIX, at, "nuclear", `shares sum to ${total} %, over 100 %`);
    if (total <= 0) fail(S.GRID_MIX, at, "renewable", "all shares are zero");
  }
  for (const at of gridRows) {
    if (at.row.id === PAPER_GRID || at.row.id === CUSTOM_GRID) {
      fail(S.GRID_MIX, at, "id", `"${at.row.id}" is reserved for a built-in grid`);
    }
  }
  const grids = rowsOf(gridRows);

  const consumptionRows = read(S.CONSUMPTION);
  // Table 1 holds the consumptions and the training rows under one id each (consumptions ⋉ training rows on id).
  const clash = firstMatched(consumptionRows, ["id"], TABLE1_TRAINING, ["id"]);
  if (clash) fail(S.CONSUMPTION, clash, "id", `"${clash.row.id}" is the id of a training row of Table 1`);
  const consumption = rowsOf(consumptionRows);

  const factorRows = read(S.EMISSION_FACTORS);
  const factors = rowsOf(factorRows);
  // Every set has a factor for every energy source: (sets × sources) ▷ factors on set and source.
  const sources = Object.values(CATEGORY_SOURCES).flat();
  const [absentFactor] = missingKeys(
    [...new Set(factors.map((f) => f.set))].flatMap((set) => sources.map((energySource) => ({set, energySource}))),
    factors,
    ["set", "energySource"]
  );
  if (absentFactor) {
    const {set, energySource} = absentFactor;
    const last = factorRows.filter((r) => r.row.set === set).at(-1)!;
    fail(S.EMISSION_FACTORS, last, "energy_source", `factor set "${set}" has no "${energySource}" factor`);
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
  // Every printed cell names a row and a column of its table: anti-joins with the tables' known rows and columns.
  const knownRows = Object.entries(rowIds).flatMap(([table, ids]) => ids.map((row) => ({table, row})));
  const knownColumns = Object.entries(columns).flatMap(([table, keys]) => keys.map((column) => ({table, column})));
  const badRow = firstUnmatched(publishedRows, ["table", "row"], knownRows, ["table", "row"]);
  const badColumn = firstUnmatched(publishedRows, ["table", "column"], knownColumns, ["table", "column"]);
  if (badRow && (!badColumn || badRow.line <= badColumn.line)) {
    const {table, row} = badRow.row;
    fail(S.PUBLISHED, badRow, "row", `unknown ${table} row "${row}"; known: ${rowIds[table].join(", ")}`);
  }
  if (badColumn) {
    const {table, column} = badColumn.row;
    fail(S.PUBLISHED, badColumn, "column", `unknown ${table} column "${column}"; known: ${columns[table].join(", ")}`);
  }
  for (const at of publishedRows) checkPrinted(at, at.row.printed, at.row.value, at.row.step);

  const presetRows = read(S.PUE_PRESETS);
  const paperPreset = presetRows.find((r) => r.row.id === "paper");
  if (!paperPreset) fail(S.PUE_PRESETS, null, "id", `missing the preset "paper" (the paper's PUE)`);
  if (paperPreset.row.pue !== pue) {
    fail(
      S.PUE_PRESETS,
      paperPreset,
      "pue",
      `the paper's PUE ${paperPreset.row.pue} differs from data/constants.csv pue ${pue}`
    );
  }

  const nasRows = read(S.NAS_CORRECTION);
  for (const at of nasRows) {
    if (at.row.role === "printed" && at.row.step == null)
      fail(S.NAS_CORRECTION, at, "step", "a printed value needs its rounding step");
    if (at.row.role === "input" && at.row.step != null)
      fail(S.NAS_CORRECTION, at, "step", "only printed values have a rounding step");
  }
  const nasCorrection = rowsOf(nasRows);
  const [absentInput] = missingKeys(
    NAS_INPUT_KEYS.map((key) => ({key, role: "input"})),
    nasCorrection,
    ["key", "role"]
  );
  if (absentInput) {
    const needed = NAS_INPUT_KEYS.join(", ");
    fail(S.NAS_CORRECTION, null, "key", `missing the input "${absentInput.key}" (needed: ${needed})`);
  }
  const nasPue = nasRows.find((r) => r.row.key === "pue")!;
  if (nasPue.row.value < PUE_RANGE[0] || nasPue.row.value > PUE_RANGE[1]) {
    fail(S.NAS_CORRECTION, nasPue, "value", `PUE ${nasPue.row.value} is out of range ${PUE_RANGE[0]}–${PUE_RANGE[1]}`);
  }
  if (!runs.some((r) => r.id === NAS_RUN))
    fail(S.TRAINING_RUNS, null, "id", `missing the run "${NAS_RUN}" that the NAS correction starts from`);

  return {
    constants: rowsOf(constantRows),
    hardware,
    prices,
    runs,
    grids,
    consumption,
    caseStudy: rowsOf(caseRows),
    published: rowsOf(publishedRows),
    factors,
    puePresets: rowsOf(presetRows),
    nasCorrection,
    ...loadLaterInputs(dataDir, hardware),
    ...loadLedgerInputs(dataDir),
    ...loadLifecycleInputs(dataDir),
    ...loadUncertaintyInputs(dataDir),
    ...loadAccountingInputs(dataDir),
    ...loadGridInputs(dataDir)
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
