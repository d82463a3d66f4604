// data/uncertainty.csv: every assumption the Monte Carlo needs is read; a missing one fails with a DataError naming the
// file and the column.
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadUncertaintyInputs} from "../loaders/uncertainty-inputs.js";
import {NUMERIC_ASSUMPTIONS, SET_ASSUMPTION} from "../src/lib/uncertainty/montecarlo.js";
import {dataCopies, dataErrorOf} from "./data-copy.js";

const copy = dataCopies("uncertainty-inputs-");
/** A copy of data/ whose uncertainty.csv lacks the rows of the given assumptions. */
const without = (...assumptions: string[]) =>
  copy("uncertainty.csv", (text) => {
    const lines = text.split("\n");
    const kept = lines.filter((line) => !assumptions.some((a) => line.startsWith(`${a},`)));
    if (kept.length !== lines.length - assumptions.length) throw new Error(`not one row each for ${assumptions}`);
    return kept.join("\n");
  });
const dataError = (dir: string) => dataErrorOf(() => loadUncertaintyInputs(dir));

describe("uncertainty-inputs", () => {
  test("loadUncertaintyInputs reads every assumption the Monte Carlo needs", () => {
    const {uncertainty} = loadUncertaintyInputs("data");
    const names = uncertainty.map((u) => u.assumption);
    for (const needed of [...NUMERIC_ASSUMPTIONS, SET_ASSUMPTION]) expect(names).toContain(needed);
  });

  test("loadUncertaintyInputs names the first missing assumption, in the order the Monte Carlo needs them", () => {
    const [first, second] = NUMERIC_ASSUMPTIONS;
    const error = dataError(without(second, first));
    expect(error.file.endsWith("uncertainty.csv")).toBe(true);
    expect(error.line).toBeNull();
    expect(error.column).toBe("assumption");
    expect(error.detail).toBe(`missing the assumption "${first}"`);
    expect(dataError(without(SET_ASSUMPTION)).detail).toBe(`missing the assumption "${SET_ASSUMPTION}"`);
  });
});
