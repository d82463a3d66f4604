import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {tableModels, type FocusModel} from "../src/lib/focus.js";
import {
  assumptionRanges,
  drawSamples,
  histogram,
  IPCC_RANGE_SETS,
  monteCarloSpec,
  quantiles,
  quantileSorted,
  runMonteCarlo,
  SAMPLED_SOURCES,
  sampleCo2eKg,
  simulateCo2eKg,
  sourceRanges,
  type MonteCarloSpec
} from "../src/lib/montecarlo.js";
import {nasRuns} from "../src/lib/nas-correction.js";
import {fillUniform, randomState, triangularIn, uniformIn} from "../src/lib/random.js";
import {gridKgPerKwh, paperScenario, parseScenario, type Scenario} from "../src/lib/scenario.js";
import {computeTables} from "../src/lib/tables.js";
import type {Inputs} from "../src/lib/types.js";

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
  test("assumptionRanges: PUE over the presets, power from ×1 to Patterson's P100 over Strubell's per-P100 power", () => {
    const r = assumptionRanges(inputs);
    expect(r.pue).toEqual({min: 1.1, max: 2.5});
    // 296 W measured per P100 (Patterson et al. 2021) over 1515.43 W / 8 P100 (Table 3, NAS row).
    expect(r.powerScale.min).toBe(1);
    expect(r.powerScale.max).toBeCloseTo(296 / (1515.43 / 8), 12);
    expect(r.powerScale.max).toBeCloseTo(1.5626, 4);
  });

  test("sourceRanges reads IPCC AR5's minimum, median and maximum per source (Table A.III.2)", () => {
    const r = sourceRanges(inputs.factors);
    expect(Object.keys(r)).toEqual([...SAMPLED_SOURCES]);
    expect(r.coal).toEqual({min: 740, mode: 820, max: 910});
    expect(r.hydropower).toEqual({min: 1, mode: 24, max: 2200});
    expect(r.nuclear).toEqual({min: 3.7, mode: 12, max: 110});
    expect(IPCC_RANGE_SETS).toEqual({min: "ipcc-ar5-min", mode: "ipcc-ar5-median", max: "ipcc-ar5-max"});
  });

  test("monteCarloSpec samples the US mix for the EPA factor, the chosen mix for a grid, and holds a direct intensity", () => {
    const epa = monteCarloSpec(inputs, paperScenario(inputs), nas);
    expect(epa.intensity).toMatchObject({kind: "mix", mix: {renewable: 17, gas: 35, coal: 27, nuclear: 19}});
    expect(epa.pue).toEqual({min: 1.1, mode: 1.58, max: 2.5});
    const google = monteCarloSpec(inputs, scenario("grid=google&unassigned=800g"), nas);
    expect(google.intensity).toMatchObject({kind: "mix", mix: {renewable: 56}, unassigned: {gPerKwh: 800}});
    const custom = monteCarloSpec(inputs, scenario("grid=custom&mix=10,20,30,40"), nas);
    expect(custom.intensity).toMatchObject({mix: {renewable: 10, gas: 20, coal: 30, nuclear: 40}});
    const direct = monteCarloSpec(inputs, scenario("intensity=429g&pue=3"), nas);
    expect(direct.intensity).toEqual({kind: "fixed", kgPerKwh: 0.429});
    // A PUE outside the presets widens the range so that it stays the mode.
    expect(direct.pue).toEqual({min: 1.1, mode: 3, max: 3});
    // Power measured on the hardware that ran the model (Patterson's TPU v2 chips) is held as measured.
    expect(epa.powerScale).toEqual({min: 1, max: 296 / (1515.43 / 8)});
    const tpu = monteCarloSpec(inputs, paperScenario(inputs), nasRuns(inputs).tpu);
    expect(tpu.powerScale).toEqual({min: 1, max: 1});
  });

  test("simulateCo2eKg equals the engine (sampleCo2eKg) sample by sample, for every kind of intensity", () => {
    for (const query of [
      "",
      "grid=china",
      "grid=google&unassigned=800g",
      "grid=custom&mix=50,0,50,0",
      "intensity=0.954lbs"
    ]) {
      for (const model of tableModels(inputs)) {
        const spec = monteCarloSpec(inputs, scenario(query), model);
        const draws = drawSamples(spec, 500, 11);
        const scalar = Array.from({length: draws.n}, (_, i) => sampleCo2eKg(spec, draws, i));
        expect(maxRelativeDifference(simulateCo2eKg(spec, draws), scalar), `${query} ${model.id}`).toBeLessThan(1e-13);
      }
    }
  });

  test("simulateCo2eKg with degenerate ranges is the engine's point estimate: NAS (P100) under the paper's scenario", () => {
    const kg = computeTables(inputs, paperScenario(inputs)).table3.find((r) => r.id === "nas_p100")!.co2e_kg!;
    const spec: MonteCarloSpec = {
      model: nas,
      powerScale: {min: 1, max: 1},
      pue: {min: 1.58, mode: 1.58, max: 1.58},
      intensity: {kind: "fixed", kgPerKwh: 0.954 * 0.45359237}
    };
    const out = simulateCo2eKg(spec, drawSamples(spec, 100, 1));
    for (const x of out) expect(x).toBeCloseTo(kg, 6);
    // By hand: 274,120 h × 1515.43 W × 1.58 / 1000 × 0.954 lbs/kWh = 626,155 lbs = 284,019 kg.
    expect(out[0] / 0.45359237).toBeCloseTo(626155.4, 0);
  });

  test("simulateCo2eKg with every factor at IPCC's median gives the intensity the engine gives the mix", () => {
    const base = monteCarloSpec(inputs, scenario("grid=us"), nas);
    if (base.intensity.kind !== "mix") throw new Error("expected a mix");
    const median = Object.fromEntries(
      Object.entries(base.intensity.gPerKwh).map(([k, r]) => [k, {min: r.mode!, mode: r.mode!, max: r.mode!}])
    );
    const spec: MonteCarloSpec = {
      ...base,
      powerScale: {min: 1, max: 1},
      pue: {min: 1, mode: 1, max: 1},
      intensity: {...base.intensity, gPerKwh: median}
    };
    const kgPerKwh = gridKgPerKwh(inputs, "us", "ipcc-ar5-median", "renormalise");
    // US mix under IPCC medians by hand: (17 × (24 + 11 + 48) / 3 + 35 × 490 + 27 × 820 + 19 × 12) / 98 g.
    expect(kgPerKwh * 1000).toBeCloseTo((17 * (83 / 3) + 35 * 490 + 27 * 820 + 19 * 12) / 98, 9);
    const [x] = simulateCo2eKg(spec, drawSamples(spec, 1, 5));
    expect(x).toBeCloseTo((nas.watts * nas.hours * kgPerKwh) / 1000, 6);
  });

  test("drawSamples is seeded, prefix-stable, and its draws stay inside their ranges", () => {
    const spec = monteCarloSpec(inputs, scenario("grid=china"), nas);
    const a = drawSamples(spec, 1000, 3);
    const b = drawSamples(spec, 1000, 3);
    const c = drawSamples(spec, 1000, 4);
    const short = drawSamples(spec, 10, 3);
    expect(a.pue).toEqual(b.pue);
    expect(a.gPerKwh).toEqual(b.gPerKwh);
    expect(a.pue).not.toEqual(c.pue);
    expect(Array.from(short.pue)).toEqual(Array.from(a.pue.subarray(0, 10)));
    expect(Array.from(short.gPerKwh[0])).toEqual(Array.from(a.gPerKwh[0].subarray(0, 10)));
    expect(Math.min(...a.pue)).toBeGreaterThanOrEqual(1.1);
    expect(Math.max(...a.pue)).toBeLessThanOrEqual(2.5);
    expect(Math.min(...a.powerScale)).toBeGreaterThanOrEqual(1);
    expect(a.gPerKwh.length).toBe(SAMPLED_SOURCES.length);
    const coal = a.gPerKwh[SAMPLED_SOURCES.indexOf("coal")];
    expect(Math.min(...coal)).toBeGreaterThanOrEqual(740);
    expect(Math.max(...coal)).toBeLessThanOrEqual(910);
    expect(() => drawSamples(spec, 0, 1)).toThrow(/samples 0 is not allowed/);
    expect(() => drawSamples(spec, 10, -2)).toThrow(/seed -2/);
  });

  test("drawSamples with previous draws reuses the stream and unchanged columns, and equals drawing afresh", () => {
    const first = drawSamples(monteCarloSpec(inputs, scenario("grid=china"), nas), 2000, 3);
    for (const query of ["grid=china&pue=2", "grid=germany", "grid=china&factors=codecarbon", "intensity=300g"]) {
      const spec = monteCarloSpec(inputs, scenario(query), nas);
      const reused = drawSamples(spec, 2000, 3, first);
      expect(reused, query).toEqual(drawSamples(spec, 2000, 3));
      expect(simulateCo2eKg(spec, reused), query).toEqual(simulateCo2eKg(spec, drawSamples(spec, 2000, 3)));
    }
    const pue2 = drawSamples(monteCarloSpec(inputs, scenario("grid=china&pue=2"), nas), 2000, 3, first);
    expect(pue2.uniforms).toBe(first.uniforms);
    expect(pue2.powerScale).toBe(first.powerScale);
    expect(pue2.gPerKwh[0]).toBe(first.gPerKwh[0]);
    expect(pue2.pue).not.toBe(first.pue);
    // Another seed or size draws everything again.
    const spec = monteCarloSpec(inputs, scenario("grid=china"), nas);
    expect(drawSamples(spec, 2000, 4, first).uniforms).not.toBe(first.uniforms);
    expect(drawSamples(spec, 1000, 3, first)).toEqual(drawSamples(spec, 1000, 3));
  });

  test("drawSamples maps the seeded stream through uniformIn and triangularIn, sample by sample in a fixed order", () => {
    const spec = monteCarloSpec(inputs, scenario("grid=china"), nas);
    const d = drawSamples(spec, 50, 9);
    const k = 2 + SAMPLED_SOURCES.length;
    const u = fillUniform(randomState(9), new Float64Array(50 * k));
    for (let i = 0; i < 50; i++) {
      expect(d.powerScale[i]).toBeCloseTo(uniformIn(u[i * k], spec.powerScale.min, spec.powerScale.max), 12);
      expect(d.pue[i]).toBeCloseTo(triangularIn(u[i * k + 1], 1.1, 1.58, 2.5), 12);
      const coal = SAMPLED_SOURCES.indexOf("coal");
      expect(d.gPerKwh[coal][i]).toBeCloseTo(triangularIn(u[i * k + 2 + coal], 740, 820, 910), 9);
    }
  });

  test("quantileSorted interpolates between order statistics like d3.quantileSorted", () => {
    const xs = [1, 2, 3, 4];
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 1)).toBe(4);
    expect(quantileSorted(xs, 0.5)).toBe(2.5);
    expect(quantileSorted(xs, 0.05)).toBeCloseTo(1.15, 12);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  test("histogram counts every value once, in its bin or outside the range", () => {
    const h = histogram([0, 0.5, 1, 1.5, 2, 3, -1], 4, 0, 2);
    expect(h.bins.map((b) => b.count)).toEqual([1, 1, 1, 2]);
    expect(h.bins[0]).toEqual({x0: 0, x1: 0.5, count: 1});
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
  });

  test("quantiles equals quantileSorted of the sorted values, without sorting or changing its input", () => {
    const random = fillUniform(randomState(7), new Float64Array(1001));
    const samples = [
      random,
      random.map((u) => Math.round(u * 5)), // many ties
      Float64Array.of(3, 1, 2),
      Float64Array.of(5),
      Float64Array.of(2, 2, 2, 2),
      random.slice().sort(), // already sorted
      random.slice().sort().reverse()
    ];
    const qs = [0, 0.005, 0.05, 0.25, 0.5, 0.95, 0.995, 1];
    for (const values of samples) {
      const before = values.slice();
      const sorted = values.slice().sort();
      expect(quantiles(values, qs)).toEqual(qs.map((q) => quantileSorted(sorted, q)));
      expect(values).toEqual(before);
    }
    expect(quantiles([], [0.5])).toEqual([NaN]);
  });

  test("runMonteCarlo is reproducible from its seed; median inside the 90 % interval; uniform mean by hand", () => {
    const spec = monteCarloSpec(inputs, paperScenario(inputs), nas);
    const a = runMonteCarlo(spec, 20000, 2019);
    const b = runMonteCarlo(spec, 20000, 2019);
    expect(a.medianKg).toBe(b.medianKg);
    expect(a.lowKg).toBeLessThan(a.medianKg);
    expect(a.medianKg).toBeLessThan(a.highKg);
    expect(a.samples).toEqual(b.samples);
    expect(a.samples.length).toBe(20000);
    const sorted = a.samples.slice().sort();
    expect([a.lowKg, a.medianKg, a.highKg]).toEqual([0.05, 0.5, 0.95].map((q) => quantileSorted(sorted, q)));
    expect(a.central99Kg).toEqual([quantileSorted(sorted, 0.005), quantileSorted(sorted, 0.995)]);
    // With a fixed intensity and PUE, CO2e is linear in the uniform power scale: its mean is the mid-range.
    const fixed: MonteCarloSpec = {
      model: nas,
      powerScale: {min: 1, max: 2},
      pue: {min: 1, mode: 1, max: 1},
      intensity: {kind: "fixed", kgPerKwh: 0.5}
    };
    // A run given the previous one gives the same result as a fresh run.
    const other = monteCarloSpec(inputs, {...paperScenario(inputs), pue: 2}, nas);
    expect(runMonteCarlo(other, 20000, 2019, a)).toEqual(runMonteCarlo(other, 20000, 2019));
    const r = runMonteCarlo(fixed, 100000, 1);
    const perScale = (nas.watts * nas.hours * 0.5) / 1000;
    expect(r.meanKg / perScale).toBeCloseTo(1.5, 2);
    expect(r.medianKg / perScale).toBeCloseTo(1.5, 2);
    expect(r.lowKg / perScale).toBeCloseTo(1.05, 2);
    expect(r.highKg / perScale).toBeCloseTo(1.95, 2);
  });
});
