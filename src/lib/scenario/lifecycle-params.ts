// The life-cycle accounting parameters of the scenario (URL query parameters and CLI flags of the same name):
// embodied, server, wue and gridwater. Off by default, so a scenario without them is today's. Entries of the one
// codec (params.ts), spread into SCENARIO_PARAMS (scenario.ts).
import {
  EMBODIED_CHOICES,
  factorsOf,
  METHOD_NAMES,
  SERVER_CHOICES,
  type EmbodiedChoice,
  type LifecycleChoices,
  type ServerChoice,
  type WaterFactor
} from "./accounting-choices.js";
import type {AccountingFactor, Inputs} from "../inputs/types.js";
import {numberIn, param, rangeText, type Param, type Reject} from "./params.js";

/** Allowed range of a reader's own on-site water figure, litres per kWh of IT energy. */
export const WUE_RANGE = [0, 20] as const;

/** Allowed range of a reader's own off-site water figure, litres per kWh generated. */
export const GRID_WATER_RANGE = [0, 100] as const;

function trim(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/** The names a water parameter accepts for its presets (data/accounting_factors.csv's applies_to). */
export function waterPresetNames(inputs: Pick<Inputs, "accountingFactors">, quantity: AccountingFactor["quantity"]) {
  return factorsOf(inputs, quantity).map((f) => f.appliesTo);
}

/** A row of data/accounting_factors.csv as a water factor: a data centre's WUE in the words of its note, a grid by its country. */
export function presetFactor(row: AccountingFactor): WaterFactor {
  const label =
    row.quantity === "grid_l_per_kwh"
      ? `${row.appliesTo === "WOR" ? "world average" : row.appliesTo} grid, ${METHOD_NAMES[row.method]}`
      : (row.note ?? `${row.appliesTo}, ${METHOD_NAMES[row.method]}`);
  return {id: row.id, name: row.appliesTo, label, lPerKwh: row.value};
}

/**
 * The choices a water control offers: off (null), each preset, and the current factor where it is the reader's own
 * number (so that an address's own figure stays selected).
 */
export function waterOptions(
  inputs: Pick<Inputs, "accountingFactors">,
  quantity: "wue_l_per_kwh" | "grid_l_per_kwh",
  current: WaterFactor | null | undefined
): Array<WaterFactor | null> {
  const presets = factorsOf(inputs, quantity).map(presetFactor);
  const own = current && current.id == null ? [current] : [];
  return [null, ...presets, ...own];
}

function readWater(
  text: string,
  inputs: Inputs,
  quantity: "wue_l_per_kwh" | "grid_l_per_kwh",
  range: readonly [number, number],
  reject: Reject
): WaterFactor | null {
  const t = text.trim();
  if (t.toLowerCase() === "off") return null;
  const preset = factorsOf(inputs, quantity).find((f) => f.appliesTo.toLowerCase() === t.toLowerCase());
  if (preset) return presetFactor(preset);
  const value = numberIn(t, range, reject);
  return {id: null, name: trim(value), label: "your own figure", lPerKwh: value};
}

const writeWater = (w: WaterFactor | null | undefined) => (w ? w.name : "off");

/** The life-cycle parameters, on any target that holds LifecycleChoices (the scenario). */
export function lifecycleParams<T extends LifecycleChoices>(): Param<T>[] {
  return [
    param<T>({
      name: "embodied",
      help: "ledger only: embodied CO2e of the hardware, amortised over its service life (off: none)",
      allowed: () =>
        `one of ${EMBODIED_CHOICES.join(", ")} (llmcarbon: the accelerator's die, 5-year life; ecologits: GPU and its share of the server, 3-year life)`,
      read: (t, i, s, reject) => {
        const v = t.trim().toLowerCase();
        s.embodied = (EMBODIED_CHOICES as readonly string[]).includes(v) ? (v as EmbodiedChoice) : reject();
      },
      write: (s) => s.embodied ?? "off"
    }),
    param<T>({
      name: "server",
      help: "ledger only: power of the rest of each server beyond its GPUs (off: none)",
      allowed: () => `one of ${SERVER_CHOICES.join(", ")} (ecologits: 1.2 kW per 8-GPU server)`,
      read: (t, i, s, reject) => {
        const v = t.trim().toLowerCase();
        s.server = (SERVER_CHOICES as readonly string[]).includes(v) ? (v as ServerChoice) : reject();
      },
      write: (s) => s.server ?? "off"
    }),
    param<T>({
      name: "wue",
      help: "ledger only: on-site water of the data centre, litres per kWh at the hardware (WUE)",
      allowed: (i) =>
        `off, a data centre's figure (${waterPresetNames(i, "wue_l_per_kwh").join(", ") || "none loaded"}) or ${rangeText(WUE_RANGE, {unit: " L/kWh"})}`,
      read: (t, i, s, reject) => void (s.wue = readWater(t, i, "wue_l_per_kwh", WUE_RANGE, reject)),
      write: (s) => writeWater(s.wue)
    }),
    param<T>({
      name: "gridwater",
      help: "ledger only: off-site water consumed generating the electricity, litres per kWh drawn",
      allowed: (i) =>
        `off, a country's grid (${waterPresetNames(i, "grid_l_per_kwh").join(", ") || "none loaded"}) or ${rangeText(GRID_WATER_RANGE, {unit: " L/kWh"})}`,
      read: (t, i, s, reject) => void (s.gridWater = readWater(t, i, "grid_l_per_kwh", GRID_WATER_RANGE, reject)),
      write: (s) => writeWater(s.gridWater)
    })
  ];
}
