import {readFileSync} from "node:fs";
import {parse} from "csv-parse/sync";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {
  CODECARBON_HEADERS,
  CodeCarbonError,
  CodeCarbonReader,
  matchHeader,
  readCodeCarbonRecords
} from "../src/lib/estimate/codecarbon.js";
import {estimateFromCodeCarbon} from "../src/lib/estimate/estimate-codecarbon.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

// Fixtures: test/fixtures/codecarbon/README.md (headers of CodeCarbon v2.7.0 and v3.2.1, values worked by hand).

const records = (name: string): string[][] =>
  parse(readFileSync(`test/fixtures/codecarbon/${name}`, "utf8"), {relax_column_count: true});
const V2 = records("emissions-v2.csv");
const V3 = records("emissions-v3.csv");

function error(run: () => unknown): CodeCarbonError {
  try {
    run();
  } catch (e) {
    if (e instanceof CodeCarbonError) return e;
    throw e;
  }
  throw new Error("no CodeCarbonError");
}

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

describe("codecarbon", () => {
  test("CODECARBON_HEADERS: 38 columns for v3.2.1+, 34, 32 for v2.7.0–3.0.7, 31; the fixtures' headers match", () => {
    expect(CODECARBON_HEADERS.map((h) => [h.id, h.columns.length])).toEqual([
      ["v3", 38],
      ["v3-34", 34],
      ["v2", 32],
      ["v2-31", 31]
    ]);
    expect(V2[0]).toEqual(CODECARBON_HEADERS[2].columns);
    expect(V3[0]).toEqual(CODECARBON_HEADERS[0].columns);
    expect(matchHeader(V2[0], "e.csv", 1).header.id).toBe("v2");
    expect(matchHeader(V3[0], "e.csv", 1).header.id).toBe("v3");
    // pandas drops an all-empty column when it appends: a subset in order still matches.
    expect(
      matchHeader(
        V3[0].filter((c) => c !== "region"),
        "e.csv",
        1
      ).header.id
    ).toBe("v3");
  });

  test("readCodeCarbonRecords on v2: a run's energy is its last cumulative row, runs add up", () => {
    const r = readCodeCarbonRecords([{file: "emissions-v2.csv", records: V2}]);
    expect(r.runs.map((x) => [x.run_id.slice(0, 4), x.rows, x.first_line, x.last_line, x.energy_kwh])).toEqual([
      ["a5b7", 3, 2, 4, 0.03],
      ["b6c8", 2, 5, 6, 0.125]
    ]);
    // 0.03 + 0.125 = 0.155 kWh (the sum of all five rows would be 0.235); emissions 0.012 + 0.05 kg.
    expect(r.energy_kwh).toBeCloseTo(0.155, 12);
    expect(r.hardware_kwh).toBeCloseTo(0.155, 12);
    expect(r.emissions_kg).toBeCloseTo(0.062, 12);
    expect(r.duration_s).toBe(1800 + 2250);
    expect(r.rows).toBe(5);
    expect(r.skipped_counts.superseded).toBe(3);
    expect(r.runs[0].project_name).toBe("bert, finetune");
    expect(r.files).toEqual([
      {file: "emissions-v2.csv", header: "v2", versions: "CodeCarbon 2.7.0 to 3.0.7", columns: 32, rows: 5}
    ]);
    expect(r.warnings).toEqual([]);
  });

  test("readCodeCarbonRecords on v3: interleaved runs, CodeCarbon's PUE 1.2 taken out of energy_consumed", () => {
    const r = readCodeCarbonRecords([{file: "emissions-v3.csv", records: V3}]);
    expect(r.runs.map((x) => [x.run_id.slice(0, 4), x.rows, x.energy_kwh, x.pue])).toEqual([
      ["c7d9", 2, 0.24, 1.2],
      ["d8e0", 1, 0.36, 1.2]
    ]);
    // 0.24 / 1.2 + 0.36 / 1.2 = 0.2 + 0.3 = 0.5 kWh at the hardware.
    expect(r.energy_kwh).toBeCloseTo(0.6, 12);
    expect(r.hardware_kwh).toBeCloseTo(0.5, 12);
    expect(r.emissions_kg).toBeCloseTo(0.25, 12);
  });

  test("readCodeCarbonRecords adds runs of v2 and v3 files together", () => {
    const r = readCodeCarbonRecords([
      {file: "a.csv", records: V2},
      {file: "b.csv", records: V3}
    ]);
    expect(r.runs).toHaveLength(4);
    expect(r.hardware_kwh).toBeCloseTo(0.655, 12);
    expect(r.files.map((f) => f.header)).toEqual(["v2", "v3"]);
  });

  test("estimateFromCodeCarbon applies the scenario's PUE and intensity to the energy at the hardware", () => {
    const imported = readCodeCarbonRecords([{file: "emissions-v3.csv", records: V3}]);
    const e = estimateFromCodeCarbon(inputs, imported, paperScenario(inputs));
    // 0.5 kWh × PUE 1.58 = 0.79 kWh; × 0.954 lbs/kWh = 0.75366 lbs.
    expect(e.kwh).toBeCloseTo(0.79, 12);
    expect(e.co2e_lbs).toBeCloseTo(0.79 * 0.954, 12);
    expect(e.co2e_kg).toBeCloseTo(0.79 * 0.954 * 0.45359237, 12);
    expect(e.codecarbon_kwh).toBeCloseTo(0.6, 12);
    expect(e.codecarbon_emissions_kg).toBeCloseTo(0.25, 12);
    expect(e.hours).toBeCloseTo(3, 12);
    expect(e.inputs.pue).toBe(1.58);
  });

  test("CodeCarbonReader skips blank lines, repeated headers and short rows, with their lines", () => {
    const reader = new CodeCarbonReader();
    reader.file("e.csv");
    reader.record(V2[0], 1);
    reader.record(V2[1], 2);
    reader.record([""], 3);
    reader.record(V2[0], 4);
    reader.record(V2[2].slice(0, 10), 5);
    reader.record(V2[3], 6);
    const r = reader.finish();
    expect(r.skipped.map((s) => [s.line, s.kind])).toEqual([
      [3, "blank"],
      [4, "repeated-header"],
      [5, "malformed"]
    ]);
    expect(r.skipped[2].message).toBe("10 fields, expected 32 as in the header");
    expect(r.warnings).toContain("1 malformed rows skipped (first: e.csv:5, 10 fields, expected 32 as in the header)");
    expect(r.runs[0].energy_kwh).toBe(0.03);
  });

  test("CodeCarbonReader warns when a run's cumulative energy goes down, and keeps its last row", () => {
    const rows = [V2[0], V2[3], V2[1]];
    const r = readCodeCarbonRecords([{file: "e.csv", records: rows}]);
    expect(r.runs[0].energy_kwh).toBe(0.01);
    expect(r.warnings[0]).toMatch(/^e\.csv:3: run a5b7.*'s energy_consumed 0\.01 kWh is below line 2's 0\.03 kWh/);
  });

  test("matchHeader: a wrong header is an error naming the file, the line and what is missing or unknown", () => {
    const nvidia = error(() => matchHeader(["timestamp", " index", " power.draw [W]"], "power.csv", 1));
    expect(nvidia.message).toMatch(
      /^power\.csv:1: not a CodeCarbon emissions\.csv header: no column "run_id", "duration", "emissions", "energy_consumed"/
    );
    const unknown = error(() => matchHeader([...V2[0], "carbon_footprint"], "e.csv", 1));
    expect(unknown.message).toMatch(/^e\.csv:1: column "carbon_footprint" is not a CodeCarbon emissions\.csv column/);
    const twice = error(() => matchHeader([...V2[0], "pue"], "e.csv", 1));
    expect(twice.message).toBe('e.csv:1: column "pue" appears twice in the header');
  });

  test("CodeCarbonReader: negative or non-numeric energy, empty run_id, PUE below 1 are errors with file and line", () => {
    const bad = (column: string, value: string) => {
      const row = [...V2[1]];
      row[V2[0].indexOf(column)] = value;
      return error(() => readCodeCarbonRecords([{file: "e.csv", records: [V2[0], V2[1], row]}])).message;
    };
    expect(bad("energy_consumed", "-0.5")).toBe(
      "e.csv:3: energy_consumed -0.5 is negative: CodeCarbon writes totals of 0 or more"
    );
    expect(bad("energy_consumed", "lots")).toBe('e.csv:3: energy_consumed "lots" is not a number');
    expect(bad("emissions", "")).toBe("e.csv:3: emissions is empty");
    expect(bad("run_id", "")).toBe("e.csv:3: run_id is empty");
    expect(bad("pue", "0.5")).toBe("e.csv:3: pue 0.5 is below 1: CodeCarbon writes values of 1 or more");
  });

  test("CodeCarbonReader: an empty file or a header alone is an error", () => {
    expect(error(() => readCodeCarbonRecords([{file: "e.csv", records: []}])).message).toBe(
      "e.csv: the file is empty: expected CodeCarbon's emissions.csv header"
    );
    expect(error(() => readCodeCarbonRecords([{file: "e.csv", records: [V3[0]]}])).message).toBe(
      "e.csv: no data rows: the header alone, no run to add up"
    );
  });
});
