import {lbsToKg} from "./units.js";

/** CO2e in kg of an energy in kWh at a carbon intensity in kg CO2e per kWh (Strubell et al. 2019, §2, equation 2). */
export function co2eKg(kwh: number, kgPerKwh: number): number {
  return kwh * kgPerKwh;
}

/** CO2e in pounds at an intensity in lbs CO2e per kWh: CO2e = 0.954 · p_t in the paper (§2, equation 2). */
export function co2eLbs(kwh: number, lbsPerKwh: number): number {
  return kwh * lbsPerKwh;
}

/** The paper's factor as kg per kWh. */
export function lbsPerKwhToKgPerKwh(lbsPerKwh: number): number {
  return lbsToKg(lbsPerKwh);
}

/** The carbon intensity in kg CO2e per kWh that gives `co2eKg` for an energy in kWh: equation 2 solved for it. */
export function kgPerKwhFromCo2e(co2eKg: number, kwh: number): number {
  if (!(kwh > 0)) throw new Error(`an intensity needs an energy above 0 kWh, not ${kwh} kWh`);
  return co2eKg / kwh;
}
