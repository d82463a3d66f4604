// data/lifecycle_published.csv: read with its source and locator; a bad row fails with a DataError naming the file,
// the line and the column.
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadLifecycleInputs} from "../loaders/lifecycle-inputs.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true});
});

function withEdit(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "lifecycle-inputs-"));
  dirs.push(dir);
  cpSync("data", dir, {recursive: true});
  const path = join(dir, "lifecycle_published.csv");
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  if (after === before) throw new Error("the edit changed nothing");
  writeFileSync(path, after);
  return dir;
}

function dataError(dir: string): DataError {
  try {
    loadLifecycleInputs(dir);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("loadLifecycleInputs accepted the bad file");
}

describe("lifecycle-inputs", () => {
  test("loadLifecycleInputs reads BLOOM's printed total of all processes, with source and locator", () => {
    const {lifecyclePublished} = loadLifecycleInputs("data");
    expect(lifecyclePublished).toHaveLength(1);
    expect(lifecyclePublished[0]).toMatchObject({
      row: "bloom",
      quantity: "co2e_t_all_processes",
      printed: "50.5",
      value: 50.5,
      source: "Luccioni, Viguier & Ligozat 2022 (arXiv:2211.02001)"
    });
    expect(lifecyclePublished[0].locator).toMatch(/^Abstract/);
  });

  test("loadLifecycleInputs rejects a row that names no later model", () => {
    const e = dataError(withEdit((t) => t.replace(/^bloom,/m, "bloom2,")));
    expect(e.file).toMatch(/lifecycle_published\.csv$/);
    expect(e.line).toBe(2);
    expect(e.column).toBe("row");
    expect(e.message).toMatch(/unknown later model "bloom2"/);
  });

  test("loadLifecycleInputs rejects an unknown quantity and a negative value", () => {
    expect(dataError(withEdit((t) => t.replace(",co2e_t_all_processes,", ",co2e_t_embodied,"))).column).toBe(
      "quantity"
    );
    expect(dataError(withEdit((t) => t.replace(",50.5,50.5,", ",50.5,-50.5,"))).column).toBe("value");
  });
});
