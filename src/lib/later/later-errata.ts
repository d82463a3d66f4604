import {cellKey, matchesPrinted} from "../paper/compare.js";
import type {Erratum} from "../paper/errata.js";
import {formatNumber as n} from "../present/format.js";
import {laterRow, type LaterRow} from "./later.js";
import {constantValue} from "../scenario/scenario.js";
import type {Inputs, LaterModel, LaterPublishedCell} from "../inputs/types.js";
import {KG_PER_LB, kgToTonnes, lbsToKg, kwhToMwh} from "../formulas/units.js";
import {co2eKg} from "../formulas/emissions.js";
import {facilityKwh} from "../formulas/energy.js";

function model(inputs: Inputs, id: string): LaterModel {
  const m = inputs.laterModels.find((x) => x.id === id);
  if (!m) throw new Error(`later errata need the later model "${id}" (data/later_models.v2.csv)`);
  return m;
}

function printed(inputs: Inputs, table: string, row: string, column: string): LaterPublishedCell {
  const c = inputs.laterPublished.find((x) => x.table === table && x.row === row && x.column === column);
  if (!c)
    throw new Error(`later errata need the printed value ${cellKey(table, row, column)} (data/later_published.v2.csv)`);
  return c;
}

/** Tonnes of CO2e of an energy in MWh at an intensity in kg per kWh (equation 2, in the units the sources print). */
function tonnes(mwh: number, kgPerKwh: number): number {
  return kgToTonnes(co2eKg(mwh * 1000, kgPerKwh));
}

const pct = (ratio: number, decimals = 2) => `${n(Math.abs(ratio - 1) * 100, decimals)} %`;

/** Patterson et al. 2021 Table 4 rows whose printed energy or CO2e is not reproduced from the row's own inputs. */
export const PATTERSON_GAPS: Record<string, readonly string[]> = {
  t5: ["mwh", "co2e_t_gross", "co2e_t_net"],
  gshard_600b: ["mwh", "co2e_t_net"],
  switch_transformer: ["co2e_t_gross", "co2e_t_net"],
  gpt3: ["mwh", "co2e_t_gross", "co2e_t_net"]
};

const T4 = "patterson-t4";
const LC = "luccioni-comparison";

/**
 * Known inconsistencies in the later published estimates (Patterson et al. 2021, Luccioni et al. 2022 on BLOOM,
 * Zhang et al. 2022 on OPT), each with the arithmetic that shows it, computed from data/ (nothing typed in).
 * Same shape as the paper's errata (src/lib/paper/errata.ts), so the errata page renders both alike.
 */
export function laterErrata(inputs: Inputs): Erratum[] {
  const out: Erratum[] = [];
  const own = (id: string): LaterRow => laterRow(model(inputs, id));

  // 1. Patterson Table 4: energy is not exactly chips × days × 24 × W × PUE; the CO2e follow the printed energy.
  {
    const t4Rows = [...new Set(inputs.laterPublished.filter((c) => c.table === T4).map((c) => c.row))];
    const gaps = t4Rows.map((id) => {
      const r = own(id);
      const p = printed(inputs, T4, id, "mwh");
      return {r, p, ratio: r.mwh / p.value, neededDays: r.days == null ? null : (r.days * p.value) / r.mwh};
    });
    const worst = gaps.reduce((a, b) => (Math.abs(b.ratio - 1) > Math.abs(a.ratio - 1) ? b : a));
    const steps = [];
    const notFromPrinted: string[] = [];
    for (const id of Object.keys(PATTERSON_GAPS)) {
      const g = gaps.find((x) => x.r.id === id);
      if (!g) throw new Error(`later errata need Patterson Table 4's "${id}" row`);
      const m = model(inputs, id);
      steps.push({
        expression: `${g.r.model}: ${n(m.chips)} chips × ${m.days} d × 24 h × ${n(m.wattsPerChip)} W × ${m.pue} / 1,000,000`,
        result: `${n(g.r.mwh, 2)} MWh (printed ${g.p.printed}, ratio ${n(g.ratio, 4)})`
      });
      if (g.neededDays != null && !matchesPrinted(g.r.mwh, g.p.value, g.p.step)) {
        steps.push({
          expression: `${m.days} d × ${g.p.printed} / ${n(g.r.mwh, 2)} MWh`,
          result: `${n(g.neededDays, 2)} d would give the printed energy (printed ${m.days} d)`
        });
      }
      for (const column of ["co2e_t_gross", "co2e_t_net"] as const) {
        if (!PATTERSON_GAPS[id].includes(column)) continue;
        const k = column === "co2e_t_gross" ? m.grossKgPerKwh : m.netKgPerKwh!;
        const pc = printed(inputs, T4, id, column);
        const fromPrinted = tonnes(g.p.value, k);
        const ok = matchesPrinted(fromPrinted, pc.value, pc.step);
        if (!ok) {
          notFromPrinted.push(
            `${g.r.model}'s ${pc.printed} t, which needs at least ${n((pc.value - pc.step / 2) / k, 2)} MWh (printed ${g.p.printed}) and so was computed from an unrounded energy`
          );
        }
        steps.push({
          expression: `printed ${g.p.printed} MWh × ${k} kg/kWh (${column === "co2e_t_gross" ? "gross" : "net"})`,
          result: `${n(fromPrinted, 2)} t (printed ${pc.printed}; from the inputs ${n(column === "co2e_t_gross" ? g.r.co2e_t_gross : g.r.co2e_t_net, 2)} t)`
        });
      }
    }
    // Rows whose energy is reproduced can still print a CO2e that is not their printed energy × intensity (Meena).
    for (const g of gaps) {
      if (g.r.id in PATTERSON_GAPS) continue;
      const m = model(inputs, g.r.id);
      const columns =
        m.netKgPerKwh != null && m.netKgPerKwh !== m.grossKgPerKwh
          ? (["co2e_t_gross", "co2e_t_net"] as const)
          : (["co2e_t_gross"] as const);
      for (const column of columns) {
        const k = column === "co2e_t_gross" ? m.grossKgPerKwh : m.netKgPerKwh!;
        const pc = inputs.laterPublished.find((c) => c.table === T4 && c.row === g.r.id && c.column === column);
        if (!pc) continue;
        const fromPrinted = tonnes(g.p.value, k);
        if (matchesPrinted(fromPrinted, pc.value, pc.step)) continue;
        notFromPrinted.push(
          `${g.r.model}'s ${pc.printed} t, which needs at least ${n((pc.value - pc.step / 2) / k, 2)} MWh (printed ${g.p.printed}) and so was computed from an unrounded energy`
        );
        steps.push({
          expression: `printed ${g.p.printed} MWh × ${k} kg/kWh (${column === "co2e_t_gross" ? "gross" : "net"})`,
          result: `${n(fromPrinted, 2)} t (printed ${pc.printed}; from the inputs ${n(column === "co2e_t_gross" ? g.r.co2e_t_gross : g.r.co2e_t_net, 2)} t)`
        });
      }
    }
    out.push({
      id: "patterson-t4-rounding",
      kind: "difference",
      title: `Patterson et al. 2021, Table 4: energies recomputed from chips, days, watts and PUE are within ${pct(worst.ratio)} of the printed ones`,
      summary: `Table 4's energy should be chips × days × 24 h × W × PUE. Recomputed, it is ${gaps.map((g) => `${n(g.r.mwh, 1)} (${g.p.printed})`).join(", ")} MWh for ${gaps.map((g) => g.r.model).join(", ")}: at most ${pct(worst.ratio)} off (${worst.r.model}). The days and average watts in the table are rounded, so the printed energies need slightly different days (below). The printed CO2e are the printed-precision energies times the intensity${notFromPrinted.length ? `, except ${notFromPrinted.join("; ")}` : ""}; the CO2e cells that differ follow the energy.`,
      steps,
      cells: Object.entries(PATTERSON_GAPS).flatMap(([id, columns]) => columns.map((c) => cellKey(T4, id, c)))
    });
  }

  // 2. Luccioni et al.'s comparison table: GPT-3's energy already includes PUE, the other rows' do not.
  {
    const gpt3 = model(inputs, "gpt3");
    const r = own("gpt3");
    const mwh = printed(inputs, LC, "gpt3", "mwh_hardware");
    const t = printed(inputs, LC, "gpt3", "co2e_t_hardware");
    const tPue = printed(inputs, LC, "gpt3", "co2e_t_gross");
    const k = gpt3.grossKgPerKwh;
    const others = ["gopher", "bloom"].map((id) => {
      const m = model(inputs, id);
      return {
        m,
        mwh: printed(inputs, LC, id, "mwh_hardware"),
        t: printed(inputs, LC, id, "co2e_t_hardware"),
        tPue: printed(inputs, LC, id, "co2e_t_gross")
      };
    });
    const doubled = tonnes(kwhToMwh(facilityKwh(mwh.value * 1000, gpt3.pue)), k);
    out.push({
      id: "luccioni-gpt3-pue",
      kind: "difference",
      title: `BLOOM's comparison table: GPT-3's ${mwh.printed} MWh already include PUE ${gpt3.pue}; the other rows' energies do not`,
      summary: `Luccioni et al. list energy, CO2e, and CO2e × PUE. For ${others.map((o) => o.m.model).join(" and ")} the energy is before PUE: energy × intensity gives the CO2e column, and × PUE the last one. GPT-3's ${mwh.printed} MWh is Patterson et al.'s energy, which already includes PUE ${gpt3.pue} (before PUE it is ${n(mwh.value / gpt3.pue, 1)} MWh; from Patterson's inputs ${n(r.mwh_hardware, 1)} MWh). The CO2e columns divide that PUE back out (${t.printed} t = ${mwh.printed} × ${k} / ${gpt3.pue}) and multiply it in again (${tPue.printed} t), so GPT-3's emissions are counted once, but its energy is ${pct(gpt3.pue, 0)} too high beside the other rows, and the row breaks the table's own arithmetic: ${mwh.printed} MWh × ${k} is ${n(tonnes(mwh.value, k), 1)} t, not ${t.printed}. Read with that arithmetic, GPT-3's PUE is counted twice: ${n(doubled, 1)} t. The remaining differences (from Patterson's inputs ${n(r.co2e_t_hardware, 1)} t and ${n(r.co2e_t_gross, 1)} t) are Patterson's own rounding gap.`,
      steps: [
        {
          expression: `${mwh.printed} MWh / ${gpt3.pue}`,
          result: `${n(mwh.value / gpt3.pue, 1)} MWh before PUE (printed as ${mwh.printed})`
        },
        {
          expression: `${mwh.printed} MWh × ${k} kg/kWh`,
          result: `${n(tonnes(mwh.value, k), 1)} t (printed × PUE: ${tPue.printed})`
        },
        {
          expression: `${mwh.printed} MWh × ${k} kg/kWh / ${gpt3.pue}`,
          result: `${n(tonnes(mwh.value, k) / gpt3.pue, 1)} t (printed CO2e: ${t.printed})`
        },
        ...others.flatMap((o) => [
          {
            expression: `${o.m.model}: ${o.mwh.printed} MWh × ${o.m.grossKgPerKwh} kg/kWh`,
            result: `${n(tonnes(o.mwh.value, o.m.grossKgPerKwh), 1)} t (printed ${o.t.printed}); × ${o.m.pue} = ${n(tonnes(o.mwh.value, o.m.grossKgPerKwh) * o.m.pue, 1)} t (printed ${o.tPue.printed})`
          }
        ]),
        {
          expression: `${mwh.printed} MWh × ${gpt3.pue} × ${k} kg/kWh`,
          result: `${n(doubled, 1)} t: PUE counted twice`
        }
      ],
      cells: ["mwh_hardware", "co2e_t_hardware", "co2e_t_gross"].map((c) => cellKey(LC, "gpt3", c))
    });
  }

  // 3. OPT-175B: 324 MWh × 231 g is 74.8 t, the table prints 70 t; OPT's own paper 75 t.
  {
    const opt = model(inputs, "opt_175b");
    const r = own("opt_175b");
    const mwh = printed(inputs, LC, "opt_175b", "mwh_hardware");
    const t = printed(inputs, LC, "opt_175b", "co2e_t_hardware");
    const tPue = printed(inputs, LC, "opt_175b", "co2e_t_gross");
    const zhang = printed(inputs, "zhang-text", "opt_175b", "co2e_t_hardware");
    const k = opt.grossKgPerKwh;
    out.push({
      id: "luccioni-opt",
      kind: "difference",
      title: `OPT-175B: ${mwh.printed} MWh × ${n(k * 1000)} g/kWh is ${n(r.co2e_t_hardware, 1)} t; BLOOM's table prints ${t.printed} t, OPT's paper ${zhang.printed} t`,
      summary: `In Luccioni et al.'s comparison table OPT-175B's ${mwh.printed} MWh at ${n(k * 1000)} g/kWh give ${n(r.co2e_t_hardware, 1)} t, which Zhang et al. round to ${zhang.printed} t; the table prints ${t.printed} t, and its × PUE column (${tPue.printed} t = ${t.printed} × ${opt.pue}) follows the ${t.printed}. The table's energy is what ${zhang.printed} t imply at that intensity (${n(zhang.value / k, 1)} MWh), so the agreement with Zhang et al. may be circular.`,
      steps: [
        {
          expression: `${mwh.printed} MWh × ${k} kg/kWh`,
          result: `${n(r.co2e_t_hardware, 2)} t (printed ${t.printed}; Zhang et al. ${zhang.printed})`
        },
        {expression: `${t.printed} t × ${opt.pue}`, result: `${n(t.value * opt.pue, 1)} t (printed ${tPue.printed})`},
        {expression: `${n(r.co2e_t_hardware, 2)} t × ${opt.pue}`, result: `${n(r.co2e_t_gross, 1)} t`},
        {expression: `${zhang.printed} t / ${k} kg/kWh`, result: `${n(zhang.value / k, 1)} MWh`},
        {expression: `${t.printed} t / ${k} kg/kWh`, result: `${n(t.value / k, 1)} MWh`}
      ],
      cells: [
        cellKey(LC, "opt_175b", "co2e_t_hardware"),
        cellKey(LC, "opt_175b", "co2e_t_gross"),
        cellKey("zhang-text", "opt_175b", "co2e_t_hardware")
      ]
    });
  }

  // 4. BLOOM's dynamic energy is its GPU-hours at the A100's nameplate power.
  {
    const bloom = model(inputs, "bloom");
    const r = own("bloom");
    const acc = inputs.accelerators.find((a) => a.id === bloom.processor);
    const t = printed(inputs, "luccioni-text", "bloom", "co2e_t_hardware");
    const tPue = printed(inputs, LC, "bloom", "co2e_t_gross");
    out.push({
      id: "bloom-nameplate",
      kind: "note",
      title: `BLOOM: ${n(bloom.energyKwh)} kWh of "dynamic" energy are ${n(bloom.acceleratorHours)} GPU-hours at ${n(r.watts_per_chip, 1)} W${acc?.watts != null && matchesPrinted(r.watts_per_chip!, acc.watts, 0.01) ? `, the ${acc.name} ${acc.formFactor} nameplate power` : ""}`,
      summary: `Luccioni et al.'s energy divided by the GPU-hours is ${n(r.watts_per_chip, 4)} W per GPU${acc?.watts != null ? `; data/accelerators.csv gives the ${acc.name} ${acc.formFactor} ${acc.powerBasis} power as ${n(acc.watts)} W (${acc.source})` : ""}. The energy therefore assumes every GPU drew its maximum power for every hour. Their ${t.printed} t are that energy at ${n(bloom.grossKgPerKwh * 1000)} g/kWh, before PUE; with PUE ${bloom.pue} it is ${n(r.co2e_t_gross, 2)} t (the comparison table's ${tPue.printed}). Idle power, infrastructure and embodied emissions are outside this row.`,
      steps: [
        {
          expression: `${n(bloom.energyKwh)} kWh × 1000 / ${n(bloom.acceleratorHours)} h`,
          result: `${n(r.watts_per_chip, 4)} W per GPU`
        },
        {
          expression: `${n(bloom.energyKwh)} kWh × ${bloom.grossKgPerKwh} kg/kWh`,
          result: `${n(r.co2e_t_hardware, 3)} t (printed ${t.printed})`
        },
        {
          expression: `${n(r.co2e_t_hardware, 3)} t × ${bloom.pue}`,
          result: `${n(r.co2e_t_gross, 3)} t (printed ${tPue.printed})`
        }
      ],
      cells: [cellKey("luccioni-text", "bloom", "co2e_t_hardware"), cellKey(LC, "bloom", "co2e_t_gross")]
    });
  }

  // 5. Energies taken from the comparison table are inputs: their cells match by construction.
  {
    const ids = inputs.laterPublished.filter(
      (c) => c.column === "mwh_hardware" && model(inputs, c.row).energyKwh != null
    );
    out.push({
      id: "later-energy-inputs",
      kind: "calibration",
      title: "Gopher, OPT-175B and BLOOM: the energy is an input, so its printed value is no check",
      summary: `Luccioni et al.'s comparison table gives no chips, hours or power for ${ids.map((c) => model(inputs, c.row).model).join(", ")}: their energies (data/later_models.v2.csv energy_kwh) are taken from it or from the BLOOM paper, and the printed energies match by construction. Their CO2e cells are checks of the table's arithmetic.`,
      steps: ids.map((c) => ({
        expression: `${model(inputs, c.row).model}: ${n(model(inputs, c.row).energyKwh)} kWh / 1000`,
        result: `${n(kwhToMwh(model(inputs, c.row).energyKwh!), 3)} MWh (printed ${c.printed})`
      })),
      cells: ids.map((c) => cellKey(c.table, c.row, c.column))
    });
  }

  // 6. Patterson et al.'s kg version of the paper's factor.
  {
    const lbsPerKwh = constantValue(inputs, "lbs_per_kwh");
    const p = printed(inputs, "patterson-appendix", "strubell_factor", "kg_per_kwh");
    out.push({
      id: "patterson-factor",
      kind: "difference",
      title: `Patterson et al. 2021 restate the paper's ${lbsPerKwh} lbs/kWh as ${p.printed} kg/kWh; it is ${n(lbsToKg(lbsPerKwh), 4)}`,
      summary: `${lbsPerKwh} lbs × ${KG_PER_LB} kg/lb = ${n(lbsToKg(lbsPerKwh), 4)} kg per kWh; ${p.printed} kg is ${n(p.value / KG_PER_LB, 4)} lbs, ${pct(p.value / lbsToKg(lbsPerKwh))} less. CO2e computed with ${p.printed} kg/kWh understate the paper's own factor by that much.`,
      steps: [
        {
          expression: `${lbsPerKwh} lbs/kWh × ${KG_PER_LB} kg/lb`,
          result: `${n(lbsToKg(lbsPerKwh), 4)} kg/kWh (printed ${p.printed})`
        },
        {expression: `${p.printed} kg/kWh / ${KG_PER_LB} kg/lb`, result: `${n(p.value / KG_PER_LB, 4)} lbs/kWh`}
      ],
      cells: [cellKey(p.table, p.row, p.column)]
    });
  }
  return out;
}
