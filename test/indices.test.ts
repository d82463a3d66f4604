import {describe, expect, test} from "vitest";
import {firstOrderIndex} from "../src/lib/uncertainty/indices.js";
import {seededRandom} from "../src/lib/uncertainty/random.js";

describe("indices", () => {
  test("firstOrderIndex of y = x1 + 2·x2 (independent uniforms) is 1/5 for x1 and 4/5 for x2, analytically", () => {
    const random = seededRandom(1);
    const n = 100000;
    const x1 = Float64Array.from({length: n}, random);
    const x2 = Float64Array.from({length: n}, random);
    const y = x1.map((v, i) => v + 2 * x2[i]);
    expect(firstOrderIndex(x1, y)).toBeCloseTo(0.2, 2);
    expect(firstOrderIndex(x2, y)).toBeCloseTo(0.8, 2);
  });

  test("firstOrderIndex of y = x1·x2 on [0, 1]²: Var(E[y|x1]) / Var(y) = (1/48) / (7/144) = 3/7", () => {
    const random = seededRandom(2);
    const n = 100000;
    const x1 = Float64Array.from({length: n}, random);
    const x2 = Float64Array.from({length: n}, random);
    const y = x1.map((v, i) => v * x2[i]);
    expect(firstOrderIndex(x1, y)).toBeCloseTo(3 / 7, 2);
  });

  test("firstOrderIndex is about (bins − 1) / n for an input with no effect, and 0 for one that does not vary", () => {
    const random = seededRandom(3);
    const n = 20000;
    const noise = Float64Array.from({length: n}, random);
    const y = Float64Array.from({length: n}, random);
    expect(firstOrderIndex(noise, y)).toBeLessThan(0.005);
    expect(firstOrderIndex(new Float64Array(n).fill(2), y)).toBe(0);
    expect(firstOrderIndex(noise, new Float64Array(n).fill(1))).toBe(0);
    expect(() => firstOrderIndex(noise, y.subarray(1))).toThrow(/same length/);
    expect(() => firstOrderIndex(noise, y, 0)).toThrow(/bins 0 is not allowed/);
  });
});
