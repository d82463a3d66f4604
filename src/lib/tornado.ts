import {modelCo2eKg, type FocusModel} from "./focus.js";
import {categoryFactors, factorSetNames, MIX_CATEGORIES} from "./mix.js";
import {assumptionRanges} from "./montecarlo.js";
import {gridIds, CUSTOM_GRID, PAPER_GRID, resolveScenario, type Scenario} from "./scenario.js";
import type {Inputs} from "./types.js";

/** One end of a tornado bar: the assumption's value, in words, and the model's CO2e with it. */
export interface TornadoEnd {
  value: string;
  co2eKg: number;
}

/** How far one assumption's plausible range moves the model's CO2e, all else held at the scenario. */
export interface TornadoBar {
  id: "pue" | "power" | "grid" | "factors" | "unassigned";
  label: string;
  low: TornadoEnd;
  high: TornadoEnd;
  /** high − low, kg; 0 when the assumption has no effect under this scenario. */
  spanKg: number;
  /** Why the bar is empty, when it is. */
  note: string | null;
}

export interface Tornado {
  model: FocusModel;
  baseKg: number;
  /** Widest first. */
  bars: TornadoBar[];
}

function ends(values: Array<{value: string; co2eKg: number}>): {low: TornadoEnd; high: TornadoEnd} {
  const sorted = [...values].sort((a, b) => a.co2eKg - b.co2eKg);
  return {low: sorted[0], high: sorted[sorted.length - 1]};
}

function bar(
  id: TornadoBar["id"],
  label: string,
  values: Array<{value: string; co2eKg: number}>,
  note: string | null = null
): TornadoBar {
  const {low, high} = ends(values);
  return {id, label, low, high, spanKg: high.co2eKg - low.co2eKg, note};
}

/**
 * For one model under one scenario: each assumption moved alone to the ends of its plausible range
 * (PUE and power from assumptionRanges; the grid over every preset; the factor set over every published
 * set; the unassigned share from carbon-free to the set's most carbon-intensive source), CO2e by the engine.
 * Where the scenario's own PUE or intensity lies outside that range, it ends the bar instead.
 */
export function tornado(inputs: Inputs, scenario: Scenario, model: FocusModel): Tornado {
  const base = resolveScenario(inputs, scenario);
  const ranges = assumptionRanges(inputs);
  const at = (s: Scenario) => {
    const r = resolveScenario(inputs, s);
    return modelCo2eKg(model, r.pue, r.kgPerKwh);
  };
  const fixedPue = (pue: number) => modelCo2eKg(model, pue, base.kgPerKwh);
  const scaled = (k: number) => modelCo2eKg({...model, watts: model.watts * k}, base.pue, base.kgPerKwh);
  // The scenario's own value ends a bar when it lies outside the published range, so each bar reaches the base.
  const here = (value: string) => ({value, co2eKg: modelCo2eKg(model, base.pue, base.kgPerKwh)});
  const fromMix = scenario.intensity == null && scenario.grid !== PAPER_GRID;
  const noMix = "no effect: this scenario's intensity is not computed from a mix";
  const gridName = (id: string) =>
    id === PAPER_GRID ? "EPA 2018 (paper)" : (inputs.grids.find((g) => g.id === id)?.consumer ?? id);

  const bars: TornadoBar[] = [
    bar("pue", "PUE", [
      {value: `PUE ${ranges.pue.min}`, co2eKg: fixedPue(ranges.pue.min)},
      {value: `PUE ${ranges.pue.max}`, co2eKg: fixedPue(ranges.pue.max)},
      here(`PUE ${scenario.pue}`)
    ]),
    model.powerFromProxy
      ? bar("power", "Power draw", [
          {value: "as measured", co2eKg: scaled(ranges.powerScale.min)},
          {value: `×${ranges.powerScale.max.toFixed(2)} (measured P100)`, co2eKg: scaled(ranges.powerScale.max)}
        ])
      : bar("power", "Power draw", [{value: "—", co2eKg: scaled(1)}], "held: measured on the hardware that ran it"),
    bar(
      "grid",
      "Grid",
      gridIds(inputs)
        .filter((id) => id !== CUSTOM_GRID)
        .map((id) => ({value: gridName(id), co2eKg: at({...scenario, intensity: null, grid: id})}))
        .concat([here("this scenario's intensity")])
    ),
    fromMix
      ? bar(
          "factors",
          "Emission factor set",
          factorSetNames(inputs.factors).map((set) => ({value: set, co2eKg: at({...scenario, factors: set})}))
        )
      : bar("factors", "Emission factor set", [{value: "—", co2eKg: at(scenario)}], noMix)
  ];
  if (fromMix) {
    const factors = categoryFactors(inputs.factors, scenario.factors);
    const dirtiest = Math.max(...MIX_CATEGORIES.map((c) => factors[c]));
    bars.push(
      bar("unassigned", "Unassigned share", [
        {value: "0 g/kWh", co2eKg: at({...scenario, unassigned: {gPerKwh: 0}})},
        {value: `${Math.round(dirtiest)} g/kWh`, co2eKg: at({...scenario, unassigned: {gPerKwh: dirtiest}})}
      ])
    );
  } else {
    bars.push(bar("unassigned", "Unassigned share", [{value: "—", co2eKg: at(scenario)}], noMix));
  }
  bars.sort((a, b) => b.spanKg - a.spanKg);
  return {model, baseKg: modelCo2eKg(model, base.pue, base.kgPerKwh), bars};
}
