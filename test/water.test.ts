// Water on-site (WUE × IT energy) and off-site (grid litres per kWh × energy drawn, i.e. × PUE).
import {describe, expect, test} from "vitest";
import {waterLitres} from "../src/lib/formulas/water.js";

describe("water", () => {
  test("waterLitres: 1,000 kWh at the hardware, WUE 0.999 L/kWh, PUE 1.2, grid 3.1321 L/kWh", () => {
    const w = waterLitres({itKwh: 1000, wueLPerKwh: 0.999, gridLPerKwh: 3.1321, pue: 1.2});
    expect(w.onSiteL).toBeCloseTo(999, 9);
    expect(w.offSiteL).toBeCloseTo(3758.52, 9);
    expect(w.totalL).toBeCloseTo(4757.52, 9);
  });

  test("waterLitres with a part at 0 L/kWh gives only the other part", () => {
    expect(waterLitres({itKwh: 10, wueLPerKwh: 0, gridLPerKwh: 2, pue: 1.5})).toEqual({
      onSiteL: 0,
      offSiteL: 30,
      totalL: 30
    });
  });

  test("waterLitres rejects a PUE below 1 and negative figures", () => {
    expect(() => waterLitres({itKwh: 1, wueLPerKwh: 1, gridLPerKwh: 1, pue: 0.9})).toThrow(/at least 1/);
    expect(() => waterLitres({itKwh: -1, wueLPerKwh: 1, gridLPerKwh: 1, pue: 1})).toThrow(/non-negative/);
    expect(() => waterLitres({itKwh: 1, wueLPerKwh: -1, gridLPerKwh: 1, pue: 1})).toThrow(/negative/);
  });
});
