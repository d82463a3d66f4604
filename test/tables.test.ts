// src/lib/paper/tables.ts: the lookups the tables are built on (the tables themselves are checked by the golden files).
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {cloudPrice, computeTables} from "../src/lib/paper/tables.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

describe("tables", () => {
  test("cloudPrice reads each accelerator's price in each tier from the prices", () => {
    for (const p of inputs.prices) expect(cloudPrice(inputs, p.accelerator, p.tier)).toBe(p.usdPerHour);
  });

  test("cloudPrice follows the inputs it is given, and names a missing price", () => {
    const [first, ...rest] = inputs.prices;
    const changed = {...inputs, prices: [{...first, usdPerHour: first.usdPerHour + 1}, ...rest]};
    expect(cloudPrice(changed, first.accelerator, first.tier)).toBe(first.usdPerHour + 1);
    expect(cloudPrice(inputs, first.accelerator, first.tier)).toBe(first.usdPerHour);
    expect(() => cloudPrice({...inputs, prices: rest}, first.accelerator, first.tier)).toThrow(
      `no ${first.tier} cloud price for accelerator "${first.accelerator}"`
    );
  });

  test("computeTables reads Table 1's training rows from Tables 3 and 4 by id", () => {
    const t = computeTables(inputs, paperScenario(inputs));
    const row = (id: string) => t.table1.find((r) => r.id === id)!;
    expect(row("transformer_big_nas").co2e_kg).toBe(t.table3.find((r) => r.id === "nas_p100")!.co2e_kg);
    expect(row("nlp_pipeline_tuning").co2e_kg).toBe(t.table4.find((r) => r.id === "project")!.co2e_kg);
  });
});
