import type {Erratum} from "./errata.js";
import {co2eKg} from "./emissions.js";
import {compareLater, laterRows} from "./later.js";
import {laterErrata} from "./later-errata.js";
import {
  compareLedger,
  computeLedger,
  laterLedgerEntries,
  ledgerEntries,
  ledgerKwh,
  type LedgerEntry
} from "./ledger.js";
import {ledgerErrata} from "./ledger-errata.js";
import {resolveScenario, serializeScenario, type Scenario} from "./scenario.js";
import type {Inputs} from "./types.js";
import {kgToTonnes, kwhToMwh} from "./units.js";

/** A ledger row with its energy and CO2e under one scenario's PUE and intensity (which replace its own). */
export interface LedgerReportRow extends LedgerEntry {
  mwh_scenario: number | null;
  co2e_t_scenario: number | null;
}

/** The whole ledger for one scenario: every row, its printed cells compared, and the errata that explain them. */
export interface LedgerReport {
  scenario: {pue: number; kgPerKwh: number; intensitySource: string; query: string};
  rows: LedgerReportRow[];
  errata: Erratum[];
}

/**
 * The later models (Patterson et al. 2021, BLOOM, OPT) followed by the ledger's disclosures (data/ledger_rows.csv),
 * each compared cell by cell; under the scenario, a row's GPU-hours × power are taken at the scenario's PUE and
 * intensity (a source's power that already includes PUE is then treated as power at the hardware).
 */
export function buildLedger(inputs: Inputs, scenario: Scenario): LedgerReport {
  const s = resolveScenario(inputs, scenario);
  const later = laterRows(inputs);
  const laterUnder = laterRows(inputs, {pue: s.pue, kgPerKwh: s.kgPerKwh});
  const lErrata = laterErrata(inputs);
  const computed = computeLedger(inputs);
  const errata = ledgerErrata(inputs, computed);
  const laterEntries = laterLedgerEntries(inputs, later, compareLater(inputs, later, lErrata)).map((e) => {
    const u = laterUnder.find((r) => r.id === e.id)!;
    return {...e, mwh_scenario: u.mwh, co2e_t_scenario: u.co2e_t_gross};
  });
  const underKwh = new Map(
    computed.filter((c) => c.kind === "model").map((c) => [c.id, ledgerKwh(c.gpu_hours, c.power_w!, s.pue)])
  );
  const entries = ledgerEntries(inputs, computed, compareLedger(inputs, computed, errata)).map((e) => {
    const members =
      e.kind === "model"
        ? [e.id]
        : computed
            .filter((c) => c.kind === "model" && c.disclosure === computed.find((x) => x.id === e.id)!.disclosure)
            .map((c) => c.id);
    const kwh = members.reduce((a, id) => a + underKwh.get(id)!, 0);
    return {...e, mwh_scenario: kwhToMwh(kwh), co2e_t_scenario: kgToTonnes(co2eKg(kwh, s.kgPerKwh))};
  });
  return {
    scenario: {
      pue: s.pue,
      kgPerKwh: s.kgPerKwh,
      intensitySource: s.intensitySource,
      query: serializeScenario(scenario, inputs)
    },
    rows: [...laterEntries, ...entries],
    errata: [...lErrata, ...errata]
  };
}

/** Counts of the compared (non-input) cells by status. */
export function ledgerCounts(report: Pick<LedgerReport, "rows">): Record<string, number> {
  const out: Record<string, number> = {reproduced: 0, calibrated: 0, differs: 0, input: 0};
  for (const r of report.rows) for (const c of r.cells) out[c.status] = (out[c.status] ?? 0) + 1;
  return out;
}
