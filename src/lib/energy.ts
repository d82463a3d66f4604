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
