import {mean, sum} from "d3-array";
import type {EmissionFactor, GridMix} from "../inputs/types.js";

/** The four energy sources of Strubell et al. 2019 Table 2. */
export type MixCategory = "renewable" | "gas" | "coal" | "nuclear";

export const MIX_CATEGORIES: readonly MixCategory[] = ["renewable", "gas", "coal", "nuclear"];

/** Percent of energy from each Table 2 source; the rest (oil, other) is unassigned. */
export type Mix = Record<MixCategory, number>;

/**
 * Which per-source factors stand for each Table 2 category. Table 2 lumps hydro, solar and wind as
 * "renewable" (Strubell et al. 2019, Table 2 caption); taking their unweighted mean is this project's
 * modelling choice, shown on the sensitivity page.
 */
export const CATEGORY_SOURCES: Readonly<Record<MixCategory, readonly string[]>> = {
  renewable: ["hydropower", "wind", "solar"],
  gas: ["gas"],
  coal: ["coal"],
  nuclear: ["nuclear"]
};

/** The energy sources a per-source factor override may name: those of CATEGORY_SOURCES. */
export function overridableSources(): string[] {
  return [...new Set(Object.values(CATEGORY_SOURCES).flat())];
}

/** How the share of a mix that Table 2 leaves unassigned is treated. */
export type Unassigned = "renormalise" | {gPerKwh: number};

export function mixOf(grid: GridMix): Mix {
  return {renewable: grid.renewable, gas: grid.gas, coal: grid.coal, nuclear: grid.nuclear};
}

/** Percent of the mix not assigned to any of the four sources. */
export function unassignedPercent(mix: Mix): number {
  return 100 - sum(MIX_CATEGORIES, (c) => mix[c]);
}

/** The names of the factor sets present in the inputs, in file order. */
export function factorSetNames(factors: readonly EmissionFactor[]): string[] {
  return [...new Set(factors.map((f) => f.set))];
}

/**
 * g CO2e per kWh of each Table 2 category under one factor set (mean of the category's sources), with the
 * reader's per-source overrides (g CO2e/kWh by source) replacing the set's values.
 */
export function categoryFactors(
  factors: readonly EmissionFactor[],
  set: string,
  overrides: Readonly<Record<string, number>> = {}
): Record<MixCategory, number> {
  const bySource = new Map(factors.filter((f) => f.set === set).map((f) => [f.energySource, f.gPerKwh]));
  if (bySource.size === 0) throw new Error(`unknown emission factor set "${set}"`);
  for (const [source, g] of Object.entries(overrides)) bySource.set(source, g);
  const out = {} as Record<MixCategory, number>;
  for (const category of MIX_CATEGORIES) {
    const values = CATEGORY_SOURCES[category].map((source) => {
      const g = bySource.get(source);
      if (g === undefined) throw new Error(`factor set "${set}" has no factor for "${source}"`);
      return g;
    });
    out[category] = mean(values)!;
  }
  return out;
}

/**
 * Carbon intensity in kg CO2e per kWh of a mix (percent per source) with per-category factors in g/kWh.
 * The unassigned share is either dropped with the others renormalised to 100 %, or given its own factor.
 */
export function intensityFromMix(
  mix: Mix,
  gPerKwhByCategory: Record<MixCategory, number>,
  unassigned: Unassigned
): number {
  const assigned = sum(MIX_CATEGORIES, (c) => mix[c]);
  if (assigned <= 0) throw new Error("a mix needs a positive share for at least one source");
  const weighted = sum(MIX_CATEGORIES, (c) => mix[c] * gPerKwhByCategory[c]);
  const gPerKwh =
    unassigned === "renormalise"
      ? weighted / assigned
      : (weighted + Math.max(0, 100 - assigned) * unassigned.gPerKwh) / Math.max(100, assigned);
  return gPerKwh / 1000;
}
