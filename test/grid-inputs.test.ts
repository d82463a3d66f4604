// data/country_grids.v1.csv (today's grids, Ember): read into one series per country or region; a
// corrupted copy fails with a DataError naming the file, the line and the column, through loadGridInputs and through
// loadInputs (which every command and the build call).
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadGridInputs} from "../loaders/grid-inputs.js";
import {loadInputs} from "../loaders/inputs.js";
import {dataCopies, dataErrorOf, lineOf as lineIn} from "./data-copy.js";

const FILE = "country_grids.v1.csv";
const copy = dataCopies("grid-inputs-");
/** A copy of data/ whose grid file has `edit` applied (which must change it). */
const withEdit = (edit: (text: string) => string) => copy(FILE, edit);
const dataError = dataErrorOf;
/** The 1-based line of the file that starts with `prefix`. */
const lineOf = (prefix: string) => lineIn(FILE, prefix);

describe("grid-inputs", () => {
  test("loadGridInputs reads France's yearly intensities, 2000 to 2024, each with the line of Ember's file", () => {
    const {countryGrids} = loadGridInputs("data");
    expect(countryGrids.source).toBe("Ember yearly electricity data (ember-data-api@ae39f58)");
    expect(countryGrids.licence).toBe("CC BY 4.0");
    const france = countryGrids.areas.find((a) => a.code === "FRA")!;
    expect(france).toMatchObject({alpha2: "FR", name: "France", kind: "country"});
    expect(france.years[0]).toBe(2000);
    expect(france.years.at(-1)).toBe(2024);
    // Ember's file, data/api_country_overview_yearly.csv line 1730: France,FRA,2023,467.12,7.03,55.28,…
    const k = france.years.indexOf(2023);
    expect(france.gPerKwh[k]).toBe(55.28);
    expect(france.lines[k]).toBe(1730);
    const regions = countryGrids.areas.filter((a) => a.kind === "region").map((a) => a.code);
    expect(regions).toEqual(expect.arrayContaining(["WORLD", "EU", "OECD"]));
    expect(countryGrids.areas.reduce((n, a) => n + a.years.length, 0)).toBe(5372);
  });

  test("loadInputs carries the country grids beside the paper's inputs", () => {
    expect(loadInputs("data").countryGrids?.areas.length).toBe(loadGridInputs("data").countryGrids.areas.length);
  });

  test("a corrupted copy (France 2023's intensity made negative) fails with file, line and column", () => {
    const line = lineOf("FRA,FR,France,country,2023,");
    const dir = withEdit((t) => t.replace("FRA,FR,France,country,2023,55.28,", "FRA,FR,France,country,2023,-55.28,"));
    for (const load of [() => loadGridInputs(dir), () => loadInputs(dir)]) {
      const e = dataError(load);
      expect(e.file).toMatch(/country_grids\.v1\.csv$/);
      expect(e.line).toBe(line);
      expect(e.column).toBe("g_co2_per_kwh");
      expect(e.columnNumber).toBe(6);
      expect(e.message).toMatch(/-55\.28 is out of range/);
    }
    // loadInputs names the file actually read.
    expect(dataError(() => loadInputs(dir)).message.startsWith(`${join(dir, FILE)}:${line}:6`)).toBe(true);
  });

  test("loadGridInputs rejects a year out of range, a repeated code and year, and a year out of order", () => {
    const line = lineOf("FRA,FR,France,country,2023,");
    const year = dataError(() =>
      loadGridInputs(withEdit((t) => t.replace("FRA,FR,France,country,2023,", "FRA,FR,France,country,1999,")))
    );
    expect([year.line, year.column, year.detail]).toEqual([
      line,
      "year",
      expect.stringMatching(/1999 is out of range/)
    ]);
    const repeated = dataError(() =>
      loadGridInputs(withEdit((t) => t.replace("FRA,FR,France,country,2023,", "FRA,FR,France,country,2022,")))
    );
    expect([repeated.line, repeated.column]).toEqual([line, "code"]);
    expect(repeated.detail).toMatch(/duplicate row: code "FRA", year "2022" already on line/);
    const order = dataError(() =>
      loadGridInputs(
        withEdit((t) => {
          const lines = t.split("\n");
          [lines[line - 2], lines[line - 1]] = [lines[line - 1], lines[line - 2]];
          return lines.join("\n");
        })
      )
    );
    expect([order.line, order.column]).toEqual([line, "year"]);
  });

  test("loadGridInputs rejects an unknown code, a name that changes, a shared alpha-2 and a bad locator", () => {
    const line = lineOf("FRA,FR,France,country,2023,");
    const code = dataError(() =>
      loadGridInputs(withEdit((t) => t.replace("FRA,FR,France,country,2023,", "FR1,FR,France,country,2023,")))
    );
    expect([code.line, code.column, code.columnNumber]).toEqual([line, "code", 1]);
    expect(code.detail).toMatch(/"FR1" is not an ISO 3166-1 alpha-3 code/);
    const name = dataError(() =>
      loadGridInputs(withEdit((t) => t.replace("FRA,FR,France,country,2023,", "FRA,FR,Frankreich,country,2023,")))
    );
    expect([name.line, name.column, name.detail]).toEqual([
      line,
      "name",
      `"Frankreich" differs from "France" on FRA's first row`
    ]);
    const shared = dataError(() => loadGridInputs(withEdit((t) => t.replace(/^DEU,DE,/gm, "DEU,FR,"))));
    expect([shared.column, shared.detail]).toEqual([
      "alpha2",
      expect.stringMatching(/alpha-2 "FR" is already the code of/)
    ]);
    const locator = dataError(() =>
      loadGridInputs(withEdit((t) => t.replace("api_country_overview_yearly.csv line 1730", "line 1730")))
    );
    expect([locator.line, locator.column, locator.columnNumber]).toEqual([line, "locator", 8]);
  });
});
