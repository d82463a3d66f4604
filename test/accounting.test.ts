import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {accountingSteps} from "../src/lib/later/accounting.js";
import {laterRows} from "../src/lib/later/later.js";
import {buildLedger, type LedgerReport} from "../src/lib/later/ledger-report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
let ledger: LedgerReport;
const steps = (id: string) =>
  accountingSteps(
    ledger.rows.find((r) => r.id === id)!,
    laterRows(inputs).find((r) => r.id === id) ?? null
  );

beforeAll(() => {
  inputs = loadInputs("data");
  ledger = buildLedger(inputs, paperScenario(inputs));
});

describe("accounting", () => {
  test("accountingSteps: Switch Transformer before PUE, × PUE 1.10 (gross 0.403), then net 0.330 kg/kWh", () => {
    const s = steps("switch_transformer");
    const kwh = (1024 * 27 * 24 * 245) / 1000;
    expect(s.map((x) => x.co2e_t)).toEqual([
      expect.closeTo((kwh * 0.403) / 1000, 9),
      expect.closeTo((kwh * 1.1 * 0.403) / 1000, 9),
      expect.closeTo((kwh * 1.1 * 0.33) / 1000, 9)
    ]);
    expect(s[2].change_t).toBeCloseTo(s[2].co2e_t - s[1].co2e_t, 12);
    expect(s[0].change_t).toBe(s[0].co2e_t);
  });

  test("accountingSteps: GPT-3 has no market step (its net intensity equals its gross)", () => {
    expect(steps("gpt3").map((x) => x.step)).toEqual(["energy at the hardware, location-based intensity", "× PUE 1.1"]);
  });

  test("accountingSteps: a Llama 3.1 row goes from its location-based CO2e to the card's market-based 0 t", () => {
    const s = steps("llama3_1_405b");
    expect(s).toHaveLength(2);
    expect(s[0].co2e_t).toBeCloseTo(8930, 9);
    expect(s[1]).toMatchObject({co2e_t: 0, basis: "printed 0 t"});
    expect(s[1].change_t).toBeCloseTo(-8930, 9);
    // Llama 2's card prints no market-based figure: one step.
    expect(steps("llama2_70b")).toHaveLength(1);
  });
});
