import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {claims as pressClaims} from "../src/lib/paper/claims.js";
import {nasCorrectionSteps} from "../src/lib/later/nas-correction.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {computeTables} from "../src/lib/paper/tables.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {estimateChecks, nasEstimateAndMeasurement} from "../src/lib/paper/verdicts.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

describe("estimateChecks", () => {
  test("estimateChecks finds that the NAS estimate does not hold up against the search as actually run", () => {
    const claims = pressClaims(inputs, computeTables(inputs, paperScenario(inputs)));
    const nas = estimateChecks(inputs, claims).find((c) => c.claimId === "nas-cars")!;
    const steps = nasCorrectionSteps(inputs);
    expect(nas.verdict).toBe("does not hold up");
    expect(nas.estimateKg).toBe(steps[0].co2eKg);
    expect(nas.measuredKg).toBe(steps.at(-1)!.co2eKg);
    // Patterson et al. print "88x smaller" and 3.2 t: the engine's figures round to them.
    expect(Math.round(nas.ratio!)).toBe(88);
    expect(Math.round(nas.measuredKg! / 100) / 10).toBe(3.2);
    expect(nas.measuredInReference!).toBeLessThan(0.1);
  });
  test("estimateChecks says the other claims were not re-examined by a later study", () => {
    const claims = pressClaims(inputs, computeTables(inputs, paperScenario(inputs)));
    const others = estimateChecks(inputs, claims).filter((c) => c.claimId !== "nas-cars");
    expect(others.map((c) => c.verdict)).toEqual(["not re-examined", "not re-examined"]);
    expect(others.every((c) => c.measuredKg === null)).toBe(true);
  });
  test("estimateChecks follows the data: a search run 88 times longer would hold it up", () => {
    const scaled: Inputs = {
      ...inputs,
      nasCorrection: inputs.nasCorrection.map((r) =>
        r.key === "days" && r.role === "input" ? {...r, value: r.value * 88} : r
      )
    };
    const claims = pressClaims(scaled, computeTables(scaled, paperScenario(scaled)));
    const {estimate, measured} = nasEstimateAndMeasurement(scaled);
    expect(estimate.co2eKg / measured.co2eKg).toBeCloseTo(1, 0);
    expect(estimateChecks(scaled, claims)[0].verdict).toBe("holds up");
  });
});
