import {join} from "node:path";
import {readRows} from "./csv.js";
import {fail} from "./errors.js";
import {COUNTRY_GRIDS, COUNTRY_GRIDS_SOURCE} from "../src/lib/inputs/schemas.js";
import type {CountryGridArea, CountryGrids} from "../src/lib/scenario/country-grids.js";

const SOURCE_FILE = COUNTRY_GRIDS_SOURCE.path.split("/").at(-1)!;
const COUNTRY_CODE = /^[A-Z]{3}$/;
const REGION_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const ALPHA2 = /^[A-Z]{2}$/;
const LOCATOR = new RegExp(`^${SOURCE_FILE.replace(/\./g, "\\.")} line ([1-9][0-9]*)$`);

/**
 * Reads data/country_grids.v1.csv (Ember's yearly carbon intensity of each country's and region's
 * electricity) and checks, beyond its declaration (years in range, intensities non-negative, no repeated code and
 * year): that a country's code is ISO alpha-3 and its alpha-2 two letters, a region's an upper-case id; that a code
 * keeps one name, kind and alpha-2 on every row and no two codes share an alpha-2; that every row has the one
 * source and a locator naming a line of Ember's file; that a code's years ascend. Throws a DataError naming file,
 * line and column.
 */
export function loadGridInputs(dataDir: string): {countryGrids: CountryGrids} {
  const records = readRows(join(dataDir, COUNTRY_GRIDS.file.replace(/^data\//, "")), COUNTRY_GRIDS);
  const areas = new Map<string, CountryGridArea>();
  const byAlpha2 = new Map<string, string>();
  const source = records[0].row.source;
  for (const at of records) {
    const r = at.row;
    const codeOk = r.kind === "country" ? COUNTRY_CODE.test(r.code) : REGION_CODE.test(r.code);
    if (!codeOk)
      fail(
        COUNTRY_GRIDS,
        at,
        "code",
        r.kind === "country"
          ? `"${r.code}" is not an ISO 3166-1 alpha-3 code (three capital letters)`
          : `"${r.code}" is not a region id (capital letters, digits and "-")`
      );
    if (r.alpha2 !== "" && (r.kind === "region" || !ALPHA2.test(r.alpha2)))
      fail(
        COUNTRY_GRIDS,
        at,
        "alpha2",
        r.kind === "region"
          ? "a region has no alpha-2 code"
          : `"${r.alpha2}" is not an alpha-2 code (two capital letters)`
      );
    if (r.source !== source)
      fail(COUNTRY_GRIDS, at, "source", `"${r.source}" differs from line ${records[0].line}'s "${source}"`);
    const line = LOCATOR.exec(r.locator);
    if (!line) fail(COUNTRY_GRIDS, at, "locator", `"${r.locator}" is not "${SOURCE_FILE} line N"`);
    let area = areas.get(r.code);
    if (!area) {
      if (r.alpha2 !== "") {
        const other = byAlpha2.get(r.alpha2);
        if (other) fail(COUNTRY_GRIDS, at, "alpha2", `alpha-2 "${r.alpha2}" is already the code of ${other}`);
        byAlpha2.set(r.alpha2, r.code);
      }
      area = {code: r.code, alpha2: r.alpha2, name: r.name, kind: r.kind, years: [], gPerKwh: [], lines: []};
      areas.set(r.code, area);
    } else {
      for (const [column, value, first] of [
        ["name", r.name, area.name],
        ["kind", r.kind, area.kind],
        ["alpha2", r.alpha2, area.alpha2]
      ] as const)
        if (value !== first)
          fail(COUNTRY_GRIDS, at, column, `"${value}" differs from "${first}" on ${r.code}'s first row`);
      if (r.year <= area.years.at(-1)!)
        fail(COUNTRY_GRIDS, at, "year", `${r.year} does not follow ${r.code}'s previous year ${area.years.at(-1)}`);
    }
    area.years.push(r.year);
    area.gPerKwh.push(r.gCo2PerKwh);
    area.lines.push(Number(line[1]));
  }
  return {
    countryGrids: {
      file: COUNTRY_GRIDS.file,
      source,
      sourceFile: SOURCE_FILE,
      licence: COUNTRY_GRIDS_SOURCE.licence,
      areas: [...areas.values()]
    }
  };
}
