// The scenario as one Inputs-style input: an element whose `value` is the current Scenario and which emits
// "input" whenever the reader changes it, so that a page reads it with
//   const scenario = view(scenarioInput(inputs, location.search));
// and every cell that uses `scenario` re-runs (Observable Framework's own reactivity). It is seeded from a
// URL query by parseScenario, the parser the CLI uses. Also the page's model and seed inputs.
import * as Inputs from "@observablehq/inputs";
import {formatSignificant} from "../lib/present/format.js";
import {
  categoryFactors,
  factorSetNames,
  MIX_CATEGORIES,
  unassignedPercent,
  type Mix,
  type MixCategory
} from "../lib/scenario/mix.js";
import {MAX_SEED} from "../lib/uncertainty/random.js";
import {
  CUSTOM_GRID,
  gridIds,
  PAPER_GRID,
  PRICE_RANGE,
  PUE_RANGE,
  resolveScenario,
  SCENARIO_PARAMS,
  UNASSIGNED_RANGE,
  type Scenario,
  type ScenarioNotice
} from "../lib/scenario/scenario.js";
import {focusModels} from "../lib/uncertainty/sensitivity.js";
import type {Inputs as EngineInputs} from "../lib/inputs/types.js";
import {intensityToKgPerKwh, kgPerKwhTo, MASS_UNITS, type IntensityUnit, type MassUnit} from "../lib/formulas/units.js";
import {factorSetLabel} from "../lib/present/labels.js";
import {readParam} from "../lib/scenario/params.js";
import {COUNTRY, DEFAULT_COUNTRY_GRID, isCountryGridId} from "../lib/scenario/country-grids.js";
import {labelRange} from "./a11y.js";
import type {CountryGridInput} from "./country-grid-input.js";
import {el} from "./dom.js";
import {parseView} from "./sensitivity-model.js";

/** The direct-intensity control's pseudo grid id. */
export const DIRECT = "direct";

const MIX_LABELS: Record<MixCategory, string> = {renewable: "Renewable", gas: "Gas", coal: "Coal", nuclear: "Nuclear"};
const INTENSITY_UNITS: readonly IntensityUnit[] = ["g", "kg", "lbs"];

function field<T extends HTMLElement>(name: string, control: T): T {
  control.dataset.control = name;
  return control;
}

const round = (x: number) => Number(x.toPrecision(6));

/** The notices for ignored URL parameters, as text (never HTML); hidden when every parameter was valid. */
export function noticeBox(notices: readonly ScenarioNotice[]): HTMLElement {
  const box = el("div", {class: "scenario-notices", role: "status", "aria-live": "polite"});
  if (notices.length > 0) {
    box.append(
      el("p", {}, el("strong", {}, "Some parameters of this link were ignored:")),
      el("ul", {}, ...notices.map((n) => el("li", {"data-param": n.param}, n.message)))
    );
  } else {
    box.hidden = true;
  }
  return box;
}

/** The scenario input element: an HTMLElement whose value is the Scenario. */
export type ScenarioInput = HTMLElement & {value: Scenario};

/**
 * The scenario's controls as one input, seeded from a URL query (`location.search`): PUE (with the published
 * presets), electricity price, grid (the paper's EPA factor, a Table 2 consumer, a custom mix or a direct
 * intensity in g, kg or lbs per kWh), emission factor set, the reader's own per-source factors, the unassigned
 * share and the display unit. Ignored parameters of the query are listed above the controls.
 */
export function scenarioInput(inputs: EngineInputs, query: string): ScenarioInput {
  const {view, notices} = parseView(query, inputs);
  let value: Scenario = view.scenario;
  const root = el("div", {
    class: "scenario-controls",
    role: "group",
    "aria-label": "Scenario"
  }) as unknown as ScenarioInput;
  Object.defineProperty(root, "value", {get: () => value, set: (v: Scenario) => ((value = v), sync())});
  const s0 = value;

  // PUE and its presets.
  const pue = field("pue", labelRange(Inputs.range(PUE_RANGE, {step: 0.01, label: "PUE", value: s0.pue})));
  const presets = el(
    "div",
    {class: "pue-presets", role: "group", "aria-label": "PUE presets"},
    ...inputs.puePresets.map((p) =>
      el(
        "button",
        {type: "button", "data-preset": p.id, "data-pue-value": String(p.pue), title: `${p.source}, ${p.locator}`},
        `${p.label}: ${p.pue}`
      )
    )
  );
  const price = field(
    "price",
    Inputs.number(PRICE_RANGE, {step: 0.001, label: "Electricity (USD/kWh)", value: s0.usdPerKwh})
  );

  // Grid: the paper's factor, a consumer, a custom mix, or a direct intensity.
  const gridLabel = (id: string) =>
    id === PAPER_GRID
      ? "EPA 2018, the paper's factor"
      : id === CUSTOM_GRID
        ? "Custom mix…"
        : id === DIRECT
          ? "Direct intensity…"
          : id === COUNTRY
            ? "A country or region, one year (Ember)…"
            : `${inputs.grids.find((g) => g.id === id)!.consumer} (Table 2 mix)`;
  const gridChoice = (s: Scenario) => (s.intensity != null ? DIRECT : isCountryGridId(s.grid) ? COUNTRY : s.grid);
  const countryGrids = inputs.countryGrids;
  const grid = field(
    "grid",
    Inputs.select([...gridIds(inputs), ...(countryGrids ? [COUNTRY] : []), DIRECT], {
      label: "Grid",
      format: gridLabel,
      value: gridChoice(s0)
    })
  );
  // Today's grids: a country or region and a year, Ember's yearly average (only where the page loads them).
  // Its control is loaded on demand (a module of its own), keeping it out of the page's first JavaScript.
  let country: CountryGridInput | null = null;
  const countryBox = el("fieldset", {class: "country-grid-box"}, el("legend", {}, "Country or region, yearly average"));
  if (countryGrids)
    void import("./country-grid-input.js").then(({countryGridInput}) => {
      country = countryGridInput(countryGrids, value.grid);
      countryBox.append(country, el("p", {class: "small muted"}, `${countryGrids.source}, ${countryGrids.licence}.`));
    });
  const mixInputs = MIX_CATEGORIES.map((c) =>
    field(`mix-${c}`, labelRange(Inputs.range([0, 100], {step: 1, label: `${MIX_LABELS[c]} (%)`, value: s0.mix[c]})))
  );
  const mixRest = el("p", {class: "small muted"});
  const mixBox = el("fieldset", {class: "mix-composer"}, el("legend", {}, "Custom mix"), ...mixInputs, mixRest);
  let intensityUnit: IntensityUnit = "g";
  const kgNow = () => resolveScenario(inputs, value).kgPerKwh;
  const intensityValue = field(
    "intensity",
    Inputs.number([0, kgPerKwhTo(5, "g")], {step: 0.001, label: "Intensity", value: round(kgPerKwhTo(kgNow(), "g"))})
  );
  const intensityUnitInput = field(
    "intensity-unit",
    Inputs.radio(INTENSITY_UNITS, {label: "per kWh", value: intensityUnit, format: (u) => `${u} CO2e`})
  );
  const intensityBox = el(
    "fieldset",
    {class: "direct-intensity"},
    el("legend", {}, "Direct intensity"),
    intensityValue,
    intensityUnitInput
  );

  // Emission factors, the reader's own per-source factors, and the unassigned share.
  const factors = field(
    "factors",
    Inputs.select(factorSetNames(inputs.factors), {
      label: "Emission factors",
      value: s0.factors,
      format: factorSetLabel
    })
  );
  const factorParam = SCENARIO_PARAMS.find((p) => p.name === "factor")!;
  const ownFactors = field(
    "factor",
    Inputs.text({
      label: "Own factors",
      placeholder: "e.g. coal:900g",
      value: factorParam.write?.(s0) ?? "",
      submit: false
    })
  );
  const ownFactorsNote = el("p", {class: "small muted", "data-note": "factor"});
  const dirtiest = () => {
    const f = categoryFactors(inputs.factors, value.factors, value.factorOverrides);
    return Math.round(Math.max(...MIX_CATEGORIES.map((c) => f[c])));
  };
  const unassignedMode = field(
    "unassigned",
    Inputs.radio(["renormalise", "factor"] as const, {
      label: "Unassigned share",
      value: s0.unassigned === "renormalise" ? "renormalise" : "factor",
      format: (m) => (m === "renormalise" ? "renormalise the rest" : "give it a factor")
    })
  );
  const unassignedG = field(
    "unassigned-g",
    labelRange(
      Inputs.range(UNASSIGNED_RANGE, {
        step: 1,
        label: "g CO2e/kWh",
        value: s0.unassigned === "renormalise" ? dirtiest() : s0.unassigned.gPerKwh
      })
    )
  );
  const units = field("units", Inputs.radio(MASS_UNITS, {label: "Units", value: s0.units}));

  /** The scenario after a change of one control, or null when the control holds no allowed value yet. */
  function next(target: EventTarget | null): Scenario | null {
    const s = value;
    const within = (x: number, [lo, hi]: readonly [number, number]) => Number.isFinite(x) && x >= lo && x <= hi;
    const is = (control: HTMLElement) => target instanceof Node && control.contains(target);
    if (is(pue)) return within(pue.value, PUE_RANGE) ? {...s, pue: pue.value} : null;
    if (is(price)) return within(price.value, PRICE_RANGE) ? {...s, usdPerKwh: price.value} : null;
    if (is(grid))
      return grid.value === DIRECT
        ? {...s, grid: PAPER_GRID, intensity: kgNow()}
        : grid.value === COUNTRY
          ? {...s, grid: country?.value ?? DEFAULT_COUNTRY_GRID, intensity: null}
          : {...s, grid: grid.value, intensity: null};
    if (country && is(country)) return {...s, grid: country.value, intensity: null};
    const k = mixInputs.findIndex(is);
    if (k >= 0) {
      const mix = Object.fromEntries(MIX_CATEGORIES.map((c, j) => [c, mixInputs[j].value])) as Mix;
      const others = MIX_CATEGORIES.reduce((sum, c, j) => (j === k ? sum : sum + mix[c]), 0);
      // Shares may not exceed 100 % together: the moved share is held at what the others leave.
      if (others + mix[MIX_CATEGORIES[k]] > 100) mix[MIX_CATEGORIES[k]] = 100 - others;
      if (MIX_CATEGORIES.every((c) => mix[c] === 0)) return null;
      return {...s, mix, grid: CUSTOM_GRID, intensity: null};
    }
    if (is(intensityValue)) {
      const kg = intensityToKgPerKwh(intensityValue.value, intensityUnit);
      return Number.isFinite(kg) && kg >= 0 && kg <= 5 ? {...s, intensity: kg, grid: PAPER_GRID} : null;
    }
    if (is(intensityUnitInput)) {
      intensityUnit = intensityUnitInput.value;
      intensityValue.value = round(kgPerKwhTo(kgNow(), intensityUnit));
      return null;
    }
    if (is(factors)) return {...s, factors: factors.value};
    if (is(ownFactors)) {
      const text = String(ownFactors.value).trim();
      if (text === "") return {...s, factorOverrides: {}};
      const into = {...s};
      try {
        readParam(factorParam, text, inputs, into);
      } catch (error) {
        ownFactorsNote.textContent = (error as Error).message;
        return null;
      }
      return into;
    }
    if (is(unassignedMode))
      return {...s, unassigned: unassignedMode.value === "renormalise" ? "renormalise" : {gPerKwh: unassignedG.value}};
    if (is(unassignedG))
      return within(unassignedG.value, UNASSIGNED_RANGE) ? {...s, unassigned: {gPerKwh: unassignedG.value}} : null;
    if (is(units)) return {...s, units: units.value as MassUnit};
    return null;
  }

  // Keeps every control showing the current scenario (after a preset button, or another control).
  function sync() {
    const s = value;
    if (Math.abs(pue.value - s.pue) > 0.005) pue.value = s.pue;
    for (const button of presets.querySelectorAll("button"))
      button.setAttribute("aria-pressed", String(Number(button.dataset.pueValue ?? NaN) === s.pue));
    if (grid.value !== gridChoice(s)) grid.value = gridChoice(s);
    mixBox.hidden = gridChoice(s) !== CUSTOM_GRID;
    countryBox.hidden = gridChoice(s) !== COUNTRY;
    if (country && isCountryGridId(s.grid) && country.value !== s.grid) country.value = s.grid;
    intensityBox.hidden = gridChoice(s) !== DIRECT;
    MIX_CATEGORIES.forEach((c, k) => {
      if (mixInputs[k].value !== s.mix[c]) mixInputs[k].value = s.mix[c];
    });
    mixRest.textContent = `Unassigned (oil, other): ${round(unassignedPercent(s.mix))} %`;
    if (factors.value !== s.factors) factors.value = s.factors;
    ownFactorsNote.textContent = "Replace the set's factor of a source: source:grams, separated by commas.";
    const mode = s.unassigned === "renormalise" ? "renormalise" : "factor";
    if (unassignedMode.value !== mode) unassignedMode.value = mode;
    // While the rest is renormalised, the factor offered for it is the factor set's dirtiest category.
    if (s.unassigned === "renormalise") unassignedG.value = dirtiest();
    else if (unassignedG.value !== s.unassigned.gPerKwh) unassignedG.value = s.unassigned.gPerKwh;
    unassignedG.hidden = mode !== "factor";
    if (price.value !== s.usdPerKwh) price.value = s.usdPerKwh;
    if (units.value !== s.units) units.value = s.units;
  }

  // Registered before any reader of this input (Framework's view()), so `value` is current when they read it;
  // an event that leaves the scenario unchanged (a half-typed number) goes no further.
  root.addEventListener("input", (event) => {
    if (event.target === root) return; // our own event, sent after a preset button
    const changed = next(event.target);
    if (changed == null) {
      event.stopImmediatePropagation();
      return;
    }
    value = changed;
    sync();
  });
  presets.addEventListener("click", (event) => {
    const button = (event.target as Element).closest("button[data-pue-value]") as HTMLElement | null;
    if (!button) return;
    value = {...value, pue: Number(button.dataset.pueValue)};
    sync();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });

  root.append(
    noticeBox(notices),
    el("fieldset", {class: "controls-datacentre"}, el("legend", {}, "Datacentre"), pue, presets, price),
    el(
      "fieldset",
      {class: "controls-grid"},
      el("legend", {}, "Carbon intensity"),
      grid,
      factors,
      ownFactors,
      ownFactorsNote,
      unassignedMode,
      unassignedG,
      mixBox,
      countryBox,
      intensityBox
    ),
    el("fieldset", {class: "controls-display"}, el("legend", {}, "Display"), units)
  );
  sync();
  return root;
}

/** The model of the page's uncertainty charts, seeded from the URL query (Inputs.select; value: a model id). */
export function modelInput(inputs: EngineInputs, query: string): HTMLElement & {value: string} {
  const models = focusModels(inputs);
  return field(
    "model",
    Inputs.select(
      models.map((m) => m.id),
      {
        label: "Model",
        value: parseView(query, inputs).view.model,
        format: (id) => models.find((m) => m.id === id)!.label
      }
    )
  );
}

/** The Monte Carlo seed, seeded from the URL query (Inputs.number; value: a whole number). */
export function seedInput(inputs: EngineInputs, query: string): HTMLElement & {value: number} {
  const input = field(
    "seed",
    Inputs.number([0, MAX_SEED], {step: 1, label: "Monte Carlo seed", value: parseView(query, inputs).view.seed})
  );
  // Registered before Framework's view(): a value that is not an allowed seed (yet) goes no further.
  input.addEventListener("input", (event) => {
    if (!(Number.isInteger(input.value) && input.value >= 0 && input.value <= MAX_SEED))
      event.stopImmediatePropagation();
  });
  return input;
}

/** An intensity in g CO2e/kWh for the summary line. */
export function formatIntensity(kgPerKwh: number): string {
  return `${formatSignificant(kgPerKwhTo(kgPerKwh, "g"), 4)} g CO2e/kWh`;
}
