import type {CodeCarbonImport} from "./codecarbon.js";
import {electricityCostUsd} from "../formulas/cost.js";
import {co2eKg} from "../formulas/emissions.js";
import {facilityKwh} from "../formulas/energy.js";
import {formatNumber as n, formatUsd as usd} from "../present/format.js";
import {resolveScenario, type Scenario} from "../scenario/scenario.js";
import type {Inputs} from "../inputs/types.js";
import {kgTo, kgToLbs, kgToTonnes} from "../formulas/units.js";

/**
 * A CodeCarbon record under a scenario: the energy CodeCarbon measured at the hardware (energy_consumed / its
 * PUE, summed over runs) taken through equations 1 and 2 of Strubell et al. 2019 with the scenario's PUE and
 * intensity, beside CodeCarbon's own kWh and emissions.
 */
export interface CodeCarbonEstimate {
  source: "codecarbon";
  /** Sum of the runs' energy_consumed (with CodeCarbon's PUE), kWh. */
  codecarbon_kwh: number;
  /** Sum of the runs' emissions: CodeCarbon's own figure, kg CO2eq. */
  codecarbon_emissions_kg: number;
  /** Energy at the hardware (energy_consumed / pue), kWh. */
  hardware_kwh: number;
  /** hardware_kwh × the scenario's PUE (equation 1), kWh. */
  kwh: number;
  co2e_kg: number;
  co2e_lbs: number;
  co2e_t: number;
  electricity_usd: number;
  /** Sum of the runs' durations, hours. */
  hours: number;
  inputs: {
    pue: number;
    intensity_kg_per_kwh: number;
    intensity_source: string;
    usd_per_kwh: number;
    units: Scenario["units"];
  };
  codecarbon: CodeCarbonImport;
}

export function estimateFromCodeCarbon(
  inputs: Inputs,
  imported: CodeCarbonImport,
  scenario: Scenario
): CodeCarbonEstimate {
  const s = resolveScenario(inputs, scenario);
  const kwh = facilityKwh(imported.hardware_kwh, s.pue);
  const kg = co2eKg(kwh, s.kgPerKwh);
  return {
    source: "codecarbon",
    codecarbon_kwh: imported.energy_kwh,
    codecarbon_emissions_kg: imported.emissions_kg,
    hardware_kwh: imported.hardware_kwh,
    kwh,
    co2e_kg: kg,
    co2e_lbs: kgToLbs(kg),
    co2e_t: kgToTonnes(kg),
    electricity_usd: electricityCostUsd(kwh, s.usdPerKwh),
    hours: imported.duration_s / 3600,
    inputs: {
      pue: s.pue,
      intensity_kg_per_kwh: s.kgPerKwh,
      intensity_source: s.intensitySource,
      usd_per_kwh: s.usdPerKwh,
      units: s.units
    },
    codecarbon: imported
  };
}

/** The estimate as the JSON text `npm run report -- estimate --codecarbon FILE --format json` prints and the page shows. */
export function codecarbonJson(e: CodeCarbonEstimate): string {
  return JSON.stringify(e, null, 2) + "\n";
}

function q(x: number): string {
  return Math.abs(x) >= 1000 ? n(x, 0) : x.toLocaleString("en-US", {maximumSignificantDigits: 4});
}

/** A plain-text summary: the runs, CodeCarbon's figures and the scenario's. */
export function codecarbonText(e: CodeCarbonEstimate): string {
  const c = e.codecarbon;
  const i = e.inputs;
  const runs = c.runs.length;
  const lines = [
    `CodeCarbon ${c.files.map((f) => `${f.file} (${f.columns} columns, ${f.versions})`).join(", ")}: ${runs} run${runs === 1 ? "" : "s"} from ${c.rows} row${c.rows === 1 ? "" : "s"} (each run's last row: rows are cumulative).`,
    `CodeCarbon measured ${q(e.codecarbon_kwh)} kWh (${q(e.hardware_kwh)} kWh at the hardware) over ${q(e.hours)} h and reported ${q(e.codecarbon_emissions_kg)} kg CO2eq.`,
    `At PUE ${i.pue} that is ${q(e.kwh)} kWh; at ${n(i.intensity_kg_per_kwh, 4)} kg CO2e/kWh (${i.intensity_source}) ${q(e.co2e_kg)} kg CO2e (${q(e.co2e_lbs)} lbs, ${q(e.co2e_t)} t); electricity at $${i.usd_per_kwh}/kWh costs ${usd(e.electricity_usd, 2)}.`,
    "Method: Strubell, Ganesh & McCallum (2019), equations 1 and 2: kWh = PUE × energy at the hardware; CO2e = kWh × intensity.",
    ...c.runs.map(
      (r) =>
        `  run ${r.run_id} (${r.file}, lines ${r.first_line}–${r.last_line}, ${r.rows} row${r.rows === 1 ? "" : "s"}): ${q(r.energy_kwh)} kWh at PUE ${r.pue}, ${q(r.emissions_kg)} kg CO2eq, ${q(r.duration_s)} s`
    ),
    ...c.warnings.map((w) => `  ${w}`)
  ];
  return lines.join("\n") + "\n";
}

/** The runs and their total as a Markdown table. */
export function codecarbonMarkdown(e: CodeCarbonEstimate): string {
  const unit = e.inputs.units;
  const head = ["Run", "Rows", "Hours", "kWh (CodeCarbon)", "CO2eq kg (CodeCarbon)", "kWh·PUE", `CO2e (${unit})`];
  const rows = e.codecarbon.runs.map((r) => {
    const kwh = facilityKwh(r.hardware_kwh, e.inputs.pue);
    return [
      r.run_id,
      String(r.rows),
      q(r.duration_s / 3600),
      q(r.energy_kwh),
      q(r.emissions_kg),
      q(kwh),
      q(kgTo(co2eKg(kwh, e.inputs.intensity_kg_per_kwh), unit))
    ];
  });
  rows.push([
    "Total",
    String(e.codecarbon.rows),
    q(e.hours),
    q(e.codecarbon_kwh),
    q(e.codecarbon_emissions_kg),
    q(e.kwh),
    q(kgTo(e.co2e_kg, unit))
  ]);
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map((_, k) => (k === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    ""
  ].join("\n");
}
