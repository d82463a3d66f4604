// The accounting choices a scenario can make beyond PUE and grid, and their allowed values: location- or market-based
// accounting, embodied CO2e, the rest of the server's power, and water. The codec (scenario.ts, lifecycle-params.ts)
// reads them; the ledger's engine (src/lib/later/accounting.ts, lifecycle.ts) applies them. Kept apart from that engine
// so that a page which only parses a scenario does not load it.
import type {AccountingFactor, Inputs} from "../inputs/types.js";

/**
 * The two ways of accounting for a run's electricity (GHG Protocol, Scope 2): location-based, at the grid's average
 * intensity; market-based, net of the carbon-free energy its operator bought (Patterson et al. 2021's "net"; the
 * Llama 3.x cards' "market-based").
 */
export const ACCOUNTING_CHOICES = ["location", "market"] as const;
export type Accounting = (typeof ACCOUNTING_CHOICES)[number];

/** Embodied CO2e of the hardware: none (today's default), LLMCarbon's per-die figure, or EcoLogits' GPU + server. */
export const EMBODIED_CHOICES = ["off", "llmcarbon", "ecologits"] as const;
export type EmbodiedChoice = (typeof EMBODIED_CHOICES)[number];

/** The rest of each server's power beyond its accelerators: none (today's default) or EcoLogits' 1.2 kW per server. */
export const SERVER_CHOICES = ["off", "ecologits"] as const;
export type ServerChoice = (typeof SERVER_CHOICES)[number];

/** A litres-per-kWh figure: a row of data/accounting_factors.csv (`id`) or the reader's own number (`id` null). */
export interface WaterFactor {
  id: string | null;
  /** What the control and the URL call it: the row's applies_to (google, USA …) or the number as text. */
  name: string;
  /** In words, for the page and the steps' basis. */
  label: string;
  lPerKwh: number;
}

/** The life-cycle choices of a scenario; absent fields are off. */
export interface LifecycleChoices {
  embodied?: EmbodiedChoice;
  server?: ServerChoice;
  /** The data centre's on-site water per kWh of IT energy, or null for none. */
  wue?: WaterFactor | null;
  /** The grid's water per kWh generated, or null for none. */
  gridWater?: WaterFactor | null;
}

/** Words for the methods, as the steps and the page name them. */
export const METHOD_NAMES: Record<AccountingFactor["method"], string> = {
  llmcarbon: "LLMCarbon",
  ecologits: "EcoLogits"
};

/** The factors of one quantity, from the inputs (none where the inputs predate the file). */
export function factorsOf(inputs: Pick<Inputs, "accountingFactors">, quantity: AccountingFactor["quantity"]) {
  return (inputs.accountingFactors ?? []).filter((f) => f.quantity === quantity);
}
