import {ACCOUNTING_CHOICES, type Accounting, type LifecycleChoices} from "./accounting-choices.js";
import {
  categoryFactors,
  factorSetNames,
  intensityFromMix,
  MIX_CATEGORIES,
  mixOf,
  overridableSources,
  type Mix,
  type Unassigned
} from "./mix.js";
import type {Inputs} from "../inputs/types.js";
import {lifecycleParams} from "./lifecycle-params.js";
import {
  numberIn,
  param,
  ParamError,
  parseParams,
  rangeText,
  writeParams,
  type Param,
  type ParamNotice
} from "./params.js";
import {
  countryGridAllowed,
  countryGridChoice,
  countryGridLabel,
  isCountryGridId,
  readCountryGrid
} from "./country-grids.js";
import {intensityKgPerKwh, lbsToKg, MASS_UNITS, MAX_KG_PER_KWH, type MassUnit} from "../formulas/units.js";

/** The grid id that stands for the paper's own factor, 0.954 lbs CO2e/kWh (EPA 2018; Strubell et al. 2019, §2). */
export const PAPER_GRID = "epa-2018";

/** The grid id of a mix composed by the reader. */
export const CUSTOM_GRID = "custom";

/** The factor set used for grid mixes unless the reader picks another (IPCC AR5 WG III Annex III, Table A.III.2). */
export const DEFAULT_FACTOR_SET = "ipcc-ar5-median";

/** Allowed range of PUE: 1 is the physical minimum; 3 covers the worst surveyed facilities. */
export const PUE_RANGE = [1, 3] as const;

/** Allowed range of the electricity price in USD per kWh. */
export const PRICE_RANGE = [0, 10] as const;

/** Allowed range of a per-source factor override, g CO2e per kWh (data/emission_factors schema's bounds). */
export const FACTOR_RANGE = [0, 5000] as const;

/** Allowed range of a factor given to the unassigned share, g CO2e per kWh. */
export const UNASSIGNED_RANGE = [0, 2000] as const;

/** Every assumption a reader can change; plain data that round-trips through a URL and CLI flags. */
export interface Scenario extends LifecycleChoices {
  /** Power usage effectiveness, ratio ≥ 1. */
  pue: number;
  /**
   * "epa-2018" (the paper's factor), a Table 2 consumer id, "custom" (uses `mix`), or a country or region and year
   * such as "FR:2023" (today's grids, country-grids.ts).
   */
  grid: string;
  /** A direct carbon intensity in kg CO2e per kWh; overrides `grid` when set. */
  intensity: number | null;
  /** Emission factor set used to turn a mix into an intensity. */
  factors: string;
  /** Treatment of the share of a Table 2 mix that is not assigned to a source. */
  unassigned: Unassigned;
  /** Mix used when `grid` is "custom", percent per source. */
  mix: Mix;
  /** The reader's own factor for some energy sources, g CO2e per kWh by source, replacing the set's. */
  factorOverrides: Record<string, number>;
  /** Electricity price, USD per kWh. */
  usdPerKwh: number;
  /** Mass unit for display. */
  units: MassUnit;
  /** Location-based (the grid's average) or market-based (net of carbon-free energy bought, where a source prints it). */
  accounting: Accounting;
}

/** A scenario turned into the three numbers the model needs, plus a description of where the intensity came from. */
export interface ResolvedScenario {
  pue: number;
  kgPerKwh: number;
  usdPerKwh: number;
  units: MassUnit;
  intensitySource: string;
}

export function constantValue(inputs: Inputs, key: string): number {
  const c = inputs.constants.find((k) => k.key === key) ?? inputs.caseStudy.find((k) => k.key === key);
  if (!c) throw new Error(`constant "${key}" is missing from the inputs`);
  return c.value;
}

/** The paper's own assumptions: PUE 1.58, EPA 0.954 lbs/kWh, $0.12/kWh, pounds, location-based. */
export function paperScenario(inputs: Inputs): Scenario {
  const us = inputs.grids.find((g) => g.id === "us") ?? inputs.grids[0];
  return {
    pue: constantValue(inputs, "pue"),
    grid: PAPER_GRID,
    intensity: null,
    factors: DEFAULT_FACTOR_SET,
    unassigned: "renormalise",
    mix: us ? mixOf(us) : {renewable: 0, gas: 0, coal: 0, nuclear: 0},
    factorOverrides: {},
    usdPerKwh: constantValue(inputs, "usd_per_kwh"),
    units: "lbs",
    accounting: "location"
  };
}

/** The paper's factor in kg CO2e per kWh. */
export function paperKgPerKwh(inputs: Inputs): number {
  return lbsToKg(constantValue(inputs, "lbs_per_kwh"));
}

/** Grid ids a scenario accepts, in display order. */
export function gridIds(inputs: Inputs): string[] {
  return [PAPER_GRID, ...inputs.grids.map((g) => g.id), CUSTOM_GRID];
}

/** Carbon intensity in kg CO2e/kWh of a grid id under a factor set and unassigned treatment. */
export function gridKgPerKwh(
  inputs: Inputs,
  grid: string,
  factors: string,
  unassigned: Unassigned,
  mix?: Mix,
  overrides: Readonly<Record<string, number>> = {}
): number {
  if (grid === PAPER_GRID) return paperKgPerKwh(inputs);
  if (isCountryGridId(grid)) return countryGridChoice(inputs.countryGrids, grid).gPerKwh / 1000;
  const row = inputs.grids.find((g) => g.id === grid);
  const chosen = grid === CUSTOM_GRID ? mix : row ? mixOf(row) : undefined;
  if (!chosen) throw new Error(`unknown grid "${grid}"`);
  return intensityFromMix(chosen, categoryFactors(inputs.factors, factors, overrides), unassigned);
}

/** The mix a scenario's intensity is computed from: a Table 2 consumer's, the custom one, or null (EPA factor or direct intensity). */
export function mixUsed(inputs: Inputs, scenario: Scenario): Mix | null {
  if (scenario.intensity != null || scenario.grid === PAPER_GRID) return null;
  if (scenario.grid === CUSTOM_GRID) return scenario.mix;
  const row = inputs.grids.find((g) => g.id === scenario.grid);
  return row ? mixOf(row) : null;
}

/** Per-source overrides as text, e.g. "coal 900 g, gas 500 g" (empty when there are none). */
function overridesText(overrides: Readonly<Record<string, number>>): string {
  return Object.entries(overrides)
    .map(([source, g]) => `${source} ${trim(g)} g`)
    .join(", ");
}

export function resolveScenario(inputs: Inputs, scenario: Scenario): ResolvedScenario {
  let kgPerKwh: number;
  let intensitySource: string;
  if (scenario.intensity != null) {
    kgPerKwh = scenario.intensity;
    intensitySource = "direct intensity";
  } else {
    kgPerKwh = gridKgPerKwh(
      inputs,
      scenario.grid,
      scenario.factors,
      scenario.unassigned,
      scenario.mix,
      scenario.factorOverrides
    );
    const own = overridesText(scenario.factorOverrides ?? {});
    intensitySource = isCountryGridId(scenario.grid)
      ? countryGridSource(inputs, scenario.grid)
      : scenario.grid === PAPER_GRID
        ? "EPA 2018 (the paper's factor)"
        : `${scenario.grid === CUSTOM_GRID ? "custom" : inputs.grids.find((g) => g.id === scenario.grid)!.consumer} mix, ${scenario.factors} factors${own ? ` (own factors: ${own})` : ""}`;
  }
  return {pue: scenario.pue, kgPerKwh, usdPerKwh: scenario.usdPerKwh, units: scenario.units, intensitySource};
}

/** Where a country grid's intensity comes from: "France 2023 (Ember yearly average, 55.28 g/kWh): <source>, <line>". */
function countryGridSource(inputs: Inputs, grid: string): string {
  const choice = countryGridChoice(inputs.countryGrids, grid);
  return `${countryGridLabel(choice)}: ${inputs.countryGrids!.source}, ${choice.locator}`;
}

function trim(x: number): string {
  return String(Number(x.toPrecision(10)));
}

const UNASSIGNED_ALLOWED = `renormalise, or a factor in g per kWh from ${UNASSIGNED_RANGE[0]} to ${UNASSIGNED_RANGE[1]}, e.g. 800g`;

/** The scenario's parameters (URL query parameters and CLI flags), one entry each: see params.ts. */
export const SCENARIO_PARAMS: readonly Param<Scenario>[] = [
  param<Scenario>({
    name: "pue",
    help: "power usage effectiveness",
    allowed: () => rangeText(PUE_RANGE),
    read: (t, i, s, reject) => void (s.pue = numberIn(t, PUE_RANGE, reject)),
    write: (s) => trim(s.pue)
  }),
  param<Scenario>({
    name: "grid",
    help: "grid whose carbon intensity is used",
    allowed: (i) => `one of ${gridIds(i).join(", ")}, or ${countryGridAllowed(i.countryGrids)}`,
    read: (t, i, s, reject) => {
      if (isCountryGridId(t)) {
        const r = readCountryGrid(i.countryGrids, t);
        s.grid = "choice" in r ? r.choice.id : reject(r.why);
        return;
      }
      const id = t.trim().toLowerCase();
      s.grid = gridIds(i).includes(id) ? id : reject();
    },
    write: (s) => s.grid
  }),
  param<Scenario>({
    name: "intensity",
    help: "direct carbon intensity per kWh, overriding grid",
    allowed: () => "a number with g, kg or lbs (per kWh), e.g. 0.429kg, 429g, 0.954lbs",
    read: (t, i, s, reject) => {
      const kg = intensityKgPerKwh(t) ?? reject("is not a number followed by g, kg or lbs (per kWh)");
      if (!Number.isFinite(kg) || kg > MAX_KG_PER_KWH) reject(`is outside 0–${MAX_KG_PER_KWH} kg CO2e per kWh`);
      s.intensity = kg;
    },
    write: (s) => (s.intensity == null ? null : `${trim(s.intensity * 1000)}g`)
  }),
  param<Scenario>({
    name: "factors",
    help: "emission factor set for grid mixes",
    allowed: (i) => `one of ${factorSetNames(i.factors).join(", ")}`,
    read: (t, i, s, reject) => void (s.factors = factorSetNames(i.factors).includes(t.trim()) ? t.trim() : reject()),
    write: (s) => s.factors
  }),
  param<Scenario>({
    name: "unassigned",
    help: "treatment of the unassigned share of a mix",
    allowed: () => UNASSIGNED_ALLOWED,
    read: (t, i, s, reject) => {
      const text = t.trim().toLowerCase();
      if (text === "renormalise" || text === "renormalize") {
        s.unassigned = "renormalise";
        return;
      }
      const m = /^([0-9.e+-]+)\s*g?$/.exec(text);
      s.unassigned = {gPerKwh: m ? numberIn(m[1], UNASSIGNED_RANGE, reject) : reject()};
    },
    write: (s) => (s.unassigned === "renormalise" ? "renormalise" : `${trim(s.unassigned.gPerKwh)}g`)
  }),
  param<Scenario>({
    name: "mix",
    help: "custom mix, percent renewable,gas,coal,nuclear (with grid=custom)",
    allowed: () => "four percentages renewable,gas,coal,nuclear from 0 to 100 summing to at most 100, e.g. 17,35,27,19",
    read: (t, i, s, reject) => {
      const parts = t.split(",");
      if (parts.length !== 4) reject();
      const values = parts.map((p) => numberIn(p, [0, 100], reject));
      if (values.reduce((a, b) => a + b, 0) > 100 + 1e-9) reject("sums to over 100 %");
      if (values.every((v) => v === 0)) reject("is all zero");
      s.mix = Object.fromEntries(MIX_CATEGORIES.map((c, k) => [c, values[k]])) as Mix;
    },
    write: (s) => (s.grid === CUSTOM_GRID ? MIX_CATEGORIES.map((c) => trim(s.mix[c])).join(",") : null)
  }),
  param<Scenario>({
    name: "factor",
    help: "your own emission factor for energy sources, replacing the set's (g CO2e per kWh)",
    allowed: () =>
      `source:grams pairs separated by commas, sources ${overridableSources().join(", ")}, grams from ${FACTOR_RANGE[0]} to ${FACTOR_RANGE[1]}, e.g. coal:900g,hydropower:2200g`,
    read: (t, i, s, reject) => {
      const out: Record<string, number> = {};
      for (const part of t.split(",")) {
        const m = /^\s*([a-z_]+)\s*[:=]\s*([0-9.e+-]+)\s*g?\s*$/i.exec(part);
        if (!m || !overridableSources().includes(m[1].toLowerCase())) reject();
        out[m![1].toLowerCase()] = numberIn(m![2], FACTOR_RANGE, reject);
      }
      s.factorOverrides = out;
    },
    write: (s) =>
      Object.keys(s.factorOverrides ?? {}).length === 0
        ? null
        : overridableSources()
            .filter((source) => s.factorOverrides[source] != null)
            .map((source) => `${source}:${trim(s.factorOverrides[source])}g`)
            .join(",")
  }),
  param<Scenario>({
    name: "price",
    help: "electricity price, USD per kWh",
    allowed: () => rangeText(PRICE_RANGE),
    read: (t, i, s, reject) => void (s.usdPerKwh = numberIn(t, PRICE_RANGE, reject)),
    write: (s) => trim(s.usdPerKwh)
  }),
  param<Scenario>({
    name: "units",
    help: "mass unit for CO2e",
    allowed: () => `one of ${MASS_UNITS.join(", ")}`,
    read: (t, i, s, reject) => {
      const u = t.trim().toLowerCase();
      s.units = (MASS_UNITS as readonly string[]).includes(u) ? (u as MassUnit) : reject();
    },
    write: (s) => s.units
  }),
  param<Scenario>({
    name: "accounting",
    help: "location-based (grid average) or market-based CO2e of the ledger's rows (where a source prints a market-based or net figure)",
    allowed: () => `one of ${ACCOUNTING_CHOICES.join(", ")}`,
    read: (t, i, s, reject) => {
      const a = t.trim().toLowerCase();
      s.accounting = (ACCOUNTING_CHOICES as readonly string[]).includes(a) ? (a as Accounting) : reject();
    },
    write: (s) => s.accounting
  }),
  // Life-cycle accounting (embodied, server, wue, gridwater): off unless given (lifecycle-params.ts).
  ...lifecycleParams<Scenario>()
];

/** A parameter that was ignored, and why; shown to the reader, never as HTML. */
export type ScenarioNotice = ParamNotice;

/**
 * Reads a scenario from (name, value) pairs such as a URL's query. Each unknown or invalid pair is
 * skipped with a notice and its parameter keeps the paper's default; with `strict`, the first one throws.
 */
export function parseScenario(
  entries: Iterable<[string, string]>,
  inputs: Inputs,
  options: {strict?: boolean} = {},
  /** Other parameter tables read in the same pass (a page's own parameters, e.g. the sensitivity view's). */
  also: ReadonlyArray<{params: readonly Param<never>[]; into: unknown}> = []
): {scenario: Scenario; notices: ScenarioNotice[]} {
  const scenario = paperScenario(inputs);
  const list = [...entries];
  const targets = [{params: SCENARIO_PARAMS as readonly Param<never>[], into: scenario}, ...also];
  const notices: ScenarioNotice[] = parseParams(list, inputs, targets, options);
  const given = new Map(list);
  // A mix is used only by grid=custom: alone it implies it; beside another grid it is an error, never ignored.
  if (given.has("mix") && !notices.some((n) => n.param === "mix")) {
    if (!given.has("grid")) scenario.grid = CUSTOM_GRID;
    else if (scenario.grid !== CUSTOM_GRID) {
      const message = `mix "${given.get("mix")}" is used only with grid custom, not grid "${given.get("grid")}": drop mix or set grid to custom`;
      if (options.strict) throw new ParamError("mix", message);
      notices.push({param: "mix", value: given.get("mix")!, message: `${message}; the mix is ignored`});
      scenario.mix = paperScenario(inputs).mix;
    }
  }
  return {scenario, notices};
}

/** Writes the parameters that differ from the paper's scenario, in a fixed order, as a query string. */
export function serializeScenario(scenario: Scenario, inputs: Inputs): string {
  return writeParams(SCENARIO_PARAMS, scenario, paperScenario(inputs)).toString();
}
