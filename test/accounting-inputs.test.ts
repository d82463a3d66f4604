// data/accounting_factors.csv: each value read with its source and locator; a corrupted copy fails with a DataError
// naming the file, the line and the column.
import {describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadAccountingInputs} from "../loaders/accounting-inputs.js";
import {loadInputs} from "../loaders/inputs.js";
import {dataCopies, dataErrorOf, lineOf as lineIn} from "./data-copy.js";

const copy = dataCopies("accounting-inputs-");
const withEdit = (edit: (text: string) => string) => copy("accounting_factors.csv", edit);
const dataError = (dir: string) => dataErrorOf(() => loadAccountingInputs(dir));
/** The 1-based line of the row with this id in the shipped file. */
const lineOf = (id: string) => lineIn("accounting_factors.csv", `${id},`);

describe("accounting-inputs", () => {
  test("loadAccountingInputs reads every factor with its source and locator; loadInputs carries them", () => {
    const {accountingFactors} = loadAccountingInputs("data");
    expect(accountingFactors.find((f) => f.id === "llmcarbon_h100")).toMatchObject({
      method: "llmcarbon",
      quantity: "embodied_kg_per_device",
      appliesTo: "H100",
      value: 14.652
    });
    expect(accountingFactors.find((f) => f.id === "ecologits_lifetime")!.value).toBe(3);
    expect(accountingFactors.find((f) => f.id === "water_usa")!.value).toBe(3.1321);
    for (const f of accountingFactors) {
      expect(f.source, f.id).toMatch(/LLMCarbon|EcoLogits/);
      expect(f.source, f.id).toMatch(/commit [0-9a-f]{7}/);
      expect(f.locator, f.id).toMatch(/line \d+|\(line \d+\)/);
    }
    expect(loadInputs("data").accountingFactors).toEqual(accountingFactors);
  });

  test("loadAccountingInputs rejects a corrupted value, naming file, line and column", () => {
    const e = dataError(withEdit((t) => t.replace("H100,14.652,", "H100,14.652x,")));
    expect(e.file).toMatch(/accounting_factors\.csv$/);
    expect(e.line).toBe(lineOf("llmcarbon_h100"));
    expect(e.column).toBe("value");
  });

  test("loadAccountingInputs rejects an unknown quantity and a value in the wrong unit", () => {
    const q = dataError(withEdit((t) => t.replace(",lifetime_years,any,5,", ",lifetime_months,any,5,")));
    expect([q.line, q.column]).toEqual([lineOf("llmcarbon_lifetime"), "quantity"]);
    // 14,652 g written as kg.
    const unit = dataError(withEdit((t) => t.replace("H100,14.652,", "H100,14652,")));
    expect([unit.line, unit.column]).toEqual([lineOf("llmcarbon_h100"), "value"]);
    expect(unit.message).toMatch(/above 5000/);
  });

  test("loadAccountingInputs rejects an applies_to of the wrong kind and a method without a service life", () => {
    const acc = dataError(withEdit((t) => t.replace("embodied_kg_per_device,H100,", "embodied_kg_per_device,H200,")));
    expect([acc.line, acc.column]).toEqual([lineOf("llmcarbon_h100"), "applies_to"]);
    expect(acc.message).toMatch(/"H200" is not allowed for embodied_kg_per_device/);
    const country = dataError(withEdit((t) => t.replace("grid_l_per_kwh,USA,", "grid_l_per_kwh,usa,")));
    expect([country.line, country.column]).toEqual([lineOf("water_usa"), "applies_to"]);
    const life = dataError(withEdit((t) => t.replace(/^llmcarbon_lifetime,.*\n/m, "")));
    expect(life.column).toBe("method");
    expect(life.message).toMatch(/llmcarbon gives an embodied CO2e but no lifetime_years row/);
  });

  test("loadAccountingInputs rejects a duplicate id", () => {
    const e = dataError(withEdit((t) => t.replace(/^llmcarbon_tpuv3,/m, "llmcarbon_tpuv4,")));
    expect(e.line).toBe(lineOf("llmcarbon_tpuv4"));
    expect(e.message).toMatch(/duplicate|repeat/i);
  });
});
