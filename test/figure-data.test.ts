import {describe, expect, test} from "vitest";
import {csvValue, defaultColumns, figureCsv, readableNumber, roundSignificant} from "../src/lib/present/figure-data.js";

describe("roundSignificant", () => {
  test("roundSignificant removes binary noise at 12 significant digits", () => {
    expect(roundSignificant(1983.9999999999998)).toBe(1984);
    expect(roundSignificant(352.00000000000006)).toBe(352);
    expect(roundSignificant(135.52000000000004)).toBe(135.52);
    expect(roundSignificant(0.1 + 0.2)).toBe(0.3);
  });
  test("roundSignificant keeps integers, zero and non-finite values", () => {
    expect(roundSignificant(626155)).toBe(626155);
    expect(roundSignificant(0)).toBe(0);
    expect(roundSignificant(Number.NaN)).toBeNaN();
  });
  test("roundSignificant keeps twelve significant digits of a real value", () => {
    expect(roundSignificant(1234.56789012345)).toBe(1234.56789012);
  });
});

describe("figureCsv", () => {
  const rows = [
    {label: "Car, avg incl. fuel, 1 lifetime", co2e_lbs: 126000, share: 0.1 + 0.2},
    {label: 'A "quoted" row', co2e_lbs: 1983.9999999999998, share: null}
  ];
  test("figureCsv writes the column keys as header and numbers as plain numbers", () => {
    expect(
      figureCsv(rows, [
        {key: "label", label: "Row"},
        {key: "co2e_lbs", label: "CO2e (lbs)"}
      ])
    ).toBe('label,co2e_lbs\n"Car, avg incl. fuel, 1 lifetime",126000\n"A ""quoted"" row",1984\n');
  });
  test("figureCsv defaults to every key of the first row and leaves missing values empty", () => {
    expect(figureCsv(rows).split("\n")[0]).toBe("label,co2e_lbs,share");
    expect(figureCsv(rows).split("\n")[1].endsWith(",0.3")).toBe(true);
    expect(figureCsv(rows).split("\n")[2].endsWith(",")).toBe(true);
  });
  test("figureCsv of no rows and no columns is an empty header line", () => {
    expect(figureCsv([])).toBe("\n");
    expect(defaultColumns([])).toEqual([]);
  });
  test("csvValue writes nothing for null and non-finite numbers", () => {
    expect(csvValue(null)).toBe("");
    expect(csvValue(Number.POSITIVE_INFINITY)).toBe("");
    expect(csvValue(true)).toBe("true");
  });
});

describe("readableNumber", () => {
  test("readableNumber uses separators and decimals by magnitude", () => {
    expect(readableNumber(626155.4)).toBe("626,155");
    expect(readableNumber(39.1234)).toBe("39.12");
    expect(readableNumber(0.01834)).toBe("0.0183");
    expect(readableNumber(5)).toBe("5");
  });
});
