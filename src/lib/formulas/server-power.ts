import {energyKwh} from "./energy.js";

/**
 * Energy drawn from the grid, in kWh, by the rest of the servers a run's accelerators sit in (CPUs, memory, fans:
 * everything a per-accelerator power leaves out), for as long as the accelerators run: each server's power beyond
 * its accelerators (serverKw) shared among its devicesPerServer, over the run's device-hours, with PUE (equation 1).
 */
export function serverKwh({
  deviceHours,
  serverKw,
  devicesPerServer,
  pue
}: {
  deviceHours: number;
  serverKw: number;
  devicesPerServer: number;
  pue: number;
}): number {
  if (!(devicesPerServer >= 1)) throw new RangeError(`a server holds at least 1 device, not ${devicesPerServer}`);
  if (!(deviceHours >= 0) || !(serverKw >= 0))
    throw new RangeError(`server energy needs non-negative device-hours and kW (${deviceHours}, ${serverKw})`);
  return energyKwh((serverKw * 1000) / devicesPerServer, deviceHours, pue);
}
