import {quantileSorted} from "d3-array";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {tableModels, type FocusModel} from "../src/lib/uncertainty/focus.js";
import {
  chosenSourceFactors,
  drawSamples,
  monteCarloSpec,
  percentileOf,
  pointKg,
  powerRange,
  pueRange,
  quantiles,
  RANGE_SETS,
  runMonteCarlo,
  SAMPLED_SOURCES,
  sampleCo2eKg,
  simulate,
  sourceRanges,
  type MonteCarloSpec
} from "../src/lib/uncertainty/montecarlo.js";
import {nasInput, nasRuns} from "../src/lib/later/nas-correction.js";
import {fillUniform, randomState, seededRandom, triangularIn} from "../src/lib/uncertainty/random.js";
import {gridKgPerKwh, parseScenario, resolveScenario, type Scenario} from "../src/lib/scenario/scenario.js";
import {computeTables} from "../src/lib/paper/tables.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
let nas: FocusModel;
beforeAll(() => {
  inputs = loadInputs();
  nas = tableModels(inputs).find((m) => m.id === "nas_p100")!;
});

const scenario = (query: string): Scenario =>
  parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;

/** The largest relative difference between two arrays. */
function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return worst;
}

describe("montecarlo", () => {
  test("pueRange spreads the overhead (PUE − 1) ×0.9 to ×1.2 about the scenario's PUE (data/uncertainty.csv)", () => {
    expect(pueRange(inputs, 1.58)).toEqual({
      min: expect.closeTo(1.522, 12),
      mode: 1.58,
      max: expect.closeTo(1.696, 12)
    });
    const r = pueRange(inputs, 1.1);
    expect([r.min, r.mode, r.max].map((x) => Number(x.toFixed(12)))).toEqual([1.09, 1.1, 1.12]);
    expect(pueRange(inputs, 1)).toEqual({min: 1, mode: 1, max: 1});
  });

  test("powerRange runs both ways for stand-in hardware; its top is Patterson's P100 over Strubell's per-P100 power", () => {
    expect(powerRange(inputs, nas)).toEqual({min: 0.941, mode: 1, max: 1.566});
    // The data row's 1.566 is 296 W (Patterson et al. 2021) over 1515.43 W / 8 P100 (Table 3, NAS row).
    expect(nasInput(inputs, "p100_measured_w") / (1515.43 / 8)).toBeCloseTo(1.566, 2);
    expect(208 / 221).toBeCloseTo(0.941, 3);
    expect(powerRange(inputs, nasRuns(inputs).tpu)).toEqual({min: 1, mode: 1, max: 1.063});
    expect(221 / 208).toBeCloseTo(1.063, 3);
  });

  test("sourceRanges spans the minimum to the maximum set, most likely at the chosen factor (bracketing it)", () => {
    const r = sourceRanges(inputs.factors, chosenSourceFactors(inputs, scenario("")));
    expect(Object.keys(r)).toEqual([...SAMPLED_SOURCES]);
    expect(r.coal).toEqual({min: 740, mode: 820, max: 910});
    expect(r.hydropower).toEqual({min: 1, mode: 24, max: 24});
    const own = sourceRanges(
      inputs.factors,
      chosenSourceFactors(inputs, scenario("factor=coal:1000g,hydropower:2200g"))
    );
    expect(own.coal).toEqual({min: 740, mode: 1000, max: 1000});
    expect(own.hydropower).toEqual({min: 1, mode: 2200, max: 2200});
    expect(RANGE_SETS).toEqual({min: "ipcc-ar5-min", max: "ipcc-ar5-max"});
  });

  test("monteCarloSpec: EPA factor spread as the US mix, a grid's own mix, a direct intensity held", () => {
    const epa = monteCarloSpec(inputs, scenario(""), nas);
    expect(epa.intensity.kind).toBe("mix");
    if (epa.intensity.kind !== "mix") return;
    expect(epa.intensity.mix).toEqual({renewable: 17, gas: 35, coal: 27, nuclear: 19});
    expect(epa.intensity.scale).toBeCloseTo(
      (0.954 * 0.45359237) / gridKgPerKwh(inputs, "us", "ipcc-ar5-median", "renormalise"),
      12
    );
    const china = monteCarloSpec(inputs, scenario("grid=china"), nas);
    expect(china.intensity).toMatchObject({kind: "mix", scale: 1, mix: {coal: 65}});
    expect(monteCarloSpec(inputs, scenario("intensity=429g"), nas).intensity).toEqual({
      kind: "fixed",
      kgPerKwh: expect.closeTo(0.429, 15)
    });
  });

  test("pointKg, every assumption at its mode, is the engine's Table 3 value under every kind of intensity", () => {
    for (const query of ["", "grid=china&pue=1.2", "intensity=57g", "grid=custom&mix=10,20,30,20&unassigned=800g"]) {
      const s = scenario(query);
      const r = resolveScenario(inputs, s);
      const row = computeTables(inputs, s).table3.find((x) => x.id === "nas_p100")!;
      expect(pointKg(monteCarloSpec(inputs, s, nas)), query).toBeCloseTo(row.co2e_kg!, 6);
      expect(r.pue).toBe(s.pue);
    }
  });

  test("simulate equals the engine (sampleCo2eKg) sample by sample, for every kind of intensity", () => {
    for (const query of ["", "grid=germany", "grid=custom&mix=10,20,30,20&unassigned=800g", "intensity=0.3kg"]) {
      const spec = monteCarloSpec(inputs, scenario(query), nas);
      const draws = drawSamples(spec, 500, 11);
      const fast = simulate(spec, draws).co2eKg;
      const slow = Float64Array.from({length: 500}, (_, i) => sampleCo2eKg(spec, draws, i));
      expect(maxRelativeDifference(fast, slow), query).toBeLessThan(1e-12);
    }
  });

  test("drawSamples is seeded, prefix-stable, stays inside its ranges and maps the stream through triangularIn", () => {
    const spec = monteCarloSpec(inputs, scenario("grid=china"), nas);
    const a = drawSamples(spec, 1000, 5);
    const b = drawSamples(spec, 1000, 5);
    const c = drawSamples(spec, 100, 5);
    expect(a.pue).toEqual(b.pue);
    expect(Array.from(c.powerScale)).toEqual(Array.from(a.powerScale.slice(0, 100)));
    for (const v of a.pue) expect(v >= spec.pue.min && v <= spec.pue.max).toBe(true);
    const k = 2 + SAMPLED_SOURCES.length;
    const u = fillUniform(randomState(5), new Float64Array(1000 * k));
    for (const i of [0, 1, 500, 999]) {
      expect(a.powerScale[i]).toBeCloseTo(triangularIn(u[i * k], 0.941, 1, 1.566), 12);
      expect(a.pue[i]).toBeCloseTo(triangularIn(u[i * k + 1], spec.pue.min, spec.pue.mode, spec.pue.max), 12);
    }
    expect(() => drawSamples(spec, 0, 1)).toThrow(/samples 0 is not allowed/);
  });

  test("runMonteCarlo: reproducible from its seed; quantiles are d3.quantileSorted's of the sorted samples; percentileOf counts", () => {
    const spec: MonteCarloSpec = monteCarloSpec(inputs, scenario("grid=google&pue=1.1"), nas);
    const a = runMonteCarlo(spec, 4000, 3);
    expect(runMonteCarlo(spec, 4000, 3).samples).toEqual(a.samples);
    const sorted = Float64Array.from(a.samples).sort();
    expect(a.medianKg).toBeCloseTo(quantileSorted(sorted, 0.5)!, 9);
    expect(a.lowKg).toBeCloseTo(quantileSorted(sorted, 0.05)!, 9);
    expect(a.highKg).toBeCloseTo(quantileSorted(sorted, 0.95)!, 9);
    expect(a.lowKg).toBeLessThan(a.medianKg);
    expect(a.medianKg).toBeLessThan(a.highKg);
    expect(percentileOf(sorted, sorted[999])).toBe(25);
    expect(percentileOf(sorted, 0)).toBe(0);
    expect(percentileOf(sorted, Infinity)).toBe(100);
  });

  test("quantiles equals d3.quantileSorted of the sorted values, without changing its input", () => {
    const random = seededRandom(1);
    const values = Float64Array.from({length: 4000}, () => random() * 1000);
    const copy = Float64Array.from(values);
    const sorted = Float64Array.from(values).sort();
    const ps = [0, 0.005, 0.05, 0.5, 0.95, 0.995, 1];
    expect(quantiles(values, ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    expect(values).toEqual(copy);
    expect(quantiles([], [0.5])).toEqual([NaN]);
  });

  test("runMonteCarlo with PUE 1.1 and the Google grid: the median lies within a factor of 1.3 of the point", () => {
    const spec = monteCarloSpec(inputs, scenario("pue=1.1&grid=google"), nas);
    const run = runMonteCarlo(spec, 20000, 2019);
    expect(run.medianKg / pointKg(spec)).toBeGreaterThan(1);
    expect(run.medianKg / pointKg(spec)).toBeLessThan(1.3);
  });
});
