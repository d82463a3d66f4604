import {join} from "node:path";
import {readRows, type FileSpec} from "./csv.js";
import {fail} from "./errors.js";
import {ACCELERATORS, ACCOUNTING_FACTORS} from "../src/lib/inputs/schemas.js";
import type {AccountingFactor} from "../src/lib/inputs/types.js";

/** Largest plausible value of each quantity, to catch a unit slip (grams for kilograms, W for kW). */
const MAX: Record<AccountingFactor["quantity"], number> = {
  embodied_kg_per_device: 5000,
  embodied_kg_per_server: 50000,
  devices_per_server: 64,
  lifetime_years: 30,
  server_kw: 50,
  wue_l_per_kwh: 20,
  grid_l_per_kwh: 100
};

/**
 * Reads data/accounting_factors.csv (the accounting controls' published defaults) and checks what the schema cannot:
 * each value within its quantity's plausible range, each `applies_to` of the right kind for its quantity (an
 * accelerator id or gpu for a device, any for a service life, a country code for a grid), and a service life for
 * every method that gives an embodied CO2e. Throws a DataError naming file, line and column.
 */
export function loadAccountingInputs(dataDir: string): {accountingFactors: AccountingFactor[]} {
  const read = <F extends FileSpec>(spec: F) => readRows(join(dataDir, spec.file.replace(/^data\//, "")), spec);
  const accelerators = read(ACCELERATORS).map((r) => r.row.id);
  const records = read(ACCOUNTING_FACTORS);
  for (const at of records) {
    const {quantity, value, appliesTo} = at.row;
    if (value > MAX[quantity])
      fail(ACCOUNTING_FACTORS, at, "value", `${value} is above ${MAX[quantity]}, the most a ${quantity} can be`);
    if (quantity === "devices_per_server" && !Number.isInteger(value))
      fail(ACCOUNTING_FACTORS, at, "value", `${value} is not a whole number of devices`);
    const kind =
      quantity === "lifetime_years"
        ? appliesTo === "any"
          ? null
          : "any"
        : quantity === "grid_l_per_kwh"
          ? /^[A-Z]{3}$/.test(appliesTo)
            ? null
            : "a country code of three capital letters (WOR for the world)"
          : quantity === "wue_l_per_kwh"
            ? /^[a-z][a-z0-9_]*$/.test(appliesTo)
              ? null
              : "a data-centre operator in lower case (google, openai …)"
            : appliesTo === "gpu" || accelerators.includes(appliesTo)
              ? null
              : `gpu or an accelerator id of ${ACCELERATORS.file}`;
    if (kind) fail(ACCOUNTING_FACTORS, at, "applies_to", `"${appliesTo}" is not allowed for ${quantity}: ${kind}`);
  }
  for (const method of new Set(records.map((r) => r.row.method))) {
    const rows = records.filter((r) => r.row.method === method);
    const embodied = rows.find((r) => r.row.quantity.startsWith("embodied_"));
    if (embodied && !rows.some((r) => r.row.quantity === "lifetime_years"))
      fail(ACCOUNTING_FACTORS, embodied, "method", `${method} gives an embodied CO2e but no lifetime_years row`);
  }
  return {accountingFactors: records.map((r) => r.row)};
}
