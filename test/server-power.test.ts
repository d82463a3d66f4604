// The rest of a server's power beyond its accelerators, shared among them, with PUE (equation 1).
import {describe, expect, test} from "vitest";
import {serverKwh} from "../src/lib/formulas/server-power.js";
import {energyKwh} from "../src/lib/formulas/energy.js";

describe("server-power", () => {
  test("serverKwh: EcoLogits' 1.2 kW per 8-GPU server over 8,000 GPU-hours at PUE 1.1 is 1,320 kWh", () => {
    expect(serverKwh({deviceHours: 8000, serverKw: 1.2, devicesPerServer: 8, pue: 1.1})).toBeCloseTo(1320, 9);
  });

  test("serverKwh is equation 1 with the server's power per device", () => {
    expect(serverKwh({deviceHours: 100, serverKw: 2, devicesPerServer: 4, pue: 1.5})).toBe(energyKwh(500, 100, 1.5));
  });

  test("serverKwh rejects a server of no devices and negative inputs", () => {
    expect(() => serverKwh({deviceHours: 1, serverKw: 1, devicesPerServer: 0, pue: 1})).toThrow(/at least 1/);
    expect(() => serverKwh({deviceHours: -1, serverKw: 1, devicesPerServer: 1, pue: 1})).toThrow(/non-negative/);
  });
});
