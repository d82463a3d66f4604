import {index} from "d3-array";
import {
  cellKey,
  errataByCell,
  matchesPrinted,
  roundToStep,
  type CellStatus,
  type ErratumRef
} from "../paper/compare.js";
import {hoursFromDuration} from "../formulas/duration.js";
import {co2eKg} from "../formulas/emissions.js";
import {averageWatts, energyKwh, facilityKwh, totalPowerWatts} from "../formulas/energy.js";
import {paperKgPerKwh} from "../scenario/scenario.js";
import type {Inputs, LaterModel, LaterPublishedCell} from "../inputs/types.js";
import {kgToLbs, kgToTonnes, kwhToMwh} from "../formulas/units.js";

/** Recomputed quantities of a later model that its sources print (data/later_published.v2.csv `column`). */
export const LATER_COLUMNS = [
  "mwh",
  "mwh_hardware",
  "co2e_t_hardware",
  "co2e_t_gross",
  "co2e_t_net",
  "co2e_lbs_gross"
] as const;
export type LaterColumn = (typeof LATER_COLUMNS)[number];

/**
 * Printed values that are not a later model's output but are checked the same way: Patterson et al. 2021
 * restate the paper's EPA factor in kg per kWh.
 */
export const LATER_EXTRA_CELLS: Record<string, {label: string; columns: Record<string, (inputs: Inputs) => number>}> = {
  strubell_factor: {label: "Strubell et al.'s EPA factor", columns: {kg_per_kwh: (inputs) => paperKgPerKwh(inputs)}}
};

/** One later model recomputed: the same quantities as a row of Table 3, in MWh and tonnes as its sources print them. */
export interface LaterRow {
  id: string;
  model: string;
  processor: string | null;
  chips: number | null;
  days: number | null;
  /** Wall-clock training hours (days × 24), where the source gives days. */
  hours: number | null;
  /** Accelerator-hours: chips × hours, or as the source gives them. */
  accelerator_hours: number | null;
  /** Average power per chip: given, or derived from a given energy and accelerator-hours. */
  watts_per_chip: number | null;
  watts_derived: boolean;
  pue: number;
  gross_kg_per_kwh: number;
  net_kg_per_kwh: number | null;
  /** Energy at the hardware, before PUE. */
  kwh_hardware: number;
  /** Energy drawn from the grid, with PUE (what Table 3's kWh·PUE and Patterson's MWh are). */
  kwh: number;
  mwh_hardware: number;
  mwh: number;
  /** CO2e of the energy before PUE at the gross intensity (BLOOM's "dynamic" emissions). */
  co2e_t_hardware: number;
  co2e_kg_gross: number;
  co2e_t_gross: number;
  co2e_lbs_gross: number;
  co2e_t_net: number | null;
  source: string;
  locator: string;
}

/** Assumptions that replace a later model's own PUE and intensity ("under this scenario"). */
export interface LaterOverride {
  pue: number;
  kgPerKwh: number;
}

/**
 * Recomputes one later model with the engine's equations 1 and 2: energy = PUE · hours · chips · W / 1000
 * where the source gives power, or PUE · energy where it gives the energy at the hardware; CO2e = energy ·
 * intensity. With `override`, the scenario's PUE and intensity replace the model's own (no net value then).
 */
export function laterRow(model: LaterModel, override: LaterOverride | null = null): LaterRow {
  const pue = override ? override.pue : model.pue;
  const gross = override ? override.kgPerKwh : model.grossKgPerKwh;
  const net = override ? null : model.netKgPerKwh;
  const hours = model.days != null ? hoursFromDuration(model.days, "d") : null;
  const acceleratorHours =
    model.acceleratorHours ?? (model.chips != null && hours != null ? model.chips * hours : null);
  let kwhHardware: number;
  let kwh: number;
  let watts = model.wattsPerChip;
  if (model.wattsPerChip != null) {
    // chips × W drawn for the wall-clock hours, or one chip's W for the accelerator-hours.
    const useChips = model.chips != null && hours != null;
    const totalWatts = totalPowerWatts(0, 0, model.wattsPerChip, useChips ? model.chips! : 1);
    const h = useChips ? hours! : model.acceleratorHours!;
    kwhHardware = energyKwh(totalWatts, h, 1);
    kwh = energyKwh(totalWatts, h, pue);
  } else {
    if (model.energyKwh == null) throw new Error(`later model "${model.id}" has neither watts_per_chip nor energy_kwh`);
    kwhHardware = model.energyKwh;
    kwh = facilityKwh(kwhHardware, pue);
    watts = acceleratorHours != null ? averageWatts(kwhHardware, acceleratorHours) : null;
  }
  const grossKg = co2eKg(kwh, gross);
  return {
    id: model.id,
    model: model.model,
    processor: model.processor,
    chips: model.chips,
    days: model.days,
    hours,
    accelerator_hours: acceleratorHours,
    watts_per_chip: watts,
    watts_derived: model.wattsPerChip == null && watts != null,
    pue,
    gross_kg_per_kwh: gross,
    net_kg_per_kwh: net,
    kwh_hardware: kwhHardware,
    kwh,
    mwh_hardware: kwhToMwh(kwhHardware),
    mwh: kwhToMwh(kwh),
    co2e_t_hardware: kgToTonnes(co2eKg(kwhHardware, gross)),
    co2e_kg_gross: grossKg,
    co2e_t_gross: kgToTonnes(grossKg),
    co2e_lbs_gross: kgToLbs(grossKg),
    co2e_t_net: net == null ? null : kgToTonnes(co2eKg(kwh, net)),
    source: model.source,
    locator: model.locator
  };
}

/** Every later model under its own assumptions, or under one scenario's PUE and intensity. */
export function laterRows(inputs: Inputs, override: LaterOverride | null = null): LaterRow[] {
  return inputs.laterModels.map((m) => laterRow(m, override));
}

/** One printed value of a later estimate beside its recomputation. */
export interface LaterCell {
  table: string;
  row: string;
  /** Model name, or what the value is. */
  label: string;
  column: string;
  /** "table.row.column", the key later errata refer to. */
  key: string;
  recomputed: number;
  rounded: number;
  published: number;
  printed: string;
  step: number;
  source: string;
  locator: string;
  status: CellStatus;
  difference: number;
  ratio: number | null;
  errata: string[];
}

/** The recomputed value a printed later cell is compared with; `rows` by id (d3.index of laterRows). */
export function laterValue(inputs: Inputs, rows: ReadonlyMap<string, LaterRow>, cell: LaterPublishedCell): number {
  const extra = LATER_EXTRA_CELLS[cell.row]?.columns[cell.column];
  if (extra) return extra(inputs);
  const row = rows.get(cell.row);
  if (!row) throw new Error(`printed later cell ${cellKey(cell.table, cell.row, cell.column)} has no later model`);
  const value = (row as unknown as Record<string, unknown>)[cell.column];
  if (typeof value !== "number") {
    throw new Error(`printed later cell ${cellKey(cell.table, cell.row, cell.column)} has no recomputed value`);
  }
  return value;
}

/**
 * Compares each printed later value with its recomputation at the printed precision, with the statuses of the
 * main tables: reproduced, differs (an erratum explains it), or calibrated (the value is itself an input).
 */
export function compareLater(inputs: Inputs, rows: readonly LaterRow[], errata: readonly ErratumRef[]): LaterCell[] {
  // printed later cells ⋈ later rows on id, and ⋈ errata on key.
  const byId = index(rows, (r) => r.id);
  const errataOf = errataByCell(errata);
  return inputs.laterPublished.map((cell) => {
    const key = cellKey(cell.table, cell.row, cell.column);
    const recomputed = laterValue(inputs, byId, cell);
    const related = errataOf.get(key) ?? [];
    const match = matchesPrinted(recomputed, cell.value, cell.step);
    const calibrated = match && related.some((e) => e.kind === "calibration");
    return {
      table: cell.table,
      row: cell.row,
      label: byId.get(cell.row)?.model ?? LATER_EXTRA_CELLS[cell.row]?.label ?? cell.row,
      column: cell.column,
      key,
      recomputed,
      rounded: roundToStep(recomputed, cell.step),
      published: cell.value,
      printed: cell.printed,
      step: cell.step,
      source: cell.source,
      locator: cell.locator,
      status: calibrated ? "calibrated" : match ? "reproduced" : "differs",
      difference: recomputed - cell.value,
      ratio: cell.value === 0 ? null : recomputed / cell.value,
      errata: related.map((e) => e.id)
    };
  });
}
