// The domain of a log-scale axis, shared by the site's charts (kept apart from charts.ts so that a page that
// needs only this does not load every chart of the site).

/** A log-scale domain from the power of ten below the smallest value to the one above the largest. */
export function logDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  return [10 ** Math.floor(Math.log10(Math.min(...positive))), 10 ** Math.ceil(Math.log10(Math.max(...positive)))];
}
