// Charts of the ledger page. Text only through Plot's text marks: nothing from data becomes HTML.
import * as Plot from "@observablehq/plot";
import type {AccountingStep} from "../lib/later/accounting.js";
import {quantity} from "./later.js";

const LATER = "#c2571a";
const MUTED = "#6b6b6b";

/**
 * One model's total after each accounting choice, as horizontal bars in the order the choices apply (a stepped
 * chart: each bar is the running total, its label the change from the bar above).
 */
export function accountingChart(steps: readonly AccountingStep[], width: number): SVGSVGElement | HTMLElement {
  const narrow = width < 640;
  const max = Math.max(...steps.map((s) => s.co2e_t), 0);
  return Plot.plot({
    width,
    height: 50 + steps.length * (narrow ? 64 : 44),
    marginLeft: narrow ? 10 : 330,
    marginRight: 90,
    x: {label: "CO2e (t) →", domain: [0, max * 1.05 || 1], grid: true},
    y: {domain: steps.map((s) => s.step), label: null, axis: narrow ? null : "left"},
    ariaLabel: "Training CO2e after each accounting choice",
    ariaDescription: steps.map((s) => `${s.step}: ${quantity(s.co2e_t)} t`).join("; "),
    marks: [
      Plot.barX(steps, {x: "co2e_t", y: "step", fill: LATER, fillOpacity: 0.8, insetTop: narrow ? 22 : 0}),
      Plot.ruleX([0]),
      Plot.text(steps, {
        x: "co2e_t",
        y: "step",
        dy: narrow ? 11 : 0,
        text: (s: AccountingStep) =>
          `${quantity(s.co2e_t)} t${s === steps[0] ? "" : ` (${s.change_t >= 0 ? "+" : "−"}${quantity(Math.abs(s.change_t))})`}`,
        dx: 6,
        textAnchor: "start",
        fill: MUTED
      }),
      narrow ? Plot.text(steps, {x: 0, y: "step", text: "step", dy: -14, textAnchor: "start", fontSize: 11}) : null
    ]
  }) as SVGSVGElement | HTMLElement;
}

/** One part of a run's water, as the water figure shows it. */
export interface WaterPart {
  part: string;
  litres: number;
  basis: string;
}

/** A run's water in litres, one horizontal bar per part (on-site, off-site). */
export function waterChart(parts: readonly WaterPart[], width: number): SVGSVGElement | HTMLElement {
  const narrow = width < 640;
  const max = Math.max(...parts.map((p) => p.litres), 0);
  const litres = (x: number) => `${Math.round(x).toLocaleString("en-US")} L`;
  return Plot.plot({
    width,
    height: 50 + parts.length * (narrow ? 64 : 44),
    marginLeft: narrow ? 10 : 330,
    marginRight: 110,
    x: {label: "water (litres) →", domain: [0, max * 1.05 || 1], grid: true},
    y: {domain: parts.map((p) => p.part), label: null, axis: narrow ? null : "left"},
    ariaLabel: "Water consumed by the training run",
    ariaDescription: parts.map((p) => `${p.part}: ${litres(p.litres)}`).join("; "),
    marks: [
      Plot.barX(parts, {x: "litres", y: "part", fill: "#2a6f97", fillOpacity: 0.8, insetTop: narrow ? 22 : 0}),
      Plot.ruleX([0]),
      Plot.text(parts, {
        x: "litres",
        y: "part",
        dy: narrow ? 11 : 0,
        text: (p: WaterPart) => litres(p.litres),
        dx: 6,
        textAnchor: "start",
        fill: MUTED
      }),
      narrow ? Plot.text(parts, {x: 0, y: "part", text: "part", dy: -14, textAnchor: "start", fontSize: 11}) : null
    ]
  }) as SVGSVGElement | HTMLElement;
}
