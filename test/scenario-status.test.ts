import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {compareTables} from "../src/lib/paper/compare.js";
import {errata} from "../src/lib/paper/errata.js";
import {buildReport} from "../src/lib/paper/report.js";
import {markScenarioCells, paperTables} from "../src/lib/paper/scenario-status.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {computeTables} from "../src/lib/paper/tables.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

describe("markScenarioCells", () => {
  test("markScenarioCells under PUE 1 tags no cell with a paper erratum where the scenario moved it", () => {
    const report = buildReport(inputs, {...paperScenario(inputs), pue: 1});
    const moved = report.cells.filter((c) => c.status === "scenario");
    // Every CO2e and energy cell moves with the PUE; hours and cloud costs do not.
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((c) => c.errata.length === 0)).toBe(true);
    for (const c of report.cells.filter((c) => ["co2e_lbs", "kwh", "electricity_usd"].includes(c.column)))
      expect(c.status, c.key).toBe("scenario");
    // No cell the scenario moved is called a difference of the paper.
    expect(report.cells.filter((c) => c.status === "differs" && c.errata.length > 0 && moved.includes(c))).toEqual([]);
    // Cells the PUE leaves alone keep their paper status and errata.
    const paper = buildReport(inputs, paperScenario(inputs));
    for (const c of report.cells.filter((c) => c.column === "hours" || c.column.startsWith("cost_usd"))) {
      const p = paper.cells.find((x) => x.key === c.key)!;
      expect([c.status, c.errata]).toEqual([p.status, p.errata]);
    }
  });

  test("markScenarioCells changes nothing under the paper's scenario or a unit change", () => {
    const paper = buildReport(inputs, paperScenario(inputs));
    expect(paper.cells.some((c) => c.status === "scenario")).toBe(false);
    const kg = buildReport(inputs, {...paperScenario(inputs), units: "kg"});
    expect(kg.cells.map((c) => c.status)).toEqual(paper.cells.map((c) => c.status));
  });

  test("markScenarioCells compares against the paper's tables, cached per inputs", () => {
    expect(paperTables(inputs)).toBe(paperTables(inputs));
    const price = computeTables(inputs, {...paperScenario(inputs), usdPerKwh: 0.2});
    const cells = markScenarioCells(compareTables(price, inputs.published, errata(inputs)), paperTables(inputs));
    expect(new Set(cells.filter((c) => c.status === "scenario").map((c) => c.column))).toEqual(
      new Set(["electricity_usd"])
    );
  });
});
