import {describe, expect, test} from "vitest";
import {formatNumber, formatSignificant, formatStep, formatUsd} from "../src/lib/present/format.js";

describe("format", () => {
  test("formatNumber uses thousands separators and fixed decimals", () => {
    expect(formatNumber(1234.5)).toBe("1,235");
    expect(formatNumber(1234.5, 1)).toBe("1,234.5");
    expect(formatNumber(3201722)).toBe("3,201,722");
    expect(formatNumber(0.4327, 4)).toBe("0.4327");
    expect(formatNumber(79.2, 2)).toBe("79.20");
    expect(formatNumber(-1503.02, 1)).toBe("-1,503.0");
    expect(formatNumber(2.5)).toBe("3");
    expect(formatNumber(-0.001, 2)).toBe("0.00");
  });

  test("formatNumber shows a dash for missing and non-finite values", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(undefined)).toBe("—");
    expect(formatNumber(NaN)).toBe("—");
    expect(formatNumber(Infinity)).toBe("—");
  });

  test("formatStep writes a value as printed at its step", () => {
    expect(formatStep(1437.51, 1)).toBe("1,438");
    expect(formatStep(103175.06, 1000)).toBe("103k");
    expect(formatStep(350315.32, 1000)).toBe("350k");
    expect(formatStep(1415.781, 0.01)).toBe("1,415.78");
    expect(formatStep(79.24, 0.1)).toBe("79.2");
    expect(formatStep(null, 1)).toBe("—");
  });

  test("formatSignificant keeps a number of significant digits", () => {
    expect(formatSignificant(0.43272712, 3)).toBe("0.433");
    expect(formatSignificant(626155, 3)).toBe("626,000");
    expect(formatSignificant(4.9695, 2)).toBe("5.0");
    expect(formatSignificant(-0.001234, 2)).toBe("-0.0012");
    expect(formatSignificant(0)).toBe("0");
    // Rounding up to the next power of ten keeps the number of significant digits.
    expect(formatSignificant(0.09996, 3)).toBe("0.100");
    expect(formatSignificant(999.7, 3)).toBe("1,000");
    expect(formatSignificant(NaN)).toBe("—");
  });

  test("formatUsd prefixes a dollar sign", () => {
    expect(formatUsd(3741.44)).toBe("$3,741");
    expect(formatUsd(12538.88)).toBe("$12,539");
    expect(formatUsd(1.35, 2)).toBe("$1.35");
    expect(formatUsd(null)).toBe("—");
  });
});
