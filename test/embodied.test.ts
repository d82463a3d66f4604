// Embodied CO2e amortised over the hardware's service life, checked against LLMCarbon's own worked example.
import {describe, expect, test} from "vitest";
import {embodiedKg, HOURS_PER_YEAR, kgPerDeviceWithServer} from "../src/lib/formulas/embodied.js";

describe("embodied", () => {
  test("embodiedKg reproduces LLMCarbon's embodied check of XLM (embodied.py, data/hardware.csv at b54d8fe)", () => {
    // llmcarbon_tutorial.py calls embodied_co2eq(20.4, 0.66): 20.4 days of the hardware in data/hardware.csv, whose
    // rows give CO2e_chip (kg) × num: CPU 1.47 × 64, DRAM 102.4 × 64, SSD 576 × 64, V100 9.78 × 512, others
    // 148.2 × 64; lifespan 5 × 365 days. The code prints total ÷ 0.66 t − 1.
    const parts: Array<[number, number]> = [
      [1.47, 64],
      [102.4, 64],
      [576, 64],
      [9.78, 512],
      [148.2, 64]
    ];
    const kg = parts.reduce(
      (sum, [kgPerDevice, devices]) => sum + embodiedKg({kgPerDevice, devices, hours: 20.4 * 24, lifetimeYears: 5}),
      0
    );
    // By hand: 58,003.84 kg × 20.4 / 1,825 = 648.37 kg.
    expect(kg).toBeCloseTo((58003.84 * 20.4) / 1825, 9);
    expect(kg / 1000 / 0.66 - 1).toBeCloseTo(-0.01762, 4);
  });

  test("embodiedKg is the device's CO2e times the share of its life the run took", () => {
    expect(embodiedKg({kgPerDevice: 100, devices: 8, hours: HOURS_PER_YEAR, lifetimeYears: 4})).toBeCloseTo(200, 12);
    expect(embodiedKg({kgPerDevice: 100, devices: 0, hours: 10, lifetimeYears: 4})).toBe(0);
  });

  test("embodiedKg rejects a life of 0 years and negative inputs", () => {
    expect(() => embodiedKg({kgPerDevice: 1, devices: 1, hours: 1, lifetimeYears: 0})).toThrow(/above 0 years/);
    expect(() => embodiedKg({kgPerDevice: -1, devices: 1, hours: 1, lifetimeYears: 1})).toThrow(/non-negative/);
  });

  test("kgPerDeviceWithServer adds the device's share of its server (EcoLogits: 164 kg + 5,700 kg ÷ 8)", () => {
    expect(kgPerDeviceWithServer({deviceKg: 164, serverKg: 5700, devicesPerServer: 8})).toBe(876.5);
    expect(() => kgPerDeviceWithServer({deviceKg: 1, serverKg: 1, devicesPerServer: 0})).toThrow(/at least 1/);
  });
});
