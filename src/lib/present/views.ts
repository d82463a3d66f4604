import type {Report} from "../paper/report.js";
import {COLUMN_LABELS, factorSetLabel} from "./labels.js";
import {kgTo, type MassUnit} from "../formulas/units.js";

/** One column of a flat table view: a key into each row, a header, and the decimals it is shown with. */
export interface ViewColumn {
  key: string;
  label: string;
  decimals: number;
  /** Text columns are not formatted as numbers. */
  text?: boolean;
}

/** A table flattened for display and export: recomputed, printed and status side by side. */
export interface TableView {
  id: "table1" | "table2" | "table3" | "table4";
  title: string;
  caption: string;
  columns: ViewColumn[];
  rows: Array<Record<string, string | number | null>>;
}

const MASS_LABEL: Record<MassUnit, string> = {lbs: "lbs", kg: "kg", t: "t"};

function mass(lbs: number | null, kg: number | null, unit: MassUnit): number | null {
  return kg == null ? (lbs == null ? null : unit === "lbs" ? lbs : null) : kgTo(kg, unit);
}

/** Decimals of a mass in a display unit: tonnes need three (a run of 0.018 t must not print as 0.0 t). */
export function massDecimals(unit: MassUnit): number {
  return unit === "t" ? 3 : 0;
}

/** A printed value of a row's cell, as a number (null where the paper printed nothing). */
function printedValue(report: Report, table: "table3" | "table4", row: string, column: string): number | null {
  return report.cells.find((c) => c.table === table && c.row === row && c.column === column)?.published ?? null;
}

/**
 * The four tables of a report as flat views, CO2e in the scenario's display unit. Column keys carry their
 * unit ("co2e_kg", "cost_usd_low", "co2e_lbs_printed"), so a CSV header says what its numbers are; every
 * value is a number or text, never a formatted range.
 */
export function tableViews(report: Report): TableView[] {
  const unit = report.scenario.units;
  const m = MASS_LABEL[unit];
  const co2e = `co2e_${unit}`;
  const paperUnits = unit === "lbs";
  const decimals = massDecimals(unit);
  const scenarioText = report.scenario.query ? `scenario ?${report.scenario.query}` : "the paper's assumptions";
  const source = "Strubell, Ganesh & McCallum (2019)";
  return [
    {
      id: "table1",
      title: "Table 1. CO2e of familiar consumption and of training NLP models",
      caption: `Recomputed under ${scenarioText}; printed values from ${source}, Table 1 (lbs).`,
      columns: [
        {key: "label", label: "Consumption", decimals: 0, text: true},
        {key: co2e, label: `CO2e (${m})`, decimals},
        {key: "co2e_lbs_printed", label: "Printed (lbs)", decimals: 0},
        {key: "status", label: "Status", decimals: 0, text: true}
      ],
      rows: report.table1.map((r) => ({
        label: r.label,
        [co2e]: mass(r.co2e_lbs, r.co2e_kg, unit),
        co2e_lbs_printed: r.kind === "training" ? r.published.co2e_lbs : r.co2e_lbs,
        status: r.kind === "training" ? (r.status.co2e_lbs ?? "") : "input"
      }))
    },
    {
      id: "table2",
      title: "Table 2. Percent of energy sourced from each source",
      caption: `${source}, Table 2; unassigned share and intensity (kg CO2e/kWh, ${factorSetLabel(report.scenario.factors)} factors) computed here.`,
      columns: [
        {key: "consumer", label: "Consumer", decimals: 0, text: true},
        {key: "renewable_pct", label: "Renew. (%)", decimals: 0},
        {key: "gas_pct", label: "Gas (%)", decimals: 0},
        {key: "coal_pct", label: "Coal (%)", decimals: 0},
        {key: "nuclear_pct", label: "Nuc. (%)", decimals: 0},
        {key: "unassigned_pct", label: "Unassigned (%)", decimals: 0},
        {key: "intensity_kg_per_kwh", label: "kg CO2e/kWh", decimals: 3}
      ],
      rows: report.table2.map((r) => ({
        consumer: r.consumer,
        renewable_pct: r.renewable,
        gas_pct: r.gas,
        coal_pct: r.coal,
        nuclear_pct: r.nuclear,
        unassigned_pct: r.unassigned,
        intensity_kg_per_kwh: r.intensity_kg_per_kwh
      }))
    },
    {
      id: "table3",
      title: "Table 3. Estimated cost of training a model",
      caption: `Recomputed under ${scenarioText}; printed values from ${source}, Table 3.`,
      columns: [
        {key: "model", label: "Model", decimals: 0, text: true},
        {key: "hardware", label: "Hardware", decimals: 0, text: true},
        {key: "power_w", label: "Power (W)", decimals: 2},
        {key: "hours", label: "Hours", decimals: 1},
        {key: "hours_printed", label: "Hours (printed)", decimals: 0},
        {key: "kwh", label: "Energy incl. PUE (kWh)", decimals: 0},
        {key: "kwh_printed", label: "Energy (kWh, printed)", decimals: 0},
        {key: co2e, label: `CO2e (${m})`, decimals},
        ...(paperUnits ? [] : [{key: "co2e_lbs", label: "CO2e (lbs)", decimals: 0}]),
        {key: "co2e_lbs_printed", label: "CO2e (lbs, printed)", decimals: 0},
        {key: "cost_usd_low", label: "Cloud cost low (USD)", decimals: 0},
        {key: "cost_usd_high", label: "Cloud cost high (USD)", decimals: 0},
        {key: "cost_usd_low_printed", label: "Cloud cost low (USD, printed)", decimals: 0},
        {key: "cost_usd_high_printed", label: "Cloud cost high (USD, printed)", decimals: 0},
        {key: "status", label: "Status", decimals: 0, text: true}
      ],
      rows: report.table3.map((r) => ({
        model: r.model,
        hardware: `${r.hardware}x${r.accelerators}`,
        power_w: r.power_w,
        hours: r.hours,
        hours_printed: r.published.hours,
        kwh: r.kwh,
        kwh_printed: r.published.kwh,
        [co2e]: mass(r.co2e_lbs, r.co2e_kg, unit),
        ...(paperUnits ? {} : {co2e_lbs: r.co2e_lbs}),
        co2e_lbs_printed: r.published.co2e_lbs,
        cost_usd_low: r.cost_usd_low,
        cost_usd_high: r.cost_usd_high,
        cost_usd_low_printed: printedValue(report, "table3", r.id, "cost_usd_low"),
        cost_usd_high_printed: printedValue(report, "table3", r.id, "cost_usd_high"),
        status: summariseStatus(r.status)
      }))
    },
    {
      id: "table4",
      title: "Table 4. Estimated cost of training the LISA models during R&D",
      caption: `Recomputed under ${scenarioText}; printed values from ${source}, Table 4.`,
      columns: [
        {key: "models", label: "Models", decimals: 0},
        {key: "hours", label: "Hours", decimals: 0},
        {key: "cost_usd_low", label: "Cloud low (USD)", decimals: 0},
        {key: "cost_usd_high", label: "Cloud high (USD)", decimals: 0},
        {key: "cost_usd_low_printed", label: "Cloud low (USD, printed)", decimals: 0},
        {key: "cost_usd_high_printed", label: "Cloud high (USD, printed)", decimals: 0},
        {key: "electricity_usd", label: "Electricity (USD)", decimals: 0},
        {key: "electricity_usd_printed", label: "Electricity (USD, printed)", decimals: 0},
        {key: co2e, label: `CO2e (${m})`, decimals},
        {key: "status", label: "Status", decimals: 0, text: true}
      ],
      rows: report.table4.map((r) => ({
        models: r.models,
        hours: r.hours,
        cost_usd_low: r.cost_usd_low,
        cost_usd_high: r.cost_usd_high,
        cost_usd_low_printed: printedValue(report, "table4", r.id, "cost_usd_low"),
        cost_usd_high_printed: printedValue(report, "table4", r.id, "cost_usd_high"),
        electricity_usd: r.electricity_usd,
        electricity_usd_printed: r.published.electricity_usd,
        [co2e]: mass(r.co2e_lbs, r.co2e_kg, unit),
        status: summariseStatus(r.status)
      }))
    }
  ];
}

/** The printed cloud-cost range of a row as the paper wrote it, e.g. "3751–12,571" or "103k–350k". */
export function printedRange(report: Report, table: "table3" | "table4", row: string): string {
  const text = (column: string) =>
    report.cells.find((c) => c.table === table && c.row === row && c.column === column)?.printed ?? "";
  return `${text("cost_usd_low")}–${text("cost_usd_high")}`;
}

/**
 * One word for a row: "differs" if any printed cell differs (naming the columns in words), else "scenario"
 * if a cell moved with the scenario, else "calibrated", else "reproduced".
 */
export function summariseStatus(status: Record<string, string>): string {
  const values = Object.values(status);
  if (values.length === 0) return "";
  if (values.includes("differs"))
    return `differs (${Object.keys(status)
      .filter((k) => status[k] === "differs")
      .map((k) => COLUMN_LABELS[k] ?? k)
      .join(", ")})`;
  if (values.includes("scenario")) return "scenario";
  if (values.includes("calibrated")) return "calibrated";
  return "reproduced";
}
