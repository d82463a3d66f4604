// data/lifecycle_published.csv: read with its source and locator; a bad row fails with a DataError naming the file,
// the line and the column.
import {describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadLifecycleInputs} from "../loaders/lifecycle-inputs.js";
import {dataCopies, dataErrorOf} from "./data-copy.js";

const copy = dataCopies("lifecycle-inputs-");
const withEdit = (edit: (text: string) => string) => copy("lifecycle_published.csv", edit);
const dataError = (dir: string) => dataErrorOf(() => loadLifecycleInputs(dir));

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
