import {execFile} from "node:child_process";
import {promisify} from "node:util";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {buildReport} from "../src/lib/paper/report.js";
import {
  gridKgPerKwh,
  paperKgPerKwh,
  paperScenario,
  parseScenario,
  resolveScenario,
  SCENARIO_PARAMS,
  serializeScenario,
  type Scenario
} from "../src/lib/scenario/scenario.js";
import {parseView, serializeView} from "../src/components/sensitivity-model.js";
import {computeTables} from "../src/lib/paper/tables.js";
import type {Inputs} from "../src/lib/inputs/types.js";

const run = promisify(execFile);
let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs();
});

const LB = 0.45359237;
/** NAS (P100) before PUE, by hand: 274,120 h × 1515.43 W / 1000. */
const NAS_KWH = (274120 * 1515.43) / 1000;
const parse = (query: string): Scenario => parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;
const nasKg = (query: string) => computeTables(inputs, parse(query)).table3.find((r) => r.id === "nas_p100")!.co2e_kg!;

describe("scenario", () => {
  test("paperScenario is the paper's: PUE 1.58, EPA 0.954 lbs/kWh, $0.12/kWh, lbs", () => {
    const s = paperScenario(inputs);
    expect(s).toMatchObject({pue: 1.58, grid: "epa-2018", intensity: null, usdPerKwh: 0.12, units: "lbs"});
    expect(resolveScenario(inputs, s).kgPerKwh).toBeCloseTo(0.954 * LB, 15);
    expect(serializeScenario(s, inputs)).toBe("");
  });

  test("PUE scales energy and CO2e: ?pue=1&units=kg gives the NAS (P100) row 179,759 kg", () => {
    expect(nasKg("pue=1&units=kg")).toBeCloseTo(NAS_KWH * 0.954 * LB, 6);
    expect(Math.round(nasKg("pue=1&units=kg"))).toBe(179759);
    expect(nasKg("pue=1.1") / nasKg("pue=2.2")).toBeCloseTo(0.5, 12);
  });

  test("intensity in g, kg or lbs per kWh gives the same CO2e: 429g = 0.429kg; 0.954lbs = the paper's factor", () => {
    expect(parse("intensity=429g").intensity).toBeCloseTo(0.429, 15);
    expect(parse("intensity=0.429kg").intensity).toBeCloseTo(0.429, 15);
    expect(parse("intensity=0.954lbs").intensity).toBeCloseTo(0.954 * LB, 15);
    expect(nasKg("intensity=429g")).toBeCloseTo(NAS_KWH * 1.58 * 0.429, 6);
    expect(nasKg("intensity=0.954lbs")).toBeCloseTo(nasKg(""), 6);
    // A direct intensity overrides the grid.
    expect(nasKg("grid=china&intensity=429g")).toBeCloseTo(nasKg("intensity=429g"), 9);
  });

  test("a grid's mix becomes an intensity by hand: Germany and a custom mix under IPCC medians and CodeCarbon", () => {
    // IPCC AR5 medians: renewable = (hydro 24 + wind 11 + solar 48) / 3; gas 490; coal 820; nuclear 12 g/kWh.
    const renew = (24 + 11 + 48) / 3;
    const germany = (40 * renew + 7 * 490 + 38 * 820 + 13 * 12) / 98;
    expect(gridKgPerKwh(inputs, "germany", "ipcc-ar5-median", "renormalise") * 1000).toBeCloseTo(germany, 9);
    expect(nasKg("grid=germany")).toBeCloseTo((NAS_KWH * 1.58 * germany) / 1000, 6);
    // Custom 50 % renewable, 50 % coal under CodeCarbon: renewable = (26 + 26 + 48) / 3, coal 995.
    const custom = (50 * (100 / 3) + 50 * 995) / 100;
    expect(resolveScenario(inputs, parse("grid=custom&mix=50,0,50,0&factors=codecarbon")).kgPerKwh * 1000).toBeCloseTo(
      custom,
      9
    );
    // The unassigned share given a factor: US 2 % at 800 g instead of renormalising.
    const us = 17 * renew + 35 * 490 + 27 * 820 + 19 * 12;
    expect(resolveScenario(inputs, parse("grid=us&unassigned=800g")).kgPerKwh * 1000).toBeCloseTo(
      (us + 2 * 800) / 100,
      9
    );
    expect(resolveScenario(inputs, parse("grid=us")).kgPerKwh * 1000).toBeCloseTo(us / 98, 9);
  });

  test("units: the report carries CO2e in lbs, kg and t, and the tables views follow the display unit", () => {
    const r = buildReport(inputs, parse("units=t"));
    const nas = r.table3.find((x) => x.id === "nas_p100")!;
    expect(nas.co2e_kg).toBeCloseTo(NAS_KWH * 1.58 * 0.954 * LB, 6);
    expect(nas.co2e_lbs).toBeCloseTo(NAS_KWH * 1.58 * 0.954, 6);
    expect(nas.co2e_t).toBeCloseTo((NAS_KWH * 1.58 * 0.954 * LB) / 1000, 9);
    expect(r.scenario.units).toBe("t");
  });

  test("electricity price scales Table 4's electricity cost only", () => {
    const a = buildReport(inputs, parse(""));
    const b = buildReport(inputs, parse("price=0.24"));
    a.table4.forEach((row, k) => expect(b.table4[k].electricity_usd).toBeCloseTo(2 * row.electricity_usd, 9));
    expect(b.table3).toEqual(a.table3);
  });

  // One non-default value per parameter, each written as serializeScenario writes it.
  const EVERY_PARAM: Record<string, string> = {
    pue: "1.1",
    grid: "custom",
    intensity: "431g",
    factors: "codecarbon",
    unassigned: "800g",
    mix: "10,20,30,40",
    factor: "gas:500g,coal:900g",
    price: "0.2",
    units: "kg",
    accounting: "market",
    embodied: "llmcarbon",
    server: "ecologits",
    wue: "google",
    gridwater: "FRA"
  };

  test("serializeScenario ∘ parseScenario round-trips every parameter, alone and all together", () => {
    expect(Object.keys(EVERY_PARAM)).toEqual(SCENARIO_PARAMS.map((p) => p.name));
    for (const [name, value] of Object.entries(EVERY_PARAM)) {
      const query = new URLSearchParams({[name]: value}).toString();
      const s = parse(query);
      // A mix alone implies grid=custom, which the address then names; grid=custom names its mix (the US mix).
      const expected =
        name === "mix" ? `grid=custom&${query}` : name === "grid" ? `${query}&mix=17%2C35%2C27%2C19` : query;
      expect(serializeScenario(s, inputs), name).toBe(expected);
      expect(parse(serializeScenario(s, inputs)), name).toEqual(s);
    }
    const all = parse(new URLSearchParams(EVERY_PARAM).toString());
    expect(parse(serializeScenario(all, inputs))).toEqual(all);
    expect(serializeScenario(all, inputs)).toBe(new URLSearchParams(EVERY_PARAM).toString());
  });

  test("parseScenario: a mix without a grid implies grid custom; beside another grid it is an error, never ignored", () => {
    expect(parse("mix=10,20,30,40")).toMatchObject({
      grid: "custom",
      mix: {renewable: 10, gas: 20, coal: 30, nuclear: 40}
    });
    expect(() => parse("grid=google&mix=10,20,30,40")).toThrow(
      /mix "10,20,30,40" is used only with grid custom, not grid "google": drop mix or set grid to custom/
    );
    const lenient = parseScenario(new URLSearchParams("grid=google&mix=10,20,30,40"), inputs);
    expect(lenient.scenario.grid).toBe("google");
    expect(lenient.notices.map((n) => n.param)).toEqual(["mix"]);
    // The address names a mix only with grid=custom.
    expect(serializeScenario({...parse("grid=google"), mix: {renewable: 1, gas: 2, coal: 3, nuclear: 4}}, inputs)).toBe(
      "grid=google"
    );
  });

  test("parseScenario reads per-source factor overrides; buildReport's scenario.mix is the mix actually used", () => {
    expect(parse("factor=coal:900g,hydropower:2200").factorOverrides).toEqual({coal: 900, hydropower: 2200});
    expect(() => parse("factor=oil:900g")).toThrow(
      /factor "oil:900g" is not allowed: source:grams pairs .* sources hydropower, wind, solar, gas, coal, nuclear/
    );
    expect(() => parse("factor=coal:9000g")).toThrow(/grams from 0 to 5000/);
    const china = buildReport(inputs, parse("grid=china&factor=coal:1000g"));
    expect(china.scenario.intensity_kg_per_kwh * 1000).toBeCloseTo(
      (22 * (83 / 3) + 3 * 490 + 65 * 1000 + 4 * 12) / 94,
      9
    );
    expect(china.scenario.intensity_source).toBe("China mix, ipcc-ar5-median factors (own factors: coal 1000 g)");
    expect(china.scenario.mix).toEqual({renewable: 22, gas: 3, coal: 65, nuclear: 4});
    expect(buildReport(inputs, parse("")).scenario.mix).toBeNull();
    expect(buildReport(inputs, parse("intensity=57g&grid=custom")).scenario.mix).toBeNull();
    expect(buildReport(inputs, parse("mix=10,20,30,40")).scenario.mix).toEqual({
      renewable: 10,
      gas: 20,
      coal: 30,
      nuclear: 40
    });
  });

  test("serializeView ∘ parseView round-trips the page's view: scenario, model and seed", () => {
    const query = `${new URLSearchParams(EVERY_PARAM)}&model=nas_tpuv2&seed=7`;
    const {view, notices} = parseView(query, inputs);
    expect(notices).toEqual([]);
    expect(view.model).toBe("nas_tpuv2");
    expect(view.seed).toBe(7);
    expect(serializeView(view, inputs)).toBe(query);
    expect(parseView(serializeView(view, inputs), inputs).view).toEqual(view);
  });

  test("parseScenario keeps the default for each invalid value, with a notice naming the parameter and what is allowed", () => {
    const bad: Record<string, [string, RegExp]> = {
      pue: ["abc", /pue "abc" is not allowed: a number from 1 to 3/],
      grid: ["mars", /grid "mars" is not allowed: one of epa-2018, china/],
      intensity: ["429", /intensity "429" is not a number followed by g, kg or lbs/],
      factors: ["ipcc", /factors "ipcc" is not allowed: one of ipcc-ar5-min/],
      unassigned: ["lots", /unassigned "lots" is not allowed: renormalise, or a factor/],
      mix: ["60,60,0,0", /mix "60,60,0,0" sums to over 100 %/],
      price: ["-1", /price "-1" is not allowed: a number from 0 to 10/],
      units: ["stone", /units "stone" is not allowed: one of lbs, kg, t/],
      accounting: ["net", /accounting "net" is not allowed: one of location, market/]
    };
    const paper = paperScenario(inputs);
    for (const [name, [value, message]] of Object.entries(bad)) {
      const {scenario, notices} = parseScenario([[name, value]], inputs);
      expect(scenario, name).toEqual(paper);
      expect(notices, name).toHaveLength(1);
      expect(notices[0].param).toBe(name);
      expect(notices[0].message).toMatch(message);
      expect(notices[0].message).toMatch(/the default is used$/);
      expect(() => parseScenario([[name, value]], inputs, {strict: true}), name).toThrow(message);
    }
  });

  test("parseView: an unknown parameter, a bad model or seed, and markup are notices; valid ones still apply", () => {
    const {view, notices} = parseView("pue=abc&bogus=1&model=<b>x</b>&seed=1.5&units=kg", inputs);
    expect(view.scenario.pue).toBe(1.58);
    expect(view.scenario.units).toBe("kg");
    expect(view.model).toBe("nas_p100");
    expect(view.seed).toBe(2019);
    expect(notices.map((n) => n.param)).toEqual(["pue", "bogus", "model", "seed"]);
    expect(notices[1].message).toMatch(/unknown parameter "bogus": allowed are pue, grid/);
    expect(notices[2].value).toBe("<b>x</b>");
  });
});

/** Runs the CLI report in a child process and returns its JSON. */
async function cli(args: string[]): Promise<unknown> {
  const {stdout} = await run("npx", ["tsx", "cli/cli.ts", ...args, "--format", "json"], {maxBuffer: 1 << 24});
  return JSON.parse(stdout);
}

describe("scenario CLI parity", () => {
  const cases: Array<[string[], string]> = [
    [["--pue", "1.1", "--grid", "google"], "pue=1.1&grid=google"],
    [["--pue", "1", "--units", "kg"], "pue=1&units=kg"],
    [
      ["--intensity", "0.954lbs", "--factors", "codecarbon", "--price", "0.2"],
      "intensity=0.954lbs&factors=codecarbon&price=0.2"
    ],
    [
      ["--grid", "custom", "--mix", "17,35,27,19", "--unassigned", "800g", "--units", "t"],
      "grid=custom&mix=17,35,27,19&unassigned=800g&units=t"
    ]
  ];
  for (const [args, query] of cases) {
    test(`the CLI's --format json report equals buildReport for ?${query}`, async () => {
      const fromCli = await cli(args);
      const fromPage = JSON.parse(JSON.stringify(buildReport(inputs, parseView(query, inputs).view.scenario)));
      expect(fromCli).toEqual(fromPage);
    });
  }

  test("the CLI's JSON echoes the scenario with intensity_kg_per_kwh", async () => {
    const r = (await cli(["--pue", "1.1", "--grid", "google"])) as {scenario: Record<string, unknown>};
    expect(r.scenario).toMatchObject({pue: 1.1, grid: "google", query: "pue=1.1&grid=google"});
    expect(r.scenario.intensity_kg_per_kwh).toBeCloseTo(
      gridKgPerKwh(inputs, "google", "ipcc-ar5-median", "renormalise"),
      15
    );
    expect(paperKgPerKwh(inputs)).toBeCloseTo(0.954 * LB, 15);
  });

  test("parseScenario reads accounting: location (the default, never written) or market, in any case", () => {
    expect(paperScenario(inputs).accounting).toBe("location");
    expect(parse("accounting=market").accounting).toBe("market");
    expect(parse("accounting=%20Market%20").accounting).toBe("market");
    expect(serializeScenario(parse("accounting=location"), inputs)).toBe("");
    expect(serializeScenario(parse("accounting=market"), inputs)).toBe("accounting=market");
    expect(parse(serializeScenario(parse("accounting=market&pue=1.2"), inputs))).toEqual(
      parse("accounting=market&pue=1.2")
    );
    expect(() => parse("accounting=")).toThrow(/accounting "" is not allowed: one of location, market/);
  });

  test("the CLI exits non-zero on an invalid value and says what is allowed", async () => {
    const error = await run("npx", ["tsx", "cli/cli.ts", "--pue", "abc"]).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/--pue "abc" is not allowed: a number from 1 to 3/);
  });
});
