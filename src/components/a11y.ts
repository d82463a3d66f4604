// Small accessibility fixes for what Plot and Inputs render, found by axe-core (test/browser/a11y.test.ts).
// Call them where a chart or an input is made: `plotAria(Plot.plot(...))`, `labelRange(Inputs.range(...))`.

/**
 * Plot names its groups of marks and axes with aria-label on <g> elements that have no role; axe-core
 * reports aria-label on a role-less element as a serious violation (aria-prohibited-attr), and screen
 * readers may drop the name. Giving each such group role="group" keeps Plot's names and makes them valid
 * (observablehq/plot#1760). Returns the chart, so it wraps a Plot.plot(...) call or a figure holding one.
 */
export function plotAria<T extends Element>(chart: T): T {
  for (const g of chart.querySelectorAll("g[aria-label]:not([role])")) g.setAttribute("role", "group");
  return chart;
}

/**
 * Inputs.range renders a number box and a slider, but its <label for> names only the number box: the
 * slider has no accessible name (axe: critical "label"). Gives every unnamed slider the label's text.
 * Returns the input, so it wraps an Inputs.range(...) call (the value and events are untouched).
 */
export function labelRange<T extends Element>(input: T): T {
  const label = input.querySelector("label")?.textContent?.trim();
  if (label)
    for (const range of input.querySelectorAll("input[type=range]:not([aria-label]):not([aria-labelledby])"))
      range.setAttribute("aria-label", label);
  return input;
}
