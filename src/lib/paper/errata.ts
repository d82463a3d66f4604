import {cellKey, matchesPrinted, type ErratumRef} from "./compare.js";
import {hoursFromDuration, HOURS_PER_DAY} from "../formulas/duration.js";
import {formatNumber as n, formatUsd as usd} from "../present/format.js";
import {constantValue, paperScenario, resolveScenario} from "../scenario/scenario.js";
import {cloudPrice as price, computeTables, table3Row, table4Row} from "./tables.js";
import type {Inputs, PublishedCell, TrainingRun} from "../inputs/types.js";
import {cellLabel, columnLabel} from "../present/labels.js";
import {lbsToKg} from "../formulas/units.js";

/** One line of arithmetic behind an erratum: the expression as text and its computed value. */
export interface Step {
  expression: string;
  result: string;
}

export interface Erratum extends ErratumRef {
  title: string;
  summary: string;
  steps: Step[];
}

function run(inputs: Inputs, id: string): TrainingRun {
  const r = inputs.runs.find((x) => x.id === id);
  if (!r) throw new Error(`errata need training run "${id}"`);
  return r;
}

function printed(inputs: Inputs, table: PublishedCell["table"], row: string, column: string): PublishedCell {
  const c = inputs.published.find((x) => x.table === table && x.row === row && x.column === column);
  if (!c) throw new Error(`errata need the printed cell ${cellKey(table, row, column)}`);
  return c;
}

const cols = (table: string, row: string, columns: string[]) => columns.map((c) => cellKey(table, row, c));

/**
 * Every known discrepancy between the paper's printed tables and its own inputs and arithmetic, each
 * with the arithmetic that shows it, computed from the inputs (nothing here is typed in).
 */
export function errata(inputs: Inputs): Erratum[] {
  const s = resolveScenario(inputs, paperScenario(inputs));
  const paper = computeTables(inputs, paperScenario(inputs));
  const out: Erratum[] = [];

  // 1. BERT on V100: 79 h printed, 79.2 h needed.
  {
    const bert = run(inputs, "bert_base_v100");
    const hours = hoursFromDuration(bert.duration, bert.durationUnit);
    const p = printed(inputs, "table3", "bert_base_v100", "hours");
    const asPrinted = table3Row(inputs, {...bert, duration: p.value, durationUnit: "h"}, s);
    const asDerived = table3Row(inputs, bert, s);
    out.push({
      id: "bert-hours",
      kind: "note",
      title: `BERT (base) on ${bert.accelerators} ${bert.hardware}: Table 3 prints ${p.printed} h, its other cells need ${n(hours, 1)} h`,
      summary: `NVIDIA's ${n(bert.duration, 1)} days are ${n(hours, 1)} h; Table 3 prints ${p.printed} h. The row's energy, CO2e and costs are reproduced only with ${n(hours, 1)} h; with ${p.printed} h they would be ${n(asPrinted.kwh, 1)} kWh, ${n(asPrinted.co2e_lbs, 1)} lbs and ${usd(asPrinted.cost_usd_low)}–${usd(asPrinted.cost_usd_high)}. The hours cell itself matches, since ${n(hours, 1)} rounds to ${p.printed}.`,
      steps: [
        {expression: `${n(bert.duration, 1)} d × ${HOURS_PER_DAY} h/d`, result: `${n(hours, 1)} h`},
        {
          expression: `${s.pue} × ${n(hours, 1)} h × ${n(bert.powerW, 2)} W / 1000`,
          result: `${n(asDerived.kwh, 1)} kWh (printed ${printed(inputs, "table3", "bert_base_v100", "kwh").printed})`
        },
        {
          expression: `${s.pue} × ${p.printed} h × ${n(bert.powerW, 2)} W / 1000`,
          result: `${n(asPrinted.kwh, 1)} kWh`
        },
        {
          expression: `${bert.accelerators} × ${p.printed} h × (${usd(price(inputs, "V100", "preemptible"), 2)} … ${usd(price(inputs, "V100", "on_demand"), 2)})`,
          result: `${usd(asPrinted.cost_usd_low)}–${usd(asPrinted.cost_usd_high)} (printed ${printed(inputs, "table3", "bert_base_v100", "cost_usd_low").printed}–${printed(inputs, "table3", "bert_base_v100", "cost_usd_high").printed})`
        }
      ],
      cells: cols("table3", "bert_base_v100", ["hours", "kwh", "co2e_lbs", "cost_usd_low", "cost_usd_high"])
    });
  }

  // 2. NAS on TPUv2: 32,623 h printed, the paper's own derivation gives 32,633.3 h.
  {
    const nas = run(inputs, "nas_tpu");
    const hours = hoursFromDuration(nas.duration, nas.durationUnit, nas.refSteps, nas.refHours);
    const pHours = printed(inputs, "table3", "nas_tpu", "hours");
    const pLow = printed(inputs, "table3", "nas_tpu", "cost_usd_low");
    const pHigh = printed(inputs, "table3", "nas_tpu", "cost_usd_high");
    const high = price(inputs, "TPUv2", "on_demand");
    const low = price(inputs, "TPUv2", "preemptible");
    out.push({
      id: "nas-tpu-hours",
      kind: "difference",
      title: `NAS on ${nas.hardware}: Table 3 prints ${pHours.printed} h; §2.1's own derivation gives ${n(hours, 1)} h`,
      summary: `${n(nas.duration)} steps at ${n(nas.refHours)} h per ${n(nas.refSteps)} steps are ${n(hours, 1)} h, not the printed ${pHours.printed} h; the printed costs need about ${n(pHigh.value / high, 1)} h (Patterson et al. 2021 also uses the derived figure). The printed on-demand cost, ${pHigh.printed}, is ${n(Math.round(hours))} h × ${usd(high, 2)} = ${usd(Math.round(hours) * high, 2)} with the cents dropped; the unrounded hours give ${usd(hours * high, 2)}.`,
      steps: [
        {
          expression: `${n(nas.duration)} / ${n(nas.refSteps)} × ${n(nas.refHours)} h`,
          result: `${n(hours, 1)} h (printed ${pHours.printed})`
        },
        {expression: `${pHigh.printed} / ${usd(high, 2)}`, result: `${n(pHigh.value / high, 1)} h`},
        {
          expression: `${pHours.printed} h × (${usd(low, 2)} … ${usd(high, 2)})`,
          result: `${usd(pHours.value * low)}–${usd(pHours.value * high)}`
        },
        {
          expression: `${n(hours, 1)} h × ${usd(high, 2)}`,
          result: `${usd(hours * high, 2)} (printed ${pHigh.printed})`
        },
        {
          expression: `${pLow.printed} / ${n(hours, 1)} h`,
          result: `${usd(pLow.value / hours, 3)} per hour (see the TPUv2 price erratum)`
        }
      ],
      cells: cols("table3", "nas_tpu", ["hours", "cost_usd_high"])
    });
  }

  // 3. TPUv2 pre-emptible price: fn 7 says $1.46, the printed costs need $1.35.
  {
    const fn7 = price(inputs, "TPUv2", "preemptible");
    const bert = paper.table3.find((r) => r.id === "bert_base_tpu")!;
    const nas = paper.table3.find((r) => r.id === "nas_tpu")!;
    const pb = printed(inputs, "table3", "bert_base_tpu", "cost_usd_low");
    const pn = printed(inputs, "table3", "nas_tpu", "cost_usd_low");
    const impliedBert = pb.value / (bert.accelerators * bert.hours);
    const impliedNas = pn.value / (nas.accelerators * nas.hours);
    out.push({
      id: "tpuv2-price",
      kind: "difference",
      title: `TPUv2 pre-emptible price: fn 7 says ${usd(fn7, 2)} per hour, Table 3's TPUv2 costs need ${usd(impliedBert, 2)}`,
      summary: `With fn 7's ${usd(fn7, 2)} per TPUv2-hour the low costs are ${usd(bert.cost_usd_low)} (BERT) and ${usd(nas.cost_usd_low)} (NAS), not the printed ${pb.printed} and ${pn.printed}. Both printed values imply ${usd(impliedBert, 3)} and ${usd(impliedNas, 3)} per hour: the table used a different (then current) pre-emptible TPUv2 price than the footnote states. We keep the footnote's price as the input and report the cells as differing.`,
      steps: [
        {
          expression: `${bert.accelerators} × ${n(bert.hours)} h × ${usd(fn7, 2)}`,
          result: `${usd(bert.cost_usd_low, 2)} (printed ${pb.printed})`
        },
        {
          expression: `${pb.printed} / (${bert.accelerators} × ${n(bert.hours)} h)`,
          result: `${usd(impliedBert, 4)} per hour`
        },
        {
          expression: `${pn.printed} / (${nas.accelerators} × ${n(nas.hours, 1)} h)`,
          result: `${usd(impliedNas, 4)} per hour`
        }
      ],
      cells: [cellKey("table3", "bert_base_tpu", "cost_usd_low"), cellKey("table3", "nas_tpu", "cost_usd_low")]
    });
  }

  // 4. ELMo hardware.
  {
    const elmo = run(inputs, "elmo");
    out.push({
      id: "elmo-hardware",
      kind: "note",
      title: "ELMo: trained on GTX 1080, measured on GTX 1080 Ti, priced as P100",
      summary: `§2.1 says ELMo was trained on ${elmo.accelerators} NVIDIA GTX 1080 for ${n(elmo.duration)} days and §2 that its power was measured on ${elmo.measuredOn}, but Table 3 lists ${elmo.hardware}×${elmo.accelerators} and prices P100 hours. We follow Table 3 (the cells reproduce); the cost column therefore prices hardware the model never ran on.`,
      steps: [
        {
          expression: `${elmo.accelerators} × ${n(runHoursOf(elmo))} h × ${usd(price(inputs, "P100", "preemptible"), 2)}`,
          result: usd(elmo.accelerators * runHoursOf(elmo) * price(inputs, "P100", "preemptible"), 2)
        }
      ],
      cells: cols("table3", "elmo", ["hours", "kwh", "co2e_lbs", "cost_usd_low", "cost_usd_high"])
    });
  }

  // 5. LISA hours: 9998 GPU-days is 239,952 h, Table 4 prints 239,942 h.
  {
    const gpuDays = constantValue(inputs, "project_gpu_days");
    const hoursPrinted = constantValue(inputs, "project_hours");
    const alt = table4Row(inputs, "project", constantValue(inputs, "project_models"), gpuDays * HOURS_PER_DAY, s);
    const projectColumns = ["cost_usd_low", "cost_usd_high", "electricity_usd"] as const;
    const matches = projectColumns.map((column) => {
      const p = printed(inputs, "table4", "project", column);
      return {column, same: matchesPrinted(alt[column], p.value, p.step)};
    });
    const sameAtPrinted = matches.filter((m) => m.same).map((m) => m.column);
    const changedAtPrinted = matches.filter((m) => !m.same).map((m) => m.column);
    out.push({
      id: "lisa-hours",
      kind: "note",
      title: `LISA project hours: ${n(gpuDays)} GPU-days are ${n(gpuDays * HOURS_PER_DAY)} h; Table 4 prints ${n(hoursPrinted)} h`,
      summary: `§4.2 gives ${n(gpuDays)} GPU-days, which are ${n(gpuDays * HOURS_PER_DAY)} h; Table 4 prints ${n(hoursPrinted)} h, ${n(gpuDays * HOURS_PER_DAY - hoursPrinted)} h fewer. We use the printed hours, which the table's other cells rest on. With ${n(gpuDays * HOURS_PER_DAY)} h the row would read ${usd(alt.cost_usd_low)}–${usd(alt.cost_usd_high)} and ${usd(alt.electricity_usd)} of electricity; at the printed precision ${sameAtPrinted.length ? sameAtPrinted.map(columnLabel).join(", ") : "no cell"} would still match and ${changedAtPrinted.length ? changedAtPrinted.map(columnLabel).join(", ") : "no cell"} would not.`,
      steps: [
        {
          expression: `${n(gpuDays)} GPU-days × ${HOURS_PER_DAY} h`,
          result: `${n(gpuDays * HOURS_PER_DAY)} h (printed ${n(hoursPrinted)})`
        }
      ],
      cells: [
        ...cols("table4", "project", ["cost_usd_low", "cost_usd_high", "electricity_usd"]),
        cellKey("table1", "nlp_pipeline_tuning", "co2e_lbs")
      ]
    });
  }

  // 6. LISA average power: not printed, inferred from Table 1.
  {
    const watts = constantValue(inputs, "gpu_watts");
    const tuning = printed(inputs, "table1", "nlp_pipeline_tuning", "co2e_lbs");
    const hours = constantValue(inputs, "project_hours");
    const lbsPerKwh = constantValue(inputs, "lbs_per_kwh");
    const exact = (tuning.value / lbsPerKwh / s.pue / hours) * 1000;
    // Printed cells computed from the LISA power: Table 1's single pipeline and Table 4's electricity of
    // one model and of tuning. The project's electricity is not among them: its energy is the project's
    // hours times the power inferred from those very hours, i.e. Table 1's lbs / lbs per kWh, whatever the
    // hours or the power, so its cost (× the price) is fitted to Table 1 as well: calibrated, not a check.
    const dependent = [
      printed(inputs, "table1", "nlp_pipeline", "co2e_lbs"),
      ...["single", "tuning"].map((row) => printed(inputs, "table4", row, "electricity_usd"))
    ].map((c) => ({label: cellLabel(inputs, c.table, c.row, c.column), printed: c.printed}));
    const price = constantValue(inputs, "usd_per_kwh");
    const projectElectricity = printed(inputs, "table4", "project", "electricity_usd");
    out.push({
      id: "lisa-power",
      kind: "calibration",
      title: "LISA's average GPU power is not printed: inferred from Table 1",
      summary: `The paper prints no power draw for the LISA jobs. We infer ${n(watts, 2)} W per GPU from Table 1's ${tuning.printed} lbs over Table 4's ${n(hours)} h, so that cell is reproduced by construction and is not a check. Nor is Table 4's electricity cost of the whole project (${projectElectricity.printed}): the project's energy is its hours times a power inferred from those same hours, so it is Table 1's ${tuning.printed} lbs / ${lbsPerKwh} lbs/kWh whatever the hours or the power, and its cost that energy × $${n(price, 2)}/kWh. The ${dependent.length} other printed cells that use this power (${dependent.map((c) => `${c.label} = ${c.printed}`).join("; ")}) are independent checks of the inference.`,
      steps: [
        {
          expression: `${tuning.printed} lbs / ${lbsPerKwh} lbs/kWh / ${s.pue} / ${n(hours)} h × 1000`,
          result: `${n(exact, 3)} W (stored as ${n(watts, 2)} W)`
        },
        {
          expression: `${s.pue} × ${n(watts, 2)} W / 1000`,
          result: `${n((s.pue * watts) / 1000, 4)} kWh per GPU-hour with PUE`
        },
        {
          expression: `${tuning.printed} lbs / ${lbsPerKwh} lbs/kWh × $${n(price, 2)}/kWh`,
          result: `$${n((tuning.value / lbsPerKwh) * price, 2)}: the project's electricity, whatever its hours (printed ${projectElectricity.printed})`
        }
      ],
      cells: [cellKey("table1", "nlp_pipeline_tuning", "co2e_lbs"), cellKey("table4", "project", "electricity_usd")]
    });
  }

  // 7. Table 1 rounding: 39 lbs vs 78,468 lbs.
  {
    const t4 = paper.table4;
    const single = t4.find((r) => r.id === "single")!;
    const project = t4.find((r) => r.id === "project")!;
    const p39 = printed(inputs, "table1", "nlp_pipeline", "co2e_lbs");
    const p78 = printed(inputs, "table1", "nlp_pipeline_tuning", "co2e_lbs");
    out.push({
      id: "t1-rounding",
      kind: "note",
      title: `Table 1: ${p39.printed} lbs and ${p78.printed} lbs agree only within the rounding of ${p39.printed}`,
      summary: `${p78.printed} / ${p39.printed} = ${n(p78.value / p39.value, 1)}, while the hours ratio is ${n(project.hours, 0)} / ${n(single.hours)} = ${n(project.hours / single.hours, 1)}: the single model's CO2e is ${n(single.co2e_lbs, 2)} lbs, printed as ${p39.printed}. The press figure "78,000 lbs" is ${p78.printed} rounded.`,
      steps: [
        {
          expression: `${n(single.hours)} h × ${n(constantValue(inputs, "gpu_watts"), 2)} W × ${s.pue} / 1000 × ${constantValue(inputs, "lbs_per_kwh")}`,
          result: `${n(single.co2e_lbs, 2)} lbs`
        },
        {expression: `${p78.printed} / ${p39.printed}`, result: n(p78.value / p39.value, 1)}
      ],
      cells: [cellKey("table1", "nlp_pipeline", "co2e_lbs"), cellKey("table1", "nlp_pipeline_tuning", "co2e_lbs")]
    });
  }

  // 8. PUE 1.58 and the kg conversion of 0.954 lbs/kWh.
  {
    const lbsPerKwh = constantValue(inputs, "lbs_per_kwh");
    out.push({
      id: "pue-and-factor",
      kind: "note",
      title: `PUE ${s.pue} is called global by the paper and US by Patterson et al.; ${lbsPerKwh} lbs/kWh is ${n(lbsToKg(lbsPerKwh), 4)} kg/kWh`,
      summary: `The paper calls PUE ${s.pue} "the 2018 global average for data centers"; Patterson et al. 2021 describe it as the US datacentre average. The exact conversion of ${lbsPerKwh} lbs/kWh is ${n(lbsToKg(lbsPerKwh), 4)} kg/kWh (1 lb = 0.45359237 kg).`,
      steps: [{expression: `${lbsPerKwh} lbs/kWh × 0.45359237 kg/lb`, result: `${n(lbsToKg(lbsPerKwh), 4)} kg/kWh`}],
      cells: []
    });
  }
  return out;
}

function runHoursOf(r: TrainingRun): number {
  return hoursFromDuration(r.duration, r.durationUnit, r.refSteps, r.refHours);
}
