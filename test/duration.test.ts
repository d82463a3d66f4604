import {describe, expect, test} from "vitest";
import {hoursFromDuration, HOURS_PER_DAY} from "../src/lib/formulas/duration.js";

// Where Table 3's hours come from (Strubell et al. 2019 §2.1). Values worked by hand.

describe("duration", () => {
  test("HOURS_PER_DAY is 24", () => {
    expect(HOURS_PER_DAY).toBe(24);
  });

  test("hoursFromDuration keeps hours", () => {
    expect(hoursFromDuration(12, "h")).toBe(12);
    expect(hoursFromDuration(0.5, "h")).toBe(0.5);
  });

  test("hoursFromDuration turns days into hours", () => {
    expect(hoursFromDuration(3.5, "d")).toBe(84); // Transformer (big)
    expect(hoursFromDuration(14, "d")).toBe(336); // ELMo, 2 weeks
    expect(hoursFromDuration(4, "d")).toBe(96); // BERT on TPUv2
    expect(hoursFromDuration(7, "d")).toBe(168); // GPT-2, 1 week
    // BERT on V100: 3.3 d × 24 = 79.2 h (Table 3 prints 79).
    expect(hoursFromDuration(3.3, "d")).toBeCloseTo(79.2, 12);
  });

  test("hoursFromDuration scales steps by a reference run", () => {
    // NAS on P100: 979,000,000 / 300,000 × 84 h = 3263.33… × 84 = 274,120 h.
    expect(hoursFromDuration(979e6, "steps", 3e5, 84)).toBeCloseTo(274120, 6);
    // NAS on TPUv2: 979,000,000 / 300,000 × 10 h = 32,633.33 h (Table 3 prints 32,623).
    expect(hoursFromDuration(979e6, "steps", 3e5, 10)).toBeCloseTo(32633.3333333, 6);
    expect(hoursFromDuration(300000, "steps", 300000, 84)).toBe(84);
  });

  test("hoursFromDuration needs a reference run for steps", () => {
    expect(() => hoursFromDuration(979e6, "steps")).toThrow(/reference run/);
    expect(() => hoursFromDuration(979e6, "steps", 3e5, null)).toThrow(/reference run/);
    expect(() => hoursFromDuration(979e6, "steps", null, 10)).toThrow(/reference run/);
    expect(() => hoursFromDuration(979e6, "steps", 0, 10)).toThrow(/refSteps > 0/);
  });
});
