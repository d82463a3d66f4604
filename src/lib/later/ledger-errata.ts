import {cellKey, matchesPrinted} from "../paper/compare.js";
import type {Erratum, Step} from "../paper/errata.js";
import {formatNumber as n, formatSignificant as sig} from "../present/format.js";
import {computeLedger, LEDGER_TABLE, type LedgerComputed} from "./ledger.js";
import type {Inputs, LedgerPrintedCell, LedgerRowInput} from "../inputs/types.js";

const key = (row: string, column: string) => cellKey(LEDGER_TABLE, row, column);
const g = (kgPerKwh: number) => `${n(kgPerKwh * 1000, 1)} g/kWh`;

/**
 * The ledger's errata, computed from data/ledger_rows.csv and data/ledger_published.csv (nothing typed in):
 * - one calibration per row whose printed CO2e gives its disclosure's intensity (the source prints none);
 * - for a model row whose printed CO2e is not reproduced, the GPU-hours it would need and whether the printed
 *   GPU-hours' precision allows them, with the intensity each printed row implies;
 * - for a total that is not its rows' sum, the sums and the gap;
 * - a note where the printed power is the accelerator's nameplate power although the source says it includes PUE.
 */
export function ledgerErrata(inputs: Inputs, computed: readonly LedgerComputed[] = computeLedger(inputs)): Erratum[] {
  const out: Erratum[] = [];
  const rowOf = (id: string) => inputs.ledgerRows.find((r) => r.id === id)!;
  const comp = (id: string) => computed.find((r) => r.id === id)!;
  const printed = (id: string, column: string): LedgerPrintedCell | undefined =>
    inputs.ledgerPublished.find((c) => c.row === id && c.column === column);
  const models = inputs.ledgerRows.filter((r) => r.kind === "model");

  // 1. Calibrations: a row whose printed CO2e gives the intensity of the rows that name it.
  for (const r of models.filter((x) => x.intensityFrom === x.id)) {
    const c = comp(r.id);
    const users = models.filter((x) => x.intensityFrom === r.id);
    const t = printed(r.id, "co2e_t")!;
    const market = printed(r.id, "co2e_t_market");
    const steps: Step[] = [
      {
        expression: `${n(c.gpu_hours)} GPU-hours × ${n(c.power_w)} W${r.pue == null ? "" : ` × PUE ${r.pue}`} / 1000`,
        result: `${n(c.kwh)} kWh`
      },
      {
        expression: `${t.printed} t × 1000 / ${n(c.kwh)} kWh`,
        result: `${n(c.kg_per_kwh!, 4)} kg CO2e/kWh (location-based)`
      }
    ];
    if (market && c.market_kg_per_kwh != null)
      steps.push({
        expression: `${market.printed} t × 1000 / ${n(c.kwh)} kWh`,
        result: `${n(c.market_kg_per_kwh, 4)} kg CO2e/kWh (market-based)`
      });
    out.push({
      id: `ledger-intensity-${r.id}`,
      kind: "calibration",
      title: `${r.model}: the source prints no carbon intensity; ${g(c.kg_per_kwh!)} is inferred from this row's printed ${t.printed} t`,
      summary: `${r.source} prints GPU-hours, power and CO2e but no intensity. Dividing this row's printed CO2e by its energy gives ${n(c.kg_per_kwh!, 4)} kg CO2e/kWh${market ? ` (market-based: ${n(c.market_kg_per_kwh ?? 0, 4)})` : ""}, which is then used for ${users.map((u) => u.model).join(", ")}. This row's CO2e therefore matches by construction (calibrated); the other rows' CO2e are checks of the source's arithmetic.`,
      steps,
      cells: [key(r.id, "co2e_t"), ...(market ? [key(r.id, "co2e_t_market")] : [])]
    });
  }

  // 2. Model rows whose printed CO2e is not their energy × the intensity.
  for (const r of models) {
    const c = comp(r.id);
    const t = printed(r.id, "co2e_t");
    if (!t || matchesPrinted(c.co2e_t, t.value, t.step)) continue;
    const h = printed(r.id, "gpu_hours")!;
    const needed = (h.value * t.value) / c.co2e_t;
    const low = h.value - h.step / 2;
    const high = h.value + h.step / 2;
    const within = needed >= low && needed <= high;
    const peers = models.filter(
      (x) => (x.disclosure === r.disclosure || x.id === r.intensityFrom) && printed(x.id, "co2e_t")
    );
    // Other rows with the same GPU-hours and power (another card, or this card's earlier version).
    const twins = models.filter(
      (x) =>
        x.id !== r.id &&
        printed(x.id, "co2e_t") &&
        comp(x.id).gpu_hours === c.gpu_hours &&
        comp(x.id).power_w === c.power_w &&
        x.hardware === r.hardware
    );
    const implied = peers.map((x) => {
      const p = printed(x.id, "co2e_t")!;
      const kwh = comp(x.id).kwh;
      return {x, lo: ((p.value - p.step / 2) * 1000) / kwh, hi: ((p.value + p.step / 2) * 1000) / kwh};
    });
    const from = rowOf(r.intensityFrom ?? r.id);
    out.push({
      id: `ledger-co2e-${r.id}`,
      kind: "difference",
      title: `${r.model}: ${h.printed} GPU-hours × ${n(c.power_w)} W at ${g(c.kg_per_kwh!)} give ${sig(c.co2e_t, 4)} t; printed ${t.printed} t${within ? " (within the rounding of the GPU-hours)" : ""}`,
      summary: within
        ? `At the intensity inferred from ${from.model} (${g(c.kg_per_kwh!)}), the printed ${t.printed} t needs ${n(needed)} GPU-hours; the card prints ${h.printed}, a rounded figure covering ${n(low)} to ${n(high)}. The difference is the rounding of the printed GPU-hours, not an error in the CO2e.`
        : `At the intensity inferred from ${from.model} (${g(c.kg_per_kwh!)}), the printed ${t.printed} t needs ${n(needed)} GPU-hours; the card prints ${h.printed} (precision ${n(h.step)}), so the rounding of the GPU-hours does not explain it. Each row's printed CO2e implies its own intensity range (below); ${implied.length > 1 && Math.max(...implied.map((i) => i.lo)) > Math.min(...implied.map((i) => i.hi)) ? "the ranges do not overlap, so no single intensity reproduces every row" : "the ranges overlap"}.${twins.length ? ` For the same ${h.printed} GPU-hours at ${n(c.power_w)} W, ${twins.map((x) => `${x.model} prints ${printed(x.id, "co2e_t")!.printed} t`).join("; ")}.` : ""}`,
      steps: [
        {
          expression: `${h.printed} GPU-hours × ${n(c.power_w)} W / 1000 × ${n(c.kg_per_kwh!, 4)} kg/kWh / 1000`,
          result: `${n(c.co2e_t, 3)} t (printed ${t.printed})`
        },
        {
          expression: `${h.printed} × ${t.printed} / ${n(c.co2e_t, 3)}`,
          result: `${n(needed)} GPU-hours would give the printed CO2e`
        },
        ...implied.map((i) => ({
          expression: `${i.x.model}: printed ${printed(i.x.id, "co2e_t")!.printed} t ± ${printed(i.x.id, "co2e_t")!.step / 2} / ${n(comp(i.x.id).kwh)} kWh`,
          result: `${n(i.lo * 1000, 3)} to ${n(i.hi * 1000, 3)} g/kWh`
        }))
      ],
      cells: [key(r.id, "co2e_t")]
    });
  }

  // 3. Totals that are not the sum of their rows.
  for (const r of inputs.ledgerRows.filter((x) => x.kind === "total")) {
    const c = comp(r.id);
    const members = models.filter((m) => m.disclosure === r.disclosure);
    const bad = (["gpu_hours", "co2e_t", "co2e_t_market"] as const).filter((col) => {
      const p = printed(r.id, col);
      const v = c[col];
      return p && v != null && !matchesPrinted(v, p.value, p.step);
    });
    if (bad.length === 0) continue;
    const steps: Step[] = [];
    const gaps: Record<string, number> = {};
    for (const col of bad) {
      const p = printed(r.id, col)!;
      const rowsPrinted = members.map((m) => printed(m.id, col)).filter((x): x is LedgerPrintedCell => x != null);
      const sumPrinted = rowsPrinted.reduce((a, x) => a + x.value, 0);
      const unit = col === "gpu_hours" ? "GPU-hours" : "t";
      steps.push({
        expression: `${rowsPrinted.map((x) => x.printed).join(" + ")} (the rows as printed)`,
        result: `${n(sumPrinted, col === "gpu_hours" ? 0 : 3)} ${unit} (printed total ${p.printed})`
      });
      steps.push({
        expression: `the rows recomputed`,
        result: `${n(c[col]!, col === "gpu_hours" ? 0 : 2)} ${unit}`
      });
      gaps[col] = p.value - sumPrinted;
    }
    let implied = "";
    const k = members.map((m) => comp(m.id).kg_per_kwh).find((x) => x != null);
    // Another total printing the same figures (another card's), or a sibling total of this card printing others.
    const same = (a: string, b: string, col: string) =>
      printed(a, col) && printed(b, col) && printed(a, col)!.value === printed(b, col)!.value;
    const copies = inputs.ledgerRows.filter(
      (x) => x.kind === "total" && x.disclosure !== r.disclosure && bad.every((col) => same(x.id, r.id, col))
    );
    const siblings = inputs.ledgerRows.filter(
      (x) => x.kind === "total" && x.disclosure === r.disclosure && x.id !== r.id
    );
    for (const x of siblings)
      for (const col of bad)
        if (printed(x.id, col) && !same(x.id, r.id, col))
          steps.push({
            expression: `${x.model}, ${col === "gpu_hours" ? "GPU-hours" : "CO2e"}`,
            result: `printed ${printed(x.id, col)!.printed}`
          });
    if (copies.length) {
      implied = ` Its figures are those of ${copies.map((x) => x.model).join(", ")} (${bad.map((col) => printed(r.id, col)!.printed).join(", ")}), a different card's.`;
      for (const x of copies)
        steps.push({
          expression: `${x.model}`,
          result: `prints ${bad.map((col) => printed(x.id, col)!.printed).join(", ")}`
        });
    } else if (siblings.length) {
      implied = ` The same card prints ${siblings.map((x) => `${x.model}: ${bad.map((col) => printed(x.id, col)?.printed ?? "—").join(", ")}`).join("; ")}.`;
    }
    if (!copies.length && gaps.gpu_hours && gaps.co2e_t && gaps.gpu_hours > 0 && gaps.co2e_t > 0 && k != null) {
      const watts = (gaps.co2e_t * 1000 * 1000) / (gaps.gpu_hours * k);
      steps.push({
        expression: `${n(gaps.co2e_t, 2)} t × 10⁶ / (${n(gaps.gpu_hours)} GPU-hours × ${n(k, 4)} kg/kWh)`,
        result: `${n(watts, 1)} W per GPU`
      });
      implied = ` The gap, ${n(gaps.gpu_hours)} GPU-hours and ${n(gaps.co2e_t, 2)} t, is a run the card does not list: at the card's inferred intensity it drew ${n(watts, 1)} W per GPU.`;
    }
    const reproducedSum = bad.every((col) => {
      const p = printed(r.id, col)!;
      return Math.abs(gaps[col]) < p.step / 2 + 1e-9;
    });
    out.push({
      id: `ledger-total-${r.id}`,
      kind: "difference",
      title: `${r.model}: the printed total is not the sum of the card's rows as recomputed`,
      summary: reproducedSum
        ? `The total is the sum of the rows as printed; recomputed, the rows sum to another figure because their printed GPU-hours are rounded (see each row's erratum).`
        : `The card's rows (${members.map((m) => m.model).join(", ")}) do not add up to the total it prints.${implied}`,
      steps,
      cells: bad.map((col) => key(r.id, col))
    });
  }

  // 4. Printed power equal to the nameplate power, though the source says it is adjusted for PUE.
  {
    const nameplate = models.filter((r) => {
      const a = inputs.accelerators.find((x) => x.id === r.hardware);
      return r.pue == null && a?.watts != null && a.powerBasis === "nameplate" && comp(r.id).power_w === a.watts;
    });
    if (nameplate.length) {
      const hw = [...new Set(nameplate.map((r) => r.hardware!))].map((id) =>
        inputs.accelerators.find((a) => a.id === id)!
      );
      out.push({
        id: "ledger-power-nameplate",
        kind: "note",
        title: `Meta's cards print the GPUs' nameplate power (${hw.map((a) => `${a.name} ${n(a.watts)} W`).join(", ")}) as a power “adjusted for power usage efficiency”`,
        summary: `The cards define their power column as the peak power capacity per GPU device, adjusted for power usage efficiency, yet the printed watts equal the nameplate powers of data/accelerators.csv, so no PUE adjustment shows in them. The ledger uses the printed watts with no further PUE; the intensity inferred from each card's CO2e then absorbs whatever PUE the card applied, and so is not a grid's intensity.`,
        steps: hw.map((a) => ({expression: `${a.name} nameplate power (${a.source})`, result: `${n(a.watts)} W`})),
        cells: nameplate.map((r) => key(r.id, "power_w"))
      });
    }
  }
  return out;
}

/** The ledger rows a reader sees grouped by disclosure (the card or paper they come from). */
export function disclosureRows(inputs: Inputs, disclosure: string): LedgerRowInput[] {
  return inputs.ledgerRows.filter((r) => r.disclosure === disclosure);
}
