import {join} from "node:path";
import {readRows, type FileSpec} from "./csv.js";
import {fail} from "./errors.js";
import {ACCELERATORS, LEDGER_PUBLISHED, LEDGER_ROWS} from "../src/lib/inputs/schemas.js";
import type {LedgerPrintedCell, LedgerRowInput} from "../src/lib/inputs/types.js";

/** Inputs a model row must print: GPU-hours and power per GPU. */
const MODEL_INPUTS = ["gpu_hours", "power_w"] as const;

/**
 * Reads data/ledger_rows.csv and data/ledger_published.csv and checks what the engine relies on: known hardware,
 * a model row's GPU-hours and power printed as inputs, an intensity printed or calibrated from a model row that
 * prints its CO2e, totals that have model rows to sum, inputs only on model rows. Throws a DataError naming file,
 * line and column.
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
    if (!target) fail(LEDGER_PUBLISHED, at, "row", `unknown ledger row "${id}"; see data/ledger_rows.csv`);
    if (role === "input" && (target.kind !== "model" || !(MODEL_INPUTS as readonly string[]).includes(column)))
      fail(LEDGER_PUBLISHED, at, "role", `only a model row's ${MODEL_INPUTS.join(" and ")} are inputs`);
    if (role === "output" && target.kind === "model" && (MODEL_INPUTS as readonly string[]).includes(column))
      fail(LEDGER_PUBLISHED, at, "role", `a model row's ${column} is an input`);
  }
  const ledgerPublished: LedgerPrintedCell[] = cellRecords.map((r) => r.row);
  const printed = (id: string, column: string) => ledgerPublished.find((c) => c.row === id && c.column === column);
  ledgerRows.forEach((r, k) => {
    const row = rowRecords[k];
    if (r.kind === "model") {
      for (const column of MODEL_INPUTS)
        if (!printed(r.id, column))
          fail(LEDGER_ROWS, row, "id", `model row "${r.id}" needs its printed ${column} in data/ledger_published.csv`);
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
    } else {
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
  });
  return {ledgerRows, ledgerPublished};
}
