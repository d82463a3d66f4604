import {describe, expect, test} from "vitest";
import {
  CATEGORY_SOURCES,
  categoryFactors,
  factorSetNames,
  intensityFromMix,
  MIX_CATEGORIES,
  mixOf,
  unassignedPercent,
  type Mix
} from "../src/lib/scenario/mix.js";
import type {EmissionFactor, GridMix} from "../src/lib/inputs/types.js";

const p = {source: "test", locator: "test"};
const factor = (set: string, energySource: string, gPerKwh: number): EmissionFactor => ({
  set,
  energySource,
  gPerKwh,
  ...p
});

// A made-up factor set with round numbers so every expectation can be worked by hand:
// renewable = mean(hydropower 10, wind 20, solar 30) = 20; gas 500; coal 1000; nuclear 10.
const FACTORS: EmissionFactor[] = [
  factor("round", "hydropower", 10),
  factor("round", "wind", 20),
  factor("round", "solar", 30),
  factor("round", "gas", 500),
  factor("round", "coal", 1000),
  factor("round", "nuclear", 10),
  factor("round", "oil", 800),
  factor("other", "coal", 900)
];
const ROUND = {renewable: 20, gas: 500, coal: 1000, nuclear: 10};

describe("mix", () => {
  test("MIX_CATEGORIES are Table 2's four sources in its order", () => {
    expect(MIX_CATEGORIES).toEqual(["renewable", "gas", "coal", "nuclear"]);
    expect(CATEGORY_SOURCES.renewable).toEqual(["hydropower", "wind", "solar"]);
  });

  test("mixOf keeps only the four shares", () => {
    const grid: GridMix = {id: "us", consumer: "United States", renewable: 17, gas: 35, coal: 27, nuclear: 19, ...p};
    expect(mixOf(grid)).toEqual({renewable: 17, gas: 35, coal: 27, nuclear: 19});
  });

  test("unassignedPercent is what the four shares leave of 100", () => {
    expect(unassignedPercent({renewable: 22, gas: 3, coal: 65, nuclear: 4})).toBe(6); // China
    expect(unassignedPercent({renewable: 17, gas: 35, coal: 27, nuclear: 19})).toBe(2); // US
    expect(unassignedPercent({renewable: 56, gas: 14, coal: 15, nuclear: 10})).toBe(5); // Google
    expect(unassignedPercent({renewable: 25, gas: 25, coal: 25, nuclear: 25})).toBe(0);
  });

  test("factorSetNames lists each set once, in file order", () => {
    expect(factorSetNames(FACTORS)).toEqual(["round", "other"]);
    expect(factorSetNames([])).toEqual([]);
  });

  test("categoryFactors averages the renewable sources and passes the others through", () => {
    expect(categoryFactors(FACTORS, "round")).toEqual(ROUND);
  });

  test("categoryFactors rejects an unknown set and a set missing a source", () => {
    expect(() => categoryFactors(FACTORS, "nope")).toThrow(/unknown emission factor set "nope"/);
    expect(() => categoryFactors(FACTORS, "other")).toThrow(/factor set "other" has no factor for "hydropower"/);
  });

  test("intensityFromMix renormalises the assigned shares", () => {
    // 50 % renewable, 20 % gas, 20 % coal: (50×20 + 20×500 + 20×1000) / 90 = 31000 / 90 = 344.44 g/kWh.
    const mix: Mix = {renewable: 50, gas: 20, coal: 20, nuclear: 0};
    expect(intensityFromMix(mix, ROUND, "renormalise")).toBeCloseTo(31000 / 90 / 1000, 12);
    // A full mix needs no renormalisation: 100 % coal = 1000 g = 1 kg.
    expect(intensityFromMix({renewable: 0, gas: 0, coal: 100, nuclear: 0}, ROUND, "renormalise")).toBe(1);
    // Renormalising a pure source gives that source whatever its share.
    expect(intensityFromMix({renewable: 0, gas: 40, coal: 0, nuclear: 0}, ROUND, "renormalise")).toBe(0.5);
  });

  test("intensityFromMix gives the unassigned share its own factor", () => {
    // (31000 + 10 % × 1000 g) / 100 = 410 g/kWh.
    const mix: Mix = {renewable: 50, gas: 20, coal: 20, nuclear: 0};
    expect(intensityFromMix(mix, ROUND, {gPerKwh: 1000})).toBeCloseTo(0.41, 12);
    // With 0 g for the rest: 31000 / 100 = 310 g/kWh.
    expect(intensityFromMix(mix, ROUND, {gPerKwh: 0})).toBeCloseTo(0.31, 12);
  });

  test("intensityFromMix with Table 2's US mix and IPCC AR5 medians", () => {
    // renewable = (24 + 11 + 48) / 3 = 27.667; (17×27.667 + 35×490 + 27×820 + 19×12) / 98
    // = (470.333 + 17150 + 22140 + 228) / 98 = 39988.333 / 98 = 408.044 g/kWh.
    const median = {renewable: 83 / 3, gas: 490, coal: 820, nuclear: 12};
    expect(intensityFromMix({renewable: 17, gas: 35, coal: 27, nuclear: 19}, median, "renormalise")).toBeCloseTo(
      0.408044,
      6
    );
  });

  test("intensityFromMix rejects a mix with no assigned share", () => {
    expect(() => intensityFromMix({renewable: 0, gas: 0, coal: 0, nuclear: 0}, ROUND, "renormalise")).toThrow(
      /positive share/
    );
  });
});

describe("mix: shipped factor sets", () => {
  test("categoryFactors under every shipped set: Google's mix (56 % renewable) is cleaner than the US mix", async () => {
    const {loadInputs} = await import("../loaders/inputs.js");
    const inputs = loadInputs();
    const grid = (id: string) => mixOf(inputs.grids.find((g) => g.id === id)!);
    const sets = factorSetNames(inputs.factors);
    expect(sets).toEqual(["ipcc-ar5-min", "ipcc-ar5-median", "ipcc-ar5-max", "codecarbon"]);
    for (const set of sets) {
      const f = categoryFactors(inputs.factors, set);
      const google = intensityFromMix(grid("google"), f, "renormalise");
      const us = intensityFromMix(grid("us"), f, "renormalise");
      expect(google, set).toBeLessThan(us);
      // Renewables stay the cleanest fossil-free share's neighbour: below gas in every set.
      expect(f.renewable, set).toBeLessThan(f.gas);
    }
    // The maximum set's stated choice: hydropower at IPCC's median, not its 2,200 g reservoir maximum.
    expect(inputs.factors.find((x) => x.set === "ipcc-ar5-max" && x.energySource === "hydropower")!.gPerKwh).toBe(24);
  });

  test("categoryFactors applies per-source overrides in place of the set's factors", () => {
    const f = categoryFactors(FACTORS, "round", {coal: 900, hydropower: 40});
    expect(f.coal).toBe(900);
    expect(f.renewable).toBe((40 + 20 + 30) / 3);
  });
});
