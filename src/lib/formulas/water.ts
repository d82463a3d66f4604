/**
 * Water consumed by a run in litres: on-site, the data centre's water usage effectiveness (WUE: litres per kWh of IT
 * energy, The Green Grid's definition) times the IT energy; off-site, the water consumed generating the electricity
 * the data centre draws, i.e. the grid's litres per kWh times the IT energy times the PUE.
 */
export function waterLitres({
  itKwh,
  wueLPerKwh,
  gridLPerKwh,
  pue
}: {
  itKwh: number;
  wueLPerKwh: number;
  gridLPerKwh: number;
  pue: number;
}): {onSiteL: number; offSiteL: number; totalL: number} {
  if (!(itKwh >= 0)) throw new RangeError(`water needs a non-negative energy, not ${itKwh} kWh`);
  if (!(pue >= 1)) throw new RangeError(`a PUE is at least 1, not ${pue}`);
  if (!(wueLPerKwh >= 0) || !(gridLPerKwh >= 0))
    throw new RangeError(`litres per kWh cannot be negative (${wueLPerKwh}, ${gridLPerKwh})`);
  const onSiteL = itKwh * wueLPerKwh;
  const offSiteL = itKwh * pue * gridLPerKwh;
  return {onSiteL, offSiteL, totalL: onSiteL + offSiteL};
}
