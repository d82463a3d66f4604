import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadInputs, REQUIRED_CASE_STUDY, REQUIRED_CONSTANTS} from "../loaders/inputs.js";
import type {Inputs} from "../src/lib/inputs/types.js";

// Expected values are read by hand from Strubell et al. 2019 (see /work/shared/reference/strubell-2019.md).

let inputs: Inputs;
const dirs: string[] = [];
beforeAll(() => {
  inputs = loadInputs();
});
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

function copyData(): string {
  const dir = mkdtempSync(join(tmpdir(), "inputs-test-"));
  dirs.push(dir);
  cpSync("data", dir, {recursive: true});
  return dir;
}

const constant = (key: string) => [...inputs.constants, ...inputs.caseStudy].find((c) => c.key === key)!;

describe("inputs", () => {
  test("loadInputs reads the paper's constants with their provenance", () => {
    expect(constant("pue")).toMatchObject({value: 1.58, unit: "ratio", locator: "§2 equation 1"});
    expect(constant("lbs_per_kwh")).toMatchObject({value: 0.954, locator: "§2 equation 2"});
    expect(constant("usd_per_kwh")).toMatchObject({value: 0.12, locator: "fn 9"});
    for (const key of [...REQUIRED_CONSTANTS, ...REQUIRED_CASE_STUDY]) expect(constant(key), key).toBeDefined();
  });

  test("loadInputs reads the eight training runs of Table 3", () => {
    expect(inputs.runs.map((r) => r.id)).toEqual([
      "transformer_base",
      "transformer_big",
      "elmo",
      "bert_base_v100",
      "bert_base_tpu",
      "nas_p100",
      "nas_tpu",
      "gpt2"
    ]);
    const bert = inputs.runs.find((r) => r.id === "bert_base_v100")!;
    expect(bert).toMatchObject({
      hardware: "V100",
      accelerators: 64,
      powerW: 12041.51,
      duration: 3.3,
      durationUnit: "d",
      refSteps: null,
      refHours: null
    });
    expect(inputs.runs.find((r) => r.id === "nas_p100")).toMatchObject({
      duration: 979e6,
      durationUnit: "steps",
      refSteps: 3e5,
      refHours: 84
    });
    // TPU rows have no power: "lack of public information on power draw" (§3).
    expect(inputs.runs.filter((r) => r.powerW == null).map((r) => r.id)).toEqual(["bert_base_tpu", "nas_tpu", "gpt2"]);
    for (const r of inputs.runs) expect(r.source.length * r.locator.length, r.id).toBeGreaterThan(0);
  });

  test("loadInputs reads fn 7's cloud prices", () => {
    const price = (a: string, t: string) => inputs.prices.find((p) => p.accelerator === a && p.tier === t)!.usdPerHour;
    expect([price("P100", "preemptible"), price("P100", "on_demand")]).toEqual([0.43, 1.46]);
    expect([price("V100", "preemptible"), price("V100", "on_demand")]).toEqual([0.74, 2.48]);
    expect([price("TPUv2", "preemptible"), price("TPUv2", "on_demand")]).toEqual([1.46, 4.5]);
    expect([price("TPUv3", "preemptible"), price("TPUv3", "on_demand")]).toEqual([2.4, 8]);
  });

  test("loadInputs reads Table 2's mixes and Table 1's consumptions", () => {
    expect(inputs.grids.map((g) => [g.id, g.renewable, g.gas, g.coal, g.nuclear])).toEqual([
      ["china", 22, 3, 65, 4],
      ["germany", 40, 7, 38, 13],
      ["us", 17, 35, 27, 19],
      ["aws", 17, 24, 30, 26],
      ["google", 56, 14, 15, 10],
      ["microsoft", 32, 23, 31, 10]
    ]);
    expect(inputs.consumption.map((c) => c.co2eLbs)).toEqual([1984, 11023, 36156, 126000]);
  });

  test("loadInputs reads the LISA case study, marking the inferred power", () => {
    expect(constant("single_model_hours").value).toBe(120);
    expect(constant("tuning_models").value).toBe(24);
    expect(constant("project_models").value).toBe(4789);
    expect(constant("project_hours").value).toBe(239942);
    expect(constant("project_gpu_days").value).toBe(9998);
    expect(constant("project_days").value).toBe(172);
    expect(constant("gpu_watts").value).toBe(216.96);
    expect(constant("gpu_watts").source).toMatch(/^Inferred/);
  });

  test("loadInputs reads every printed cell with a number matching its text", () => {
    expect(inputs.published.length).toBeGreaterThanOrEqual(48);
    const cell = (t: string, r: string, c: string) =>
      inputs.published.find((x) => x.table === t && x.row === r && x.column === c)!;
    expect(cell("table3", "bert_base_v100", "cost_usd_high")).toMatchObject({printed: "12,571", value: 12571, step: 1});
    expect(cell("table4", "project", "cost_usd_low")).toMatchObject({printed: "103k", value: 103000, step: 1000});
    expect(cell("table1", "transformer_big_nas", "co2e_lbs")).toMatchObject({value: 626155, locator: "Table 1"});
  });

  test("loadInputs returns the same inputs on every call", () => {
    expect(loadInputs("data")).toEqual(inputs);
  });

  test("loadInputs reads another directory and names its files in errors", () => {
    const dir = copyData();
    expect(loadInputs(dir)).toEqual(inputs);
    const path = join(dir, "training_runs.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace("GPT-2,TPUv3,32", "GPT-2,TPUv9,32"));
    let error: unknown;
    try {
      loadInputs(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    const e = error as DataError;
    expect(e.file).toBe(path);
    expect(e.column).toBe("hardware");
    expect(e.message).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:9:3 \\(column "hardware"\\): unknown hardware "TPUv9"`
      )
    );
  });

  test("loadInputs names a file it cannot read by its path under dataDir", () => {
    expect(() => loadInputs("data-that-does-not-exist")).toThrow(
      /^data-that-does-not-exist\/constants.csv: cannot read the file \(ENOENT\)/
    );
  });
});
