// Bad rows in the ledger files: each case edits one line of a copy of data/ and must fail with a DataError
// naming the file, the line and the column.
import {describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadInputs} from "../loaders/inputs.js";
import {dataCopies, dataErrorOf, lineOf} from "./data-copy.js";

const withEdit = dataCopies("ledger-inputs-");
const dataError = (dir: string) => dataErrorOf(() => loadInputs(dir));

describe("ledger-inputs", () => {
  test("loadLedgerInputs (via loadInputs) reads every row with source and locator, inputs on model rows only", () => {
    const inputs = loadInputs("data");
    expect(inputs.ledgerRows.length).toBeGreaterThanOrEqual(20);
    for (const r of inputs.ledgerRows) expect(r.source.length * r.locator.length, r.id).toBeGreaterThan(0);
    for (const c of inputs.ledgerPublished) expect(c.source.length * c.locator.length, c.row).toBeGreaterThan(0);
    expect(inputs.ledgerPublished.find((c) => c.row === "llama3_1_405b" && c.column === "gpu_hours")).toMatchObject({
      printed: "30.84M",
      value: 30840000,
      role: "input"
    });
  });

  test("loadInputs rejects an unknown column, naming the allowed ones", () => {
    const dir = withEdit("ledger_published.v2.csv", (t) => t.replace(/^llama2_7b,co2e_t,/m, "llama2_7b,co2e_kg,"));
    const e = dataError(dir);
    expect(e.file).toMatch(/ledger_published\.v2\.csv$/);
    expect(e.line).toBe(lineOf("ledger_published.v2.csv", "llama2_7b,co2e_t,"));
    expect(e.column).toBe("column");
  });

  test("loadInputs rejects a negative printed value", () => {
    const dir = withEdit("ledger_published.v2.csv", (t) =>
      t.replace(/^llama2_7b,co2e_t,31\.22,31\.22,/m, "llama2_7b,co2e_t,31.22,-31.22,")
    );
    expect(dataError(dir).column).toBe("value");
  });

  test("loadInputs rejects a model row without its printed power", () => {
    const dir = withEdit("ledger_published.v2.csv", (t) => t.replace(/^llama4_scout,power_w,.*\n/m, ""));
    const e = dataError(dir);
    expect(e.file).toMatch(/ledger_rows\.v2\.csv$/);
    expect(e.line).toBe(lineOf("ledger_rows.v2.csv", "llama4_scout,"));
    expect(e.message).toMatch(/needs its printed power_w/);
  });

  test("loadInputs rejects an intensity calibrated from a row that prints no CO2e", () => {
    const dir = withEdit("ledger_rows.v2.csv", (t) =>
      t.replace(/^(llama3_2_1b,(?:[^,]*,){9})llama3_2_3b,/m, "$1llama3_2_1b_spinquant,")
    );
    const e = dataError(dir);
    expect(e.column).toBe("intensity_from");
    expect(e.message).toMatch(/"llama3_2_1b_spinquant" is not a model row that prints its co2e_t/);
  });

  test("loadInputs rejects a total's printed GPU-hours marked as an input", () => {
    const dir = withEdit("ledger_published.v2.csv", (t) =>
      t.replace(/^(llama4_total,gpu_hours,[^,]*,[^,]*,[^,]*,)output,/m, "$1input,")
    );
    const e = dataError(dir);
    expect(e.column).toBe("role");
    expect(e.message).toMatch(
      /only a model row's gpu_hours and power_w \(or its mwh, or its co2e_t where it prints nothing else\) are inputs/
    );
  });

  test("loadInputs rejects unknown hardware, naming the known accelerators", () => {
    const dir = withEdit("ledger_rows.v2.csv", (t) =>
      t.replace(/^(llama4_maverick,Llama 4 Maverick,Meta,2025,llama4,model,)H100,/m, "$1H200,")
    );
    const e = dataError(dir);
    expect(e.column).toBe("hardware");
    expect(e.message).toMatch(/unknown accelerator "H200"; known: P100/);
  });

  test("loadInputs rejects a model row that prints both its energy and GPU-hours as inputs", () => {
    const dir = withEdit(
      "ledger_published.v2.csv",
      (t) => `${t}olmo1_7b_a100,gpu_hours,1,1,1,input,a source,a locator\n`
    );
    const e = dataError(dir);
    expect(e.file).toMatch(/ledger_rows\.v2\.csv$/);
    expect(e.line).toBe(lineOf("ledger_rows.v2.csv", "olmo1_7b_a100,"));
    expect(e.message).toMatch(/prints its energy as an input and gpu_hours: give GPU-hours and power, or energy/);
  });

  test("loadInputs rejects a PUE calibrated from a row that prints no intensity", () => {
    const dir = withEdit("ledger_rows.v2.csv", (t) =>
      t.replace(/,olmo1_card_7b,olmo1_7b_a100$/m, ",llama2_70b,olmo1_7b_a100")
    );
    const e = dataError(dir);
    expect(e.column).toBe("pue_from");
    expect(e.line).toBe(lineOf("ledger_rows.v2.csv", "olmo1_card_7b,"));
    expect(e.message).toMatch(/"llama2_70b" is not a model row that prints its kg_per_kwh and co2e_t/);
  });

  test("loadInputs rejects a same_run_as naming no ledger row", () => {
    const dir = withEdit("ledger_rows.v2.csv", (t) =>
      t.replace(/,olmo1_card_7b,olmo1_7b_a100$/m, ",olmo1_card_7b,olmo_7b")
    );
    const e = dataError(dir);
    expect(e.column).toBe("same_run_as");
    expect(e.message).toMatch(/"olmo_7b" is not another ledger row/);
  });

  test("loadInputs reads Gemma's CO2e as the one input of its rows: no GPU-hours, power or energy", () => {
    const inputs = loadInputs("data");
    for (const [id, printed, value] of [
      ["gemma1_pretraining", "~131", 131],
      ["gemma2_pretraining", "1247.61", 1247.61]
    ] as const) {
      expect(inputs.ledgerPublished.filter((c) => c.row === id)).toEqual([
        expect.objectContaining({column: "co2e_t", printed, value, role: "input"})
      ]);
      expect(inputs.ledgerRows.find((r) => r.id === id)).toMatchObject({
        kind: "model",
        pue: null,
        kgPerKwh: null,
        intensityFrom: null
      });
    }
  });

  test("loadInputs rejects a row that prints only its CO2e but states an intensity, naming the column", () => {
    const dir = withEdit("ledger_rows.v2.csv", (t) =>
      t.replace(/^(gemma2_pretraining,.*?,2024,gemma2,model,),,/m, "$1,,0.4")
    );
    const e = dataError(dir);
    expect(e.file).toMatch(/ledger_rows\.v2\.csv$/);
    expect(e.line).toBe(lineOf("ledger_rows.v2.csv", "gemma2_pretraining,"));
    expect(e.column).toBe("kg_per_kwh");
    expect(e.message).toMatch(/"gemma2_pretraining" prints only its CO2e: leave kg_per_kwh empty/);
  });

  test("loadInputs rejects a CO2e input beside a printed energy, naming the row", () => {
    const dir = withEdit(
      "ledger_published.v2.csv",
      (t) => `${t}gemma1_pretraining,mwh,1,1,1,output,a source,a locator\n`
    );
    const e = dataError(dir);
    expect(e.line).toBe(lineOf("ledger_rows.v2.csv", "gemma1_pretraining,"));
    expect(e.message).toMatch(
      /prints its co2e_t as an input and mwh: a CO2e is an input only where the source prints nothing else/
    );
  });
});
