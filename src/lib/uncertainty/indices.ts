import {extent, variance} from "d3-array";

/** Bins of the conditional-mean estimator unless the caller picks another number. */
export const INDEX_BINS = 30;

/**
 * First-order sensitivity index of an output y to one input x, from the same samples: the share of y's
 * variance that x explains alone, Var(E[y | x]) / Var(y). E[y | x] is estimated by the mean of y in each of
 * `bins` equal-width bins of x, and its variance by the count-weighted variance of those means (the binned
 * conditional-variance estimator). With no effect it reads about (bins − 1) / n, not 0. An input that does not
 * vary explains nothing (0); so does any input when y does not vary.
 */
export function firstOrderIndex(x: ArrayLike<number>, y: ArrayLike<number>, bins: number = INDEX_BINS): number {
  const n = x.length;
  if (n !== y.length) throw new Error(`x and y need the same length, got ${n} and ${y.length}`);
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins ${bins} is not allowed: a whole number ≥ 1`);
  if (n < 2) return 0;
  const [lo = Infinity, hi = -Infinity] = extent(x as unknown as Iterable<number>);
  const total = variance(y as unknown as Iterable<number>) ?? 0;
  if (!(hi > lo) || !(total > 0)) return 0;
  const counts = new Float64Array(bins);
  const sums = new Float64Array(bins);
  let sum = 0;
  const width = (hi - lo) / bins;
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor((x[i] - lo) / width));
    counts[b]++;
    sums[b] += y[i];
    sum += y[i];
  }
  const m = sum / n;
  let between = 0;
  for (let b = 0; b < bins; b++) if (counts[b] > 0) between += counts[b] * (sums[b] / counts[b] - m) ** 2;
  return Math.min(1, between / (n - 1) / total);
}
