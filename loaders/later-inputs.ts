import {join} from "node:path";
import {readRows, type FileSpec} from "./csv.js";
import {fail} from "./errors.js";
import {firstMatched, firstUnmatched} from "./joins.js";
import {ACCELERATORS, fieldName, LATER_MODELS, LATER_PUBLISHED} from "../src/lib/inputs/schemas.js";
import {LATER_COLUMNS, LATER_EXTRA_CELLS} from "../src/lib/later/later.js";
import type {Accelerator, Hardware, LaterModel, LaterPublishedCell} from "../src/lib/inputs/types.js";

/** Inputs of a later model that its source may have inferred (data/later_models.v2.csv inferred_by_source). */
const INFERABLE = [
  "chips",
  "days",
  "accelerator_hours",
  "watts_per_chip",
  "energy_kwh",
  "pue",
  "gross_kg_per_kwh",
  "net_kg_per_kwh"
] as const;

/**
 * Reads data/accelerators.csv, data/later_models.v2.csv and data/later_published.v2.csv and checks the
 * references between them and to the paper's hardware (whose cloud prices an estimate uses). Throws a DataError naming file,
 * line and column.
 */
export function loadLaterInputs(
  dataDir: string,
  hardware: readonly Hardware[]
): {accelerators: Accelerator[]; laterModels: LaterModel[]; laterPublished: LaterPublishedCell[]} {
  const read = <F extends FileSpec>(spec: F) => readRows(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const hardwareIds = hardware.map((h) => h.id);

  const acceleratorRows = read(ACCELERATORS);
  // An accelerator's hardware, where given, is a row of data/hardware.csv of the same kind (anti-joins).
  const priced = acceleratorRows.filter((r) => r.row.hardware != null);
  const unknown = firstUnmatched(priced, ["hardware"], hardware, ["id"]);
  if (unknown)
    fail(
      ACCELERATORS,
      unknown,
      "hardware",
      `unknown hardware "${unknown.row.hardware}"; known: ${hardwareIds.join(", ")}`
    );
  const otherKind = firstUnmatched(priced, ["hardware", "kind"], hardware, ["id", "kind"]);
  if (otherKind)
    fail(ACCELERATORS, otherKind, "hardware", `hardware "${otherKind.row.hardware}" is not a ${otherKind.row.kind}`);
  const accelerators = acceleratorRows.map((r) => r.row);
  const acceleratorIds = accelerators.map((a) => a.id);

  const modelRows = read(LATER_MODELS);
  const unknownProcessor = firstUnmatched(
    modelRows.filter((r) => r.row.processor != null),
    ["processor"],
    accelerators,
    ["id"]
  );
  if (unknownProcessor) {
    const name = unknownProcessor.row.processor;
    fail(
      LATER_MODELS,
      unknownProcessor,
      "processor",
      `unknown accelerator "${name}"; known: ${acceleratorIds.join(", ")}`
    );
  }
  for (const at of modelRows) {
    const v = at.row;
    const byPower = v.wattsPerChip != null;
    const byEnergy = v.energyKwh != null;
    if (byPower === byEnergy) {
      fail(
        LATER_MODELS,
        at,
        byPower ? "energy_kwh" : "watts_per_chip",
        "give either watts_per_chip (with chips and days, or accelerator_hours) or energy_kwh, not both or neither"
      );
    }
    if (byPower && !(v.acceleratorHours != null || (v.chips != null && v.days != null))) {
      fail(
        LATER_MODELS,
        at,
        v.chips != null ? "days" : "chips",
        "watts_per_chip needs chips and days, or accelerator_hours"
      );
    }
    if (v.acceleratorHours != null && (v.chips != null || v.days != null)) {
      fail(LATER_MODELS, at, "accelerator_hours", "give accelerator_hours or chips and days, not both");
    }
  }
  const laterModels: LaterModel[] = modelRows.map((at) => {
    const v = at.row;
    const gives = (column: string) => v[fieldName(column) as keyof typeof v] != null;
    const inferred = (v.inferredBySource ?? "").split(/\s+/).filter(Boolean);
    for (const column of inferred) {
      if (!(INFERABLE as readonly string[]).includes(column) || !gives(column)) {
        const allowed = INFERABLE.filter(gives).join(", ");
        fail(LATER_MODELS, at, "inferred_by_source", `"${column}" is not an input this row gives; allowed: ${allowed}`);
      }
    }
    return {...v, inferredBySource: inferred};
  });
  const modelIds = laterModels.map((m) => m.id);

  const publishedRows = read(LATER_PUBLISHED);
  const extraRows = publishedRows.filter((at) => Object.hasOwn(LATER_EXTRA_CELLS, at.row.row));
  for (const at of extraRows) {
    const {row: id, column} = at.row;
    const columns = LATER_EXTRA_CELLS[id].columns;
    if (!(column in columns)) {
      const known = Object.keys(columns).join(", ");
      fail(LATER_PUBLISHED, at, "column", `unknown column "${column}" of "${id}"; known: ${known}`);
    }
  }
  // A printed value of a later model names a model and one of its recomputed columns (anti-joins), and a net CO2e
  // only where the model has a net intensity (printed net cells ⋉ models without one).
  const modelCells = publishedRows.filter((at) => !Object.hasOwn(LATER_EXTRA_CELLS, at.row.row));
  const unknownModel = firstUnmatched(modelCells, ["row"], laterModels, ["id"]);
  if (unknownModel) {
    const known = [...modelIds, ...Object.keys(LATER_EXTRA_CELLS)];
    fail(
      LATER_PUBLISHED,
      unknownModel,
      "row",
      `unknown later model "${unknownModel.row.row}"; known: ${known.join(", ")}`
    );
  }
  const columnRows = LATER_COLUMNS.map((column) => ({column}));
  const unknownColumn = firstUnmatched(modelCells, ["column"], columnRows, ["column"]);
  if (unknownColumn) {
    const message = `unknown column "${unknownColumn.row.column}"; known: ${LATER_COLUMNS.join(", ")}`;
    fail(LATER_PUBLISHED, unknownColumn, "column", message);
  }
  const netCells = modelCells.filter((at) => at.row.column === "co2e_t_net");
  const noNet = firstMatched(
    netCells,
    ["row"],
    laterModels.filter((m) => m.netKgPerKwh == null),
    ["id"]
  );
  if (noNet)
    fail(LATER_PUBLISHED, noNet, "column", `"${noNet.row.row}" has no net_kg_per_kwh in data/later_models.v2.csv`);
  const laterPublished = publishedRows.map((r) => r.row);

  return {accelerators, laterModels, laterPublished};
}
