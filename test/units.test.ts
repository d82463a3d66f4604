import {describe, expect, test} from "vitest";
import {
  intensityToKgPerKwh,
  kgPerKwhTo,
  kgTo,
  kgToLbs,
  kgToTonnes,
  KG_PER_LB,
  lbsToKg,
  intensityKgPerKwh,
  toKg
} from "../src/lib/formulas/units.js";

// Expected values are worked by hand from 1 lb = 0.45359237 kg (exact) and 1 t = 1000 kg.

describe("units", () => {
  test("KG_PER_LB is the exact international pound", () => {
    expect(KG_PER_LB).toBe(0.45359237);
  });

  test("lbsToKg converts pounds to kilograms", () => {
    expect(lbsToKg(1)).toBe(0.45359237);
    expect(lbsToKg(100)).toBeCloseTo(45.359237, 12);
    // The paper's factor: 0.954 lbs/kWh = 0.43272712098 kg/kWh, i.e. 432.7 g/kWh.
    expect(lbsToKg(0.954)).toBeCloseTo(0.43272712098, 12);
    expect(lbsToKg(0)).toBe(0);
  });

  test("kgToLbs inverts lbsToKg", () => {
    expect(kgToLbs(0.45359237)).toBeCloseTo(1, 14);
    expect(kgToLbs(1)).toBeCloseTo(2.2046226218, 9);
    for (const lbs of [39, 1438, 626155, 78468]) expect(kgToLbs(lbsToKg(lbs))).toBeCloseTo(lbs, 8);
  });

  test("kgToTonnes divides by 1000", () => {
    expect(kgToTonnes(1500)).toBe(1.5);
    expect(kgToTonnes(0)).toBe(0);
  });

  test("kgTo converts kilograms to each unit", () => {
    expect(kgTo(2, "kg")).toBe(2);
    expect(kgTo(2000, "t")).toBe(2);
    expect(kgTo(0.45359237, "lbs")).toBeCloseTo(1, 14);
  });

  test("toKg converts each unit to kilograms", () => {
    expect(toKg(3, "kg")).toBe(3);
    expect(toKg(2, "t")).toBe(2000);
    expect(toKg(10, "lbs")).toBeCloseTo(4.5359237, 12);
  });

  test("intensityToKgPerKwh reads g, kg and lbs per kWh", () => {
    expect(intensityToKgPerKwh(429, "g")).toBeCloseTo(0.429, 15);
    expect(intensityToKgPerKwh(0.429, "kg")).toBe(0.429);
    expect(intensityToKgPerKwh(0.954, "lbs")).toBeCloseTo(0.43272712098, 12);
  });

  test("kgPerKwhTo writes g, kg and lbs per kWh", () => {
    expect(kgPerKwhTo(0.429, "g")).toBeCloseTo(429, 10);
    expect(kgPerKwhTo(0.429, "kg")).toBe(0.429);
    expect(kgPerKwhTo(0.43272712098, "lbs")).toBeCloseTo(0.954, 10);
  });

  test("intensityKgPerKwh reads a number with its unit", () => {
    expect(intensityKgPerKwh("0.429kg")).toBeCloseTo(0.429, 15);
    expect(intensityKgPerKwh("429g")).toBeCloseTo(0.429, 15);
    expect(intensityKgPerKwh("0.954lbs")).toBeCloseTo(0.43272712098, 12);
    expect(intensityKgPerKwh("0.954 lb/kWh")).toBeCloseTo(0.43272712098, 12);
    expect(intensityKgPerKwh(" 429 G ")).toBeCloseTo(0.429, 15);
    expect(intensityKgPerKwh("4.29e2g")).toBeCloseTo(0.429, 15);
    expect(intensityKgPerKwh("0kg")).toBe(0);
    expect(intensityKgPerKwh("5kg")).toBe(5);
    expect(intensityKgPerKwh("1e400g")).toBe(Infinity);
  });

  test("intensityKgPerKwh is null for text without a unit, a sign or a separator", () => {
    for (const text of ["5", "-1kg", "abc", "", "1,5kg"]) expect(intensityKgPerKwh(text), text).toBeNull();
  });
});
