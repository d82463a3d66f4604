// The loaders' cross-file joins (loaders/joins.ts, Arquero): which row of a file a check names.
import {describe, expect, test} from "vitest";
import {firstInvertedPrice, firstMatched, firstUnmatched, missingKeys} from "../loaders/joins.js";

const lined = <R>(rows: R[]) => rows.map((row, i) => ({line: i + 2, row}));

describe("firstUnmatched", () => {
  test("firstUnmatched returns the first row, in file order, whose keys are in no known row", () => {
    const runs = lined([{hardware: "p100"}, {hardware: "x"}, {hardware: "y"}]);
    expect(firstUnmatched(runs, ["hardware"], [{id: "p100"}, {id: "y"}], ["id"])).toEqual({
      line: 3,
      row: {hardware: "x"}
    });
    expect(firstUnmatched(runs, ["hardware"], [{id: "p100"}, {id: "x"}, {id: "y"}], ["id"])).toBeUndefined();
  });

  test("firstUnmatched joins on several keys", () => {
    const cells = lined([
      {table: "table1", row: "a"},
      {table: "table3", row: "a"}
    ]);
    expect(firstUnmatched(cells, ["table", "row"], [{table: "table1", row: "a"}], ["table", "row"])?.line).toBe(3);
  });
});

describe("firstUnmatched with nothing known", () => {
  test("firstUnmatched returns the first row in file order when no row is known", () => {
    const runs = [
      {line: 5, row: {hardware: "y"}},
      {line: 3, row: {hardware: "x"}}
    ];
    expect(firstUnmatched(runs, ["hardware"], [], ["id"])).toEqual({line: 3, row: {hardware: "x"}});
    expect(firstUnmatched([], ["hardware"], [], ["id"])).toBeUndefined();
  });
});

describe("firstMatched", () => {
  test("firstMatched returns the first row, in file order, whose keys are in a known row (a semi-join)", () => {
    const runs = lined([{hardware: "tpu"}, {hardware: "p100"}, {hardware: "v100"}]);
    const gpus = [{id: "v100"}, {id: "p100"}];
    expect(firstMatched(runs, ["hardware"], gpus, ["id"])).toEqual({line: 3, row: {hardware: "p100"}});
    expect(firstMatched(runs.slice(0, 1), ["hardware"], gpus, ["id"])).toBeUndefined();
    expect(firstMatched(runs, ["hardware"], [], ["id"])).toBeUndefined();
  });
});

describe("missingKeys", () => {
  test("missingKeys lists the wanted keys no row has, in the order wanted", () => {
    const factors = [
      {set: "a", energySource: "coal"},
      {set: "b", energySource: "gas"}
    ];
    const wanted = ["a", "b"].flatMap((set) => ["gas", "coal"].map((energySource) => ({set, energySource})));
    expect(missingKeys(wanted, factors, ["set", "energySource"])).toEqual([
      {set: "a", energySource: "gas"},
      {set: "b", energySource: "coal"}
    ]);
  });

  test("missingKeys joins on other column names, and everything is missing from no rows", () => {
    expect(missingKeys([{key: "pue"}, {key: "usd_per_kwh"}], [{name: "pue"}], ["key"], ["name"])).toEqual([
      {key: "usd_per_kwh"}
    ]);
    expect(missingKeys([{key: "pue"}], [], ["key"])).toEqual([{key: "pue"}]);
  });
});

describe("firstInvertedPrice", () => {
  test("firstInvertedPrice names an accelerator whose pre-emptible price exceeds its on-demand price", () => {
    const prices = lined([
      {accelerator: "p100", tier: "on_demand", usdPerHour: 1.46},
      {accelerator: "v100", tier: "on_demand", usdPerHour: 2.48},
      {accelerator: "v100", tier: "preemptible", usdPerHour: 3},
      {accelerator: "p100", tier: "preemptible", usdPerHour: 0.43}
    ]);
    expect(firstInvertedPrice(prices)).toEqual({at: prices[1], preemptible: 3, onDemand: 2.48});
    expect(firstInvertedPrice(prices.slice(0, 2))).toBeUndefined();
  });
});
