import {co2eKg} from "../formulas/emissions.js";
import {energyKwh, facilityKwh, totalPowerWatts} from "../formulas/energy.js";
import type {LaterReport} from "../later/later-report.js";
import type {LedgerComputed} from "../later/ledger.js";
import type {Report} from "../paper/report.js";
import type {Accelerator, LedgerPrintedCell, LedgerRowInput} from "../inputs/types.js";
import {lbsToKg} from "../formulas/units.js";

/**
 * What other carbon tools would report for a training run, each with its own published defaults (TDP tables,
 * PUE handling, intensity defaults: data/peer_defaults.csv, each row citing the tool's file at a commit). Every
 * tool's arithmetic is equations 1 and 2 of Strubell et al. 2019 with the tool's inputs, computed with the
 * engine's functions; only the tools' own roundings and choices differ.
 */

/** A default of a tool, as recorded in data/peer_defaults.csv. */
export interface PeerDefault {
  tool: string;
  key: string;
  value: number;
  unit: string;
  source: string;
  locator: string;
  note: string | null;
}

/** A training run, in the terms every tool needs: Strubell's Table 3 rows, later models and ledger rows alike. */
export interface PeerRow {
  id: string;
  model: string;
  /** Accelerator id (data/accelerators.csv); null where the source names none. */
  accelerator: string | null;
  /** Accelerators × hours, as the source gives them (a TDP tool's energy is TDP × these hours). */
  acceleratorHours: number | null;
  /** Whether the accelerator is a TPU (data/accelerators.csv's kind): a tracker cannot measure it. */
  tpu: boolean;
  /** Energy measured at the hardware (before PUE), kWh; null where no power was measured (what a tracker reads). */
  hardwareKwh: number | null;
  /** The country where the run ran, as a key of the tools' intensity tables ("US", "FR"); null where no
   * source names it (data/peer_locations.csv). */
  location: string | null;
  /** The intensity the row itself uses, kg CO2e/kWh (given to a tool that asks the user for one); null where the
   * source prints only its CO2e (then no tool has anything to start from). */
  kgPerKwh: number | null;
  printedKg: number | null;
  recomputedKg: number | null;
}

export interface PeerTool {
  id: string;
  name: string;
  /** "tdp": an estimate from a TDP table; "tracker": measures power while training. */
  kind: "tdp" | "tracker";
}

export const PEER_TOOLS: readonly PeerTool[] = [
  {id: "ml_co2_impact", name: "ML CO2 Impact", kind: "tdp"},
  {id: "green_algorithms", name: "Green Algorithms", kind: "tdp"},
  {id: "codecarbon", name: "CodeCarbon", kind: "tracker"},
  {id: "carbontracker", name: "Carbontracker", kind: "tracker"},
  {id: "experiment_impact_tracker", name: "experiment-impact-tracker", kind: "tracker"}
];

/** One tool's figure for one row: CO2e and kWh, or null with the reason. */
export interface PeerFigure {
  tool: string;
  kwh: number | null;
  co2e_kg: number | null;
  /** The defaults used, as "key=value unit". */
  used: string[];
  reason: string | null;
}

/** ML CO2 Impact's rounding: twoDigits (js/grayscale.js) is Math.round to hundredths. */
export function twoDigits(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * ML CO2 Impact (mlco2/impact js/grayscale.js lines 243-247): energy = twoDigits(watt × hours / 1000),
 * impact = twoDigits(g per kWh / 1000) (or the custom kg per kWh), co2 = twoDigits(energy × impact). No PUE.
 */
export function mlCo2Impact(tdpWatts: number, hours: number, kgPerKwh: number): {kwh: number; co2e_kg: number} {
  const kwh = twoDigits(energyKwh(tdpWatts, hours, 1));
  return {kwh, co2e_kg: twoDigits(co2eKg(kwh, twoDigits(kgPerKwh)))};
}

/**
 * Green Algorithms (blueprints/form/form_blueprint.py lines 1001-1036): power = PUE × (n_GPUs × TDP × usage +
 * memory GB × memoryPower); energy = runTime × power / 1000 (kWh); carbon = energy × CI (g/kWh).
 */
export function greenAlgorithms(
  tdpWatts: number,
  count: number,
  hours: number,
  usage: number,
  memoryWatts: number,
  pue: number,
  gPerKwh: number
): {kwh: number; co2e_kg: number} {
  const kwh = energyKwh(totalPowerWatts(0, memoryWatts, tdpWatts * usage, count), hours, pue);
  return {kwh, co2e_kg: co2eKg(kwh, gPerKwh / 1000)};
}

/**
 * A tracker (CodeCarbon, Carbontracker, experiment-impact-tracker): the measured energy × its PUE × its intensity
 * (g/kWh). experiment-impact-tracker: kWh = PUE × (GPU kWh + CPU kWh) and g = kWh × the zone's carbonIntensity
 * (utils.py lines 159-164 and 203-207); its rough estimator is the same with TDP × utilisation × hours at PUE 1.
 */
export function trackerEstimate(hardwareKwh: number, pue: number, gPerKwh: number): {kwh: number; co2e_kg: number} {
  const kwh = facilityKwh(hardwareKwh, pue);
  return {kwh, co2e_kg: co2eKg(kwh, gPerKwh / 1000)};
}

const NO_LOCATION = "no source names the country it ran in, so no country default applies";

/** A default's key in words: "tdp:P100" → "TDP of P100", "intensity:US" → "intensity for US". */
export function defaultLabel(key: string): string {
  const [what, of] = key.split(":");
  const words: Record<string, string> = {
    tdp: "TDP of",
    pue: "PUE",
    intensity: "intensity for",
    zone: "intensity of zone",
    usage_gpu: "GPU usage factor",
    memory_w_per_gb: "memory power per GB"
  };
  return of ? `${words[what] ?? what} ${of}` : (words[what] ?? what);
}

function lookup(defaults: readonly PeerDefault[], tool: string, key: string): PeerDefault | null {
  return defaults.find((d) => d.tool === tool && d.key === key) ?? null;
}

/** Every tool's figure for a row, or the reason it has none. */
export function peerFigures(row: PeerRow, defaults: readonly PeerDefault[]): PeerFigure[] {
  return PEER_TOOLS.map((tool) => {
    const get = (key: string) => lookup(defaults, tool.id, key);
    const none = (reason: string, used: string[] = []): PeerFigure => ({
      tool: tool.id,
      kwh: null,
      co2e_kg: null,
      used,
      reason
    });
    const show = (d: PeerDefault) => `${defaultLabel(d.key)} ${d.value}${d.unit === "ratio" ? "" : ` ${d.unit}`}`;
    if (row.kgPerKwh == null)
      return none(
        "the source prints only its CO2e (no hours, power or energy): there is nothing to recompute and nothing for a tool to start from"
      );
    const tdpTool = tool.kind === "tdp";
    if (tdpTool && (row.accelerator == null || row.acceleratorHours == null)) {
      return none("the source names no accelerator and hours to take a TDP from");
    }
    if (tool.id === "ml_co2_impact") {
      const tdp = get(`tdp:${row.accelerator}`);
      if (!tdp) return none(`no ${row.accelerator} in its GPU table`);
      // The calculator takes one GPU: its hours are the accelerator-hours; it has no US average, so a private
      // infrastructure's intensity is the user's: the row's own.
      const r = mlCo2Impact(tdp.value, row.acceleratorHours!, row.kgPerKwh);
      return {
        tool: tool.id,
        ...r,
        used: [
          show(tdp),
          "no PUE",
          `the row's intensity ${Number(row.kgPerKwh.toPrecision(4))} kg/kWh (typed in as a custom value)`
        ],
        reason: null
      };
    }
    if (tool.id === "green_algorithms") {
      const tdp = get(`tdp:${row.accelerator}`);
      const pue = get("pue");
      const ci = get(`intensity:${row.location}`);
      const usage = get("usage_gpu");
      if (!tdp) return none(`no ${row.accelerator} in its TDP table`);
      if (row.location == null) return none(NO_LOCATION);
      if (!pue || !ci || !usage) return none(`no default PUE, usage or intensity for ${row.location} recorded`);
      // n_GPUs × TDP × runTime is TDP × accelerator-hours (no memory is counted).
      const r = greenAlgorithms(tdp.value, 1, row.acceleratorHours!, usage.value, 0, pue.value, ci.value);
      return {tool: tool.id, ...r, used: [show(tdp), show(pue), show(ci), show(usage), "memory 0 GB"], reason: null};
    }
    if (row.tpu) return none("it measures power with NVML and RAPL, which cannot read a TPU");
    const pue = get("pue");
    const used = pue ? [show(pue)] : [];
    if (row.location == null) return none(NO_LOCATION, used);
    const ci = get(`intensity:${row.location}`);
    if (!ci) {
      // A tool that looks intensities up by grid zone (experiment-impact-tracker) records why a country has none.
      const zone = get(`zone:${row.location}`);
      return none(`no default for this location (${row.location})${zone?.note ? `: ${zone.note}` : ""}`, used);
    }
    if (!pue) return none("no default PUE recorded");
    if (row.hardwareKwh == null) return none("the source gives no measured power or energy");
    const r = trackerEstimate(row.hardwareKwh, pue.value, ci.value);
    return {tool: tool.id, ...r, used: [show(pue), show(ci), "the row's measured power"], reason: null};
  });
}

/** Where each run ran, from data/peer_locations.csv. */
export interface PeerLocation {
  id: string;
  location: string;
  source: string;
  locator: string;
  note: string | null;
}

const isTpu = (accelerators: readonly Accelerator[], id: string | null) =>
  accelerators.find((a) => a.id === id)?.kind === "tpu";

const locationOf = (locations: readonly PeerLocation[], id: string) =>
  locations.find((l) => l.id === id)?.location ?? null;

/** Strubell's Table 3 rows as peer rows: measured power × hours is the energy at the hardware (TPU rows: none). */
export function strubellPeerRows(
  report: Report,
  locations: readonly PeerLocation[],
  accelerators: readonly Accelerator[]
): PeerRow[] {
  const kgPerKwh = report.scenario.intensity_kg_per_kwh;
  return report.table3.map((r) => ({
    id: r.id,
    model: `${r.model}, ${r.hardware}×${r.accelerators}`,
    accelerator: r.hardware,
    tpu: isTpu(accelerators, r.hardware),
    acceleratorHours: r.accelerators * r.hours,
    hardwareKwh: r.power_w == null ? null : energyKwh(r.power_w, r.hours, 1),
    location: locationOf(locations, r.id),
    kgPerKwh,
    printedKg: r.published.co2e_lbs == null ? null : lbsToKg(r.published.co2e_lbs),
    recomputedKg: r.co2e_kg
  }));
}

/**
 * Later models as peer rows, under their own PUE and gross intensity: the energy at the hardware is the
 * source's (measured) energy or average power × accelerator-hours; printed CO2e is the source's gross tCO2e.
 */
export function laterPeerRows(
  later: LaterReport,
  locations: readonly PeerLocation[],
  accelerators: readonly Accelerator[]
): PeerRow[] {
  return later.rows.map((r) => {
    const printed = later.cells.find((c) => c.row === r.id && c.column === "co2e_t_gross");
    return {
      id: r.id,
      model:
        r.processor && r.chips
          ? `${r.model}, ${r.processor}×${r.chips}`
          : r.processor
            ? `${r.model}, ${r.processor}`
            : r.model,
      accelerator: r.processor,
      tpu: isTpu(accelerators, r.processor),
      acceleratorHours: r.accelerator_hours,
      hardwareKwh: r.kwh_hardware,
      location: locationOf(locations, r.id),
      kgPerKwh: r.gross_kg_per_kwh,
      printedKg: printed ? printed.published * 1000 : null,
      recomputedKg: r.co2e_kg_gross
    };
  });
}

/**
 * The ledger's model rows (data/ledger_rows.v2.csv: the model cards) as peer rows, under their own intensity (printed or
 * inferred from their printed CO2e). A card's power is a peak capacity per GPU (Meta's "adjusted for power usage
 * efficiency"), not a measurement: a tracker has no measured energy to read. The country is the one
 * data/peer_locations.csv names for the row, else none (Meta's cards name none). A row whose source prints only its
 * CO2e has no intensity and no recomputation: each tool says there is nothing to start from.
 */
export function ledgerPeerRows(
  ledgerRows: readonly LedgerRowInput[],
  printed: readonly LedgerPrintedCell[],
  computed: readonly LedgerComputed[],
  locations: readonly PeerLocation[],
  accelerators: readonly Accelerator[]
): PeerRow[] {
  return ledgerRows
    .filter((r) => r.kind === "model")
    .map((r) => {
      const c = computed.find((x) => x.id === r.id);
      if (!c || (c.kg_per_kwh == null && !c.co2e_only)) throw new Error(`ledger row "${r.id}" has no recomputed CO2e`);
      const co2e = printed.find((p) => p.row === r.id && p.column === "co2e_t");
      const name = accelerators.find((a) => a.id === r.hardware)?.name ?? r.hardware;
      return {
        id: r.id,
        model: name ? `${r.model}, ${name}` : r.model,
        accelerator: r.hardware,
        tpu: isTpu(accelerators, r.hardware),
        acceleratorHours: c.gpu_hours,
        hardwareKwh: null,
        location: locationOf(locations, r.id),
        kgPerKwh: c.kg_per_kwh,
        printedKg: co2e ? co2e.value * 1000 : null,
        // A source that prints only its CO2e: printed, nothing recomputed (every tool then says why it has no figure).
        recomputedKg: c.co2e_only ? null : c.co2e_t * 1000
      };
    });
}

/** One line per row and tool: the table the page, the CLI's csv and md show. */
export interface PeerLine {
  id: string;
  model: string;
  printed_kg: number | null;
  recomputed_kg: number | null;
  tool: string;
  tool_name: string;
  kwh: number | null;
  co2e_kg: number | null;
  ratio_to_recomputed: number | null;
  used: string;
  reason: string | null;
}

export function peerLines(rows: readonly PeerRow[], defaults: readonly PeerDefault[]): PeerLine[] {
  return rows.flatMap((row) =>
    peerFigures(row, defaults).map((f) => ({
      id: row.id,
      model: row.model,
      printed_kg: row.printedKg,
      recomputed_kg: row.recomputedKg,
      tool: f.tool,
      tool_name: PEER_TOOLS.find((t) => t.id === f.tool)!.name,
      kwh: f.kwh,
      co2e_kg: f.co2e_kg,
      ratio_to_recomputed: f.co2e_kg != null && row.recomputedKg ? f.co2e_kg / row.recomputedKg : null,
      used: f.used.join("; "),
      reason: f.reason
    }))
  );
}
