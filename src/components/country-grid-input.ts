// Today's grids as a control: a country or region and one of its years (Ember's yearly averages), as one
// Inputs-style input whose `value` is the grid id, e.g. "FR:2023" (the URL's grid=FR:2023, the CLI's --grid FR:2023).
// The year list follows the country: a year the new country lacks becomes its nearest year.
import * as Inputs from "@observablehq/inputs";
import {
  DEFAULT_COUNTRY_GRID,
  countryGridChoice,
  countryGridId,
  findArea,
  isCountryGridId,
  nearestYears,
  type CountryGridArea,
  type CountryGrids
} from "../lib/scenario/country-grids.js";
import {el} from "./dom.js";

export {COUNTRY, DEFAULT_COUNTRY_GRID} from "../lib/scenario/country-grids.js";

export type CountryGridInput = HTMLElement & {value: string};

/**
 * The country-year control, seeded with `id` (a country grid id; anything else starts at France 2023). Emits
 * "input" (bubbling from its selects) whenever the reader changes the country or the year.
 */
export function countryGridInput(grids: CountryGrids, id: string = DEFAULT_COUNTRY_GRID): CountryGridInput {
  const start = countryGridChoice(grids, isCountryGridId(id) ? id : DEFAULT_COUNTRY_GRID);
  const areas = [...grids.areas].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === "country" ? -1 : 1) || a.name.localeCompare(b.name, "en")
  );
  const country = Inputs.select(
    areas.map((a) => a.code),
    {
      label: "Country or region",
      value: start.area.code,
      format: (code: string) => {
        const a = findArea(grids, code)!;
        return a.kind === "region" ? `${a.name} (region)` : a.name;
      }
    }
  );
  country.dataset.control = "grid-country";
  const yearSelect = (area: CountryGridArea, year: number) => {
    const input = Inputs.select(area.years, {label: "Year", value: year, format: String});
    input.dataset.control = "grid-year";
    return input;
  };
  let year = yearSelect(start.area, start.year);
  const root = el(
    "div",
    {class: "country-grid", role: "group", "aria-label": "Country grid"},
    country,
    year
  ) as unknown as CountryGridInput;
  const area = () => findArea(grids, country.value)!;
  const rebuildYears = (wanted: number) => {
    const a = area();
    const next = yearSelect(a, a.years.includes(wanted) ? wanted : Math.max(...nearestYears(a.years, wanted)));
    year.replaceWith(next);
    year = next;
  };
  // On the country's own select, before the event bubbles to whoever reads the value.
  country.addEventListener("input", () => rebuildYears(year.value));
  Object.defineProperty(root, "value", {
    get: () => countryGridId(area(), year.value),
    set: (v: string) => {
      if (!isCountryGridId(v)) return;
      const choice = countryGridChoice(grids, v);
      if (country.value !== choice.area.code) country.value = choice.area.code;
      if (!area().years.includes(year.value) || year.value !== choice.year) rebuildYears(choice.year);
    }
  });
  return root;
}
