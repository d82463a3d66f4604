import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {cellKey} from "../src/lib/paper/compare.js";
import {averageWatts, facilityKwh} from "../src/lib/formulas/energy.js";
import {compareLater, laterRow, laterRows, LATER_COLUMNS, type LaterRow} from "../src/lib/later/later.js";
import {laterErrata, PATTERSON_GAPS} from "../src/lib/later/later-errata.js";
import {buildLaterReport, modelPoints, referenceLines} from "../src/lib/later/later-report.js";
import {buildReport} from "../src/lib/paper/report.js";
import {paperScenario, parseScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs, LaterModel} from "../src/lib/inputs/types.js";

// Later published estimates recomputed with the paper's equations. Expected values are worked by hand
// from the printed inputs (Patterson et al. 2021 Table 4; Luccioni et al. 2022; Zhang et al. 2022).

interface Golden {
  models: Record<string, Record<string, number | null>>;
  cells: Record<string, {printed: string; rounded: number; status: string}>;
}

let inputs: Inputs;
let rows: LaterRow[];
const golden = JSON.parse(readFileSync("test/golden/later-models.json", "utf8")) as Golden;
const row = (id: string): LaterRow => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no later row "${id}"`);
  return r;
};

beforeAll(() => {
  inputs = loadInputs("data");
  rows = laterRows(inputs);
});

const model = (over: Partial<LaterModel>): LaterModel => ({
  id: "m",
  model: "M",
  processor: null,
  chips: null,
  days: null,
  acceleratorHours: null,
  wattsPerChip: null,
  energyKwh: null,
  pue: 1,
  grossKgPerKwh: 0.5,
  netKgPerKwh: null,
  source: "s",
  locator: "l",
  organisation: "o",
  year: 2022,
  inferredBySource: [],
  ...over
});

describe("energy (later additions)", () => {
  test("facilityKwh multiplies an energy at the hardware by PUE", () => {
    expect(facilityKwh(433196, 1.2)).toBeCloseTo(519835.2, 6);
    expect(facilityKwh(100, 1)).toBe(100);
    expect(facilityKwh(0, 1.58)).toBe(0);
  });

  test("averageWatts divides an energy by its hours, and refuses zero hours", () => {
    // BLOOM: 433,196 kWh over 1,082,990 GPU-hours = 0.4 kW per GPU.
    expect(averageWatts(433196, 1082990)).toBeCloseTo(400, 9);
    expect(averageWatts(1, 2)).toBe(500);
    expect(() => averageWatts(1, 0)).toThrow(/above 0 h/);
  });
});

describe("later", () => {
  test("laterRow: Evolved Transformer NAS is 6.8 × 24 × 200 × 208 × 1.10 / 1000 = 7,468.032 kWh → 7.47 MWh, × 0.431 = 3.22 t", () => {
    const r = row("evolved_transformer_nas");
    expect(r.hours).toBeCloseTo(163.2, 9);
    expect(r.accelerator_hours).toBeCloseTo(32640, 9);
    expect(r.kwh).toBeCloseTo(7468.032, 6);
    expect(r.mwh).toBeCloseTo(7.468032, 9);
    expect(r.kwh_hardware).toBeCloseTo(6789.12, 6);
    expect(r.co2e_kg_gross).toBeCloseTo(3218.721792, 6);
    expect(r.co2e_t_gross).toBeCloseTo(3.218722, 6);
    expect(r.co2e_t_net).toBeCloseTo(3.218722, 6);
    // 3218.721792 kg / 0.45359237 kg/lb = 7096.07 lbs (Patterson's "7,096 lbs").
    expect(r.co2e_lbs_gross).toBeCloseTo(7096.0669, 3);
  });

  test("laterRow: T5 is 512 × 20 d × 24 h × 310 W × 1.12 = 85.33 MWh, printed 85.7", () => {
    // 512 × 480 h = 245,760 chip-hours × 310 W = 76,185,600 Wh × 1.12 = 85,327,872 Wh.
    expect(row("t5").mwh).toBeCloseTo(85.327872, 9);
    expect(row("t5").co2e_t_gross).toBeCloseTo(85.327872 * 0.545, 9);
  });

  test("laterRow: GShard-600B uses its net intensity for the net CO2e", () => {
    // 1024 × 74.4 h × 288 W × 1.09 = 23,916,183.55 Wh; gross × 0.201, net × 0.177.
    const r = row("gshard_600b");
    expect(r.mwh).toBeCloseTo(23.9161836, 6);
    expect(r.co2e_t_gross).toBeCloseTo(4.8071529, 6);
    expect(r.co2e_t_net).toBeCloseTo(4.2331645, 6);
  });

  test("laterRow: GPT-3 is 10,000 × 14.8 d × 24 h × 330 W × 1.1 = 1,289.376 MWh, printed 1,287", () => {
    expect(row("gpt3").mwh).toBeCloseTo(1289.376, 9);
    expect(row("gpt3").mwh_hardware).toBeCloseTo(1172.16, 9);
    expect(row("gpt3").co2e_t_gross).toBeCloseTo(553.142304, 6);
  });

  test("laterRow: BLOOM's energy is an input; its power is derived, 433,196 kWh / 1,082,990 h = 400 W", () => {
    const r = row("bloom");
    expect(r.watts_per_chip).toBeCloseTo(400, 9);
    expect(r.watts_derived).toBe(true);
    expect(r.kwh_hardware).toBe(433196);
    expect(r.kwh).toBeCloseTo(519835.2, 6);
    // 433,196 kWh × 0.057 = 24,692.172 kg.
    expect(r.co2e_t_hardware).toBeCloseTo(24.692172, 9);
    expect(r.co2e_t_gross).toBeCloseTo(29.6306064, 9);
    expect(r.co2e_t_net).toBeNull();
  });

  test("laterRow: OPT-175B has an energy and no hours, so no power", () => {
    const r = row("opt_175b");
    expect(r.watts_per_chip).toBeNull();
    expect(r.accelerator_hours).toBeNull();
    expect(r.mwh).toBeCloseTo(353.16, 9);
    expect(r.co2e_t_hardware).toBeCloseTo(74.844, 9);
  });

  test("laterRow: power over accelerator-hours when chips and days are not given", () => {
    // 1000 accelerator-hours × 250 W × PUE 1.5 = 375 kWh.
    const r = laterRow(model({acceleratorHours: 1000, wattsPerChip: 250, pue: 1.5}));
    expect(r.kwh).toBeCloseTo(375, 9);
    expect(r.kwh_hardware).toBeCloseTo(250, 9);
    expect(r.watts_derived).toBe(false);
  });

  test("laterRow with an override uses the scenario's PUE and intensity and has no net value", () => {
    // ET NAS under the paper's assumptions: 6,789.12 kWh × 1.58 = 10,726.8096 kWh × 0.43272712 kg = 4,641.78 kg.
    const m = inputs.laterModels.find((x) => x.id === "evolved_transformer_nas")!;
    const r = laterRow(m, {pue: 1.58, kgPerKwh: 0.954 * 0.45359237});
    expect(r.kwh).toBeCloseTo(10726.8096, 6);
    expect(r.co2e_kg_gross).toBeCloseTo(10726.8096 * 0.954 * 0.45359237, 6);
    expect(r.co2e_t_net).toBeNull();
    expect(r.pue).toBe(1.58);
  });

  test("laterRow throws for a model with neither power nor energy", () => {
    expect(() => laterRow(model({chips: 1, days: 1}))).toThrow(/neither watts_per_chip nor energy_kwh/);
  });

  test("laterRows match the golden file to 6 decimals", () => {
    expect(Object.keys(golden.models).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const r of rows) {
      const g = golden.models[r.id];
      for (const k of ["mwh", "mwh_hardware", "co2e_t_gross", "co2e_t_hardware"] as const) {
        expect(r[k], `${r.id}.${k}`).toBeCloseTo(g[k] as number, 5);
      }
      if (g.co2e_t_net == null) expect(r.co2e_t_net).toBeNull();
      else expect(r.co2e_t_net!, `${r.id}.co2e_t_net`).toBeCloseTo(g.co2e_t_net, 5);
    }
  });

  test("compareLater gives the golden status and rounded value for every printed cell", () => {
    const cells = compareLater(inputs, rows, laterErrata(inputs));
    expect(cells.map((c) => c.key).sort()).toEqual(Object.keys(golden.cells).sort());
    for (const c of cells) {
      expect(c.status, c.key).toBe(golden.cells[c.key].status);
      expect(c.rounded, c.key).toBeCloseTo(golden.cells[c.key].rounded, 9);
      expect(c.printed).toBe(golden.cells[c.key].printed);
    }
  });

  test("compareLater: Patterson's T5 energy differs at printed precision (85.3 vs 85.7), Meena's is reproduced (232)", () => {
    const cells = compareLater(inputs, rows, laterErrata(inputs));
    const t5 = cells.find((c) => c.key === "patterson-t4.t5.mwh")!;
    expect(t5.rounded).toBe(85.3);
    expect(t5.status).toBe("differs");
    expect(t5.errata).toEqual(["patterson-t4-rounding"]);
    const meena = cells.find((c) => c.key === "patterson-t4.meena.mwh")!;
    expect(meena.rounded).toBe(232);
    expect(meena.status).toBe("reproduced");
    // Appendix D prints the expression and "= 3.2 tCO2e (7096 lbs)", not an energy: no printed 7.47 MWh cell.
    expect(cells.find((c) => c.key === "patterson-appendix.evolved_transformer_nas.mwh")).toBeUndefined();
    expect(cells.find((c) => c.key === "patterson-appendix.evolved_transformer_nas.co2e_t_gross")!.status).toBe(
      "reproduced"
    );
  });

  test("compareLater marks an energy that is itself an input as calibrated", () => {
    const cells = compareLater(inputs, rows, laterErrata(inputs));
    for (const id of ["gopher", "opt_175b", "bloom"]) {
      expect(cells.find((c) => c.key === `luccioni-comparison.${id}.mwh_hardware`)!.status).toBe("calibrated");
    }
  });

  test("compareLater: every differing cell is explained by an erratum", () => {
    const cells = compareLater(inputs, rows, laterErrata(inputs));
    const differing = cells.filter((c) => c.status === "differs");
    expect(differing.length).toBeGreaterThan(0);
    for (const c of differing) expect(c.errata.length, `${c.key} has no erratum`).toBeGreaterThan(0);
  });

  test("compareLater recomputes the factor cell from the paper's constant: 0.954 × 0.45359237 = 0.4327, printed 0.423", () => {
    const cell = compareLater(inputs, rows, []).find((c) => c.row === "strubell_factor")!;
    expect(cell.recomputed).toBeCloseTo(0.43272712, 8);
    expect(cell.rounded).toBe(0.433);
    expect(cell.status).toBe("differs");
  });

  test("LATER_COLUMNS are numeric fields of a later row", () => {
    for (const c of LATER_COLUMNS)
      expect(typeof (row("meena") as unknown as Record<string, unknown>)[c]).toBe("number");
  });

  test("the Evolved Transformer NAS row agrees with data/nas_correction.v2.csv where both give the input", () => {
    const et = inputs.laterModels.find((m) => m.id === "evolved_transformer_nas")!;
    const nas = (key: string) => inputs.nasCorrection?.find((c) => c.key === key && c.role === "input")?.value;
    const pairs: Array<[string, number | null]> = [
      ["chips", et.chips],
      ["days", et.days],
      ["watts_per_chip", et.wattsPerChip],
      ["pue", et.pue],
      ["kg_per_kwh", et.grossKgPerKwh]
    ];
    for (const [key, value] of pairs) {
      const other = nas(key);
      if (other !== undefined) expect(value, key).toBe(other);
    }
  });
});

describe("later-errata", () => {
  test("laterErrata: ids unique, each with steps, naming only printed later cells", () => {
    const all = laterErrata(inputs);
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = new Set(inputs.laterPublished.map((c) => cellKey(c.table, c.row, c.column)));
    for (const e of all) {
      expect(e.steps.length, e.id).toBeGreaterThan(0);
      for (const k of e.cells) expect(keys, `${e.id} names ${k}`).toContain(k);
    }
  });

  test("laterErrata patterson-t4-rounding names only cells that do differ", () => {
    const cells = compareLater(inputs, rows, []);
    for (const [id, columns] of Object.entries(PATTERSON_GAPS)) {
      for (const c of columns) {
        expect(cells.find((x) => x.key === `patterson-t4.${id}.${c}`)!.status, `${id}.${c}`).toBe("differs");
      }
    }
  });

  test("laterErrata patterson-t4-rounding: the printed energies need 20.09 d (T5) and 14.77 d (GPT-3)", () => {
    const e = laterErrata(inputs).find((x) => x.id === "patterson-t4-rounding")!;
    const text = e.steps.map((s) => `${s.expression} = ${s.result}`).join("\n");
    // 20 d × 85.7 / 85.327872 = 20.0872 d; 14.8 d × 1287 / 1289.376 = 14.7727 d.
    expect((20 * 85.7) / 85.327872).toBeCloseTo(20.0872, 4);
    expect(text).toContain("20.09 d would give the printed energy");
    expect(text).toContain("14.77 d would give the printed energy");
    // GShard: 23.916 vs 24.1 is the widest gap, 1 − 23.9161836 / 24.1 = 0.763 %.
    expect(e.title).toContain("0.76 %");
    // Switch's 72.2 t needs ≥ 72.15 / 0.403 = 179.03 MWh: 179 × 0.403 = 72.137 rounds to 72.1.
    expect(e.summary).toContain("72.2 t, which needs at least 179.03 MWh");
  });

  test("laterErrata luccioni-gpt3-pue: 502 = 1,287 × 0.429 / 1.1 and reading the energy before PUE counts it twice", () => {
    const e = laterErrata(inputs).find((x) => x.id === "luccioni-gpt3-pue")!;
    const text = [e.summary, ...e.steps.map((s) => `${s.expression} = ${s.result}`)].join("\n");
    // 1287 × 0.429 = 552.123; / 1.1 = 501.93; × 1.1 again = 607.34; 1287 / 1.1 = 1170.0.
    expect(text).toContain("1,287 MWh × 0.429 kg/kWh / 1.1 = 501.9 t (printed CO2e: 502)");
    expect(text).toContain("1,287 MWh × 0.429 kg/kWh = 552.1 t");
    expect(text).toContain("607.3 t: PUE counted twice");
    expect(text).toContain("1,170.0 MWh before PUE");
    // Gopher obeys the table's arithmetic: 1066 × 0.330 = 351.78 → 352; × 1.08 = 379.92 → 380.
    expect(text).toContain("Gopher: 1,066 MWh × 0.33 kg/kWh = 351.8 t (printed 352); × 1.08 = 379.9 t (printed 380)");
  });

  test("laterErrata luccioni-opt: 324 MWh × 0.231 = 74.84 t against the printed 70 t; 75 t / 0.231 = 324.7 MWh", () => {
    const e = laterErrata(inputs).find((x) => x.id === "luccioni-opt")!;
    const text = e.steps.map((s) => `${s.expression} = ${s.result}`).join("\n");
    expect(text).toContain("324 MWh × 0.231 kg/kWh = 74.84 t (printed 70; Zhang et al. 75)");
    expect(text).toContain("70 t × 1.09 = 76.3 t (printed 76.3)");
    expect(text).toContain("75 t / 0.231 kg/kWh = 324.7 MWh");
  });

  test("laterErrata bloom-nameplate: BLOOM's energy is its GPU-hours at the A100 SXM4's 400 W", () => {
    const e = laterErrata(inputs).find((x) => x.id === "bloom-nameplate")!;
    expect(e.title).toContain("400.0 W, the NVIDIA A100 SXM4 nameplate power");
    expect(e.steps[1].result).toBe("24.692 t (printed 24.69)");
  });

  test("laterErrata patterson-factor: 0.423 kg is 0.9326 lbs, 2.25 % below 0.4327", () => {
    const e = laterErrata(inputs).find((x) => x.id === "patterson-factor")!;
    // 0.423 / 0.45359237 = 0.93256; 1 − 0.423 / 0.43272712 = 2.248 %.
    expect(e.summary).toContain("0.9326 lbs, 2.25 % less");
  });
});

describe("later-report", () => {
  test("buildLaterReport keeps each model's own assumptions and adds the scenario's", () => {
    const {scenario} = parseScenario(
      [
        ["pue", "1.2"],
        ["intensity", "400g"]
      ],
      inputs,
      {strict: true}
    );
    const r = buildLaterReport(inputs, scenario);
    expect(r.scenario.pue).toBe(1.2);
    expect(r.scenario.kgPerKwh).toBeCloseTo(0.4, 12);
    expect(r.scenario.query).toBe("pue=1.2&intensity=400g");
    expect(r.rows.find((x) => x.id === "gpt3")!.pue).toBe(1.1);
    const g = r.underScenario.find((x) => x.id === "gpt3")!;
    // 1,172.16 MWh before PUE × 1.2 = 1,406.592 MWh × 0.4 = 562.6368 t.
    expect(g.mwh).toBeCloseTo(1406.592, 9);
    expect(g.co2e_t_gross).toBeCloseTo(562.6368, 9);
    // The printed comparison always uses the models' own assumptions.
    expect(r.cells).toEqual(buildLaterReport(inputs, paperScenario(inputs)).cells);
  });

  test("modelPoints puts Table 3's powered rows and each later model (own and scenario) on one scale", () => {
    const scenario = paperScenario(inputs);
    const report = buildReport(inputs, scenario);
    const later = buildLaterReport(inputs, scenario);
    const points = modelPoints(report, later);
    const paper = points.filter((p) => p.group === "Strubell et al. 2019");
    expect(paper.map((p) => p.id)).toEqual(report.table3.filter((r) => r.kwh != null).map((r) => r.id));
    // Transformer (big): 201.1279 kWh = 0.2011 MWh under the paper's assumptions.
    expect(paper.find((p) => p.id === "transformer_big")!.mwh).toBeCloseTo(0.2011279, 6);
    expect(points.filter((p) => p.basis === "own")).toHaveLength(inputs.laterModels.length);
    expect(points.filter((p) => p.group === "later estimates" && p.basis === "scenario")).toHaveLength(
      inputs.laterModels.length
    );
    for (const p of points) expect(p.mwh > 0 && p.co2e_t > 0, p.id).toBe(true);
  });

  test("referenceLines gives Table 1's consumptions in tonnes: a car's lifetime 126,000 lbs = 57.15 t", () => {
    const lines = referenceLines(buildReport(inputs, paperScenario(inputs)));
    expect(lines.map((l) => l.id)).toEqual(inputs.consumption.map((c) => c.id));
    expect(lines.find((l) => l.id === "car_lifetime")!.co2e_t).toBeCloseTo(57.1526, 4);
  });
});
