import {accountedTonnes, marketShare} from "./accounting.js";
import type {Accounting} from "../scenario/accounting-choices.js";
import type {Erratum} from "../paper/errata.js";
import {co2eKg} from "../formulas/emissions.js";
import {compareLater, laterRows} from "./later.js";
import {laterErrata} from "./later-errata.js";
import {
  compareLedger,
  computeLedger,
  laterLedgerEntries,
  ledgerEnergyKwh,
  ledgerEntries,
  ledgerKwh,
  isRecomputed,
  type LedgerEntry
} from "./ledger.js";
import {ledgerErrata} from "./ledger-errata.js";
import {resolveScenario, serializeScenario, type Scenario} from "../scenario/scenario.js";
import type {Inputs} from "../inputs/types.js";
import {kgToTonnes, kwhToMwh} from "../formulas/units.js";

/**
 * A ledger row with its energy and CO2e under one scenario's PUE and intensity (which replace its own), the CO2e
 * location-based and under the scenario's accounting.
 */
export interface LedgerReportRow extends LedgerEntry {
  mwh_scenario: number | null;
  /** Under the scenario's PUE and location-based intensity, tonnes. */
  co2e_t_scenario_location: number | null;
  /** Under the scenario's PUE, intensity and accounting, tonnes. */
  co2e_t_scenario: number | null;
  /** The source's market-based CO2e ÷ its location-based CO2e, or null where it prints no market-based figure. */
  market_share: number | null;
  /** The accounting `co2e_t_scenario` is under: "location" where market-based was asked but the source has none. */
  accounting: Accounting;
  /** Why the accounting asked for was not applied (or, for a total, to some of its models); else null. */
  accounting_note: string | null;
}

/** What the ledger says of a row whose source prints only its CO2e, in place of a figure under the scenario. */
export const CO2E_ONLY_NOTE =
  "the source prints only its CO2e (no GPU-hours, power or energy): there is nothing to recompute, and no energy to put under the scenario";

/** The whole ledger for one scenario: every row, its printed cells compared, and the errata that explain them. */
export interface LedgerReport {
  scenario: {pue: number; kgPerKwh: number; intensitySource: string; accounting: Accounting; query: string};
  rows: LedgerReportRow[];
  errata: Erratum[];
}

/**
 * The later models (Patterson et al. 2021, BLOOM, OPT) followed by the ledger's disclosures (data/ledger_rows.v2.csv),
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
  // A scenario written before accounting existed (a reader's cell) is location-based.
  const accounting: Accounting = scenario.accounting ?? "location";
  const laterEntries = laterLedgerEntries(inputs, later, compareLater(inputs, later, lErrata)).map((e) => {
    const u = laterUnder.find((r) => r.id === e.id)!;
    const own = later.find((r) => r.id === e.id)!;
    const share = own.net_kg_per_kwh == null ? null : marketShare(own.gross_kg_per_kwh, own.net_kg_per_kwh);
    const a = accountedTonnes(u.co2e_t_gross, share, accounting);
    return {
      ...e,
      mwh_scenario: u.mwh,
      co2e_t_scenario_location: u.co2e_t_gross,
      co2e_t_scenario: a.co2e_t,
      market_share: share,
      accounting: a.accounting,
      accounting_note: a.note
    };
  });
  // Under the scenario, a row's energy before PUE (GPU-hours × power, or its printed energy) × the scenario's PUE.
  // A row whose source prints only its CO2e has no energy to put under the scenario: it is left out (null).
  const underKwh = new Map(
    computed
      .filter(isRecomputed)
      .filter((c) => c.kind === "model")
      .map((c) => [
        c.id,
        c.gpu_hours != null && c.power_w != null
          ? ledgerKwh(c.gpu_hours, c.power_w, s.pue)
          : ledgerEnergyKwh(c.mwh_hardware, s.pue)
      ])
  );
  const shareOf = (c: (typeof computed)[number]) =>
    c.market_kg_per_kwh == null || c.kg_per_kwh == null ? null : marketShare(c.kg_per_kwh, c.market_kg_per_kwh);
  const entries = ledgerEntries(inputs, computed, compareLedger(inputs, computed, errata)).map((e) => {
    if (e.co2e_only)
      return {
        ...e,
        mwh_scenario: null,
        co2e_t_scenario_location: null,
        co2e_t_scenario: null,
        market_share: null,
        accounting: "location" as const,
        accounting_note: CO2E_ONLY_NOTE
      };
    const members =
      e.kind === "model"
        ? computed.filter((c) => c.id === e.id)
        : computed.filter(
            (c) => c.kind === "model" && c.disclosure === computed.find((x) => x.id === e.id)!.disclosure
          );
    const kwh = members.reduce((a, c) => a + underKwh.get(c.id)!, 0);
    const location = kgToTonnes(co2eKg(kwh, s.kgPerKwh));
    // The source's market share of the total: Σ location × share ÷ Σ location, where every model prints one.
    const locations = members.map((c) => kgToTonnes(co2eKg(underKwh.get(c.id)!, s.kgPerKwh)));
    const shares = members.map(shareOf);
    const market = shares.every((x) => x != null) ? locations.reduce((a, t, k) => a + t * shares[k]!, 0) : null;
    // A model row's accounting is its own; a total's is the sum of its models', each under its own share.
    const accounted = members.map((c, k) => accountedTonnes(locations[k], shares[k], accounting));
    const kept = accounted.filter((a) => a.note != null).length;
    // Where no model's accounting moved, the total is its location-based one (not a sum with other roundings).
    const moved = accounted.some((a) => a.accounting === "market");
    const co2e = moved ? accounted.reduce((a, x) => a + x.co2e_t, 0) : location;
    return {
      ...e,
      mwh_scenario: kwhToMwh(kwh),
      co2e_t_scenario_location: location,
      co2e_t_scenario: co2e,
      market_share: market == null || !(location > 0) ? null : market / location,
      accounting: kept === accounted.length ? ("location" as const) : accounting,
      accounting_note:
        kept === 0
          ? null
          : e.kind === "model" || kept === accounted.length
            ? accounted.find((a) => a.note)!.note
            : `${kept} of its ${accounted.length} models print no market-based figure: those keep location-based`
    };
  });
  return {
    scenario: {
      pue: s.pue,
      kgPerKwh: s.kgPerKwh,
      intensitySource: s.intensitySource,
      accounting,
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

/** One line of the ledger page's table: plain values a reader can sort and filter. */
export interface LedgerTableRow {
  id: string;
  model: string;
  organisation: string;
  year: number;
  kind: "model" | "total";
  hardware: string;
  gpu_hours: number | null;
  power_w: number | null;
  /** PUE as printed, or null where the source's power includes it. */
  pue: number | null;
  kg_per_kwh: number | null;
  /** "printed" or "inferred" (from the source's own CO2e). */
  intensity_basis: "printed" | "inferred" | "not given";
  /** Energy, or null where the source prints only its CO2e. */
  mwh: number | null;
  co2e_t: number;
  /** The CO2e the source prints, as printed ("2,040"), or "" where it prints none. */
  co2e_printed: string;
  co2e_t_market_printed: string;
  /** The worst status among the row's compared values: differs, calibrated, reproduced, or "input" only. */
  status: string;
  co2e_t_scenario: number | null;
  /** The accounting of `co2e_t_scenario`, and why, where market-based was asked but not applied. */
  accounting: Accounting;
  accounting_note: string | null;
  source: string;
}

const WORST = ["differs", "calibrated", "reproduced", "input"];

export function ledgerTableRows(report: Pick<LedgerReport, "rows">): LedgerTableRow[] {
  return report.rows.map((r) => {
    const co2e = r.cells.find((c) => c.column === "co2e_t");
    const market = r.cells.find((c) => c.column === "co2e_t_market");
    const statuses = r.cells.map((c) => c.status as string);
    return {
      id: r.id,
      model: r.model,
      organisation: r.organisation,
      year: r.year,
      kind: r.kind,
      hardware: r.hardware ?? "not given",
      gpu_hours: r.gpu_hours,
      power_w: r.power_w,
      pue: r.pue,
      kg_per_kwh: r.kg_per_kwh,
      intensity_basis: r.co2e_only ? "not given" : r.kg_per_kwh_inferred ? "inferred" : "printed",
      mwh: r.mwh,
      co2e_t: r.co2e_t,
      co2e_printed: co2e?.printed ?? "",
      co2e_t_market_printed: market?.printed ?? "",
      status: WORST.find((s) => statuses.includes(s)) ?? "nothing printed",
      co2e_t_scenario: r.co2e_t_scenario,
      accounting: r.accounting,
      accounting_note: r.accounting_note,
      source: r.source
    };
  });
}

/**
 * The ledger's own model rows on the comparison chart, each under its source's assumptions and under the
 * scenario (the later models come from modelPoints); only the largest run of each disclosure is labelled.
 */
export function ledgerPoints(
  inputs: Inputs,
  report: Pick<LedgerReport, "rows">
): Array<{
  id: string;
  model: string;
  group: "later estimates";
  basis: "own" | "scenario";
  mwh: number;
  co2e_t: number;
  label: boolean;
}> {
  // A row that prints only its CO2e has no energy to place on the chart.
  const own = report.rows
    .filter((r) => r.kind === "model" && inputs.ledgerRows.some((x) => x.id === r.id) && r.co2e_t > 0)
    .filter((r): r is typeof r & {mwh: number} => r.mwh != null && r.mwh_scenario != null);
  const largest = new Set(
    [...new Set(inputs.ledgerRows.map((x) => x.disclosure))].map((d) => {
      const rows = own.filter((r) => inputs.ledgerRows.find((x) => x.id === r.id)!.disclosure === d);
      return rows.reduce((a, b) => (b.mwh > a.mwh ? b : a), rows[0])?.id;
    })
  );
  return own.flatMap((r) => [
    {
      id: r.id,
      model: r.model,
      group: "later estimates" as const,
      basis: "own" as const,
      mwh: r.mwh,
      co2e_t: r.co2e_t,
      label: largest.has(r.id)
    },
    {
      id: r.id,
      model: r.model,
      group: "later estimates" as const,
      basis: "scenario" as const,
      mwh: r.mwh_scenario!,
      co2e_t: r.co2e_t_scenario!,
      label: false
    }
  ]);
}
