import {join} from "node:path";
import {readCsv, type Row} from "./csv.js";
import {DataError} from "./errors.js";
import {ACCELERATORS, LATER_MODELS, LATER_PUBLISHED} from "./schemas.js";
import type {FileSpec} from "./csv.js";
import {LATER_COLUMNS, LATER_EXTRA_CELLS} from "../src/lib/later.js";
import type {Accelerator, Hardware, LaterModel, LaterPublishedCell} from "../src/lib/types.js";

type V = Record<string, string | number | null>;
const str = (v: V, k: string) => v[k] as string;
const num = (v: V, k: string) => v[k] as number;
const optNum = (v: V, k: string) => (v[k] as number | null) ?? null;
const optStr = (v: V, k: string) => (v[k] as string | null) ?? null;

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
];

function fail(spec: FileSpec, row: Row | null, column: string, message: string): never {
  const k = spec.columns.findIndex((c) => c.name === column);
  throw new DataError(spec.file, row ? row.line : null, column, k >= 0 ? k + 1 : null, message);
}

/**
 * Reads data/accelerators.csv, data/later_models.v2.csv and data/later_published.v2.csv and checks the
 * references between them and to the paper's hardware (whose cloud prices an estimate uses). Throws a DataError naming file,
 * line and column.
 */
export function loadLaterInputs(
  dataDir: string,
  hardware: readonly Hardware[]
): {accelerators: Accelerator[]; laterModels: LaterModel[]; laterPublished: LaterPublishedCell[]} {
  const read = (spec: FileSpec) => readCsv(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const hardwareIds = hardware.map((h) => h.id);

  const accelerators: Accelerator[] = read(ACCELERATORS).map((row) => {
    const v = row.values;
    const hw = optStr(v, "hardware");
    if (hw != null && !hardwareIds.includes(hw)) {
      fail(ACCELERATORS, row, "hardware", `unknown hardware "${hw}"; known: ${hardwareIds.join(", ")}`);
    }
    const kind = str(v, "kind") as Accelerator["kind"];
    if (hw != null && hardware.find((h) => h.id === hw)!.kind !== kind) {
      fail(ACCELERATORS, row, "hardware", `hardware "${hw}" is not a ${kind}`);
    }
    return {
      id: str(v, "id"),
      name: str(v, "name"),
      kind,
      formFactor: str(v, "form_factor"),
      watts: optNum(v, "watts"),
      powerBasis: str(v, "power_basis") as Accelerator["powerBasis"],
      hardware: hw,
      source: str(v, "source"),
      locator: str(v, "locator"),
      note: optStr(v, "note") ?? undefined
    };
  });
  const acceleratorIds = accelerators.map((a) => a.id);
  const modelRows = read(LATER_MODELS);
  const laterModels: LaterModel[] = modelRows.map((row) => {
    const v = row.values;
    const processor = optStr(v, "processor");
    if (processor != null && !acceleratorIds.includes(processor)) {
      fail(LATER_MODELS, row, "processor", `unknown accelerator "${processor}"; known: ${acceleratorIds.join(", ")}`);
    }
    const has = (k: string) => v[k] != null;
    const byPower = has("watts_per_chip");
    const byEnergy = has("energy_kwh");
    if (byPower === byEnergy) {
      fail(
        LATER_MODELS,
        row,
        byPower ? "energy_kwh" : "watts_per_chip",
        "give either watts_per_chip (with chips and days, or accelerator_hours) or energy_kwh, not both or neither"
      );
    }
    if (byPower && !(has("accelerator_hours") || (has("chips") && has("days")))) {
      fail(
        LATER_MODELS,
        row,
        has("chips") ? "days" : "chips",
        "watts_per_chip needs chips and days, or accelerator_hours"
      );
    }
    if (has("accelerator_hours") && (has("chips") || has("days"))) {
      fail(LATER_MODELS, row, "accelerator_hours", "give accelerator_hours or chips and days, not both");
    }
    const inferred = (optStr(v, "inferred_by_source") ?? "").split(/\s+/).filter(Boolean);
    for (const column of inferred) {
      if (!INFERABLE.includes(column) || !has(column)) {
        fail(
          LATER_MODELS,
          row,
          "inferred_by_source",
          `"${column}" is not an input this row gives; allowed: ${INFERABLE.filter(has).join(", ")}`
        );
      }
    }
    return {
      id: str(v, "id"),
      model: str(v, "model"),
      processor,
      chips: optNum(v, "chips"),
      days: optNum(v, "days"),
      acceleratorHours: optNum(v, "accelerator_hours"),
      wattsPerChip: optNum(v, "watts_per_chip"),
      energyKwh: optNum(v, "energy_kwh"),
      pue: num(v, "pue"),
      grossKgPerKwh: num(v, "gross_kg_per_kwh"),
      netKgPerKwh: optNum(v, "net_kg_per_kwh"),
      source: str(v, "source"),
      locator: str(v, "locator"),
      organisation: str(v, "organisation"),
      year: num(v, "year"),
      inferredBySource: inferred,
      note: optStr(v, "note") ?? undefined
    };
  });
  const modelIds = laterModels.map((m) => m.id);

  const laterPublished: LaterPublishedCell[] = read(LATER_PUBLISHED).map((row) => {
    const v = row.values;
    const id = str(v, "row");
    const column = str(v, "column");
    const extra = LATER_EXTRA_CELLS[id];
    if (extra) {
      if (!(column in extra.columns)) {
        const known = Object.keys(extra.columns).join(", ");
        fail(LATER_PUBLISHED, row, "column", `unknown column "${column}" of "${id}"; known: ${known}`);
      }
    } else {
      if (!modelIds.includes(id)) {
        const known = [...modelIds, ...Object.keys(LATER_EXTRA_CELLS)];
        fail(LATER_PUBLISHED, row, "row", `unknown later model "${id}"; known: ${known.join(", ")}`);
      }
      if (!(LATER_COLUMNS as readonly string[]).includes(column)) {
        fail(LATER_PUBLISHED, row, "column", `unknown column "${column}"; known: ${LATER_COLUMNS.join(", ")}`);
      }
      const model = laterModels.find((m) => m.id === id)!;
      if (column === "co2e_t_net" && model.netKgPerKwh == null) {
        fail(LATER_PUBLISHED, row, "column", `"${id}" has no net_kg_per_kwh in data/later_models.v2.csv`);
      }
    }
    return {
      table: str(v, "table"),
      row: id,
      column,
      printed: str(v, "printed"),
      value: num(v, "value"),
      step: num(v, "step"),
      source: str(v, "source"),
      locator: str(v, "locator")
    };
  });

  return {accelerators, laterModels, laterPublished};
}
