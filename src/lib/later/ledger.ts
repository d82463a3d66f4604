import {cellKey, matchesPrinted, roundToStep, type CellStatus, type ErratumRef} from "../paper/compare.js";
import {co2eKg, kgPerKwhFromCo2e} from "../formulas/emissions.js";
import {energyKwh, totalPowerWatts} from "../formulas/energy.js";
import type {LaterCell, LaterRow} from "./later.js";
import type {Inputs, LedgerPrintedCell, LedgerRowInput} from "../inputs/types.js";
import {KWH_PER_MWH, kgToTonnes, kwhToMwh} from "../formulas/units.js";

/** The quantities a ledger cell can hold, as the sources print them. */
export const LEDGER_COLUMNS = ["gpu_hours", "power_w", "mwh", "co2e_t", "co2e_t_market", "water_l"] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** A ledger cell's status: the main tables' three, plus "input" for a printed value the recomputation starts from. */
export type LedgerStatus = CellStatus | "input";

/** The "table" part of a ledger cell's key ("ledger.row.column"), the key ledger errata refer to. */
export const LEDGER_TABLE = "ledger";

/** One ledger row recomputed with equations 1 and 2 from what its source prints. */
export interface LedgerComputed {
  id: string;
  kind: "model" | "total";
  disclosure: string;
  /** GPU-hours as printed (a total: its rows' sum); null where the source prints energy instead. */
  gpu_hours: number | null;
  /** Power per GPU as printed (model rows); null for totals and rows that print energy instead. */
  power_w: number | null;
  /** PUE as printed or inferred, or null where the source's power or energy already includes it (then 1). */
  pue: number | null;
  /** Whether the PUE is inferred from a printed CO2e (the source prints its intensity but no PUE). */
  pue_inferred: boolean;
  /** Whether the source prints only its CO2e (no GPU-hours, power or energy): nothing is recomputed. */
  co2e_only: boolean;
  /** Energy before PUE: GPU-hours × power, or the printed energy; null where the source prints only a CO2e. */
  kwh_hardware: number | null;
  mwh_hardware: number | null;
  kwh: number | null;
  mwh: number | null;
  /** Location-based intensity, printed or inferred. */
  kg_per_kwh: number | null;
  kg_per_kwh_inferred: boolean;
  market_kg_per_kwh: number | null;
  market_inferred: boolean;
  co2e_t: number;
  co2e_t_market: number | null;
}

/** A ledger row recomputed from its energy (every row but those whose source prints only a CO2e). */
export type RecomputedLedger = LedgerComputed & {
  kwh_hardware: number;
  mwh_hardware: number;
  kwh: number;
  mwh: number;
};

/** Whether a ledger row was recomputed from its energy, i.e. its source prints more than a CO2e. */
export function isRecomputed(c: LedgerComputed): c is RecomputedLedger {
  return !c.co2e_only && c.kwh != null && c.mwh != null && c.kwh_hardware != null && c.mwh_hardware != null;
}

function printedCell(inputs: Inputs, row: string, column: string): LedgerPrintedCell | undefined {
  return inputs.ledgerPublished.find((c) => c.row === row && c.column === column);
}

function input(inputs: Inputs, row: string, column: "gpu_hours" | "power_w" | "mwh"): number {
  const c = printedCell(inputs, row, column);
  if (!c || c.role !== "input")
    throw new Error(`ledger row "${row}" has no printed ${column} (data/ledger_published.v2.csv)`);
  return c.value;
}

/** Energy in kWh of one model row: GPU-hours × W × PUE / 1000 (equation 1; PUE 1 where the power includes it). */
export function ledgerKwh(gpuHours: number, gpuWatts: number, pue: number | null): number {
  return energyKwh(totalPowerWatts(0, 0, gpuWatts, 1), gpuHours, pue ?? 1);
}

/** Whether a model row prints its energy as an input instead of GPU-hours and power. */
export function printsEnergy(inputs: Inputs, row: string): boolean {
  return printedCell(inputs, row, "mwh")?.role === "input";
}

/** Whether a model row's source prints only its CO2e (given as its one input): there is nothing to recompute. */
export function printsOnlyCo2e(inputs: Inputs, row: string): boolean {
  return printedCell(inputs, row, "co2e_t")?.role === "input";
}

/** Energy in kWh of a row that prints its energy: the printed MWh × 1000 × PUE (PUE 1 where it includes it). */
export function ledgerEnergyKwh(hardwareMwh: number, pue: number | null): number {
  return hardwareMwh * KWH_PER_MWH * (pue ?? 1);
}

/**
 * The PUE a row's printed CO2e implies where the source prints its energy and intensity but no PUE:
 * CO2e (kg) / (energy before PUE (kWh) × intensity (kg/kWh)).
 */
export function pueFromCo2e(co2eKg: number, hardwareKwh: number, kgPerKwh: number): number {
  return co2eKg / (hardwareKwh * kgPerKwh);
}

/**
 * Every ledger row recomputed: a model row from its printed GPU-hours and power (or its printed energy), with its
 * printed intensity or the one its calibrating row's printed CO2e implies, and its printed PUE or the one its
 * calibrating row's printed CO2e implies; a total as the sum of its disclosure's model rows.
 */
export function computeLedger(inputs: Inputs): LedgerComputed[] {
  const models = new Map<string, LedgerComputed>();
  const hardwareKwhOf = (r: LedgerRowInput) =>
    printsEnergy(inputs, r.id)
      ? ledgerEnergyKwh(input(inputs, r.id, "mwh"), null)
      : ledgerKwh(input(inputs, r.id, "gpu_hours"), input(inputs, r.id, "power_w"), null);
  const pueOf = (r: LedgerRowInput): number | null => {
    if (r.pue != null || r.pueFrom == null) return r.pue;
    const from = inputs.ledgerRows.find((x) => x.id === r.pueFrom)!;
    return pueFromCo2e(printedCell(inputs, from.id, "co2e_t")!.value * 1000, hardwareKwhOf(from), from.kgPerKwh!);
  };
  const kwhOf = (r: LedgerRowInput) =>
    printsEnergy(inputs, r.id)
      ? ledgerEnergyKwh(input(inputs, r.id, "mwh"), pueOf(r))
      : ledgerKwh(input(inputs, r.id, "gpu_hours"), input(inputs, r.id, "power_w"), pueOf(r));
  const inferred = (from: string, column: "co2e_t" | "co2e_t_market"): number | null => {
    const r = inputs.ledgerRows.find((x) => x.id === from);
    const c = printedCell(inputs, from, column);
    if (!r || !c) return null;
    return kgPerKwhFromCo2e(c.value * 1000, kwhOf(r));
  };
  for (const r of inputs.ledgerRows.filter((x) => x.kind === "model")) {
    if (printsOnlyCo2e(inputs, r.id)) {
      // The printed CO2e is taken as given: no energy, PUE or intensity to recompute it from.
      models.set(r.id, {
        id: r.id,
        kind: "model",
        disclosure: r.disclosure,
        gpu_hours: null,
        power_w: null,
        pue: null,
        pue_inferred: false,
        co2e_only: true,
        kwh_hardware: null,
        mwh_hardware: null,
        kwh: null,
        mwh: null,
        kg_per_kwh: null,
        kg_per_kwh_inferred: false,
        market_kg_per_kwh: null,
        market_inferred: false,
        co2e_t: printedCell(inputs, r.id, "co2e_t")!.value,
        co2e_t_market: null
      });
      continue;
    }
    const kwh = kwhOf(r);
    const hardware = hardwareKwhOf(r);
    const energy = printsEnergy(inputs, r.id);
    const k = r.kgPerKwh ?? (r.intensityFrom ? inferred(r.intensityFrom, "co2e_t") : null);
    if (k == null) throw new Error(`ledger row "${r.id}" has no intensity`);
    const market = r.marketKgPerKwh ?? (r.intensityFrom ? inferred(r.intensityFrom, "co2e_t_market") : null);
    models.set(r.id, {
      id: r.id,
      kind: "model",
      disclosure: r.disclosure,
      gpu_hours: energy ? null : input(inputs, r.id, "gpu_hours"),
      power_w: energy ? null : input(inputs, r.id, "power_w"),
      pue: pueOf(r),
      pue_inferred: r.pue == null && r.pueFrom != null,
      co2e_only: false,
      kwh_hardware: hardware,
      mwh_hardware: kwhToMwh(hardware),
      kwh,
      mwh: kwhToMwh(kwh),
      kg_per_kwh: k,
      kg_per_kwh_inferred: r.kgPerKwh == null,
      market_kg_per_kwh: market,
      market_inferred: r.marketKgPerKwh == null && market != null,
      co2e_t: kgToTonnes(co2eKg(kwh, k)),
      co2e_t_market: market == null ? null : kgToTonnes(co2eKg(kwh, market))
    });
  }
  return inputs.ledgerRows.map((r) => {
    if (r.kind === "model") return models.get(r.id)!;
    const members = [...models.values()].filter((m) => m.disclosure === r.disclosure);
    // The loader keeps rows that print only a CO2e out of totals: every member has its energy.
    const sum = (f: (m: LedgerComputed) => number) => members.reduce((a, m) => a + f(m), 0);
    const kwh = sum((m) => m.kwh!);
    const co2e = sum((m) => m.co2e_t);
    const allMarket = members.every((m) => m.co2e_t_market != null);
    const hardware = sum((m) => m.kwh_hardware!);
    return {
      id: r.id,
      kind: "total",
      disclosure: r.disclosure,
      gpu_hours: members.every((m) => m.gpu_hours != null) ? sum((m) => m.gpu_hours!) : null,
      power_w: null,
      pue: null,
      pue_inferred: false,
      co2e_only: false,
      kwh_hardware: hardware,
      mwh_hardware: kwhToMwh(hardware),
      kwh,
      mwh: kwhToMwh(kwh),
      kg_per_kwh: kwh > 0 ? kgPerKwhFromCo2e(co2e * 1000, kwh) : null,
      kg_per_kwh_inferred: members.some((m) => m.kg_per_kwh_inferred),
      market_kg_per_kwh: null,
      market_inferred: false,
      co2e_t: co2e,
      co2e_t_market: allMarket ? sum((m) => m.co2e_t_market!) : null
    };
  });
}

/** One printed value of a ledger row beside its recomputation. */
export interface LedgerCell {
  column: LedgerColumn;
  /** The source's own quantity where it differs from `column` (later studies: mwh_hardware, co2e_t_net …). */
  quantity: string;
  /** "ledger" for ledger rows; the later study's table (patterson-t4 …) for the later models. */
  table: string;
  /** "table.row.quantity", the key errata refer to. */
  key: string;
  printed: string;
  published: number;
  step: number;
  recomputed: number;
  rounded: number;
  status: LedgerStatus;
  errata: string[];
  source: string;
  locator: string;
}

/** Compares each printed ledger value with its recomputation, with the statuses of the main tables (and "input"). */
export function compareLedger(
  inputs: Inputs,
  computed: readonly LedgerComputed[],
  errata: readonly ErratumRef[]
): LedgerCell[] {
  return inputs.ledgerPublished.map((c) => {
    const row = computed.find((r) => r.id === c.row)!;
    const key = cellKey(LEDGER_TABLE, c.row, c.column);
    // A printed energy the recomputation starts from is the energy before PUE (where the row has a PUE).
    const quantity = c.column === "mwh" && c.role === "input" && row.pue != null ? "mwh_hardware" : c.column;
    const value = (row as unknown as Record<string, unknown>)[quantity];
    if (typeof value !== "number") throw new Error(`ledger cell ${key} has no recomputed value`);
    const related = errata.filter((e) => e.cells.includes(key));
    const match = matchesPrinted(value, c.value, c.step);
    const status: LedgerStatus =
      c.role === "input"
        ? "input"
        : match && related.some((e) => e.kind === "calibration")
          ? "calibrated"
          : match
            ? "reproduced"
            : "differs";
    return {
      column: c.column,
      quantity,
      table: LEDGER_TABLE,
      key,
      printed: c.printed,
      published: c.value,
      step: c.step,
      recomputed: value,
      rounded: roundToStep(value, c.step),
      status,
      errata: related.map((e) => e.id),
      source: c.source,
      locator: c.locator
    };
  });
}

/** How a later study's quantity maps onto a ledger column (Luccioni et al.'s energies are before PUE). */
export const LATER_TO_LEDGER: Record<string, LedgerColumn> = {
  mwh: "mwh",
  mwh_hardware: "mwh",
  co2e_t_gross: "co2e_t",
  co2e_t_hardware: "co2e_t",
  co2e_t_net: "co2e_t_market"
};

/** One row of the ledger: a disclosure with its printed values and their statuses. */
export interface LedgerEntry {
  id: string;
  model: string;
  organisation: string;
  year: number;
  source: string;
  locator: string;
  kind: "model" | "total";
  /** Accelerator name, or null where the source names none. */
  hardware: string | null;
  gpu_hours: number | null;
  power_w: number | null;
  pue: number | null;
  /** Whether the PUE is inferred from a printed CO2e (the source prints its intensity but no PUE). */
  pue_inferred: boolean;
  kg_per_kwh: number | null;
  /** Whether the intensity is inferred from a printed CO2e (the source prints none). */
  kg_per_kwh_inferred: boolean;
  /** Whether the source prints only its CO2e: nothing to recompute (its energy is null, its CO2e the printed one). */
  co2e_only: boolean;
  mwh: number | null;
  co2e_t: number;
  co2e_t_market: number | null;
  cells: LedgerCell[];
}

/** The ledger rows of the Meta model cards and the like (data/ledger_rows.v2.csv) with their compared cells. */
export function ledgerEntries(
  inputs: Inputs,
  computed: readonly LedgerComputed[],
  cells: readonly LedgerCell[]
): LedgerEntry[] {
  const name = (id: string | null) => (id == null ? null : (inputs.accelerators.find((a) => a.id === id)?.name ?? id));
  return inputs.ledgerRows.map((r) => {
    const c = computed.find((x) => x.id === r.id)!;
    return {
      id: r.id,
      model: r.model,
      organisation: r.organisation,
      year: r.year,
      source: r.source,
      locator: r.locator,
      kind: r.kind,
      hardware: name(r.hardware),
      gpu_hours: c.gpu_hours,
      power_w: c.power_w,
      pue: c.pue,
      pue_inferred: c.pue_inferred,
      kg_per_kwh: c.kg_per_kwh,
      kg_per_kwh_inferred: c.kg_per_kwh_inferred,
      co2e_only: c.co2e_only,
      mwh: c.mwh,
      co2e_t: c.co2e_t,
      co2e_t_market: c.co2e_t_market,
      cells: cells.filter((x) => x.key.startsWith(`${LEDGER_TABLE}.${r.id}.`))
    };
  });
}

/** The later models (Patterson et al., BLOOM, OPT) as ledger rows, their cells mapped onto the ledger's columns. */
export function laterLedgerEntries(
  inputs: Inputs,
  rows: readonly LaterRow[],
  cells: readonly LaterCell[]
): LedgerEntry[] {
  return inputs.laterModels.map((m) => {
    const r = rows.find((x) => x.id === m.id)!;
    return {
      id: m.id,
      model: m.model,
      organisation: m.organisation,
      year: m.year,
      source: m.source,
      locator: m.locator,
      kind: "model",
      hardware:
        m.processor == null ? null : (inputs.accelerators.find((a) => a.id === m.processor)?.name ?? m.processor),
      gpu_hours: r.accelerator_hours,
      power_w: r.watts_per_chip,
      pue: r.pue,
      pue_inferred: false,
      kg_per_kwh: r.gross_kg_per_kwh,
      kg_per_kwh_inferred: false,
      co2e_only: false,
      mwh: r.mwh,
      co2e_t: r.co2e_t_gross,
      co2e_t_market: r.co2e_t_net,
      cells: cells
        .filter((c) => c.row === m.id && c.column in LATER_TO_LEDGER)
        .map((c) => ({
          column: LATER_TO_LEDGER[c.column],
          quantity: c.column,
          table: c.table,
          key: c.key,
          printed: c.printed,
          published: c.published,
          step: c.step,
          recomputed: c.recomputed,
          rounded: c.rounded,
          status: c.status,
          errata: c.errata,
          source: c.source,
          locator: c.locator
        }))
    };
  });
}
