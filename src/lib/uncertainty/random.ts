/**
 * Seeded pseudo-random numbers, so that every Monte Carlo result on the site can be reproduced from its seed.
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, PractRand suite), seeded by
 * SplitMix32 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"), in 32-bit integer
 * arithmetic: the same seed gives the same stream in Node and in every browser.
 */

/** A stream of numbers uniform in [0, 1). */
export type Random = () => number;

/** Largest seed accepted: seeds are whole numbers from 0 to 2^32 − 1. */
export const MAX_SEED = 0xffffffff;

/** Throws an Error naming the value unless it is a whole number from 0 to MAX_SEED. */
export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new Error(`seed ${seed} is not allowed: a whole number from 0 to ${MAX_SEED}`);
  }
  return seed;
}

/** The four 32-bit words of an sfc32 state. */
export type RandomState = Int32Array;

/** A generator state for a seed: SplitMix32 expands the seed into four words, then 12 outputs are discarded. */
export function randomState(seed: number): RandomState {
  let s = checkSeed(seed) | 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  const state = Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  // Discarding the first outputs, as the generator's author recommends, decorrelates nearby seeds.
  fillUniform(state, new Float64Array(12));
  return state;
}

/** Fills `out` with the next numbers of the stream, uniform in [0, 1), and advances the state. */
export function fillUniform(state: RandomState, out: Float64Array): Float64Array {
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  for (let i = 0; i < out.length; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    out[i] = (t >>> 0) / 4294967296;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
  return out;
}

/** A seeded generator of numbers uniform in [0, 1), one at a time: the same stream as fillUniform. */
export function seededRandom(seed: number): Random {
  const state = randomState(seed);
  const buffer = new Float64Array(256);
  let next = buffer.length;
  return () => {
    if (next === buffer.length) {
      fillUniform(state, buffer);
      next = 0;
    }
    return buffer[next++];
  };
}

/** Maps u uniform in [0, 1) to a value uniform in [min, max). */
export function uniformIn(u: number, min: number, max: number): number {
  return min + u * (max - min);
}

/**
 * Maps u uniform in [0, 1) to the triangular distribution with the given minimum, mode and maximum
 * (inverse of its cumulative distribution function).
 */
export function triangularIn(u: number, min: number, mode: number, max: number): number {
  if (!(min <= mode && mode <= max))
    throw new Error(`triangular range needs min ≤ mode ≤ max, got ${min}, ${mode}, ${max}`);
  const width = max - min;
  if (width === 0) return min;
  const split = (mode - min) / width;
  return u < split ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
}
