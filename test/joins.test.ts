// The loaders' cross-file joins (loaders/joins.ts, Arquero): which row of a file a check names.
import {describe, expect, test} from "vitest";
import {firstInvertedPrice, firstUnmatched} from "../loaders/joins.js";

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
