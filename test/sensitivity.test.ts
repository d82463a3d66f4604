import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {tableModels} from "../src/lib/uncertainty/focus.js";
import {parseScenario} from "../src/lib/scenario/scenario.js";
import {
  focusModel,
  focusModels,
  gridIntensities,
  PUE_LINE_POINTS,
  pueLines
} from "../src/lib/uncertainty/sensitivity.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs();
});

const scenario = (query: string) => parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;

describe("sensitivity", () => {
  test("focusModels: Table 3 rows with a power, the LISA project, and the two runs of the NAS correction", () => {
    expect(focusModels(inputs).map((m) => m.id)).toEqual([
      "transformer_base",
      "transformer_big",
      "elmo",
      "bert_base_v100",
      "nas_p100",
      "lisa_project",
      "nas_proxy",
      "nas_tpuv2"
    ]);
    const lisa = focusModels(inputs).find((m) => m.id === "lisa_project")!;
    expect(lisa).toMatchObject({watts: 216.96, hours: 239942, label: "LISA project (4,789 jobs)"});
  });

  test("focusModel finds a model by id and falls back to the NAS (P100) row", () => {
    expect(focusModel(inputs, "elmo").id).toBe("elmo");
    expect(focusModel(inputs, "nope").id).toBe("nas_p100");
  });

  test("gridIntensities lists the EPA factor and every Table 2 mix, and marks the scenario's choice", () => {
    const epa = gridIntensities(inputs, scenario(""));
    expect(epa.map((g) => g.id)).toEqual(["epa-2018", "china", "germany", "us", "aws", "google", "microsoft"]);
    expect(epa[0]).toMatchObject({kind: "paper", selected: true, kgPerKwh: expect.closeTo(0.954 * 0.45359237, 15)});
    const custom = gridIntensities(inputs, scenario("grid=custom&mix=0,0,100,0"));
    expect(custom.at(-1)).toMatchObject({id: "custom", selected: true, kgPerKwh: expect.closeTo(0.82, 12)});
    const direct = gridIntensities(inputs, scenario("intensity=57g"));
    expect(direct.at(-1)).toMatchObject({id: "direct", selected: true, kgPerKwh: expect.closeTo(0.057, 15)});
    expect(direct.filter((g) => g.selected)).toHaveLength(1);
    // The reader's own factor for coal moves China's mix (65 % coal).
    const own = gridIntensities(inputs, scenario("grid=china&factor=coal:1000g"));
    const china = (list: typeof own) => list.find((g) => g.id === "china")!.kgPerKwh;
    expect(china(own) - china(gridIntensities(inputs, scenario("grid=china")))).toBeCloseTo(
      (65 * (1000 - 820)) / 94 / 1000,
      12
    );
  });

  test("pueLines: each model's CO2e every 0.1 PUE from 1 to 3, linear in PUE, and at the given PUE", () => {
    const lines = pueLines(tableModels(inputs), 1.2, 0.5);
    const nas = lines.find((l) => l.model === "nas_p100")!;
    expect(nas.atPue.map((p) => p.pue)).toEqual([...PUE_LINE_POINTS]);
    expect(PUE_LINE_POINTS).toEqual([
      1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3
    ]);
    for (const p of nas.atPue) expect(p.co2eKg).toBeCloseTo(nas.atPue[0].co2eKg * p.pue, 6);
    expect(nas.currentKg).toBeCloseTo(((274120 * 1515.43) / 1000) * 1.2 * 0.5, 6);
  });
});
