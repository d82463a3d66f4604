/** Hours in a year of 365 days, the year LLMCarbon's and EcoLogits' service lives count in. */
export const HOURS_PER_YEAR = 365 * 24;

/**
 * Embodied CO2e in kg of the hardware a run used, amortised over its service life: the CO2e of making the devices
 * (kgPerDevice each, `devices` of them) times the share of their life the run took (hours ÷ lifetime). The
 * LLMCarbon method (embodied.py: unit × CPA × num × execution_time / lifespan) and EcoLogits' (request_embodied_gwp:
 * time × embodied ÷ lifetime) are both this.
 */
export function embodiedKg({
  kgPerDevice,
  devices,
  hours,
  lifetimeYears
}: {
  kgPerDevice: number;
  devices: number;
  hours: number;
  lifetimeYears: number;
}): number {
  if (!(lifetimeYears > 0)) throw new RangeError(`a service life must be above 0 years, not ${lifetimeYears}`);
  if (!(kgPerDevice >= 0) || !(devices >= 0) || !(hours >= 0))
    throw new RangeError(
      `embodied CO2e needs non-negative kg, devices and hours (${kgPerDevice}, ${devices}, ${hours})`
    );
  return (kgPerDevice * devices * hours) / (lifetimeYears * HOURS_PER_YEAR);
}

/**
 * The embodied CO2e in kg of one accelerator with its share of the server it sits in: the device's own kg plus the
 * server's kg (without its accelerators) divided among its devicesPerServer (EcoLogits' server_gpu_embodied_gwp for
 * one GPU).
 */
export function kgPerDeviceWithServer({
  deviceKg,
  serverKg,
  devicesPerServer
}: {
  deviceKg: number;
  serverKg: number;
  devicesPerServer: number;
}): number {
  if (!(devicesPerServer >= 1)) throw new RangeError(`a server holds at least 1 device, not ${devicesPerServer}`);
  return deviceKg + serverKg / devicesPerServer;
}
