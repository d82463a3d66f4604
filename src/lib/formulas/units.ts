/** Kilograms in one avoirdupois pound, exact by definition (International Yard and Pound Agreement, 1959). */
export const KG_PER_LB = 0.45359237;

/** Kilograms in one metric tonne. */
export const KG_PER_TONNE = 1000;

export type MassUnit = "lbs" | "kg" | "t";

export const MASS_UNITS: readonly MassUnit[] = ["lbs", "kg", "t"];

export function lbsToKg(lbs: number): number {
  return lbs * KG_PER_LB;
}

export function kgToLbs(kg: number): number {
  return kg / KG_PER_LB;
}

export function kgToTonnes(kg: number): number {
  return kg / KG_PER_TONNE;
}

/** Converts a mass in kilograms to the given unit. */
export function kgTo(kg: number, unit: MassUnit): number {
  return unit === "kg" ? kg : unit === "lbs" ? kgToLbs(kg) : kgToTonnes(kg);
}

/** Converts a mass in the given unit to kilograms. */
export function toKg(value: number, unit: MassUnit): number {
  return unit === "kg" ? value : unit === "lbs" ? lbsToKg(value) : value * KG_PER_TONNE;
}

export type IntensityUnit = "g" | "kg" | "lbs";

/** Converts a carbon intensity (mass of CO2e per kWh) to kilograms per kWh. */
export function intensityToKgPerKwh(value: number, unit: IntensityUnit): number {
  return unit === "kg" ? value : unit === "g" ? value / 1000 : lbsToKg(value);
}

/** Converts a carbon intensity in kg CO2e per kWh to the given unit. */
export function kgPerKwhTo(kgPerKwh: number, unit: IntensityUnit): number {
  return unit === "kg" ? kgPerKwh : unit === "g" ? kgPerKwh * 1000 : kgToLbs(kgPerKwh);
}

/** The largest carbon intensity a scenario accepts, kg CO2e per kWh. */
export const MAX_KG_PER_KWH = 5;

/**
 * Reads an intensity written with its unit, such as "0.429kg", "429g" or "0.954lbs" (per kWh), in kg CO2e per kWh;
 * null when the text is not a number followed by one of those units. (The range is checked by the `intensity`
 * parameter, scenario.ts.)
 */
export function intensityKgPerKwh(text: string): number | null {
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(g|kg|lb|lbs)(?:\s*\/\s*kwh)?\s*$/i.exec(text);
  if (!match) return null;
  const unit = match[2].toLowerCase();
  return intensityToKgPerKwh(Number(match[1]), unit === "lb" ? "lbs" : (unit as IntensityUnit));
}

/** Kilowatt-hours in one megawatt-hour. */
export const KWH_PER_MWH = 1000;

export function kwhToMwh(kwh: number): number {
  return kwh / KWH_PER_MWH;
}
