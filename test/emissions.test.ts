import {describe, expect, test} from "vitest";
import {co2eKg, co2eLbs, lbsPerKwhToKgPerKwh} from "../src/lib/formulas/emissions.js";

// Equation 2 of Strubell et al. 2019: CO2e = 0.954 · p_t (lbs). Values worked by hand.

describe("emissions", () => {
  test("co2eKg multiplies energy by intensity", () => {
    expect(co2eKg(1000, 0.4)).toBe(400);
    expect(co2eKg(0, 0.4)).toBe(0);
    expect(co2eKg(1000, 0)).toBe(0);
  });

  test("co2eLbs applies the paper's 0.954 lbs/kWh", () => {
    // Transformer (base): 26.8431888 kWh × 0.954 = 25.6084021 lbs (printed 26).
    expect(co2eLbs(26.8431888, 0.954)).toBeCloseTo(25.6084021, 6);
    // Transformer (big): 201.1278696 kWh × 0.954 = 191.8759876 lbs (printed 192).
    expect(co2eLbs(201.1278696, 0.954)).toBeCloseTo(191.8759876, 6);
  });

  test("lbsPerKwhToKgPerKwh converts the paper's factor", () => {
    // 0.954 × 0.45359237 = 0.43272712098 kg/kWh.
    expect(lbsPerKwhToKgPerKwh(0.954)).toBeCloseTo(0.43272712098, 12);
  });

  test("co2eKg in kg and co2eLbs in lbs agree through the conversion", () => {
    const kwh = 1506.8264;
    expect(co2eKg(kwh, lbsPerKwhToKgPerKwh(0.954)) / 0.45359237).toBeCloseTo(co2eLbs(kwh, 0.954), 9);
  });
});
