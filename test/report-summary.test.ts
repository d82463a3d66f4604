import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {modelCo2eKg} from "../src/lib/uncertainty/focus.js";
import {nasRuns} from "../src/lib/later/nas-correction.js";
import {buildReport} from "../src/lib/paper/report.js";
import {executiveSummary} from "../src/lib/paper/report-summary.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

describe("executiveSummary", () => {
  test("executiveSummary counts the cells, gives both verdicts and the 88-fold correction", () => {
    const s = executiveSummary(inputs, buildReport(inputs, paperScenario(inputs)));
    expect(s.cells.printed.total).toBe(inputs.published.length);
    expect(s.claims.map((c) => c.verdict.claim.id)).toEqual(["nas-cars", "bert-flight", "lisa-project"]);
    expect(s.claims[0].estimate.verdict).toBe("does not hold up");
    expect(Math.round(s.nas.ratio)).toBe(88);
  });
  test("executiveSummary spans the NAS figure over every published PUE and grid", () => {
    const s = executiveSummary(inputs, buildReport(inputs, paperScenario(inputs)));
    const model = nasRuns(inputs).strubell;
    expect(s.range.pues).toBe(inputs.puePresets.length);
    expect(s.range.grids).toBe(inputs.grids.length + 1);
    expect(s.range.low.co2eKg).toBeCloseTo(modelCo2eKg(model, s.range.low.pue, s.range.low.kgPerKwh), 6);
    expect(s.range.low.co2eKg).toBeLessThan(s.nas.estimateKg);
    expect(s.range.high.co2eKg).toBeGreaterThan(s.nas.estimateKg);
    // The lowest corner uses the lowest published PUE.
    expect(s.range.low.pue).toBe(Math.min(...inputs.puePresets.map((p) => p.pue)));
  });
});
