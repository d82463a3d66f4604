import {isCountryGridId} from "../scenario/country-grids.js";
import {modelCo2eKg, type FocusModel} from "./focus.js";
import {categoryFactors, factorSetNames, MIX_CATEGORIES, unassignedPercent} from "../scenario/mix.js";
import {powerRange, pueRange} from "./montecarlo.js";
import {gridIds, CUSTOM_GRID, PAPER_GRID, resolveScenario, type Scenario} from "../scenario/scenario.js";
import type {Inputs} from "../inputs/types.js";

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
  /** high − low, kg; always more than 0 (an assumption with no effect is listed in Tornado.held instead). */
  spanKg: number;
}

/** An assumption with no effect under a scenario (no bar is drawn for it), and why. */
export interface HeldAssumption {
  id: TornadoBar["id"];
  label: string;
  reason: string;
}

export interface Tornado {
  model: FocusModel;
  baseKg: number;
  /** Widest first; only assumptions that move the CO2e. */
  bars: TornadoBar[];
  /** The assumptions that do not move it under this scenario, each with its reason. */
  held: HeldAssumption[];
}

function ends(values: Array<{value: string; co2eKg: number}>): {low: TornadoEnd; high: TornadoEnd} {
  const sorted = [...values].sort((a, b) => a.co2eKg - b.co2eKg);
  return {low: sorted[0], high: sorted[sorted.length - 1]};
}

function bar(id: TornadoBar["id"], label: string, values: Array<{value: string; co2eKg: number}>): TornadoBar {
  const {low, high} = ends(values);
  return {id, label, low, high, spanKg: high.co2eKg - low.co2eKg};
}

/**
 * For one model under one scenario: each assumption moved alone to the ends of its range, all else held at
 * the scenario, CO2e by the engine. PUE and power span their Monte Carlo distributions (pueRange,
 * powerRange, from data/uncertainty.csv); the grid spans every preset; the factor set every published set;
 * the unassigned share goes from carbon-free to the set's most carbon-intensive source. An assumption that
 * does not move the CO2e under this scenario gets no bar: it is listed in `held` with the reason.
 */
export function tornado(inputs: Inputs, scenario: Scenario, model: FocusModel): Tornado {
  const base = resolveScenario(inputs, scenario);
  const at = (s: Scenario) => {
    const r = resolveScenario(inputs, s);
    return modelCo2eKg(model, r.pue, r.kgPerKwh);
  };
  const baseKg = modelCo2eKg(model, base.pue, base.kgPerKwh);
  const fixedPue = (pue: number) => modelCo2eKg(model, pue, base.kgPerKwh);
  const scaled = (k: number) => modelCo2eKg({...model, watts: model.watts * k}, base.pue, base.kgPerKwh);
  // The scenario's own value ends a bar when it lies outside the range, so each bar reaches the base.
  const here = (value: string) => ({value, co2eKg: baseKg});
  const country = scenario.intensity == null && isCountryGridId(scenario.grid);
  const fromMix = scenario.intensity == null && scenario.grid !== PAPER_GRID && !country;
  const notFromMix = country
    ? "no effect: a country's yearly average intensity is not computed from a mix"
    : "no effect: this scenario's intensity is not computed from a mix (the EPA factor or a direct intensity)";
  const gridName = (id: string) =>
    id === PAPER_GRID ? "EPA 2018 (paper)" : (inputs.grids.find((g) => g.id === id)?.consumer ?? id);
  const pue = pueRange(inputs, scenario.pue);
  const power = powerRange(inputs, model);
  const round2 = (x: number) => Number(x.toFixed(2));

  const candidates: Array<{bar: TornadoBar; reason: string}> = [
    {
      bar: bar("pue", "PUE", [
        {value: `PUE ${round2(pue.min)}`, co2eKg: fixedPue(pue.min)},
        {value: `PUE ${round2(pue.max)}`, co2eKg: fixedPue(pue.max)},
        here(`PUE ${scenario.pue}`)
      ]),
      reason: "a PUE of 1 has no overhead to vary"
    },
    {
      bar: bar("power", "Power draw", [
        {value: `×${power.min.toFixed(2)}`, co2eKg: scaled(power.min)},
        {value: `×${power.max.toFixed(2)}`, co2eKg: scaled(power.max)},
        here("as measured")
      ]),
      reason: "held as measured"
    },
    {
      bar: bar(
        "grid",
        "Grid",
        gridIds(inputs)
          .filter((id) => id !== CUSTOM_GRID)
          .map((id) => ({value: gridName(id), co2eKg: at({...scenario, intensity: null, grid: id})}))
          .concat([here("this scenario's intensity")])
      ),
      reason: "every grid gives this scenario's intensity"
    },
    {
      bar: bar(
        "factors",
        "Emission factor set",
        fromMix
          ? factorSetNames(inputs.factors).map((set) => ({value: set, co2eKg: at({...scenario, factors: set})}))
          : [here("—")]
      ),
      reason: fromMix ? "every factor set gives this mix the same intensity" : notFromMix
    }
  ];
  const mix = fromMix ? (scenario.grid === CUSTOM_GRID ? scenario.mix : null) : null;
  const rest = fromMix ? unassignedPercent(mix ?? {...inputs.grids.find((g) => g.id === scenario.grid)!}) : 0;
  if (fromMix && rest > 0) {
    const factors = categoryFactors(inputs.factors, scenario.factors, scenario.factorOverrides);
    const dirtiest = Math.max(...MIX_CATEGORIES.map((c) => factors[c]));
    candidates.push({
      bar: bar("unassigned", "Unassigned share", [
        {value: "0 g/kWh", co2eKg: at({...scenario, unassigned: {gPerKwh: 0}})},
        {value: `${Math.round(dirtiest)} g/kWh`, co2eKg: at({...scenario, unassigned: {gPerKwh: dirtiest}})},
        here("this scenario's treatment")
      ]),
      reason: "no effect under this scenario"
    });
  } else {
    candidates.push({
      bar: bar("unassigned", "Unassigned share", [here("—")]),
      reason: fromMix ? "no effect: this mix assigns every percent to a source" : notFromMix
    });
  }
  // A bar narrower than a millionth of the CO2e is no bar.
  const moves = (b: TornadoBar) => b.spanKg > baseKg * 1e-6;
  const bars = candidates.filter((c) => moves(c.bar)).map((c) => c.bar);
  bars.sort((a, b) => b.spanKg - a.spanKg);
  const held = candidates
    .filter((c) => !moves(c.bar))
    .map((c) => ({id: c.bar.id, label: c.bar.label, reason: c.reason}));
  return {model, baseKg, bars, held};
}
