// data/uncertainty.csv: every assumption the Monte Carlo needs is read; a missing one fails with a DataError naming the
// file and the column.
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadUncertaintyInputs} from "../loaders/uncertainty-inputs.js";
import {NUMERIC_ASSUMPTIONS, SET_ASSUMPTION} from "../src/lib/uncertainty/montecarlo.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true});
});

/** A copy of data/ whose uncertainty.csv lacks the rows of the given assumptions. */
function without(...assumptions: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "uncertainty-inputs-"));
  dirs.push(dir);
  cpSync("data", dir, {recursive: true});
  const path = join(dir, "uncertainty.csv");
  const lines = readFileSync(path, "utf8").split("\n");
  const kept = lines.filter((line) => !assumptions.some((a) => line.startsWith(`${a},`)));
  if (kept.length !== lines.length - assumptions.length) throw new Error(`not one row each for ${assumptions}`);
  writeFileSync(path, kept.join("\n"));
  return dir;
}

function dataError(dir: string): DataError {
  try {
    loadUncertaintyInputs(dir);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("loadUncertaintyInputs accepted the bad file");
}

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
