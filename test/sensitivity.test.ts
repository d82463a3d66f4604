import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {errata} from "../src/lib/errata.js";
import {buildReport} from "../src/lib/report.js";
import {
  analyse,
  DEFAULT_MODEL,
  DEFAULT_SEED,
  defaultView,
  focusModels,
  formatMass,
  formatMassValue,
  gridIntensities,
  parseView,
  type SensitivityView
} from "../src/lib/sensitivity.js";
import type {Inputs} from "../src/lib/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs();
});

const view = (query: string): SensitivityView => {
  const {view, notices} = parseView(query, inputs);
  expect(notices).toEqual([]);
  return view;
};

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

  test("defaultView is the paper's scenario, the NAS (P100) row and seed 2019", () => {
    const v = defaultView(inputs);
    expect(v).toMatchObject({model: DEFAULT_MODEL, seed: DEFAULT_SEED});
    expect(v.scenario.pue).toBe(1.58);
  });

  test("formatMass: whole numbers from 1,000 up, three significant digits below", () => {
    expect(formatMass(179759.4, "kg")).toBe("179,759 kg");
    expect(formatMass(284019, "t")).toBe("284 t");
    expect(formatMass(3218.7, "t")).toBe("3.22 t");
    expect(formatMass(11.8, "t")).toBe("0.0118 t");
    expect(formatMass(0.45359237 * 626155, "lbs")).toBe("626,155 lbs");
    expect(formatMassValue(12.345, "kg")).toBe("12.3");
  });

  test("gridIntensities lists the EPA factor and every Table 2 mix, and marks the scenario's choice", () => {
    const epa = gridIntensities(inputs, view("").scenario);
    expect(epa.map((g) => g.id)).toEqual(["epa-2018", "china", "germany", "us", "aws", "google", "microsoft"]);
    expect(epa[0]).toMatchObject({kind: "paper", selected: true, kgPerKwh: expect.closeTo(0.954 * 0.45359237, 15)});
    const custom = gridIntensities(inputs, view("grid=custom&mix=0,0,100,0").scenario);
    expect(custom.at(-1)).toMatchObject({id: "custom", selected: true, kgPerKwh: expect.closeTo(0.82, 12)});
    const direct = gridIntensities(inputs, view("intensity=57g").scenario);
    expect(direct.at(-1)).toMatchObject({id: "direct", selected: true, kgPerKwh: expect.closeTo(0.057, 15)});
    expect(direct.filter((g) => g.selected)).toHaveLength(1);
  });

  test("analyse: the report is buildReport's, the model's CO2e its Table 3 row, the PUE lines linear", () => {
    const v = view("pue=1.2&grid=germany");
    const a = analyse(inputs, v, {samples: 2000});
    expect(a.report).toEqual(buildReport(inputs, v.scenario));
    expect(a.modelKg).toBe(a.report.table3.find((r) => r.id === "nas_p100")!.co2e_kg);
    const line = a.pueLines.find((l) => l.model === "nas_p100")!;
    expect(line.atPue.map((p) => p.pue)).toEqual([
      1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3
    ]);
    expect(line.currentKg).toBeCloseTo(line.atPue[0].co2eKg * 1.2, 6);
    for (const p of line.atPue) expect(p.co2eKg).toBeCloseTo(line.atPue[0].co2eKg * p.pue, 6);
    expect(a.query).toBe("pue=1.2&grid=germany");
    expect(a.histogram.bins.reduce((s, b) => s + b.count, 0) + a.histogram.below + a.histogram.above).toBe(2000);
    expect(a.nasHereKg).toBe(a.modelKg);
    // A NAS-correction model gets its own PUE line.
    expect(analyse(inputs, view("model=nas_tpuv2"), {samples: 100}).pueLines.at(-1)!.model).toBe("nas_tpuv2");
  });

  test("analyse with the previous analysis reuses report, Monte Carlo and tornado only when unchanged, same result", () => {
    const known = errata(inputs);
    const first = analyse(inputs, view("grid=china"), {samples: 3000, known});
    for (const query of [
      "grid=china&units=kg",
      "grid=china&price=0.3",
      "grid=china&seed=5",
      "grid=us",
      "pue=2&grid=china",
      "grid=china&model=nas_tpuv2",
      "grid=china&model=elmo"
    ]) {
      const v = view(query);
      const reused = analyse(inputs, v, {samples: 3000, known, previous: first});
      const fresh = analyse(inputs, v, {samples: 3000, known});
      expect(reused, query).toEqual(fresh);
    }
    const again = (query: string) => analyse(inputs, view(query), {samples: 3000, known, previous: first});
    expect(again("grid=china&seed=5").report).toBe(first.report);
    expect(again("grid=china&model=elmo").grids).toBe(first.grids);
    expect(again("grid=china&units=t").report).not.toBe(first.report);
    expect(again("grid=china&price=0.3").report).not.toBe(first.report);
    expect(again("grid=china&model=nas_tpuv2").pueLines).not.toBe(first.pueLines);
    expect(analyse(inputs, view("grid=china&units=kg"), {samples: 3000, previous: first}).monteCarlo).toBe(
      first.monteCarlo
    );
    expect(analyse(inputs, view("grid=china&seed=5"), {samples: 3000, previous: first}).monteCarlo).not.toBe(
      first.monteCarlo
    );
  });
});
