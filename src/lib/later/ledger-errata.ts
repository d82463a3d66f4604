import {cellKey, matchesPrinted} from "../paper/compare.js";
import type {Erratum, Step} from "../paper/errata.js";
import {formatNumber as n, formatSignificant as sig} from "../present/format.js";
import {computeLedger, isRecomputed, LEDGER_TABLE, type LedgerComputed, type RecomputedLedger} from "./ledger.js";
import type {Inputs, LedgerPrintedCell, LedgerRowInput} from "../inputs/types.js";

const key = (row: string, column: string) => cellKey(LEDGER_TABLE, row, column);
const g = (kgPerKwh: number) => `${n(kgPerKwh * 1000, 1)} g/kWh`;

/** The decimals a printed intensity was transcribed with (0.024 → 3): its printed precision. */
function decimalsOf(value: number): number {
  const [, fraction = ""] = String(value).split(".");
  return fraction.length;
}

/** Whether a recomputed value, cut (not rounded) to the printed step, gives the printed value. */
function truncatesTo(recomputed: number, published: number, step: number): boolean {
  const cut = Math.floor(recomputed / step + 1e-9) * step;
  return Math.abs(cut - published) < step * 1e-6 && !matchesPrinted(recomputed, published, step);
}

/** A PUE as the source prints it, or to 4 decimals where it is inferred. */
function pueText(c: RecomputedLedger, pue: number): string {
  return c.pue_inferred ? n(pue, 4) : String(pue);
}

/** The energy expression of a model row: "h GPU-hours × W W / 1000" or "E MWh × 1000", with its PUE. */
function energyExpression(c: RecomputedLedger, pue: number | null): string {
  const p = pue == null ? "" : ` × PUE ${pueText(c, pue)}`;
  return c.gpu_hours != null && c.power_w != null
    ? `${n(c.gpu_hours)} GPU-hours × ${n(c.power_w)} W${p} / 1000`
    : `${n(c.mwh_hardware, 3)} MWh × 1000${p}`;
}

/**
 * The erratum of a model row that prints its intensity (and PUE) but whose printed CO2e is not its energy × PUE ×
 * intensity: the energy the printed CO2e needs against the printed precision of the energy, the intensity it needs
 * against the printed precision of the intensity, and whether the printed CO2e is the recomputed one cut, not rounded.
 */
function printedIntensityErratum(
  r: LedgerRowInput,
  c: RecomputedLedger,
  t: LedgerPrintedCell,
  basis: LedgerPrintedCell
): Erratum {
  const energy = c.gpu_hours == null;
  const unit = energy ? "MWh" : "GPU-hours";
  const basisText = energy ? n(basis.value, decimalsOf(basis.value)) : basis.printed;
  const needed = (basis.value * t.value) / c.co2e_t;
  const low = basis.value - basis.step / 2;
  const high = basis.value + basis.step / 2;
  const withinEnergy = needed >= low && needed <= high;
  const k = r.kgPerKwh!;
  const kStep = 10 ** -decimalsOf(k);
  const kNeeded = (t.value * 1000) / c.kwh;
  const withinIntensity = kNeeded >= k - kStep / 2 && kNeeded <= k + kStep / 2;
  const cut = truncatesTo(c.co2e_t, t.value, t.step);
  const reasons = [
    withinEnergy ? `the rounding of the printed ${unit} (${n(low, 1)} to ${n(high, 1)})` : null,
    withinIntensity
      ? `the rounding of the printed intensity (${n(k - kStep / 2, 5)} to ${n(k + kStep / 2, 5)} kg/kWh)`
      : null,
    cut ? "cutting the recomputed CO2e to the printed precision instead of rounding it" : null
  ].filter((x): x is string => x != null);
  return {
    id: `ledger-co2e-${r.id}`,
    kind: "difference",
    title: `${r.model}: ${basisText} ${unit}${c.pue == null ? "" : ` × PUE ${pueText(c, c.pue)}`} at the printed ${k} kg/kWh give ${sig(c.co2e_t, 4)} t; printed ${t.printed} t${reasons.length ? ` (within ${reasons[0]})` : ""}`,
    summary: `At the intensity and PUE the source prints, the printed ${t.printed} t needs ${n(needed, energy ? 2 : 0)} ${unit} (the source prints ${basisText}, covering ${n(low, 1)} to ${n(high, 1)}) or an intensity of ${n(kNeeded, 5)} kg/kWh (printed ${k}). ${reasons.length ? `The difference is within ${reasons.join("; or ")}.` : "Neither the rounding of the printed energy nor that of the printed intensity explains it."}`,
    steps: [
      {
        expression: `${energyExpression(c, c.pue)} × ${k} kg/kWh / 1000`,
        result: `${n(c.co2e_t, 3)} t (printed ${t.printed})`
      },
      {
        expression: `${basis.printed} × ${t.printed} / ${n(c.co2e_t, 3)}`,
        result: `${n(needed, 2)} ${unit} would give it`
      },
      {expression: `${t.printed} t × 1000 / ${n(c.kwh)} kWh`, result: `${n(kNeeded, 5)} kg/kWh would give it`}
    ],
    cells: [key(r.id, "co2e_t")]
  };
}

/**
 * The ledger's errata, computed from data/ledger_rows.v2.csv and data/ledger_published.v2.csv (nothing typed in):
 * - one calibration per row whose printed CO2e gives its disclosure's intensity (the source prints none);
 * - for a model row whose printed CO2e is not reproduced, the GPU-hours it would need and whether the printed
 *   GPU-hours' precision allows them, with the intensity each printed row implies;
 * - a PUE calibration per row whose printed CO2e gives its PUE (the source prints its intensity but no PUE);
 * - for a model row whose printed energy is not its GPU-hours × power × PUE, the GPU-hours it would need;
 * - for a model row that prints its intensity, the energy and intensity its printed CO2e would need against their
 *   printed precision;
 * - for a total that is not its rows' sum, the sums and the gap (for energy: whether it is the sum before PUE);
 * - for two sources reporting one run (same_run_as) with different figures, both recomputations side by side;
 * - a note where the printed power is the accelerator's nameplate power although the source says it includes PUE.
 */
export function ledgerErrata(inputs: Inputs, computed: readonly LedgerComputed[] = computeLedger(inputs)): Erratum[] {
  const out: Erratum[] = [];
  const rowOf = (id: string) => inputs.ledgerRows.find((r) => r.id === id)!;
  // Rows whose source prints only a CO2e have nothing to recompute, so no erratum: they are left out.
  const comp = (id: string): RecomputedLedger => {
    const c = computed.find((r) => r.id === id)!;
    if (!isRecomputed(c)) throw new Error(`ledger row "${id}" prints only its CO2e: there is nothing to recompute`);
    return c;
  };
  const printed = (id: string, column: string): LedgerPrintedCell | undefined =>
    inputs.ledgerPublished.find((c) => c.row === id && c.column === column);
  const models = inputs.ledgerRows.filter(
    (r) => r.kind === "model" && isRecomputed(computed.find((c) => c.id === r.id)!)
  );

  // 1. Calibrations: a row whose printed CO2e gives the intensity of the rows that name it.
  for (const r of models.filter((x) => x.intensityFrom === x.id)) {
    const c = comp(r.id);
    const users = models.filter((x) => x.intensityFrom === r.id);
    const t = printed(r.id, "co2e_t")!;
    const market = printed(r.id, "co2e_t_market");
    const steps: Step[] = [
      {
        expression: energyExpression(c, c.pue),
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

  // 1b. PUE calibrations: a row that prints its intensity and CO2e but no PUE gives the PUE of the rows that name it.
  for (const r of models.filter((x) => x.pueFrom === x.id)) {
    const c = comp(r.id);
    const users = models.filter((x) => x.pueFrom === r.id);
    const t = printed(r.id, "co2e_t")!;
    out.push({
      id: `ledger-pue-${r.id}`,
      kind: "calibration",
      title: `${r.model}: the source prints no PUE; ${n(c.pue!, 4)} is inferred from this row's printed ${t.printed} t`,
      summary: `${r.source} prints this run's energy, its intensity (${g(r.kgPerKwh!)}) and its CO2e, but no PUE. Dividing the printed CO2e by the energy before PUE × the intensity gives a PUE of ${n(c.pue!, 4)}, which is then used for ${users.map((u) => u.model).join(", ")}. This row's CO2e therefore matches by construction (calibrated).`,
      steps: [
        {expression: energyExpression(c, null), result: `${n(c.kwh_hardware)} kWh before PUE`},
        {
          expression: `${t.printed} t × 1000 / (${n(c.kwh_hardware)} kWh × ${r.kgPerKwh} kg/kWh)`,
          result: `PUE ${n(c.pue!, 4)}`
        }
      ],
      cells: users.map((u) => key(u.id, "co2e_t"))
    });
  }

  // 2a. Model rows whose printed energy is not their GPU-hours × power × PUE.
  for (const r of models) {
    const c = comp(r.id);
    const e = printed(r.id, "mwh");
    if (!e || e.role !== "output" || c.gpu_hours == null || c.power_w == null) continue;
    if (matchesPrinted(c.mwh, e.value, e.step)) continue;
    const pue = c.pue ?? 1;
    const needed = (e.value * 1e6) / (c.power_w * pue);
    const cut = truncatesTo(c.mwh, e.value, e.step);
    const t = printed(r.id, "co2e_t");
    const fromPrinted = e.value * c.kg_per_kwh!;
    const co2eNote = !t
      ? ""
      : matchesPrinted(c.co2e_t, t.value, t.step) && matchesPrinted(fromPrinted, t.value, t.step)
        ? ` The printed CO2e (${t.printed} t) follows from the recomputed energy as from the printed one (${n(c.co2e_t, 2)} t and ${n(fromPrinted, 2)} t both round to it).`
        : ` The printed CO2e is ${t.printed} t; the recomputed energy gives ${n(c.co2e_t, 2)} t and the printed energy ${n(fromPrinted, 2)} t.`;
    out.push({
      id: `ledger-mwh-${r.id}`,
      kind: "difference",
      title: `${r.model}: ${n(c.gpu_hours)} GPU-hours × ${n(c.power_w)} W${c.pue == null ? "" : ` × PUE ${c.pue}`} give ${n(c.mwh, 2)} MWh; printed ${e.printed}${cut ? " (cut, not rounded)" : ""}`,
      summary: `The printed energy is not the printed GPU-hours × power${c.pue == null ? "" : " × PUE"} at the printed precision: ${cut ? `it is the recomputed ${n(c.mwh, 2)} MWh cut to the printed precision instead of rounded` : `the printed ${e.printed} needs ${n(needed)} GPU-hours, against ${n(c.gpu_hours)} printed`}.${co2eNote}`,
      steps: [
        {
          expression: `${n(c.gpu_hours)} GPU-hours × ${n(c.power_w)} W${c.pue == null ? "" : ` × PUE ${c.pue}`} / 10⁶`,
          result: `${n(c.mwh, 2)} MWh (printed ${e.printed})`
        },
        {
          expression: `${n(e.value)} MWh × 10⁶ / (${n(c.power_w)} W${c.pue == null ? "" : ` × ${c.pue}`})`,
          result: `${n(needed)} GPU-hours would give the printed energy`
        },
        ...(t
          ? [
              {
                expression: `${n(e.value)} MWh × ${r.kgPerKwh ?? n(c.kg_per_kwh!, 4)} kg/kWh`,
                result: `${n(fromPrinted, 2)} t (printed CO2e ${t.printed})`
              }
            ]
          : [])
      ],
      cells: [key(r.id, "mwh")]
    });
  }

  // 2b. Model rows whose printed CO2e is not their energy × the intensity.
  for (const r of models) {
    const c = comp(r.id);
    const t = printed(r.id, "co2e_t");
    if (!t || matchesPrinted(c.co2e_t, t.value, t.step)) continue;
    if (r.kgPerKwh != null) {
      out.push(printedIntensityErratum(r, c, t, printed(r.id, c.gpu_hours == null ? "mwh" : "gpu_hours")!));
      continue;
    }
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

  // 3a. Totals whose printed energy is not the sum of their rows' energy (with PUE).
  for (const r of inputs.ledgerRows.filter((x) => x.kind === "total")) {
    const c = comp(r.id);
    const p = printed(r.id, "mwh");
    if (!p || matchesPrinted(c.mwh, p.value, p.step)) continue;
    const members = models.filter((m) => m.disclosure === r.disclosure).map((m) => ({row: m, c: comp(m.id)}));
    const beforePue = matchesPrinted(c.mwh_hardware, p.value, p.step);
    out.push({
      id: `ledger-total-mwh-${r.id}`,
      kind: "difference",
      title: `${r.model}: the printed ${p.printed} MWh ${beforePue ? "is the rows' energy before PUE" : "is not the sum of the rows' energy"}`,
      summary: beforePue
        ? `The source adds its rows' energy before PUE (${members.map((m) => n(m.c.mwh_hardware, 1)).join(" + ")} = ${n(c.mwh_hardware, 1)} MWh) and prints that as the energy consumed, though its rows' CO2e are computed with PUE; with each row's PUE the energy is ${n(c.mwh, 1)} MWh.`
        : `The rows' energy with PUE sums to ${n(c.mwh, 1)} MWh (before PUE ${n(c.mwh_hardware, 1)} MWh); the source prints ${p.printed}.`,
      steps: [
        {
          expression: `${members.map((m) => n(m.c.mwh_hardware, 1)).join(" + ")} (the rows' energy before PUE)`,
          result: `${n(c.mwh_hardware, 1)} MWh (printed total ${p.printed})`
        },
        {
          expression: members
            .map((m) => `${n(m.c.mwh_hardware, 1)} × ${m.c.pue == null ? 1 : n(m.c.pue, 4)}`)
            .join(" + "),
          result: `${n(c.mwh, 1)} MWh with PUE`
        }
      ],
      cells: [key(r.id, "mwh")]
    });
  }

  // 3b. Totals that are not the sum of their rows.
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

  // 5. Two sources reporting one run (a model card and its paper) with different figures.
  for (const r of models.filter((x) => x.sameRunAs != null)) {
    const o = inputs.ledgerRows.find((x) => x.id === r.sameRunAs)!;
    const [a, b] = [comp(r.id), comp(o.id)];
    const [ta, tb] = [printed(r.id, "co2e_t"), printed(o.id, "co2e_t")];
    if (!ta || !tb) continue;
    // What the two sources print: their CO2e and intensity (a PUE one source leaves unprinted is no disagreement).
    const sameFigures = ta.value === tb.value && r.kgPerKwh === o.kgPerKwh;
    if (sameFigures) continue;
    const describe = (x: LedgerRowInput, c: RecomputedLedger) =>
      `${c.pue == null ? "no PUE" : `PUE ${pueText(c, c.pue)}${c.pue_inferred ? " (inferred)" : ""}`}, ${x.kgPerKwh ?? n(c.kg_per_kwh!, 4)} kg/kWh${x.kgPerKwh == null ? " (inferred)" : ""}`;
    // Only what both print can disagree: an inferred PUE or intensity is this ledger's, not the source's.
    const differing = [
      a.kwh_hardware !== b.kwh_hardware ? "energy" : null,
      r.pue != null && o.pue != null && r.pue !== o.pue ? "PUE" : null,
      r.kgPerKwh != null && o.kgPerKwh != null && r.kgPerKwh !== o.kgPerKwh ? "intensity" : null
    ].filter((x): x is string => x != null);
    out.push({
      id: `ledger-same-run-${r.id}`,
      kind: "difference",
      title: `${r.model} and ${o.model}: one run, ${ta.printed} t against ${tb.printed} t`,
      summary: `${r.source} and ${o.source} report the same training run. The first prints ${ta.printed} t (${describe(r, a)}), the second ${tb.printed} t (${describe(o, b)}); they differ in ${differing.length ? differing.join(", ") : "their printed CO2e only"}. Each row's CO2e is recomputed from its own source's figures, so both can match their own source while disagreeing with each other${b.co2e_t > 0 ? `: ${n(a.co2e_t / b.co2e_t, 4)} × the second's recomputed CO2e` : ""}.`,
      steps: [
        {
          expression: `${energyExpression(a, a.pue)} × ${n(a.kg_per_kwh!, 4)} kg/kWh / 1000 (${r.model})`,
          result: `${n(a.co2e_t, 2)} t (printed ${ta.printed})`
        },
        {
          expression: `${energyExpression(b, b.pue)} × ${n(b.kg_per_kwh!, 4)} kg/kWh / 1000 (${o.model})`,
          result: `${n(b.co2e_t, 2)} t (printed ${tb.printed})`
        },
        ...(b.kg_per_kwh! > 0 && a.kg_per_kwh !== b.kg_per_kwh
          ? [
              {
                expression: `${n(a.kg_per_kwh!, 4)} / ${n(b.kg_per_kwh!, 4)}`,
                result: `${n(a.kg_per_kwh! / b.kg_per_kwh!, 4)} (ratio of the intensities)`
              }
            ]
          : [])
      ],
      cells: [key(r.id, "co2e_t"), key(o.id, "co2e_t")]
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
