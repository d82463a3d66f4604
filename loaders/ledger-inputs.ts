import {join} from "node:path";
import {readRows, type FileSpec} from "./csv.js";
import {fail} from "./errors.js";
import {ACCELERATORS, LEDGER_PUBLISHED, LEDGER_ROWS} from "../src/lib/inputs/schemas.js";
import type {LedgerPrintedCell, LedgerRowInput} from "../src/lib/inputs/types.js";

/** Inputs a model row prints: GPU-hours and power per GPU, or (where it prints no GPU-hours) its energy. */
const GPU_INPUTS = ["gpu_hours", "power_w"] as const;
const MODEL_INPUTS = [...GPU_INPUTS, "mwh"] as const;
/** A model row whose source prints only its CO2e gives it as its one input: there is nothing to recompute. */
const CO2E_ONLY_INPUT = "co2e_t";

/**
 * Reads data/ledger_rows.v2.csv and data/ledger_published.v2.csv and checks what the engine relies on: known hardware,
 * a model row's GPU-hours and power (or, where it prints no GPU-hours, its energy) printed as inputs, an intensity
 * printed or calibrated from a model row that prints its CO2e, a PUE printed or calibrated from a row that prints
 * its intensity and CO2e, totals that have model rows to sum, inputs only on model rows, same-run rows that exist; a
 * model row whose source prints only its CO2e (its co2e_t as its one input) states no assumptions and is in no
 * total. Throws a DataError naming file, line and column.
 */
export function loadLedgerInputs(dataDir: string): {
  ledgerRows: LedgerRowInput[];
  ledgerPublished: LedgerPrintedCell[];
} {
  const read = <F extends FileSpec>(spec: F) => readRows(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const acceleratorIds = read(ACCELERATORS).map((r) => r.row.id);
  const rowRecords = read(LEDGER_ROWS);
  for (const at of rowRecords) {
    const hardware = at.row.hardware;
    if (hardware != null && !acceleratorIds.includes(hardware))
      fail(LEDGER_ROWS, at, "hardware", `unknown accelerator "${hardware}"; known: ${acceleratorIds.join(", ")}`);
  }
  const ledgerRows: LedgerRowInput[] = rowRecords.map((r) => r.row);
  const cellRecords = read(LEDGER_PUBLISHED);
  for (const at of cellRecords) {
    const {row: id, role, column} = at.row;
    const target = ledgerRows.find((r) => r.id === id);
    if (!target) fail(LEDGER_PUBLISHED, at, "row", `unknown ledger row "${id}"; see data/ledger_rows.v2.csv`);
    if (
      role === "input" &&
      (target.kind !== "model" || ![...MODEL_INPUTS, CO2E_ONLY_INPUT].includes(column as (typeof MODEL_INPUTS)[number]))
    )
      fail(
        LEDGER_PUBLISHED,
        at,
        "role",
        `only a model row's gpu_hours and power_w (or its mwh, or its co2e_t where it prints nothing else) are inputs`
      );
    if (role === "output" && target.kind === "model" && (GPU_INPUTS as readonly string[]).includes(column))
      fail(LEDGER_PUBLISHED, at, "role", `a model row's ${column} is an input`);
  }
  const ledgerPublished: LedgerPrintedCell[] = cellRecords.map((r) => r.row);
  const printed = (id: string, column: string) => ledgerPublished.find((c) => c.row === id && c.column === column);
  ledgerRows.forEach((r, k) => {
    const row = rowRecords[k];
    const co2eOnly = printed(r.id, CO2E_ONLY_INPUT)?.role === "input";
    if (co2eOnly) {
      const others = ledgerPublished.filter((c) => c.row === r.id && c.column !== CO2E_ONLY_INPUT).map((c) => c.column);
      if (others.length > 0)
        fail(
          LEDGER_ROWS,
          row,
          "id",
          `model row "${r.id}" prints its co2e_t as an input and ${others.join(", ")}: a CO2e is an input only where the source prints nothing else`
        );
      const stated = (
        [
          ["pue", r.pue],
          ["kg_per_kwh", r.kgPerKwh],
          ["market_kg_per_kwh", r.marketKgPerKwh],
          ["intensity_from", r.intensityFrom],
          ["pue_from", r.pueFrom]
        ] as const
      ).find(([, v]) => v != null);
      if (stated)
        fail(
          LEDGER_ROWS,
          row,
          stated[0],
          `model row "${r.id}" prints only its CO2e: leave ${stated[0]} empty (there is nothing to recompute with it)`
        );
      if (ledgerRows.some((x) => x.kind === "total" && x.disclosure === r.disclosure))
        fail(LEDGER_ROWS, row, "disclosure", `model row "${r.id}" prints only its CO2e: a total cannot sum it`);
    } else if (r.kind === "model") {
      const energyInput = printed(r.id, "mwh")?.role === "input";
      const gpuInputs = GPU_INPUTS.filter((column) => printed(r.id, column));
      if (energyInput && gpuInputs.length > 0)
        fail(
          LEDGER_ROWS,
          row,
          "id",
          `model row "${r.id}" prints its energy as an input and ${gpuInputs.join(", ")}: give GPU-hours and power, or energy`
        );
      if (!energyInput)
        for (const column of GPU_INPUTS)
          if (!printed(r.id, column))
            fail(
              LEDGER_ROWS,
              row,
              "id",
              `model row "${r.id}" needs its printed ${column} in data/ledger_published.v2.csv${gpuInputs.length === 0 ? " (or its printed mwh as an input)" : ""}`
            );
      if ((r.kgPerKwh == null) === (r.intensityFrom == null))
        fail(
          LEDGER_ROWS,
          row,
          "intensity_from",
          "give kg_per_kwh or intensity_from (a model row whose printed co2e_t calibrates it), not both or neither"
        );
      if (r.intensityFrom != null) {
        const from = ledgerRows.find((x) => x.id === r.intensityFrom);
        if (!from || from.kind !== "model" || from.kgPerKwh != null || !printed(from.id, "co2e_t"))
          fail(
            LEDGER_ROWS,
            row,
            "intensity_from",
            `"${r.intensityFrom}" is not a model row that prints its co2e_t and no kg_per_kwh`
          );
        if (from.intensityFrom !== from.id)
          fail(
            LEDGER_ROWS,
            row,
            "intensity_from",
            `"${from.id}" must calibrate itself (its intensity_from is "${from.intensityFrom}")`
          );
      }
      if (r.pueFrom != null) {
        const from = ledgerRows.find((x) => x.id === r.pueFrom);
        if (r.pue != null) fail(LEDGER_ROWS, row, "pue_from", "give pue or pue_from, not both");
        if (
          !from ||
          from.kind !== "model" ||
          from.pue != null ||
          from.kgPerKwh == null ||
          from.pueFrom !== from.id ||
          !printed(from.id, "co2e_t")
        )
          fail(
            LEDGER_ROWS,
            row,
            "pue_from",
            `"${r.pueFrom}" is not a model row that prints its kg_per_kwh and co2e_t, no pue, and calibrates its own PUE`
          );
      }
    } else {
      if (r.pueFrom != null) fail(LEDGER_ROWS, row, "pue_from", "a total takes its PUE from its model rows");
      if (!ledgerRows.some((x) => x.kind === "model" && x.disclosure === r.disclosure))
        fail(
          LEDGER_ROWS,
          row,
          "disclosure",
          `total "${r.id}" has no model rows in disclosure "${r.disclosure}" to sum`
        );
      if (r.intensityFrom != null || r.kgPerKwh != null || r.pue != null)
        fail(
          LEDGER_ROWS,
          row,
          "kind",
          "a total takes its assumptions from its model rows; leave pue, kg_per_kwh and intensity_from empty"
        );
    }
    if (r.sameRunAs != null && (r.sameRunAs === r.id || !ledgerRows.some((x) => x.id === r.sameRunAs)))
      fail(LEDGER_ROWS, row, "same_run_as", `"${r.sameRunAs}" is not another ledger row`);
    if (r.sameRunAs != null && (co2eOnly || printed(r.sameRunAs, CO2E_ONLY_INPUT)?.role === "input"))
      fail(
        LEDGER_ROWS,
        row,
        "same_run_as",
        "a row that prints only its CO2e has nothing to compare with another source's recomputation"
      );
  });
  return {ledgerRows, ledgerPublished};
}
