import type {LedgerReportRow} from "./ledger-report.js";
import type {LaterRow} from "./later.js";

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
 * How the accounting choices a source prints move one model's training CO2e, in the order they are applied:
 * for a later estimate, its energy at the hardware at the location-based (gross) intensity, then its PUE, then
 * the net (market-based) intensity where the source gives one; for a model card's row, the CO2e of its printed
 * power (which includes PUE) at the inferred location-based intensity, then the market-based figure it prints.
 * Every value is a recomputation of the ledger's (nothing new is assumed).
 */
export function accountingSteps(
  row: Pick<LedgerReportRow, "id" | "kind" | "co2e_t" | "co2e_t_market" | "pue" | "cells">,
  later: LaterRow | null
): AccountingStep[] {
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
    return withChanges(steps);
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
  return withChanges(steps);
}
