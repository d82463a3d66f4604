/**
 * Total power of one hardware row in watts: p_c + p_r + g·p_g (Strubell et al. 2019, §2, equation 1).
 */
export function totalPowerWatts(cpuWatts: number, dramWatts: number, gpuWatts: number, gpuCount: number): number {
  return cpuWatts + dramWatts + gpuCount * gpuWatts;
}

/**
 * Energy drawn from the grid in kWh: p_t = pue · t · P / 1000 (Strubell et al. 2019, §2, equation 1),
 * where P is the total power of the hardware row in watts and t the training time in hours.
 */
export function energyKwh(totalWatts: number, hours: number, pue: number): number {
  return (pue * hours * totalWatts) / 1000;
}

/**
 * Energy drawn from the grid in kWh for an energy measured at the hardware (kWh before PUE): equation 1
 * with P · t given as an energy, i.e. that energy's power drawn for one hour.
 */
export function facilityKwh(hardwareKwh: number, pue: number): number {
  return energyKwh(hardwareKwh * 1000, 1, pue);
}

/** Average power in watts of an energy in kWh drawn over `hours`: P = 1000 · E / t, the inverse of equation 1 at PUE 1. */
export function averageWatts(kwh: number, hours: number): number {
  if (!(hours > 0)) throw new Error(`an average power needs a duration above 0 h, not ${hours} h`);
  return (kwh * 1000) / hours;
}
