import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {tableModels, type FocusModel} from "../src/lib/uncertainty/focus.js";
import {nasRuns} from "../src/lib/later/nas-correction.js";
import {gridKgPerKwh, paperScenario, parseScenario, type Scenario} from "../src/lib/scenario/scenario.js";
import {computeTables} from "../src/lib/paper/tables.js";
import {tornado} from "../src/lib/uncertainty/tornado.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
let nas: FocusModel;
beforeAll(() => {
  inputs = loadInputs();
  nas = tableModels(inputs).find((m) => m.id === "nas_p100")!;
});

const scenario = (query: string): Scenario =>
  parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;
/** NAS (P100) by hand: 274,120 h × 1515.43 W / 1000 → kWh before PUE. */
const NAS_KWH = (274120 * 1515.43) / 1000;
const EPA_KG = 0.954 * 0.45359237;

describe("tornado", () => {
  test("tornado's base is the engine's Table 3 value for the model", () => {
    const t = tornado(inputs, paperScenario(inputs), nas);
    expect(t.baseKg).toBe(
      computeTables(inputs, paperScenario(inputs)).table3.find((r) => r.id === "nas_p100")!.co2e_kg
    );
    expect(t.baseKg).toBeCloseTo(NAS_KWH * 1.58 * EPA_KG, 6);
  });

  test("tornado moves PUE across its distribution about the scenario: overhead ×0.9 to ×1.2 (hand-computed)", () => {
    const pue = tornado(inputs, paperScenario(inputs), nas).bars.find((b) => b.id === "pue")!;
    const [lo, hi] = [1 + 0.58 * 0.9, 1 + 0.58 * 1.2];
    expect(pue.low).toEqual({value: "PUE 1.52", co2eKg: expect.closeTo(NAS_KWH * lo * EPA_KG, 6)});
    expect(pue.high).toEqual({value: "PUE 1.7", co2eKg: expect.closeTo(NAS_KWH * hi * EPA_KG, 6)});
  });

  test("tornado scales stand-in power both ways: ×0.941 (208 over 221 W) to ×1.566 (296 W over 189 W)", () => {
    const power = tornado(inputs, paperScenario(inputs), nas).bars.find((b) => b.id === "power")!;
    expect(power.low).toEqual({value: "×0.94", co2eKg: expect.closeTo(NAS_KWH * 0.941 * 1.58 * EPA_KG, 6)});
    expect(power.high).toEqual({value: "×1.57", co2eKg: expect.closeTo(NAS_KWH * 1.566 * 1.58 * EPA_KG, 6)});
  });

  test("tornado moves the power of a run measured on its own hardware only up to 221 W over 208 W", () => {
    const power = tornado(inputs, paperScenario(inputs), nasRuns(inputs).tpu).bars.find((b) => b.id === "power")!;
    expect(power.low.value).toBe("×1.00");
    expect(power.high.value).toBe("×1.06");
    expect(power.high.co2eKg / power.low.co2eKg).toBeCloseTo(1.063, 12);
  });

  test("tornado's grid bar runs from the cleanest to the dirtiest preset: Google to China under IPCC medians", () => {
    const grid = tornado(inputs, paperScenario(inputs), nas).bars.find((b) => b.id === "grid")!;
    expect(grid.low.value).toBe("Google");
    expect(grid.high.value).toBe("China");
    const google = gridKgPerKwh(inputs, "google", "ipcc-ar5-median", "renormalise");
    // Google's mix under IPCC medians by hand: (56 × 83/3 + 14 × 490 + 15 × 820 + 10 × 12) / 95 g/kWh.
    expect(google * 1000).toBeCloseTo((56 * (83 / 3) + 14 * 490 + 15 * 820 + 10 * 12) / 95, 9);
    expect(grid.low.co2eKg).toBeCloseTo(NAS_KWH * 1.58 * google, 6);
  });

  test("tornado draws no empty bar: factor set and unassigned share are held, with a reason, without a mix", () => {
    for (const query of ["", "intensity=429g"]) {
      const t = tornado(inputs, scenario(query), nas);
      expect(t.bars.map((b) => b.id).sort(), query).toEqual(["grid", "power", "pue"]);
      expect(t.held.map((h) => h.id)).toEqual(["factors", "unassigned"]);
      for (const h of t.held) expect(h.reason).toMatch(/no effect: .*not computed from a mix/);
    }
  });

  test("tornado holds the unassigned share of a fully assigned mix, and PUE at 1, each with its reason", () => {
    const t = tornado(inputs, scenario("grid=custom&mix=25,25,25,25&pue=1"), nas);
    expect(t.held).toEqual([
      {id: "pue", label: "PUE", reason: "a PUE of 1 has no overhead to vary"},
      {id: "unassigned", label: "Unassigned share", reason: "no effect: this mix assigns every percent to a source"}
    ]);
    for (const b of t.bars) expect(b.spanKg).toBeGreaterThan(0);
  });

  test("tornado over a mix: factor sets from lowest to highest, unassigned share from 0 g to the dirtiest category", () => {
    const s = scenario("grid=us");
    const t = tornado(inputs, s, nas);
    const sets = ["ipcc-ar5-min", "ipcc-ar5-median", "ipcc-ar5-max", "codecarbon"].map((set) => ({
      set,
      kg: NAS_KWH * 1.58 * gridKgPerKwh(inputs, "us", set, "renormalise")
    }));
    sets.sort((a, b) => a.kg - b.kg);
    const factors = t.bars.find((b) => b.id === "factors")!;
    expect(factors.low).toEqual({value: sets[0].set, co2eKg: sets[0].kg});
    expect(factors.high).toEqual({value: sets[3].set, co2eKg: sets[3].kg});
    const unassigned = t.bars.find((b) => b.id === "unassigned")!;
    // US: 2 % unassigned; at 0 g the assigned 98 % is diluted, at coal's 820 g it is raised.
    const assignedG = 17 * (83 / 3) + 35 * 490 + 27 * 820 + 19 * 12;
    expect(unassigned.low.co2eKg).toBeCloseTo((NAS_KWH * 1.58 * (assignedG / 100)) / 1000, 6);
    expect(unassigned.high).toEqual({
      value: "820 g/kWh",
      co2eKg: expect.closeTo((NAS_KWH * 1.58 * ((assignedG + 2 * 820) / 100)) / 1000, 6)
    });
  });

  test("tornado sorts bars widest first, every bar straddles or touches the base", () => {
    for (const query of ["", "grid=google", "grid=custom&mix=25,25,25,25&pue=1.2", "intensity=0.2kg&units=t"]) {
      const t = tornado(inputs, scenario(query), nas);
      expect(t.bars.map((b) => b.spanKg)).toEqual([...t.bars.map((b) => b.spanKg)].sort((a, b) => b - a));
      for (const b of t.bars) {
        expect(b.low.co2eKg, `${query} ${b.id}`).toBeLessThanOrEqual(t.baseKg * (1 + 1e-12));
        expect(b.high.co2eKg, `${query} ${b.id}`).toBeGreaterThanOrEqual(t.baseKg * (1 - 1e-12));
      }
    }
  });
});
