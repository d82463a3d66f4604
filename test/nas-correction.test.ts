import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {
  NAS_INPUT_KEYS,
  nasCorrectionSteps,
  nasCorrectionSummary,
  nasInput,
  nasPrinted,
  nasRuns,
  proxyTaskHours
} from "../src/lib/later/nas-correction.js";
import {parseView, stepQuery} from "../src/components/sensitivity-model.js";
import {computeTables, runHours} from "../src/lib/paper/tables.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
const dirs: string[] = [];
beforeAll(() => {
  inputs = loadInputs();
});
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

const LB = 0.45359237;
const EPA_KG = 0.954 * LB;

function dataWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "nas-test-"));
  dirs.push(dir);
  cpSync("data", dir, {recursive: true});
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")));
  return dir;
}

describe("nas-correction", () => {
  test("nasInput reads data/nas_correction.v2.csv inputs; nasPrinted its printed values (Patterson et al. 2021)", () => {
    expect(NAS_INPUT_KEYS.map((k) => nasInput(inputs, k))).toEqual([
      32768, 4096, 100000, 12, 200, 6.8, 208, 1.1, 0.431, 296
    ]);
    expect(nasPrinted(inputs, "final_t")).toMatchObject({value: 3.2, unit: "t CO2e", step: 0.1});
    expect(() => nasPrinted(inputs, "chips")).toThrow(/no printed value "chips"/);
  });

  test("proxyTaskHours: 979M steps × 4096 / 32768 at 12 h per 100k steps = 14,685 h", () => {
    expect(proxyTaskHours(979e6, 32768, 4096, 100000, 12)).toBeCloseTo(14685, 9);
    // Strubell's own NAS hours scaled by (12 / 100k) / (84 / 300k) and 4096 / 32768: Patterson's 18.7×.
    expect(274120 / proxyTaskHours(979e6, 32768, 4096, 100000, 12)).toBeCloseTo(18.6667, 4);
  });

  test("nasRuns: Strubell's NAS row, the proxy task with its power, the 200 TPU v2 chips for 6.8 days at 208 W", () => {
    const {strubell, proxy, tpu} = nasRuns(inputs);
    const row = inputs.runs.find((r) => r.id === "nas_p100")!;
    expect(strubell).toMatchObject({id: "nas_p100", watts: 1515.43, hours: runHours(row)});
    expect(proxy).toMatchObject({id: "nas_proxy", watts: 1515.43, hours: expect.closeTo(14685, 9)});
    expect(tpu).toMatchObject({id: "nas_tpuv2", watts: 200 * 208, hours: 6.8 * 24});
  });

  test("nasCorrectionSteps: 284 t → 15.2 t → 4.64 t → 3.23 t → 3.22 t, each by hand", () => {
    const steps = nasCorrectionSteps(inputs);
    expect(steps.map((s) => s.id)).toEqual(["strubell", "proxy", "hardware", "pue", "grid"]);
    const tpuKwh = (6.8 * 24 * 200 * 208) / 1000;
    const expected = [
      ((274120 * 1515.43) / 1000) * 1.58 * EPA_KG,
      ((14685 * 1515.43) / 1000) * 1.58 * EPA_KG,
      tpuKwh * 1.58 * EPA_KG,
      tpuKwh * 1.1 * EPA_KG,
      tpuKwh * 1.1 * 0.431
    ];
    steps.forEach((s, k) => expect(s.co2eKg, s.id).toBeCloseTo(expected[k], 6));
    expect(steps[0].co2eKg).toBe(
      computeTables(inputs, paperScenario(inputs)).table3.find((r) => r.id === "nas_p100")!.co2e_kg
    );
    expect(steps[4]).toMatchObject({pue: 1.1, kgPerKwh: 0.431, kwh: expect.closeTo(7468.032, 6)});
  });

  test("nasCorrectionSteps reproduce Patterson's printed 284 t, 33,544 lbs and 3.2 t at their printed precision", () => {
    const printed = nasCorrectionSteps(inputs).flatMap((s) => (s.printed ? [s.printed] : []));
    expect(printed.map((p) => [p.key, p.value, p.matches])).toEqual([
      ["strubell_t", 284, true],
      ["proxy_lbs", 33544, true],
      ["final_t", 3.2, true]
    ]);
    expect(printed[1].computed).toBeCloseTo(33544.03, 1);
  });

  test("nasCorrectionSummary reproduces 15.2 t, 18.7×, 7.5 MWh, 7,096 lbs and 88× (Patterson et al. 2021)", () => {
    const summary = nasCorrectionSummary(inputs);
    expect(summary.map((c) => [c.key, c.value, c.matches])).toEqual([
      ["proxy_t", 15.2, true],
      ["proxy_overestimate", 18.7, true],
      ["mwh", 7.5, true],
      ["final_lbs", 7096, true],
      ["smaller", 88, true]
    ]);
    expect(summary.find((c) => c.key === "smaller")!.computed).toBeCloseTo(88.24, 2);
  });

  test("stepQuery opens each step on the page: parseView reads back its model and scenario", () => {
    for (const step of nasCorrectionSteps(inputs)) {
      const {view, notices} = parseView(stepQuery(step, inputs), inputs);
      expect(notices, step.id).toEqual([]);
      expect(view.model).toBe(step.model.id);
      expect(view.scenario).toEqual(step.scenario);
    }
    expect(stepQuery(nasCorrectionSteps(inputs)[4], inputs)).toBe("pue=1.1&intensity=431g&model=nas_tpuv2");
  });

  test("loadInputs rejects a NAS correction file without an input, or a printed value without its step", () => {
    const noChips = dataWith("nas_correction.v2.csv", (t) => t.replace(/^chips,.*\n/m, ""));
    expect(() => loadInputs(noChips)).toThrow(/nas_correction\.v2\.csv.*missing the input "chips"/);
    const noStep = dataWith("nas_correction.v2.csv", (t) =>
      t.replace("final_t,3.2,t CO2e,printed,0.1,", "final_t,3.2,t CO2e,printed,,")
    );
    expect(() => loadInputs(noStep)).toThrow(/nas_correction\.v2\.csv:\d+.*a printed value needs its rounding step/);
  });

  test("loadInputs rejects a paper PUE preset that differs from data/constants.csv", () => {
    const dir = dataWith("pue_presets.v2.csv", (t) =>
      t.replace("paper,The paper (2018 average),1.58,", "paper,The paper (2018 average),1.59,")
    );
    expect(() => loadInputs(dir)).toThrow(/pue_presets\.v2\.csv:2.*differs from data\/constants\.csv pue 1\.58/);
  });
});
