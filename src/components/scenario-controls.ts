// The sensitivity page's state and controls: Observable Inputs ↔ SensitivityView ↔ URL query. The view is
// read from the URL with parseView (scenario parameters by parseScenario, the parser the CLI uses), every
// change is written back with serializeView and history.replaceState, and the page's tables and charts are
// recomputed by the engine and updated synchronously, within the input event.
import * as Inputs from "@observablehq/inputs";
import {factorSetLabel} from "../lib/labels.js";
import {errata} from "../lib/errata.js";
import {formatSignificant} from "../lib/format.js";
import {
  categoryFactors,
  factorSetNames,
  MIX_CATEGORIES,
  unassignedPercent,
  type Mix,
  type MixCategory
} from "../lib/mix.js";
import {nasCorrectionSteps} from "../lib/nas-correction.js";
import {MAX_SEED} from "../lib/random.js";
import {
  CUSTOM_GRID,
  gridIds,
  PAPER_GRID,
  PRICE_RANGE,
  PUE_RANGE,
  UNASSIGNED_RANGE,
  type ScenarioNotice
} from "../lib/scenario.js";
import {
  analyse,
  focusModels,
  formatMass,
  parseView,
  serializeView,
  type Analysis,
  type SensitivityView
} from "../lib/sensitivity.js";
import type {Inputs as EngineInputs} from "../lib/types.js";
import {intensityToKgPerKwh, kgPerKwhTo, MASS_UNITS, type IntensityUnit, type MassUnit} from "../lib/units.js";
import {labelRange} from "./a11y.js";
import {el} from "./dom.js";
import {ignoredParams} from "./notices.js";

/** The page's one source of truth: the current view, its analysis, and the views that follow it. */
export interface SensitivityStore {
  readonly inputs: EngineInputs;
  view: SensitivityView;
  analysis: Analysis;
  /** Parameters of the opening URL that were ignored, and why. */
  notices: ScenarioNotice[];
  /** Incremented after every update; mirrored in <html data-sensitivity-revision> for tests and the benchmark. */
  revision: number;
  set(view: SensitivityView): void;
  /** Calls fn now and after every change, in order of subscription. */
  subscribe(fn: (analysis: Analysis) => void): void;
}

/** Reads the view from a URL query and keeps the URL in step with it (history.replaceState) when `history` is set. */
export function createStore(
  inputs: EngineInputs,
  query: string,
  options: {history?: boolean; samples?: number} = {}
): SensitivityStore {
  const known = errata(inputs);
  const nas = nasCorrectionSteps(inputs);
  const {view, notices} = parseView(query, inputs);
  const subscribers: Array<(a: Analysis) => void> = [];
  let urlPending = false;
  const compute = (v: SensitivityView, previous?: Analysis) =>
    analyse(inputs, v, {known, nas, samples: options.samples, previous});
  const store: SensitivityStore = {
    inputs,
    view,
    analysis: compute(view),
    notices,
    revision: 0,
    set(next) {
      const start = performance.now();
      store.view = next;
      store.analysis = compute(next, store.analysis);
      performance.measure("sensitivity:analyse", {start});
      // The address follows in the next task: replaceState waits on the browser process (about 10 ms on a
      // busy 2-core machine), so it is kept out of the input event; a burst of changes writes it once.
      if (options.history !== false && typeof history !== "undefined" && !urlPending) {
        urlPending = true;
        setTimeout(() => {
          urlPending = false;
          const q = store.analysis.query;
          history.replaceState(history.state, "", `${location.pathname}${q ? `?${q}` : ""}${location.hash}`);
        }, 0);
      }
      for (const fn of subscribers) fn(store.analysis);
      performance.measure("sensitivity:update", {start});
      store.revision++;
      document.documentElement.dataset.sensitivityRevision = String(store.revision);
    },
    subscribe(fn) {
      subscribers.push(fn);
      fn(store.analysis);
    }
  };
  return store;
}

/** The notices for ignored URL parameters (the site's one notice component); hidden when every parameter was valid. */
export function noticeBox(store: SensitivityStore): HTMLElement {
  return ignoredParams(store.notices, "this link");
}

/** The direct-intensity control's pseudo grid id. */
export const DIRECT = "direct";

const MIX_LABELS: Record<MixCategory, string> = {renewable: "Renewable", gas: "Gas", coal: "Coal", nuclear: "Nuclear"};
const INTENSITY_UNITS: readonly IntensityUnit[] = ["g", "kg", "lbs"];

function field<T extends HTMLElement>(name: string, control: T): T {
  control.dataset.control = name;
  return control;
}

/**
 * The controls, each bound to one query parameter: PUE (with preset buttons), grid (the paper's EPA factor, a
 * Table 2 consumer, a custom mix or a direct intensity in g, kg or lbs per kWh), emission factor set,
 * unassigned share, electricity price, units, and the model and seed of the uncertainty charts.
 */
export function scenarioControls(store: SensitivityStore): HTMLElement {
  const {inputs} = store;
  const s0 = store.view.scenario;
  const update = (change: (v: SensitivityView) => SensitivityView) => store.set(change(store.view));
  const scenario = (change: Partial<SensitivityView["scenario"]>) =>
    update((v) => ({...v, scenario: {...v.scenario, ...change}}));

  // PUE and its presets.
  const pue = field("pue", labelRange(Inputs.range(PUE_RANGE, {step: 0.01, label: "PUE", value: s0.pue})));
  pue.addEventListener("input", () => scenario({pue: pue.value}));
  const presets = el(
    "div",
    {class: "pue-presets", role: "group", "aria-label": "PUE presets"},
    ...inputs.puePresets.map((p) => {
      const button = el(
        "button",
        {type: "button", "data-preset": p.id, "data-pue-value": String(p.pue), title: `${p.source}, ${p.locator}`},
        `${p.label}: ${p.pue}`
      );
      button.addEventListener("click", () => scenario({pue: p.pue}));
      return button;
    })
  );

  // Grid: the paper's factor, a consumer, a custom mix, or a direct intensity.
  const gridLabel = (id: string) =>
    id === PAPER_GRID
      ? "EPA 2018, the paper's factor"
      : id === CUSTOM_GRID
        ? "Custom mix…"
        : id === DIRECT
          ? "Direct intensity…"
          : `${inputs.grids.find((g) => g.id === id)!.consumer} (Table 2 mix)`;
  const gridChoice = (v: SensitivityView) => (v.scenario.intensity != null ? DIRECT : v.scenario.grid);
  const grid = field(
    "grid",
    Inputs.select([...gridIds(inputs), DIRECT], {label: "Grid", format: gridLabel, value: gridChoice(store.view)})
  );
  grid.addEventListener("input", () => {
    if (grid.value === DIRECT) {
      scenario({grid: PAPER_GRID, intensity: store.analysis.report.scenario.intensity_kg_per_kwh});
    } else {
      scenario({grid: grid.value, intensity: null});
    }
  });

  // Custom mix composer: four shares; the rest is unassigned.
  const mixInputs = MIX_CATEGORIES.map((c) =>
    field(`mix-${c}`, labelRange(Inputs.range([0, 100], {step: 1, label: `${MIX_LABELS[c]} (%)`, value: s0.mix[c]})))
  );
  const mixRest = el("p", {class: "small muted"});
  mixInputs.forEach((input, k) =>
    input.addEventListener("input", () => {
      const mix = Object.fromEntries(MIX_CATEGORIES.map((c, j) => [c, mixInputs[j].value])) as Mix;
      const others = MIX_CATEGORIES.reduce((sum, c, j) => (j === k ? sum : sum + mix[c]), 0);
      // Shares may not exceed 100 % together: the moved share is held at what the others leave.
      if (others + mix[MIX_CATEGORIES[k]] > 100) {
        mix[MIX_CATEGORIES[k]] = 100 - others;
        input.value = mix[MIX_CATEGORIES[k]];
      }
      if (MIX_CATEGORIES.every((c) => mix[c] === 0)) return;
      scenario({mix, grid: CUSTOM_GRID, intensity: null});
    })
  );
  const mixBox = el("fieldset", {class: "mix-composer"}, el("legend", {}, "Custom mix"), ...mixInputs, mixRest);

  // Direct intensity with its unit.
  let intensityUnit: IntensityUnit = "g";
  const initialKg = s0.intensity ?? store.analysis.report.scenario.intensity_kg_per_kwh;
  const intensityValue = field(
    "intensity",
    Inputs.number([0, kgPerKwhTo(5, "g")], {step: 0.001, label: "Intensity", value: round(kgPerKwhTo(initialKg, "g"))})
  );
  const intensityUnitInput = field(
    "intensity-unit",
    Inputs.radio(INTENSITY_UNITS, {label: "per kWh", value: intensityUnit, format: (u) => `${u} CO2e`})
  );
  intensityValue.addEventListener("input", () => {
    const kg = intensityToKgPerKwh(intensityValue.value, intensityUnit);
    if (Number.isFinite(kg) && kg >= 0 && kg <= 5) scenario({intensity: kg, grid: PAPER_GRID});
  });
  intensityUnitInput.addEventListener("input", () => {
    intensityUnit = intensityUnitInput.value;
    const kg = store.view.scenario.intensity ?? store.analysis.report.scenario.intensity_kg_per_kwh;
    intensityValue.value = round(kgPerKwhTo(kg, intensityUnit));
  });
  const intensityBox = el(
    "fieldset",
    {class: "direct-intensity"},
    el("legend", {}, "Direct intensity"),
    intensityValue,
    intensityUnitInput
  );

  // Emission factors and the unassigned share.
  const factors = field(
    "factors",
    Inputs.select(factorSetNames(inputs.factors), {
      label: "Emission factors",
      value: s0.factors,
      format: factorSetLabel
    })
  );
  factors.addEventListener("input", () => scenario({factors: factors.value}));
  const dirtiest = () => {
    const f = categoryFactors(inputs.factors, store.view.scenario.factors);
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
  unassignedMode.addEventListener("input", () =>
    scenario({unassigned: unassignedMode.value === "renormalise" ? "renormalise" : {gPerKwh: unassignedG.value}})
  );
  unassignedG.addEventListener("input", () => scenario({unassigned: {gPerKwh: unassignedG.value}}));

  // Price, units, model and seed.
  const price = field(
    "price",
    Inputs.number(PRICE_RANGE, {step: 0.001, label: "Electricity (USD/kWh)", value: s0.usdPerKwh})
  );
  price.addEventListener("input", () => {
    if (Number.isFinite(price.value) && price.value >= PRICE_RANGE[0] && price.value <= PRICE_RANGE[1])
      scenario({usdPerKwh: price.value});
  });
  const units = field("units", Inputs.radio(MASS_UNITS, {label: "Units", value: s0.units}));
  units.addEventListener("input", () => scenario({units: units.value as MassUnit}));
  const models = focusModels(inputs);
  const model = field(
    "model",
    Inputs.select(
      models.map((m) => m.id),
      {
        label: "Model (tornado, Monte Carlo)",
        value: store.view.model,
        format: (id) => models.find((m) => m.id === id)!.label
      }
    )
  );
  model.addEventListener("input", () => update((v) => ({...v, model: model.value})));
  const seed = field(
    "seed",
    Inputs.number([0, MAX_SEED], {step: 1, label: "Monte Carlo seed", value: store.view.seed})
  );
  seed.addEventListener("input", () => {
    if (Number.isInteger(seed.value) && seed.value >= 0 && seed.value <= MAX_SEED)
      update((v) => ({...v, seed: seed.value}));
  });

  const link = el("a", {class: "scenario-link"});
  const summary = el("p", {class: "scenario-summary"});

  // Keeps every control showing the current view (after a preset button, a URL, or another control).
  store.subscribe((a) => {
    const start = performance.now();
    const v = a.view;
    const s = v.scenario;
    if (Math.abs(pue.value - s.pue) > 0.005) pue.value = s.pue;
    for (const button of presets.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.pueValue ?? NaN) === s.pue));
    }
    if (grid.value !== gridChoice(v)) grid.value = gridChoice(v);
    mixBox.hidden = gridChoice(v) !== CUSTOM_GRID;
    intensityBox.hidden = gridChoice(v) !== DIRECT;
    MIX_CATEGORIES.forEach((c, k) => {
      if (mixInputs[k].value !== s.mix[c]) mixInputs[k].value = s.mix[c];
    });
    mixRest.textContent = `Unassigned (oil, other): ${round(unassignedPercent(s.mix))} %`;
    if (factors.value !== s.factors) factors.value = s.factors;
    const mode = s.unassigned === "renormalise" ? "renormalise" : "factor";
    if (unassignedMode.value !== mode) unassignedMode.value = mode;
    // While the rest is renormalised, the factor offered for it is the factor set's dirtiest category.
    if (s.unassigned === "renormalise") unassignedG.value = dirtiest();
    else if (unassignedG.value !== s.unassigned.gPerKwh) unassignedG.value = s.unassigned.gPerKwh;
    unassignedG.hidden = mode !== "factor";
    if (price.value !== s.usdPerKwh) price.value = s.usdPerKwh;
    if (units.value !== s.units) units.value = s.units;
    if (model.value !== v.model) model.value = v.model;
    if (seed.value !== v.seed) seed.value = v.seed;
    link.setAttribute("href", a.query ? `?${a.query}` : "?");
    link.textContent = a.query ? `?${a.query}` : "(the paper's assumptions: no parameters)";
    summary.textContent = `PUE ${round(s.pue)} · ${formatIntensity(a.report.scenario.intensity_kg_per_kwh)} (${a.report.scenario.intensity_source}) · $${s.usdPerKwh}/kWh · ${s.units} · NAS (P100): ${formatMass(a.report.table3.find((r) => r.id === "nas_p100")!.co2e_kg!, s.units)}`;
    performance.measure("sensitivity:controls", {start});
  });
  // A group, not a form: each Observable input is a form of its own, and forms do not nest.
  return el(
    "div",
    {class: "scenario-controls", role: "group", "aria-label": "Scenario"},
    el("fieldset", {class: "controls-datacentre"}, el("legend", {}, "Datacentre"), pue, presets, price),
    el(
      "fieldset",
      {class: "controls-grid"},
      el("legend", {}, "Carbon intensity"),
      grid,
      factors,
      unassignedMode,
      unassignedG,
      mixBox,
      intensityBox
    ),
    el("fieldset", {class: "controls-display"}, el("legend", {}, "Display and uncertainty"), units, model, seed),
    el("div", {class: "scenario-status"}, summary, el("p", {class: "small"}, "Link to this view: ", link))
  );
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

/** An intensity in g CO2e/kWh for the summary line. */
function formatIntensity(kgPerKwh: number): string {
  return `${formatSignificant(kgPerKwhTo(kgPerKwh, "g"), 4)} g CO2e/kWh`;
}
