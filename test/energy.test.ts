import {describe, expect, test} from "vitest";
import {energyKwh, totalPowerWatts} from "../src/lib/formulas/energy.js";

// Equation 1 of Strubell et al. 2019: p_t = 1.58 · t · (p_c + p_r + g · p_g) / 1000. Values worked by hand.

describe("energy", () => {
  test("totalPowerWatts adds CPU, DRAM and every GPU", () => {
    // 100 W CPU + 20 W DRAM + 4 × 250 W GPUs = 1120 W.
    expect(totalPowerWatts(100, 20, 250, 4)).toBe(1120);
    expect(totalPowerWatts(100, 20, 250, 0)).toBe(120);
    expect(totalPowerWatts(0, 0, 300, 1)).toBe(300);
  });

  test("energyKwh multiplies PUE, hours and watts and divides by 1000", () => {
    expect(energyKwh(1000, 1, 1)).toBe(1);
    expect(energyKwh(2000, 3, 1.5)).toBe(9);
    // Transformer (base): 1.58 × 12 h × 1415.78 W / 1000 = 18.96 × 1.41578 = 26.8431888 kWh (printed 27).
    expect(energyKwh(1415.78, 12, 1.58)).toBeCloseTo(26.8431888, 9);
    // Transformer (big): 1.58 × 84 h × 1515.43 W / 1000 = 132.72 × 1.51543 = 201.1278696 kWh (printed 201).
    expect(energyKwh(1515.43, 84, 1.58)).toBeCloseTo(201.1278696, 9);
    // ELMo: 1.58 × 336 h × 517.66 W / 1000 = 530.88 × 0.51766 = 274.8153408 kWh (printed 275).
    expect(energyKwh(517.66, 336, 1.58)).toBeCloseTo(274.8153408, 9);
  });

  test("energyKwh is zero for zero hours and linear in each argument", () => {
    expect(energyKwh(1415.78, 0, 1.58)).toBe(0);
    expect(energyKwh(500, 10, 2)).toBe(2 * energyKwh(500, 10, 1));
    expect(energyKwh(500, 20, 1)).toBe(2 * energyKwh(500, 10, 1));
  });
});
