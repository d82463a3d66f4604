// Today's grids as a grid choice: grid=FR:2023 on the site and --grid FR:2023 in the CLI, read by the one codec and
// resolved to Ember's yearly average; an unknown code or year is an error naming the parameter, the value and what
// is allowed. The extraction script rebuilds the shipped file from Ember's file and refuses any other copy.
import {spawnSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {extractCountryGrids, gitBlobId, regionCode} from "../scripts/extract-country-grids.js";
import {
  countryGridId,
  isCountryGridId,
  nearestYears,
  readCountryGrid,
  yearsText
} from "../src/lib/scenario/country-grids.js";
import {ParamError} from "../src/lib/scenario/params.js";
import {parseScenario, resolveScenario, serializeScenario} from "../src/lib/scenario/scenario.js";
import {buildReport} from "../src/lib/paper/report.js";
import {monteCarloSpec} from "../src/lib/uncertainty/montecarlo.js";
import {focusModel, gridIntensities} from "../src/lib/uncertainty/sensitivity.js";
import {tornado} from "../src/lib/uncertainty/tornado.js";
import type {Inputs} from "../src/lib/inputs/types.js";

const TSX = join("node_modules", ".bin", "tsx");
let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

const parse = (query: string) => parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;

function paramError(query: string): ParamError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ParamError) return error;
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

function report(args: string[]) {
  const r = spawnSync(TSX, ["cli/cli.ts", ...args], {encoding: "utf8", env: {...process.env, TZ: "UTC"}});
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

describe("country-grids", () => {
  test("readCountryGrid reads alpha-2, alpha-3 and region codes in any case, and names the nearest years", () => {
    const grids = inputs.countryGrids!;
    for (const text of ["FR:2023", "fr:2023", "FRA:2023", " fra : 2023 "]) {
      const r = readCountryGrid(grids, text);
      expect("choice" in r && r.choice).toMatchObject({id: "FR:2023", year: 2023, gPerKwh: 55.28});
    }
    const world = readCountryGrid(grids, "world:2019");
    expect("choice" in world && world.choice.id).toBe("WORLD:2019");
    // Kosovo has no ISO alpha-2 code: its id keeps Ember's code.
    const kosovo = readCountryGrid(grids, "XKX:2023");
    expect("choice" in kosovo && kosovo.choice.id).toBe("XKX:2023");
    expect(readCountryGrid(grids, "FR:1990")).toEqual({
      why: "has no value: France has Ember data for 2000–2024 (nearest: FR:2000)"
    });
    expect(readCountryGrid(grids, "ZZ:2023")).toEqual({
      why: 'names no country or region with Ember data ("ZZ" is not a known code)'
    });
    expect(readCountryGrid(undefined, "FR:2023")).toEqual({
      why: "is a country grid, but the country grids are not loaded here"
    });
    expect(yearsText([2000, 2001, 2002, 2005, 2007, 2008])).toBe("2000–2002, 2005, 2007–2008");
    expect(nearestYears([2000, 2002], 2001)).toEqual([2000, 2002]);
    expect(isCountryGridId("google")).toBe(false);
    expect(
      countryGridId(
        grids.areas.find((a) => a.code === "DEU")!,
        2020
      )
    ).toBe("DE:2020");
  });

  test("parseScenario: grid=FR:2023 resolves to Ember's 55.28 g/kWh and round-trips through the address", () => {
    const s = parse("grid=fra:2023");
    expect(s.grid).toBe("FR:2023");
    const r = resolveScenario(inputs, s);
    expect(r.kgPerKwh).toBe(0.05528);
    expect(r.intensitySource).toBe(
      "France 2023 (Ember yearly average, 55.28 g/kWh): Ember yearly electricity data (ember-data-api@ae39f58), api_country_overview_yearly.csv line 1730"
    );
    const query = serializeScenario(s, inputs);
    expect(new URLSearchParams(query).get("grid")).toBe("FR:2023");
    expect(parse(query)).toEqual(s);
    // NAS (P100) under France 2023 is the paper's energy times 55.28 g/kWh instead of 0.954 lbs/kWh.
    const nas = (q: string) => buildReport(inputs, parse(q)).table3.find((row) => row.id === "nas_p100")!;
    expect(nas("grid=FR:2023").co2e_kg!).toBeCloseTo(nas("intensity=55.28g").co2e_kg!, 9);
    expect(nas("grid=FR:2023").co2e_kg!).toBeLessThan(nas("").co2e_kg! / 5);
  });

  test("parseScenario: an unknown year or code is an error naming the parameter, the value and what is allowed", () => {
    const year = paramError("grid=FR:1990");
    expect(year.param).toBe("grid");
    expect(year.message).toMatch(
      /^grid "FR:1990" has no value: France has Ember data for 2000–2024 \(nearest: FR:2000\): one of epa-2018, .*custom, or a country \(ISO 3166-1 alpha-2 or alpha-3 code\) or region \(.*WORLD\) and a year from 2000 to 2024, e\.g\. FR:2023/
    );
    expect(paramError("grid=ZZ:2023").message).toMatch(/^grid "ZZ:2023" names no country or region with Ember data/);
    expect(paramError("grid=FR-2023").message).toMatch(/^grid "FR-2023" is not allowed: one of epa-2018/);
    // On the site (not strict) the default is kept, with a notice.
    const lenient = parseScenario(new URLSearchParams("grid=FR:1990"), inputs);
    expect(lenient.scenario.grid).toBe("epa-2018");
    expect(lenient.notices[0]).toMatchObject({param: "grid", value: "FR:1990"});
    expect(lenient.notices[0].message).toMatch(/nearest: FR:2000.*; the default is used$/);
  });

  test("a country grid is held fixed by the Monte Carlo and the tornado, and shown beside the Table 2 grids", () => {
    const s = parse("grid=FR:2023");
    const model = focusModel(inputs, "nas_p100");
    expect(monteCarloSpec(inputs, s, model).intensity).toEqual({kind: "fixed", kgPerKwh: 0.05528, source: "country"});
    const t = tornado(inputs, s, model);
    expect(JSON.stringify(t)).toMatch(/a country's yearly average intensity is not computed from a mix/);
    const here = gridIntensities(inputs, s).find((g) => g.selected)!;
    expect(here).toMatchObject({id: "FR:2023", label: "France 2023 (Ember)", kgPerKwh: 0.05528, kind: "country"});
  });

  test("report --grid FR:2023 gives the same scenario as the address grid=FR:2023; an unknown year exits 2", () => {
    const r = report(["--grid", "FR:2023", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.scenario).toMatchObject({grid: "FR:2023", intensity_kg_per_kwh: 0.05528, mix: null});
    expect(json.scenario.intensity_source).toMatch(/^France 2023 \(Ember yearly average, 55\.28 g\/kWh\)/);
    const page = buildReport(inputs, parse(new URLSearchParams(json.scenario.query).toString()));
    expect(json.table3.find((row: {id: string}) => row.id === "nas_p100").co2e_kg).toBeCloseTo(
      page.table3.find((row) => row.id === "nas_p100")!.co2e_kg!,
      6
    );
    const bad = report(["--grid", "FR:1990", "--format", "json"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(
      /--grid "FR:1990" has no value: France has Ember data for 2000–2024 \(nearest: FR:2000\)/
    );
  });

  test("extractCountryGrids rebuilds the shipped file from Ember's file, and refuses a copy with another blob id", () => {
    expect(regionCode("Latin America and Caribbean")).toBe("LATIN-AMERICA-AND-CARIBBEAN");
    expect(gitBlobId(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    // A scrap of Ember's file is not the file at the pinned commit.
    const scrap = Buffer.from(
      "country_or_region,country_code,year,demand_twh,demand_mwh_per_capita,emissions_intensity_gco2_per_kwh\nFrance,FRA,2023,467.12,7.03,55.28\n"
    );
    expect(() => extractCountryGrids(scrap, [])).toThrow(/git blob id is [0-9a-f]{40}, not 943f09f9/);
    const shipped = readFileSync("data/country_grids.v1.csv", "utf8");
    expect(shipped.split("\n")[0]).toBe("code,alpha2,name,kind,year,g_co2_per_kwh,source,locator");
  });
});
