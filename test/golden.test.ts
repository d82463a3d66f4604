// Golden files: the recomputed tables and every printed-cell comparison under the paper's scenario.
// A change to data/ or to the engine that moves any number, status or erratum link fails here.
// After an intended change, inspect the diff and rewrite the files with
//   UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {parse} from "csv-parse/sync";
import {csvFormatRows} from "d3-dsv";
import {beforeAll, describe, expect, test} from "vitest";
import {runReport} from "../cli/cli.js";
import {loadInputs} from "../loaders/inputs.js";
import {cellKey, type CellComparison} from "../src/lib/paper/compare.js";
import {errata as knownErrata, type Erratum} from "../src/lib/paper/errata.js";
import {buildReport, type Report} from "../src/lib/paper/report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

const REPORT_GOLDEN = "test/golden/report-paper.json";
const CELLS_GOLDEN = "test/golden/cells.csv";
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/**
 * The 39 cells of Tables 1, 3 and 4 that the paper computed (every printed number but Table 1's four
 * reference consumptions and the hours columns), written out by hand from Strubell et al. 2019.
 */
const COMPUTED_CELLS = [
  // Table 1: the four training rows.
  "table1.nlp_pipeline.co2e_lbs",
  "table1.nlp_pipeline_tuning.co2e_lbs",
  "table1.transformer_big.co2e_lbs",
  "table1.transformer_big_nas.co2e_lbs",
  // Table 3: kWh·PUE, CO2e and the cloud cost range of the four GPU rows …
  "table3.transformer_base.kwh",
  "table3.transformer_base.co2e_lbs",
  "table3.transformer_base.cost_usd_low",
  "table3.transformer_base.cost_usd_high",
  "table3.transformer_big.kwh",
  "table3.transformer_big.co2e_lbs",
  "table3.transformer_big.cost_usd_low",
  "table3.transformer_big.cost_usd_high",
  "table3.elmo.kwh",
  "table3.elmo.co2e_lbs",
  "table3.elmo.cost_usd_low",
  "table3.elmo.cost_usd_high",
  "table3.bert_base_v100.kwh",
  "table3.bert_base_v100.co2e_lbs",
  "table3.bert_base_v100.cost_usd_low",
  "table3.bert_base_v100.cost_usd_high",
  // … and the cost range of BERT on TPUv2 …
  "table3.bert_base_tpu.cost_usd_low",
  "table3.bert_base_tpu.cost_usd_high",
  // … of NAS on P100 (all four) and on TPUv2 …
  "table3.nas_p100.kwh",
  "table3.nas_p100.co2e_lbs",
  "table3.nas_p100.cost_usd_low",
  "table3.nas_p100.cost_usd_high",
  "table3.nas_tpu.cost_usd_low",
  "table3.nas_tpu.cost_usd_high",
  // … and of GPT-2 on TPUv3.
  "table3.gpt2.cost_usd_low",
  "table3.gpt2.cost_usd_high",
  // Table 4: cloud cost range and electricity of each of the three rows.
  "table4.single.cost_usd_low",
  "table4.single.cost_usd_high",
  "table4.single.electricity_usd",
  "table4.tuning.cost_usd_low",
  "table4.tuning.cost_usd_high",
  "table4.tuning.electricity_usd",
  "table4.project.cost_usd_low",
  "table4.project.cost_usd_high",
  "table4.project.electricity_usd"
];

let inputs: Inputs;
let report: Report;
let known: Erratum[];

/** The part of the report the golden file holds: scenario, the four tables and every cell comparison. */
function goldenReport(r: Report) {
  return {scenario: r.scenario, table1: r.table1, table2: r.table2, table3: r.table3, table4: r.table4, cells: r.cells};
}

const CELL_COLUMNS = ["key", "printed", "published", "step", "recomputed", "rounded", "status", "errata", "locator"];

/** One line per printed cell; numbers at full precision so the file parses back exactly. */
function cellsCsv(cells: CellComparison[]): string {
  const lines = cells.map((c) => [
    c.key,
    c.printed,
    c.published,
    c.step,
    c.recomputed,
    c.rounded,
    c.status,
    c.errata.join(";"),
    c.locator
  ]);
  return csvFormatRows([CELL_COLUMNS, ...lines]) + "\n";
}

/** Compares text with a golden file, or rewrites the file when UPDATE_GOLDEN=1. */
function golden(path: string, text: string): void {
  if (UPDATE) writeFileSync(path, text);
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`).toBe(true);
  expect(text, `${path} is out of date: run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`).toBe(
    readFileSync(path, "utf8")
  );
}

beforeAll(() => {
  inputs = loadInputs("data");
  known = knownErrata(inputs);
  report = buildReport(inputs, paperScenario(inputs), known);
});

describe("golden", () => {
  test("buildReport under the paper's scenario equals test/golden/report-paper.json", () => {
    golden(REPORT_GOLDEN, JSON.stringify(goldenReport(report), null, 2) + "\n");
  });

  test("compareTables under the paper's scenario equals test/golden/cells.csv", () => {
    golden(CELLS_GOLDEN, cellsCsv(report.cells));
    // The golden CSV parses back to the same numbers.
    const rows = parse(readFileSync(CELLS_GOLDEN, "utf8"), {columns: true}) as Array<Record<string, string>>;
    expect(rows.map((r) => r.key)).toEqual(report.cells.map((c) => c.key));
    rows.forEach((r, k) => {
      expect(Number(r.published)).toBe(report.cells[k].published);
      expect(r.recomputed === "" ? null : Number(r.recomputed)).toBe(report.cells[k].recomputed);
    });
  });

  test("runReport --format json prints the same tables and cells as the golden file", () => {
    const {output} = runReport(["--format", "json"]);
    const printed = JSON.parse(output) as Report;
    expect(goldenReport(printed)).toEqual(JSON.parse(readFileSync(REPORT_GOLDEN, "utf8")));
  });

  test("COMPUTED_CELLS lists 39 distinct cells: 4 of Table 1, 26 of Table 3, 9 of Table 4", () => {
    expect(new Set(COMPUTED_CELLS).size).toBe(39);
    const count = (t: string) => COMPUTED_CELLS.filter((k) => k.startsWith(`${t}.`)).length;
    expect([count("table1"), count("table3"), count("table4")]).toEqual([4, 26, 9]);
    expect(COMPUTED_CELLS.some((k) => k.endsWith(".hours"))).toBe(false);
  });

  test("compareTables covers each of the 39 computed cells: printed in data/published.csv and recomputed", () => {
    const printed = new Set(inputs.published.map((c) => cellKey(c.table, c.row, c.column)));
    const compared = new Map(report.cells.map((c) => [c.key, c]));
    for (const key of COMPUTED_CELLS) {
      expect(printed.has(key), `${key} is missing from data/published.csv`).toBe(true);
      const cell = compared.get(key);
      expect(cell, `${key} is not compared`).toBeDefined();
      expect(cell!.recomputed, `${key} has no recomputed value`).not.toBeNull();
    }
  });

  test("compareTables marks each of the 39 cells reproduced or calibrated, or differs with an erratum naming it", () => {
    const compared = new Map(report.cells.map((c) => [c.key, c]));
    for (const key of COMPUTED_CELLS) {
      const cell = compared.get(key)!;
      if (cell.status === "differs") {
        const reasons = known.filter(
          (e) => e.cells.includes(key) && (e.kind === "difference" || e.kind === "calibration")
        );
        expect(
          reasons.map((e) => e.id),
          `${key} differs (${cell.rounded} vs ${cell.printed}) without an erratum`
        ).not.toEqual([]);
      } else {
        expect(["reproduced", "calibrated"]).toContain(cell.status);
      }
    }
  });

  test("compareTables marks calibrated only cells an erratum of kind calibration names", () => {
    for (const cell of report.cells.filter((c) => c.status === "calibrated")) {
      expect(
        known.some((e) => e.kind === "calibration" && e.cells.includes(cell.key)),
        cell.key
      ).toBe(true);
    }
  });

  test("compareTables explains every differing printed cell, hours included, by an erratum", () => {
    for (const cell of report.cells.filter((c) => c.status === "differs")) {
      expect(
        known.some((e) => e.cells.includes(cell.key) && e.kind !== "note"),
        `${cell.key} differs without an erratum of kind difference or calibration`
      ).toBe(true);
    }
  });
});
