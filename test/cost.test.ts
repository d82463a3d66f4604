import {describe, expect, test} from "vitest";
import {cloudCostRangeUsd, cloudCostUsd, electricityCostUsd} from "../src/lib/formulas/cost.js";

// Cloud cost = accelerators × hours × price (Strubell et al. 2019 §3, fn 7); electricity at $/kWh (fn 9).

describe("cost", () => {
  test("cloudCostUsd multiplies accelerators, hours and the hourly price", () => {
    // Transformer (base): 8 × 12 h × $0.43 = $41.28 (printed 41); × $1.46 = $140.16 (printed 140).
    expect(cloudCostUsd(8, 12, 0.43)).toBeCloseTo(41.28, 10);
    expect(cloudCostUsd(8, 12, 1.46)).toBeCloseTo(140.16, 10);
    // GPT-2: 32 × 168 h × $2.40 = $12,902.40 (printed 12,902); × $8.00 = $43,008 (printed 43,008).
    expect(cloudCostUsd(32, 168, 2.4)).toBeCloseTo(12902.4, 8);
    expect(cloudCostUsd(32, 168, 8)).toBe(43008);
    expect(cloudCostUsd(0, 12, 1)).toBe(0);
  });

  test("cloudCostRangeUsd gives the pre-emptible and on-demand costs", () => {
    // ELMo: 3 × 336 h = 1008 h; × $0.43 = $433.44, × $1.46 = $1,471.68 (printed 433–1472).
    const elmo = cloudCostRangeUsd(3, 336, 0.43, 1.46);
    expect(elmo.low).toBeCloseTo(433.44, 9);
    expect(elmo.high).toBeCloseTo(1471.68, 9);
    expect(Object.keys(elmo).sort()).toEqual(["high", "low"]);
  });

  test("electricityCostUsd multiplies energy by the price", () => {
    expect(electricityCostUsd(100, 0.12)).toBeCloseTo(12, 12);
    // One LISA model: 120 h × 216.96 W × 1.58 / 1000 = 41.135616 kWh; × $0.12 = $4.93627392 (printed 5).
    expect(electricityCostUsd(41.135616, 0.12)).toBeCloseTo(4.93627392, 10);
    expect(electricityCostUsd(0, 0.12)).toBe(0);
  });
});
