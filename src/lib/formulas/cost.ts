/** Cloud cost in USD of renting `accelerators` for `hours` at a price per accelerator-hour (Strubell et al. 2019, §3). */
export function cloudCostUsd(accelerators: number, hours: number, usdPerAcceleratorHour: number): number {
  return accelerators * hours * usdPerAcceleratorHour;
}

/** Low (pre-emptible) and high (on-demand) cloud cost in USD. */
export function cloudCostRangeUsd(
  accelerators: number,
  hours: number,
  lowUsdPerHour: number,
  highUsdPerHour: number
): {low: number; high: number} {
  return {
    low: cloudCostUsd(accelerators, hours, lowUsdPerHour),
    high: cloudCostUsd(accelerators, hours, highUsdPerHour)
  };
}

/** Cost in USD of an energy in kWh at an electricity price in USD per kWh (Strubell et al. 2019, fn 9). */
export function electricityCostUsd(kwh: number, usdPerKwh: number): number {
  return kwh * usdPerKwh;
}
