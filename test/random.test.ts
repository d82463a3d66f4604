import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {
  checkSeed,
  fillUniform,
  MAX_SEED,
  randomState,
  seededRandom,
  triangularIn,
  uniformIn
} from "../src/lib/uncertainty/random.js";

const golden = JSON.parse(readFileSync("test/golden/random-seed-2019.json", "utf8")) as {
  seed: number;
  values: number[];
};

/**
 * sfc32 written from its published description with unsigned arithmetic (>>> 0), seeded by SplitMix32, to check
 * the int32 implementation of src/lib/uncertainty/random.ts against an independent one.
 */
function referenceStream(seed: number, count: number): number[] {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix()];
  const out: number[] = [];
  for (let i = 0; i < count + 12; i++) {
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + ((c << 3) >>> 0)) >>> 0;
    c = (((c << 21) | (c >>> 11)) >>> 0) + t;
    c >>>= 0;
    if (i >= 12) out.push(t / 2 ** 32);
  }
  return out;
}

describe("random", () => {
  test("seededRandom gives the golden stream for seed 2019", () => {
    const random = seededRandom(golden.seed);
    expect(golden.values.map(() => random())).toEqual(golden.values);
  });

  test("seededRandom matches an independent unsigned implementation of sfc32 + SplitMix32", () => {
    for (const seed of [0, 1, 2019, 123456789, MAX_SEED]) {
      const random = seededRandom(seed);
      expect(
        Array.from({length: 600}, () => random()),
        `seed ${seed}`
      ).toEqual(referenceStream(seed, 600));
    }
  });

  test("fillUniform continues the same stream as seededRandom, across its 256-value buffer", () => {
    const random = seededRandom(7);
    const one = Array.from({length: 1000}, () => random());
    const state = randomState(7);
    const filled = [...fillUniform(state, new Float64Array(300)), ...fillUniform(state, new Float64Array(700))];
    expect(filled).toEqual(one);
  });

  test("seededRandom is reproducible and differs between nearby seeds", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({length: 100}, () => a());
    expect(Array.from({length: 100}, () => b())).toEqual(xs);
    const ys = Array.from({length: 100}, () => c());
    expect(ys.filter((y, k) => y === xs[k]).length).toBe(0);
  });

  test("seededRandom is uniform on [0, 1): mean, range and a chi-square test over 20 bins", () => {
    const n = 100000;
    const values = fillUniform(randomState(2019), new Float64Array(n));
    const counts = new Array(20).fill(0);
    let sum = 0;
    let outside = 0;
    for (const v of values) {
      if (!(v >= 0 && v < 1)) outside++;
      else counts[Math.floor(v * 20)]++;
      sum += v;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    const expected = n / 20;
    const chi2 = counts.reduce((s, k) => s + (k - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 99.9th percentile of chi-square is 43.82.
    expect(chi2).toBeLessThan(43.82);
  });

  test("checkSeed accepts whole numbers from 0 to 2^32 − 1 and names anything else", () => {
    expect(checkSeed(0)).toBe(0);
    expect(checkSeed(MAX_SEED)).toBe(4294967295);
    for (const bad of [-1, 1.5, 2 ** 32, NaN, Infinity]) {
      expect(() => checkSeed(bad)).toThrow(`seed ${bad} is not allowed: a whole number from 0 to 4294967295`);
    }
    expect(() => seededRandom(-1)).toThrow(/seed -1/);
  });

  test("uniformIn maps [0, 1) linearly onto [min, max)", () => {
    expect(uniformIn(0, 2, 6)).toBe(2);
    expect(uniformIn(0.25, 2, 6)).toBe(3);
    expect(uniformIn(0.5, -1, 1)).toBe(0);
  });

  test("triangularIn inverts the triangular CDF: ends, mode at its probability, hand-computed points", () => {
    // min 1, mode 2, max 4: P(X ≤ mode) = (2 − 1) / (4 − 1) = 1/3.
    expect(triangularIn(0, 1, 2, 4)).toBe(1);
    expect(triangularIn(1 / 3, 1, 2, 4)).toBeCloseTo(2, 12);
    expect(triangularIn(1, 1, 2, 4)).toBe(4);
    // Below the mode: 1 + sqrt(u · 3 · 1); u = 0.12 → 1.6.
    expect(triangularIn(0.12, 1, 2, 4)).toBeCloseTo(1.6, 12);
    // Above the mode: 4 − sqrt((1 − u) · 3 · 2); u = 0.625 → 4 − 1.5 = 2.5.
    expect(triangularIn(0.625, 1, 2, 4)).toBeCloseTo(2.5, 12);
    // Degenerate and one-sided ranges.
    expect(triangularIn(0.7, 3, 3, 3)).toBe(3);
    expect(triangularIn(0.25, 0, 0, 1)).toBeCloseTo(1 - Math.sqrt(0.75), 12);
    expect(() => triangularIn(0.5, 2, 1, 3)).toThrow(/min ≤ mode ≤ max/);
  });

  test("triangularIn of seeded uniforms has the triangular mean (min + mode + max) / 3", () => {
    const u = fillUniform(randomState(1), new Float64Array(50000));
    let sum = 0;
    for (const x of u) sum += triangularIn(x, 1.1, 1.58, 2.5);
    expect(sum / u.length).toBeCloseTo((1.1 + 1.58 + 2.5) / 3, 2);
  });
});
