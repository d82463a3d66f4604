import {describe, expect, test} from "vitest";
import {
  cellKey,
  cellLookup,
  compareTables,
  errataByCell,
  lookupCell,
  matchesPrinted,
  publishedIndex,
  publishedRow,
  roundToStep,
  type ErratumRef
} from "../src/lib/paper/compare.js";
import type {Tables} from "../src/lib/paper/tables.js";
import type {PublishedCell} from "../src/lib/inputs/types.js";

const cell = (
  table: PublishedCell["table"],
  row: string,
  column: string,
  value: number,
  step = 1,
  printed = String(value)
): PublishedCell => ({table, row, column, value, step, printed, locator: `Table ${table.slice(5)}`});

// Hand-made tables: only the rows and columns compareTables reads.
const TABLES = {
  table1: [{id: "pipeline", co2e_lbs: 39.24}],
  table3: [
    {id: "bert", hours: 79.2, kwh: 1506.83, power_w: 12041.51, cost_usd_low: 3750.91},
    {id: "tpu", hours: 96, kwh: null, power_w: null, cost_usd_low: 2242.56}
  ],
  table4: [{id: "project", cost_usd_low: 103175.06, electricity_usd: 9870.16}]
} as unknown as Pick<Tables, "table1" | "table3" | "table4">;

describe("compare", () => {
  test("cellKey joins table, row and column with dots", () => {
    expect(cellKey("table3", "bert", "kwh")).toBe("table3.bert.kwh");
  });

  test("roundToStep rounds half away from zero", () => {
    expect(roundToStep(2.5, 1)).toBe(3);
    expect(roundToStep(-2.5, 1)).toBe(-3);
    expect(roundToStep(0.5, 1)).toBe(1);
    expect(roundToStep(-0.5, 1)).toBe(-1);
    expect(roundToStep(2.4999, 1)).toBe(2);
    expect(roundToStep(3.5, 1)).toBe(4); // not to even
    expect(roundToStep(2073.6, 1)).toBe(2074);
    expect(roundToStep(0, 1)).toBe(0);
  });

  test("roundToStep rounds decimal halves that binary cannot represent up", () => {
    // 1.005 is stored as 1.00499999999999989…; printed tables round it to 1.01.
    expect(roundToStep(1.005, 0.01)).toBe(1.01);
    expect(roundToStep(1415.775, 0.01)).toBe(1415.78);
    expect(roundToStep(0.125, 0.01)).toBe(0.13);
    expect(roundToStep(1415.774, 0.01)).toBe(1415.77);
  });

  test("roundToStep rounds to thousands for 103k-style cells", () => {
    expect(roundToStep(103175.06, 1000)).toBe(103000);
    expect(roundToStep(350315.32, 1000)).toBe(350000);
    expect(roundToStep(102500, 1000)).toBe(103000);
    expect(roundToStep(102499.99, 1000)).toBe(102000);
  });

  test("matchesPrinted compares at the printed precision", () => {
    expect(matchesPrinted(1506.83, 1507, 1)).toBe(true);
    expect(matchesPrinted(1503.02, 1507, 1)).toBe(false);
    expect(matchesPrinted(1506.5, 1507, 1)).toBe(true);
    expect(matchesPrinted(1506.49, 1507, 1)).toBe(false);
    expect(matchesPrinted(103175.06, 103000, 1000)).toBe(true);
    expect(matchesPrinted(103675, 103000, 1000)).toBe(false);
    expect(matchesPrinted(1415.78, 1415.78, 0.01)).toBe(true);
    expect(matchesPrinted(32633.33, 32623, 1)).toBe(false);
  });

  test("lookupCell reads the recomputed value, null where there is none", () => {
    expect(lookupCell(TABLES, cell("table3", "bert", "kwh", 1507))).toBe(1506.83);
    expect(lookupCell(TABLES, cell("table3", "tpu", "kwh", 1))).toBeNull();
    expect(lookupCell(TABLES, cell("table4", "project", "cost_usd_low", 103000, 1000))).toBe(103175.06);
  });

  test("lookupCell names a printed cell with no recomputed row or column", () => {
    expect(() => lookupCell(TABLES, cell("table3", "gpt3", "kwh", 1))).toThrow(
      "published cell table3.gpt3.kwh has no recomputed row"
    );
    expect(() => lookupCell(TABLES, cell("table3", "bert", "watts", 1))).toThrow(
      "published cell table3.bert.watts has no recomputed column"
    );
  });

  test("compareTables marks matching cells reproduced and others differs", () => {
    const [kwh, low] = compareTables(
      TABLES,
      [cell("table3", "bert", "kwh", 1507), cell("table3", "tpu", "cost_usd_low", 2074)],
      []
    );
    expect(kwh).toMatchObject({
      key: "table3.bert.kwh",
      table: "table3",
      row: "bert",
      column: "kwh",
      recomputed: 1506.83,
      rounded: 1507,
      published: 1507,
      printed: "1507",
      step: 1,
      locator: "Table 3",
      status: "reproduced",
      errata: []
    });
    expect(kwh.difference).toBeCloseTo(-0.17, 10);
    expect(kwh.ratio).toBeCloseTo(1506.83 / 1507, 12);
    expect(low.status).toBe("differs");
    expect(low.rounded).toBe(2243);
    expect(low.difference).toBeCloseTo(168.56, 9);
  });

  test("compareTables marks a matching cell calibrated when a calibration erratum names it", () => {
    const errata: ErratumRef[] = [{id: "inferred", kind: "calibration", cells: ["table1.pipeline.co2e_lbs"]}];
    const [c] = compareTables(TABLES, [cell("table1", "pipeline", "co2e_lbs", 39)], errata);
    expect(c.status).toBe("calibrated");
    expect(c.errata).toEqual(["inferred"]);
  });

  test("compareTables keeps a differing cell differs even when a calibration erratum names it", () => {
    const errata: ErratumRef[] = [{id: "inferred", kind: "calibration", cells: ["table1.pipeline.co2e_lbs"]}];
    const [c] = compareTables(TABLES, [cell("table1", "pipeline", "co2e_lbs", 40)], errata);
    expect(c.status).toBe("differs");
    expect(c.errata).toEqual(["inferred"]);
  });

  test("compareTables links every erratum naming a cell, and only those", () => {
    const errata: ErratumRef[] = [
      {id: "price", kind: "difference", cells: ["table3.tpu.cost_usd_low", "table3.other.cost_usd_low"]},
      {id: "note", kind: "note", cells: ["table3.tpu.cost_usd_low", "table3.bert.kwh"]},
      {id: "unrelated", kind: "difference", cells: ["table3.tpu.hours"]}
    ];
    const [low, kwh] = compareTables(
      TABLES,
      [cell("table3", "tpu", "cost_usd_low", 2074), cell("table3", "bert", "kwh", 1507)],
      errata
    );
    expect(low.status).toBe("differs");
    expect(low.errata).toEqual(["price", "note"]);
    // A note on a matching cell annotates it without changing its status.
    expect(kwh.status).toBe("reproduced");
    expect(kwh.errata).toEqual(["note"]);
  });

  test("compareTables marks a printed cell with no recomputed value differs", () => {
    const [c] = compareTables(TABLES, [cell("table3", "tpu", "kwh", 100)], []);
    expect(c).toMatchObject({status: "differs", recomputed: null, rounded: null, difference: null, ratio: null});
  });

  test("compareTables compares thousands cells at their step", () => {
    const [c] = compareTables(TABLES, [cell("table4", "project", "cost_usd_low", 103000, 1000, "103k")], []);
    expect(c).toMatchObject({status: "reproduced", rounded: 103000, printed: "103k", step: 1000});
  });

  test("publishedRow gives the printed values of a row, null where nothing was printed", () => {
    const published = [cell("table3", "bert", "kwh", 1507), cell("table3", "bert", "hours", 79)];
    const byCell = publishedIndex(published);
    expect(publishedRow(byCell, "table3", "bert", ["hours", "power_w", "kwh"])).toEqual({
      hours: 79,
      power_w: null,
      kwh: 1507
    });
    expect(publishedRow(byCell, "table3", "tpu", ["hours"])).toEqual({hours: null});
    expect(publishedRow(byCell, "table4", "bert", ["hours"])).toEqual({hours: null});
  });

  test("publishedRow keeps the order of the columns asked for", () => {
    const byCell = publishedIndex([cell("table3", "bert", "kwh", 1507), cell("table3", "bert", "hours", 79)]);
    expect(Object.keys(publishedRow(byCell, "table3", "bert", ["kwh", "hours", "power_w"]))).toEqual([
      "kwh",
      "hours",
      "power_w"
    ]);
  });

  test("publishedIndex refuses a printed cell given twice", () => {
    expect(() => publishedIndex([cell("table3", "bert", "kwh", 1507), cell("table3", "bert", "kwh", 1506)])).toThrow(
      /duplicate/
    );
  });

  test("cellLookup reads every printed cell from one index of each table's rows", () => {
    const value = cellLookup(TABLES);
    expect(value(cell("table3", "bert", "kwh", 1507))).toBe(1506.83);
    expect(value(cell("table1", "pipeline", "co2e_lbs", 39))).toBe(39.24);
    expect(value(cell("table3", "tpu", "kwh", 1))).toBeNull();
    expect(() => value(cell("table4", "single", "hours", 1))).toThrow(
      "published cell table4.single.hours has no recomputed row"
    );
  });

  test("errataByCell lists the errata that name each cell, in the errata's order, each once", () => {
    const errata: ErratumRef[] = [
      {id: "b", kind: "difference", cells: ["table3.bert.kwh", "table3.bert.kwh", "table3.bert.hours"]},
      {id: "a", kind: "note", cells: ["table3.bert.kwh"]}
    ];
    const byCell = errataByCell(errata);
    expect(byCell.get("table3.bert.kwh")?.map((e) => e.id)).toEqual(["b", "a"]);
    expect(byCell.get("table3.bert.hours")?.map((e) => e.id)).toEqual(["b"]);
    expect(byCell.get("table3.tpu.kwh")).toBeUndefined();
  });
});
