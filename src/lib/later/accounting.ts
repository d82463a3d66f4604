import type {LedgerReportRow} from "./ledger-report.js";
import type {Accounting} from "../scenario/accounting-choices.js";
import type {LaterRow} from "./later.js";
import type {LifecyclePrintedCell} from "../inputs/types.js";

/** The note on a row whose source prints no market-based (or net) figure: nothing is invented for it. */
export const NO_MARKET_FIGURE = "the source prints no market-based figure: location-based kept";

/**
 * The share of a location-based CO2e that a source's own market-based figure keeps: market ÷ location intensity
 * (0 for a card that prints a market-based 0; 0.177 ÷ 0.201 for Patterson's GShard-600B).
 */
export function marketShare(locationKgPerKwh: number, marketKgPerKwh: number): number {
  if (!(locationKgPerKwh > 0))
    throw new RangeError(`location-based intensity ${locationKgPerKwh} kg/kWh is not positive`);
  if (!(marketKgPerKwh >= 0)) throw new RangeError(`market-based intensity ${marketKgPerKwh} kg/kWh is negative`);
  return marketKgPerKwh / locationKgPerKwh;
}

/** A CO2e under one accounting choice: the one applied (location where no market figure exists) and why. */
export interface Accounted {
  co2e_t: number;
  accounting: Accounting;
  note: string | null;
}

/**
 * A location-based CO2e (tonnes) under the chosen accounting: market-based keeps the source's own market share of
 * it (marketShare); a row with no market share keeps its location-based CO2e, with NO_MARKET_FIGURE as the note.
 */
export function accountedTonnes(locationTonnes: number, share: number | null, accounting: Accounting): Accounted {
  if (accounting === "location") return {co2e_t: locationTonnes, accounting, note: null};
  if (share == null) return {co2e_t: locationTonnes, accounting: "location", note: NO_MARKET_FIGURE};
  return {co2e_t: locationTonnes * share, accounting, note: null};
}

/** The scenario the last steps of accountingSteps use: its PUE, location-based intensity and accounting. */
export interface StepScenario {
  pue: number;
  kgPerKwh: number;
  intensitySource: string;
  accounting: Accounting;
}

/** One accounting choice applied to a model's training CO2e: what it is, and the total after it. */
export interface AccountingStep {
  /** The choice, in words. */
  step: string;
  /** Total CO2e after this choice, in tonnes. */
  co2e_t: number;
  /** Change from the previous step, in tonnes (the first step's is its total). */
  change_t: number;
  /** Where the number comes from. */
  basis: string;
}

function withChanges(steps: Array<Omit<AccountingStep, "change_t">>): AccountingStep[] {
  return steps.map((s, k) => ({...s, change_t: k === 0 ? s.co2e_t : s.co2e_t - steps[k - 1].co2e_t}));
}

/**
 * How the accounting choices move one model's training CO2e, in the order they are applied. First the choices the
 * source prints:
 * for a later estimate, its energy at the hardware at the location-based (gross) intensity, then its PUE, then
 * the net (market-based) intensity where the source gives one, then the source's printed total of all processes
 * where it prints one (data/lifecycle_published.csv); for a model card's row, the CO2e of its printed
 * power (which includes PUE) at the inferred location-based intensity, then the market-based figure it prints.
 * Then, given a scenario, the reader's choices: the run's energy at the scenario's PUE and location-based intensity,
 * and, with market-based accounting, the source's own market share of that (or no change, where the source prints
 * no market-based figure, with the reason as its basis). Every value is a recomputation of the ledger's, except
 * a printed total of all processes, shown as printed (its parts are not recorded, so it cannot be recomputed), and
 * the CO2e of a source that prints nothing else, one step taken as given (there is nothing to recompute).
 */
export function accountingSteps(
  row: Pick<
    LedgerReportRow,
    | "id"
    | "kind"
    | "co2e_t"
    | "co2e_t_market"
    | "pue"
    | "cells"
    | "co2e_t_scenario_location"
    | "co2e_t_scenario"
    | "market_share"
    | "accounting_note"
    | "co2e_only"
  >,
  later: LaterRow | null,
  scenario: StepScenario | null = null,
  lifecycle: LifecyclePrintedCell | null = null
): AccountingStep[] {
  return withChanges([...sourceSteps(row, later, lifecycle), ...scenarioSteps(row, scenario)]);
}

function scenarioSteps(
  row: Pick<LedgerReportRow, "co2e_t_scenario_location" | "co2e_t_scenario" | "market_share" | "accounting_note">,
  scenario: StepScenario | null
): Array<Omit<AccountingStep, "change_t">> {
  if (scenario == null || row.co2e_t_scenario_location == null) return [];
  const steps: Array<Omit<AccountingStep, "change_t">> = [
    {
      step: `this scenario: PUE ${scenario.pue}, location-based`,
      co2e_t: row.co2e_t_scenario_location,
      basis: `${Number(scenario.kgPerKwh.toPrecision(4))} kg CO2e/kWh (${scenario.intensitySource}) instead of the source's PUE and intensity`
    }
  ];
  if (scenario.accounting === "market")
    steps.push({
      step: "this scenario, market-based",
      co2e_t: row.co2e_t_scenario ?? row.co2e_t_scenario_location,
      basis:
        row.accounting_note ??
        `the source's market-based CO2e is ${Number(row.market_share!.toPrecision(4))} × its location-based CO2e`
    });
  return steps;
}

function sourceSteps(
  row: Pick<LedgerReportRow, "co2e_t" | "co2e_t_market" | "cells" | "co2e_only">,
  later: LaterRow | null,
  lifecycle: LifecyclePrintedCell | null
): Array<Omit<AccountingStep, "change_t">> {
  if (later) {
    const steps: Array<Omit<AccountingStep, "change_t">> = [
      {
        step: "energy at the hardware, location-based intensity",
        co2e_t: later.co2e_t_hardware,
        basis: `${later.gross_kg_per_kwh} kg CO2e/kWh, before PUE`
      },
      {step: `× PUE ${later.pue}`, co2e_t: later.co2e_t_gross, basis: "gross (location-based) total"}
    ];
    if (later.co2e_t_net != null && later.net_kg_per_kwh !== later.gross_kg_per_kwh)
      steps.push({
        step: "net of carbon-free energy bought (market-based)",
        co2e_t: later.co2e_t_net,
        basis: `${later.net_kg_per_kwh} kg CO2e/kWh`
      });
    // The source's own total of all processes (BLOOM: embodied, idle and infrastructure with the dynamic power),
    // printed as one number: a different accounting of the overhead than PUE, so it replaces the PUE step's total.
    if (lifecycle)
      steps.push({
        step: "all processes instead of PUE: embodied, idle and infrastructure (printed)",
        co2e_t: lifecycle.value,
        basis: `printed ${lifecycle.printed} t, ${lifecycle.source}`
      });
    return steps;
  }
  // A source that prints only its CO2e: one step, as printed; no choice of it can be recomputed or replaced.
  if (row.co2e_only) {
    const printed = row.cells.find((c) => c.column === "co2e_t");
    return [
      {
        step: "printed CO2e, taken as given",
        co2e_t: row.co2e_t,
        basis: `printed ${printed?.printed ?? row.co2e_t} t; the source prints no GPU-hours, power or energy, so there is nothing to recompute and no accounting choice to apply`
      }
    ];
  }
  const steps: Array<Omit<AccountingStep, "change_t">> = [
    {
      step: "printed power (PUE included), location-based intensity",
      co2e_t: row.co2e_t,
      basis: "intensity inferred from the card"
    }
  ];
  const market = row.cells.find((c) => c.column === "co2e_t_market");
  if (market && row.co2e_t_market != null)
    steps.push({
      step: "market-based (renewable energy matched by the operator)",
      co2e_t: row.co2e_t_market,
      basis: `printed ${market.printed} t`
    });
  return steps;
}
