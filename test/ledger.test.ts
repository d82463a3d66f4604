import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {
  compareLedger,
  computeLedger,
  ledgerKwh,
  type LedgerCell,
  type LedgerComputed
} from "../src/lib/later/ledger.js";
import {ledgerErrata} from "../src/lib/later/ledger-errata.js";
import {buildLedger} from "../src/lib/later/ledger-report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
let computed: LedgerComputed[];
let cells: LedgerCell[];
const cell = (row: string, column: string) => {
  const c = cells.find((x) => x.key === `ledger.${row}.${column}`);
  if (!c) throw new Error(`no ledger cell ${row}.${column}`);
  return c;
};
const comp = (id: string) => computed.find((r) => r.id === id)!;

beforeAll(() => {
  inputs = loadInputs("data");
  computed = computeLedger(inputs);
  cells = compareLedger(inputs, computed, ledgerErrata(inputs, computed));
});

describe("ledger", () => {
  test("ledgerKwh is equation 1 with one GPU's power: 1,720,320 GPU-hours × 400 W = 688,128 kWh; PUE 1 where the power includes it", () => {
    expect(ledgerKwh(1720320, 400, null)).toBe(688128);
    expect(ledgerKwh(1000, 500, 1.1)).toBeCloseTo(550, 9);
  });

  test("computeLedger infers a card's intensity from its calibrating row: Llama 3.1 405B 8,930 t / 21,588 MWh = 0.41366 kg/kWh", () => {
    const r = comp("llama3_1_405b");
    expect(r.kwh).toBe(21588000);
    expect(r.kg_per_kwh).toBeCloseTo((8930 / 21588000) * 1000, 12);
    expect(r.kg_per_kwh_inferred).toBe(true);
    expect(r.co2e_t).toBeCloseTo(8930, 9);
    expect(r.market_kg_per_kwh).toBe(0);
    // The other rows use it: 8B 1.46M × 700 W × 0.41366 = 422.76 t.
    expect(comp("llama3_1_8b").co2e_t).toBeCloseTo(1022000 * (8930 / 21588000), 9);
  });

  test("computeLedger sums a total's model rows: Llama 2's three rows give 2,273,280 GPU-hours, not the printed 3,311,616", () => {
    const t = comp("llama2_total");
    expect(t.gpu_hours).toBe(184320 + 368640 + 1720320);
    expect(t.co2e_t).toBeCloseTo(comp("llama2_7b").co2e_t + comp("llama2_13b").co2e_t + comp("llama2_70b").co2e_t, 9);
  });

  test("compareLedger: inputs are 'input', the calibrating row 'calibrated', the rest reproduced or differs", () => {
    expect(cell("llama2_7b", "gpu_hours").status).toBe("input");
    expect(cell("llama2_7b", "power_w").status).toBe("input");
    expect(cell("llama2_70b", "co2e_t").status).toBe("calibrated");
    expect(cell("llama2_7b", "co2e_t").status).toBe("reproduced");
    expect(cell("llama2_13b", "co2e_t")).toMatchObject({status: "differs", rounded: 62.45, printed: "62.44"});
    expect(cell("llama3_1_70b", "co2e_t")).toMatchObject({status: "differs", rounded: 2030});
    expect(cell("llama3_2_vision_total", "co2e_t").status).toBe("reproduced");
  });

  test("compareLedger: every differing cell has an erratum, and every erratum cell exists", () => {
    const errata = ledgerErrata(inputs, computed);
    for (const c of cells.filter((x) => x.status === "differs")) expect(c.errata.length, c.key).toBeGreaterThan(0);
    const keys = new Set(cells.map((c) => c.key));
    for (const e of errata) for (const k of e.cells) expect(keys.has(k), `${e.id}: ${k}`).toBe(true);
  });

  test("ledgerErrata: Llama 2's card total holds a run it does not list, 1,038,336 GPU-hours at 350 W", () => {
    const e = ledgerErrata(inputs, computed).find((x) => x.id === "ledger-total-llama2_total")!;
    expect(e.summary).toMatch(/1,038,336 GPU-hours and 153\.92 t/);
    expect(e.summary).toMatch(/350\.0 W per GPU/);
  });

  test("ledgerErrata: Llama 3.3's 12.9 t is not rounding; the card's first version and Llama 3.1 print 2,040 t", () => {
    const e = ledgerErrata(inputs, computed).find((x) => x.id === "ledger-co2e-llama3_3_70b")!;
    expect(e.summary).toMatch(/does not explain it/);
    expect(e.summary).toMatch(/Llama 3\.3 70B \(card as first published\) prints 2,040 t/);
    const rounding = ledgerErrata(inputs, computed).find((x) => x.id === "ledger-co2e-llama3_1_70b")!;
    expect(rounding.summary).toMatch(/rounding of the printed GPU-hours/);
    const stated = ledgerErrata(inputs, computed).find((x) => x.id === "ledger-total-llama3_3_stated")!;
    expect(stated.summary).toMatch(/those of Llama 3\.1, all training \(39\.3M, 11,390\)/);
  });

  test("ledgerErrata: a card whose rows agree needs no erratum (Llama 3.2-Vision)", () => {
    const ids = ledgerErrata(inputs, computed).map((e) => e.id);
    expect(ids.filter((id) => id.includes("vision") && !id.startsWith("ledger-intensity"))).toEqual([]);
  });

  test("buildLedger: the later models and the ledger rows in one list, each with source, locator and statused cells", () => {
    const ledger = buildLedger(inputs, paperScenario(inputs));
    expect(ledger.rows.length).toBe(inputs.laterModels.length + inputs.ledgerRows.length);
    expect(ledger.rows.length - inputs.laterModels.length).toBeGreaterThanOrEqual(20);
    for (const r of ledger.rows) {
      expect(r.source.length * r.locator.length * r.organisation.length, r.id).toBeGreaterThan(0);
      for (const c of r.cells)
        expect(["gpu_hours", "power_w", "mwh", "co2e_t", "co2e_t_market", "water_l"]).toContain(c.column);
    }
    const gpt3 = ledger.rows.find((r) => r.id === "gpt3")!;
    expect(gpt3.cells.map((c) => c.quantity)).toContain("co2e_t_net");
    expect(gpt3.cells.find((c) => c.quantity === "co2e_t_net")!.column).toBe("co2e_t_market");
  });
});
