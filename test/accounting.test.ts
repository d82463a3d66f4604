import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {accountedTonnes, accountingSteps, marketShare, NO_MARKET_FIGURE} from "../src/lib/later/accounting.js";
import {laterRows} from "../src/lib/later/later.js";
import {buildLedger, type LedgerReport} from "../src/lib/later/ledger-report.js";
import {paperScenario, parseScenario} from "../src/lib/scenario/scenario.js";
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

  test("marketShare: market ÷ location intensity (GShard-600B 0.177 of 0.201; a card's market-based 0 keeps 0)", () => {
    expect(marketShare(0.201, 0.177)).toBeCloseTo(0.177 / 0.201, 15);
    expect(marketShare(0.41366, 0)).toBe(0);
    expect(marketShare(0.429, 0.429)).toBe(1);
    expect(() => marketShare(0, 0.1)).toThrow(/location-based intensity 0 kg\/kWh is not positive/);
    expect(() => marketShare(0.4, -0.1)).toThrow(/market-based intensity -0.1 kg\/kWh is negative/);
  });

  test("accountedTonnes: location keeps the total; market applies the share, or keeps location-based with a note", () => {
    expect(accountedTonnes(100, 0.5, "location")).toEqual({co2e_t: 100, accounting: "location", note: null});
    expect(accountedTonnes(100, 0.5, "market")).toEqual({co2e_t: 50, accounting: "market", note: null});
    expect(accountedTonnes(100, 0, "market")).toEqual({co2e_t: 0, accounting: "market", note: null});
    expect(accountedTonnes(100, null, "market")).toEqual({co2e_t: 100, accounting: "location", note: NO_MARKET_FIGURE});
    expect(accountedTonnes(100, null, "location").note).toBeNull();
  });

  test("accountingSteps with a scenario: the source's steps, this scenario location-based, then market-based", () => {
    const market = buildLedger(inputs, parseScenario([["accounting", "market"]], inputs, {strict: true}).scenario);
    const row = market.rows.find((r) => r.id === "switch_transformer")!;
    const s = accountingSteps(
      row,
      laterRows(inputs).find((r) => r.id === "switch_transformer")!,
      market.scenario
    );
    expect(s.map((x) => x.step)).toEqual([
      "energy at the hardware, location-based intensity",
      "× PUE 1.1",
      "net of carbon-free energy bought (market-based)",
      "this scenario: PUE 1.58, location-based",
      "this scenario, market-based"
    ]);
    // Under the paper's PUE and EPA factor: 1024 × 27 × 24 × 245 W × 1.58, then the source's net share 0.330 / 0.403.
    const kwh = ((1024 * 27 * 24 * 245) / 1000) * 1.58;
    const epa = 0.954 * 0.45359237;
    expect(s[3].co2e_t).toBeCloseTo((kwh * epa) / 1000, 9);
    expect(s[4].co2e_t).toBeCloseTo(((kwh * epa) / 1000) * (0.33 / 0.403), 9);
    expect(s[4].change_t).toBeCloseTo(s[4].co2e_t - s[3].co2e_t, 12);
    // Location-based accounting: no market step of the scenario.
    const loc = ledger.rows.find((r) => r.id === "switch_transformer")!;
    expect(
      accountingSteps(
        loc,
        laterRows(inputs).find((r) => r.id === "switch_transformer")!,
        ledger.scenario
      )
    ).toHaveLength(4);
  });

  test("accountingSteps with market accounting on a row with no market figure: no change, the reason as basis", () => {
    const market = buildLedger(inputs, parseScenario([["accounting", "market"]], inputs, {strict: true}).scenario);
    const s = accountingSteps(
      market.rows.find((r) => r.id === "llama2_70b")!,
      null,
      market.scenario
    );
    expect(s).toHaveLength(3);
    expect(s[2]).toMatchObject({step: "this scenario, market-based", change_t: 0, basis: NO_MARKET_FIGURE});
  });

  test("buildLedger under market accounting: a card's total sums its models; a total with some models lacking one says how many", () => {
    const market = buildLedger(inputs, parseScenario([["accounting", "market"]], inputs, {strict: true}).scenario);
    const row = (id: string) => market.rows.find((r) => r.id === id)!;
    expect(row("llama3_1_total")).toMatchObject({
      co2e_t_scenario: 0,
      market_share: 0,
      accounting: "market",
      accounting_note: null
    });
    // Llama 3's card prints no market-based figure for any of its models.
    expect(row("llama3_total")).toMatchObject({
      accounting: "location",
      accounting_note: NO_MARKET_FIGURE,
      market_share: null
    });
    expect(row("llama3_total").co2e_t_scenario).toBe(row("llama3_total").co2e_t_scenario_location);
    // Location-based market shares do not depend on the accounting chosen.
    const loc = (id: string) => ledger.rows.find((r) => r.id === id)!;
    for (const r of market.rows) expect(loc(r.id).market_share, r.id).toBe(r.market_share);
  });

  test("accountingSteps: BLOOM's printed total of all processes replaces the PUE step's total, as printed", () => {
    const bloom = ledger.rows.find((r) => r.id === "bloom")!;
    const laterBloom = laterRows(inputs).find((r) => r.id === "bloom")!;
    const lifecycle = inputs.lifecyclePublished.find((c) => c.row === "bloom")!;
    const s = accountingSteps(bloom, laterBloom, null, lifecycle);
    expect(s.map((x) => x.step)).toEqual([
      "energy at the hardware, location-based intensity",
      "× PUE 1.2",
      "all processes instead of PUE: embodied, idle and infrastructure (printed)"
    ]);
    // 433,196 kWh × 0.057 kg/kWh = 24.69 t; × 1.2; then the printed 50.5 t.
    expect(s[0].co2e_t).toBeCloseTo((433196 * 0.057) / 1000, 9);
    expect(s[1].co2e_t).toBeCloseTo((433196 * 1.2 * 0.057) / 1000, 9);
    expect(s[2]).toMatchObject({
      co2e_t: 50.5,
      basis: "printed 50.5 t, Luccioni, Viguier & Ligozat 2022 (arXiv:2211.02001)"
    });
    expect(s[2].change_t).toBeCloseTo(50.5 - s[1].co2e_t, 12);
    // Without the printed total, the source's steps stop at PUE.
    expect(accountingSteps(bloom, laterBloom)).toHaveLength(2);
  });

  test("accountingSteps: a row that prints only its CO2e is one step as printed, with the words 'nothing to recompute', and no scenario step", () => {
    const s = steps("gemma1_pretraining");
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({step: "printed CO2e, taken as given", co2e_t: 131, change_t: 131});
    expect(s[0].basis).toMatch(
      /^printed ~131 t; the source prints no GPU-hours, power or energy, so there is nothing to recompute/
    );
    const row = ledger.rows.find((r) => r.id === "gemma2_pretraining")!;
    const withScenario = accountingSteps(row, null, {...ledger.scenario, accounting: "market"});
    expect(withScenario.map((x) => x.co2e_t)).toEqual([1247.61]);
  });
});
