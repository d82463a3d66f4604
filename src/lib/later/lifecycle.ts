// The life-cycle accounting choices beyond PUE and market-based accounting: the embodied CO2e of the hardware
// (LLMCarbon's per-die or EcoLogits' per-GPU-and-server defaults, amortised over their service lives), the rest of
// each server's power beyond its accelerators (EcoLogits), and water on-site (the data centre's WUE) and off-site (the
// grid's litres per kWh). Each default is a row of data/accounting_factors.csv; a run that lacks an input the choice
// needs gets a sentence saying so, never an invented value.
import type {AccountingStep} from "./accounting.js";
import type {LedgerReportRow} from "./ledger-report.js";
import type {AccountingFactor, Inputs} from "../inputs/types.js";
import {
  factorsOf,
  METHOD_NAMES,
  type EmbodiedChoice,
  type LifecycleChoices,
  type ServerChoice,
  type WaterFactor
} from "../scenario/accounting-choices.js";
import {embodiedKg, kgPerDeviceWithServer} from "../formulas/embodied.js";
import {serverKwh} from "../formulas/server-power.js";
import {waterLitres} from "../formulas/water.js";
import {co2eKg} from "../formulas/emissions.js";
import {kgToTonnes} from "../formulas/units.js";

/** A method's value of a quantity for an accelerator (its own row, else the method's gpu row for a GPU), or null. */
function factor(
  inputs: Pick<Inputs, "accountingFactors">,
  method: AccountingFactor["method"],
  quantity: AccountingFactor["quantity"],
  accelerator: {id: string; kind: string} | null
): AccountingFactor | null {
  const rows = factorsOf(inputs, quantity).filter((f) => f.method === method);
  return (
    rows.find((f) => f.appliesTo === "any") ??
    (accelerator
      ? (rows.find((f) => f.appliesTo === accelerator.id) ??
        (accelerator.kind === "gpu" ? rows.find((f) => f.appliesTo === "gpu") : undefined))
      : undefined) ??
    null
  );
}

/** What a run offers the life-cycle choices: its accelerator, accelerator-hours and energy at the hardware. */
export interface LifecycleRun {
  /** Accelerator id (data/accelerators.csv) and kind, or null where the source names none. */
  accelerator: {id: string; name: string; kind: string} | null;
  /** Accelerator-hours (devices × hours), or null where the source gives neither. */
  deviceHours: number | null;
  /** Energy at the hardware under the scenario (before PUE), kWh, or null. */
  itKwh: number | null;
  /** The scenario's PUE. */
  pue: number;
  /** The scenario's location-based intensity, kg CO2e/kWh. */
  kgPerKwh: number;
  /** The share of a location-based CO2e the scenario's accounting keeps for this run (1 location-based). */
  accountedShare: number;
  /** Whether the source prints only its CO2e (no GPU-hours, power or energy): nothing can be added to it. */
  co2eOnly?: boolean;
}

/** Why nothing is added to a run whose source prints only its CO2e. */
export const CO2E_ONLY_LIFECYCLE =
  "the source prints only its CO2e (no GPU-hours, power or energy): there is nothing to recompute, so nothing is added";

/** A ledger row's life-cycle inputs under its report's scenario. */
export function lifecycleRun(
  inputs: Pick<Inputs, "accelerators" | "laterModels" | "ledgerRows">,
  row: Pick<LedgerReportRow, "id" | "gpu_hours" | "mwh_scenario" | "co2e_t_scenario" | "co2e_t_scenario_location"> &
    Partial<Pick<LedgerReportRow, "co2e_only">>,
  scenario: {pue: number; kgPerKwh: number},
  laterAcceleratorHours: number | null = null
): LifecycleRun {
  const later = inputs.laterModels.find((m) => m.id === row.id);
  const id = later ? later.processor : (inputs.ledgerRows.find((r) => r.id === row.id)?.hardware ?? null);
  const a = id == null ? undefined : inputs.accelerators.find((x) => x.id === id);
  const location = row.co2e_t_scenario_location;
  return {
    accelerator: a ? {id: a.id, name: a.name, kind: a.kind} : null,
    deviceHours: later ? laterAcceleratorHours : row.gpu_hours,
    itKwh: row.mwh_scenario == null ? null : (row.mwh_scenario * 1000) / scenario.pue,
    pue: scenario.pue,
    kgPerKwh: scenario.kgPerKwh,
    accountedShare:
      location != null && location > 0 && row.co2e_t_scenario != null ? row.co2e_t_scenario / location : 1,
    co2eOnly: row.co2e_only ?? false
  };
}

/** One life-cycle addition to a run's CO2e, or the reason it could not be made. */
export interface LifecycleAddition {
  step: string;
  /** Tonnes added, or null where an input is missing. */
  add_t: number | null;
  basis: string;
}

/** Water of a run under the chosen factors, litres; null parts are off. */
export interface LifecycleWater {
  onSiteL: number | null;
  offSiteL: number | null;
  totalL: number;
  basis: string;
}

/** A run with its accelerator and accelerator-hours, as the per-accelerator additions need it. */
type AcceleratorRun = LifecycleRun & {accelerator: NonNullable<LifecycleRun["accelerator"]>; deviceHours: number};

/** A per-accelerator addition: computed by `add` for a run that names its accelerator and hours, else the reason. */
function perAccelerator(
  step: string,
  run: LifecycleRun,
  add: (run: AcceleratorRun, none: (why: string) => LifecycleAddition) => LifecycleAddition
): LifecycleAddition {
  const none = (why: string): LifecycleAddition => ({step, add_t: null, basis: `${why}: nothing is added`});
  if (!run.accelerator) return none("the source names no accelerator");
  if (run.deviceHours == null) return none("the source gives no accelerator-hours (devices × hours)");
  return add({...run, accelerator: run.accelerator, deviceHours: run.deviceHours}, none);
}

/** The embodied CO2e of a run's hardware under a method, or the reason there is none. */
export function embodiedAddition(
  inputs: Pick<Inputs, "accountingFactors">,
  run: LifecycleRun,
  method: Exclude<EmbodiedChoice, "off">
): LifecycleAddition {
  const name = METHOD_NAMES[method];
  const step = `+ embodied CO2e of the hardware (${name})`;
  return perAccelerator(step, run, (r, none) => {
    const device = factor(inputs, method, "embodied_kg_per_device", r.accelerator);
    if (!device) return none(`${name} gives no embodied CO2e for the ${r.accelerator.name}`);
    const life = factor(inputs, method, "lifetime_years", r.accelerator)!;
    const server = factor(inputs, method, "embodied_kg_per_server", r.accelerator);
    const perServer = factor(inputs, method, "devices_per_server", r.accelerator);
    const kgPerDevice =
      server && perServer
        ? kgPerDeviceWithServer({deviceKg: device.value, serverKg: server.value, devicesPerServer: perServer.value})
        : device.value;
    const kg = embodiedKg({kgPerDevice, devices: 1, hours: r.deviceHours, lifetimeYears: life.value});
    const parts =
      server && perServer
        ? `${device.value} kg per GPU + ${server.value} kg per ${perServer.value}-GPU server (${name})`
        : `${device.value} kg per ${r.accelerator.name} die (${name})`;
    return {
      step,
      add_t: kgToTonnes(kg),
      basis: `${parts}, over ${life.value} years of life, for ${Math.round(r.deviceHours).toLocaleString("en-US")} accelerator-hours`
    };
  });
}

/** The CO2e of the rest of the servers' power (beyond the accelerators) under the scenario, or the reason. */
export function serverAddition(
  inputs: Pick<Inputs, "accountingFactors">,
  run: LifecycleRun,
  method: Exclude<ServerChoice, "off">
): LifecycleAddition {
  const name = METHOD_NAMES[method];
  const step = `+ the rest of each server's power (${name})`;
  return perAccelerator(step, run, (r, none) => {
    const kw = factor(inputs, method, "server_kw", r.accelerator);
    const perServer = factor(inputs, method, "devices_per_server", r.accelerator);
    if (!kw || !perServer) return none(`${name} gives no server power for the ${r.accelerator.name}`);
    const kwh = serverKwh({
      deviceHours: r.deviceHours,
      serverKw: kw.value,
      devicesPerServer: perServer.value,
      pue: r.pue
    });
    return {
      step,
      add_t: kgToTonnes(co2eKg(kwh, r.kgPerKwh)) * r.accountedShare,
      basis: `${kw.value} kW per ${perServer.value}-GPU server beyond its GPUs (${name}), ${Math.round(kwh).toLocaleString("en-US")} kWh at this scenario's PUE and intensity${r.accountedShare === 1 ? "" : " and accounting"}`
    };
  });
}

/** The run's water under the chosen factors, or null when both are off (or the run has no energy). */
export function waterOf(run: LifecycleRun, choices: LifecycleChoices): LifecycleWater | null {
  const wue = choices.wue ?? null;
  const grid = choices.gridWater ?? null;
  if ((!wue && !grid) || run.itKwh == null) return null;
  const w = waterLitres({
    itKwh: run.itKwh,
    wueLPerKwh: wue?.lPerKwh ?? 0,
    gridLPerKwh: grid?.lPerKwh ?? 0,
    pue: run.pue
  });
  const parts = [
    wue ? `on-site ${wue.lPerKwh} L per kWh at the hardware (${wue.label})` : null,
    grid ? `off-site ${grid.lPerKwh} L per kWh drawn (${grid.label}) × PUE ${run.pue}` : null
  ].filter(Boolean);
  return {
    onSiteL: wue ? w.onSiteL : null,
    offSiteL: grid ? w.offSiteL : null,
    totalL: w.totalL,
    basis: `${Math.round(run.itKwh).toLocaleString("en-US")} kWh at the hardware; ${parts.join("; ")}`
  };
}

/** The life-cycle additions the choices ask for, in the order they apply (server power, then embodied). */
export function lifecycleAdditions(
  inputs: Pick<Inputs, "accountingFactors">,
  run: LifecycleRun,
  choices: LifecycleChoices
): LifecycleAddition[] {
  const out: LifecycleAddition[] = [];
  if (choices.server && choices.server !== "off") out.push(serverAddition(inputs, run, choices.server));
  if (choices.embodied && choices.embodied !== "off") out.push(embodiedAddition(inputs, run, choices.embodied));
  return run.co2eOnly ? out.map((a) => ({step: a.step, add_t: null, basis: CO2E_ONLY_LIFECYCLE})) : out;
}

/**
 * The stepped chart's steps followed by the life-cycle additions, each a step whose total is the one before plus
 * what it adds (an addition that lacks an input adds nothing and says why in its basis).
 */
export function withLifecycleSteps(
  steps: readonly AccountingStep[],
  additions: readonly LifecycleAddition[]
): AccountingStep[] {
  const out = [...steps];
  for (const a of additions) {
    const before = out.length ? out[out.length - 1].co2e_t : 0;
    const change = a.add_t ?? 0;
    out.push({step: a.step, co2e_t: before + change, change_t: change, basis: a.basis});
  }
  return out;
}

/** Whether any life-cycle choice is on (else the ledger is today's and nothing is added to its outputs). */
export function lifecycleOn(choices: LifecycleChoices): boolean {
  return (
    (choices.embodied ?? "off") !== "off" ||
    (choices.server ?? "off") !== "off" ||
    choices.wue != null ||
    choices.gridWater != null
  );
}

/** One ledger model row under the life-cycle choices: what each adds, the new total and the water. */
export interface LifecycleLedgerRow {
  id: string;
  model: string;
  accelerator: string | null;
  accelerator_hours: number | null;
  /** The row's CO2e under the scenario (PUE, intensity, accounting), tonnes. */
  co2e_t_scenario: number | null;
  /** Each addition: tonnes, or null with the reason in its basis. */
  additions: Array<{step: string; co2e_t: number | null; basis: string}>;
  /** co2e_t_scenario plus every addition that could be made, tonnes. */
  co2e_t_with_lifecycle: number | null;
  water_l: {on_site: number | null; off_site: number | null; total: number; basis: string} | null;
}

/**
 * The ledger's model rows under the life-cycle choices (the `ledger` command's `lifecycle`), each from the row's
 * energy under the report's scenario. `acceleratorHours` gives a later model's accelerator-hours by id.
 */
export function lifecycleLedger(
  inputs: Pick<Inputs, "accelerators" | "laterModels" | "ledgerRows" | "accountingFactors">,
  report: {scenario: {pue: number; kgPerKwh: number}; rows: readonly LedgerReportRow[]},
  choices: LifecycleChoices,
  acceleratorHours: ReadonlyMap<string, number | null>
): LifecycleLedgerRow[] {
  return report.rows
    .filter((r) => r.kind === "model")
    .map((r) => {
      const run = lifecycleRun(inputs, r, report.scenario, acceleratorHours.get(r.id) ?? null);
      const additions = lifecycleAdditions(inputs, run, choices);
      const water = waterOf(run, choices);
      return {
        id: r.id,
        model: r.model,
        accelerator: run.accelerator?.name ?? null,
        accelerator_hours: run.deviceHours,
        co2e_t_scenario: r.co2e_t_scenario,
        additions: additions.map((a) => ({step: a.step, co2e_t: a.add_t, basis: a.basis})),
        co2e_t_with_lifecycle:
          r.co2e_t_scenario == null ? null : additions.reduce((t, a) => t + (a.add_t ?? 0), r.co2e_t_scenario),
        water_l: water && {on_site: water.onSiteL, off_site: water.offSiteL, total: water.totalL, basis: water.basis}
      };
    });
}

/** A run's water as the parts a figure shows: on-site and off-site where each is on. */
export function waterParts(water: LifecycleWater | null): Array<{part: string; litres: number; basis: string}> {
  if (!water) return [];
  const parts: Array<{part: string; litres: number; basis: string}> = [];
  if (water.onSiteL != null)
    parts.push({part: "on-site: the data centre's cooling", litres: water.onSiteL, basis: water.basis});
  if (water.offSiteL != null)
    parts.push({part: "off-site: generating its electricity", litres: water.offSiteL, basis: water.basis});
  return parts;
}
