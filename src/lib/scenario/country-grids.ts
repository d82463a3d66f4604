// Today's grids: the yearly average carbon intensity of a country's or region's electricity (Ember's yearly data,
// data/country_grids.v1.csv), chosen as a grid id "<code>:<year>" such as "FR:2023" (the URL's
// grid=FR:2023, the CLI's --grid FR:2023). The code is the country's ISO 3166-1 alpha-2 or alpha-3 code, or a
// region's id (WORLD, EU …), in any case. Pure: the loader (loaders/grid-inputs.ts) reads and checks the file.

/** One country or region and its yearly intensities, years ascending. */
export interface CountryGridArea {
  /** Ember's code: ISO 3166-1 alpha-3 for a country, an upper-case id for a region. */
  code: string;
  /** ISO 3166-1 alpha-2, or "" (a region, or a code ISO does not list). */
  alpha2: string;
  name: string;
  kind: "country" | "region";
  years: number[];
  /** g per kWh, one per year. */
  gPerKwh: number[];
  /** The line of the source file each value is read from, one per year. */
  lines: number[];
}

/** The country grids as the engine reads them: one source for every value (checked by the loader). */
export interface CountryGrids {
  /** The data file they were read from. */
  file: string;
  /** The publication, e.g. "Ember yearly electricity data (ember-data-api@ae39f58)". */
  source: string;
  /** The source's file that `lines` number, e.g. "api_country_overview_yearly.csv". */
  sourceFile: string;
  licence: string;
  areas: CountryGridArea[];
}

/** A country grid id as chosen: the area, the year, its intensity and where it was read. */
export interface CountryGridChoice {
  id: string;
  area: CountryGridArea;
  year: number;
  gPerKwh: number;
  /** "api_country_overview_yearly.csv line 1730". */
  locator: string;
}

/** A grid select's pseudo id for "a country or region, one year" (a country-year control gives the grid id). */
export const COUNTRY = "country-year";

/** The country grid offered first: "Train it in France, 2023". */
export const DEFAULT_COUNTRY_GRID = "FR:2023";

/** Is this grid id a country-year (it has a ":"; the Table 2 ids and the built-in ones never do)? */
export function isCountryGridId(id: string): boolean {
  return id.includes(":");
}

/** The id a grid is written with: the alpha-2 code where there is one, else Ember's code, then the year. */
export function countryGridId(area: CountryGridArea, year: number): string {
  return `${area.alpha2 || area.code}:${year}`;
}

/** The area a code names (alpha-2, alpha-3 or a region's id, any case), or undefined. */
export function findArea(grids: CountryGrids, code: string): CountryGridArea | undefined {
  const c = code.trim().toUpperCase();
  return grids.areas.find((a) => a.code === c || (a.alpha2 !== "" && a.alpha2 === c));
}

/** The years of an area as ranges, e.g. "2000–2024" or "2000–2010, 2012". */
export function yearsText(years: readonly number[]): string {
  const parts: string[] = [];
  for (let k = 0; k < years.length;) {
    let j = k;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    parts.push(j === k ? String(years[k]) : `${years[k]}–${years[j]}`);
    k = j + 1;
  }
  return parts.join(", ");
}

/** The years nearest to `year` among an area's (one, or two at equal distance). */
export function nearestYears(years: readonly number[], year: number): number[] {
  const best = Math.min(...years.map((y) => Math.abs(y - year)));
  return years.filter((y) => Math.abs(y - year) === best);
}

/** What a country grid id may be, in words (part of the grid parameter's "allowed" text). */
export function countryGridAllowed(grids: CountryGrids | undefined): string {
  if (!grids) return "a country or region and year such as FR:2023, on pages and commands that load the country grids";
  const all = grids.areas.flatMap((a) => a.years);
  return `a country (ISO 3166-1 alpha-2 or alpha-3 code) or region (${grids.areas
    .filter((a) => a.kind === "region")
    .map((a) => a.code)
    .join(", ")}) and a year from ${Math.min(...all)} to ${Math.max(...all)}, e.g. FR:2023 (${grids.source})`;
}

/**
 * Reads a country grid id ("FR:2023", "fra:2023", "world:2019"): the choice, or the reason it is not allowed
 * (an unknown code; a year the area has no value for, with its years and the nearest).
 */
export function readCountryGrid(
  grids: CountryGrids | undefined,
  text: string
): {choice: CountryGridChoice} | {why: string} {
  const m = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*:\s*([0-9]{4})\s*$/.exec(text);
  if (!m) return {why: "is not a grid id or a code:year such as FR:2023"};
  if (!grids) return {why: "is a country grid, but the country grids are not loaded here"};
  const area = findArea(grids, m[1]);
  if (!area) return {why: `names no country or region with Ember data ("${m[1]}" is not a known code)`};
  const year = Number(m[2]);
  const k = area.years.indexOf(year);
  if (k < 0) {
    const near = nearestYears(area.years, year)
      .map((y) => countryGridId(area, y))
      .join(" or ");
    return {why: `has no value: ${area.name} has Ember data for ${yearsText(area.years)} (nearest: ${near})`};
  }
  return {
    choice: {
      id: countryGridId(area, year),
      area,
      year,
      gPerKwh: area.gPerKwh[k],
      locator: `${grids.sourceFile} line ${area.lines[k]}`
    }
  };
}

/** The choice a valid country grid id names; throws for an invalid one (the codec has already checked it). */
export function countryGridChoice(grids: CountryGrids | undefined, id: string): CountryGridChoice {
  const r = readCountryGrid(grids, id);
  if ("why" in r) throw new Error(`grid "${id}" ${r.why}`);
  return r.choice;
}

/** A country grid in words: "France 2023 (Ember yearly average, 55.28 g/kWh)". */
export function countryGridLabel(choice: CountryGridChoice): string {
  return `${choice.area.name} ${choice.year} (Ember yearly average, ${choice.gPerKwh} g/kWh)`;
}
