import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {cellKey} from "../src/lib/paper/compare.js";
import {errata, type Erratum} from "../src/lib/paper/errata.js";
import {paperScenario, resolveScenario} from "../src/lib/scenario/scenario.js";
import {table3Row} from "../src/lib/paper/tables.js";
import {buildReport} from "../src/lib/paper/report.js";
import type {Inputs} from "../src/lib/inputs/types.js";

// Each erratum's arithmetic is recomputed here by hand, with the paper's printed inputs written out as
// literals (PUE 1.58, 0.954 lbs/kWh, fn 7 prices, Table 3 power), and compared with what errata() shows.

let inputs: Inputs;
let all: Erratum[];
const byId = (id: string): Erratum => {
  const e = all.find((x) => x.id === id);
  if (!e) throw new Error(`no erratum "${id}"`);
  return e;
};
/** Every piece of text an erratum shows: title, summary and each step. */
const text = (e: Erratum) => [e.title, e.summary, ...e.steps.flatMap((s) => [s.expression, s.result])].join("\n");

beforeAll(() => {
  inputs = loadInputs("data");
  all = errata(inputs);
});

describe("errata", () => {
  test("errata returns each known discrepancy once, with a kind", () => {
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["bert-hours", "nas-tpu-hours", "tpuv2-price", "elmo-hardware", "lisa-hours", "lisa-power"]) {
      expect(ids).toContain(id);
    }
    for (const e of all) {
      expect(["difference", "calibration", "note"]).toContain(e.kind);
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.summary.length).toBeGreaterThan(0);
      expect(e.steps.length).toBeGreaterThan(0);
    }
  });

  test("errata name only printed cells", () => {
    const printed = new Set(inputs.published.map((c) => cellKey(c.table, c.row, c.column)));
    for (const e of all) for (const key of e.cells) expect(printed, `${e.id} names ${key}`).toContain(key);
  });

  test("errata bert-hours: 79 h instead of 79.2 h gives 1503.0 kWh, 1433.9 lbs and $3741–$12539", () => {
    // 3.3 d × 24 = 79.2 h. With the printed 79 h:
    const kwh79 = (1.58 * 79 * 12041.51) / 1000; // 1503.0213 kWh
    const lbs79 = kwh79 * 0.954; // 1433.8823 lbs
    const low79 = 64 * 79 * 0.74; // 3741.44
    const high79 = 64 * 79 * 2.48; // 12538.88
    expect(kwh79).toBeCloseTo(1503.0213, 4);
    expect(lbs79).toBeCloseTo(1433.8823, 4);
    expect(low79).toBeCloseTo(3741.44, 9);
    expect(high79).toBeCloseTo(12538.88, 9);
    // With 79.2 h every printed cell of the row is met: 1506.83 kWh, 1437.51 lbs, $3750.91–$12570.62.
    expect(Math.round((1.58 * 79.2 * 12041.51) / 1000)).toBe(1507);
    expect(Math.round(((1.58 * 79.2 * 12041.51) / 1000) * 0.954)).toBe(1438);
    expect(Math.round(64 * 79.2 * 0.74)).toBe(3751);
    expect(Math.round(64 * 79.2 * 2.48)).toBe(12571);

    const e = byId("bert-hours");
    expect(e.kind).toBe("note");
    const t = text(e);
    for (const shown of ["79.2 h", "1,503.0 kWh", "1,433.9 lbs", "$3,741", "$12,539", "1,506.8 kWh"]) {
      expect(t).toContain(shown);
    }
    expect(e.cells).toEqual(
      expect.arrayContaining([
        "table3.bert_base_v100.kwh",
        "table3.bert_base_v100.co2e_lbs",
        "table3.bert_base_v100.cost_usd_low",
        "table3.bert_base_v100.cost_usd_high"
      ])
    );

    // The engine, given 79 h, agrees with the hand arithmetic.
    const bert = inputs.runs.find((r) => r.id === "bert_base_v100")!;
    const row = table3Row(
      inputs,
      {...bert, duration: 79, durationUnit: "h"},
      resolveScenario(inputs, paperScenario(inputs))
    );
    expect(row.kwh).toBeCloseTo(kwh79, 9);
    expect(row.co2e_lbs).toBeCloseTo(lbs79, 9);
    expect(row.cost_usd_low).toBeCloseTo(low79, 9);
    expect(row.cost_usd_high).toBeCloseTo(high79, 9);
  });

  test("errata nas-tpu-hours: 979e6 / 3e5 × 10 = 32633.3 h, not the printed 32623 h", () => {
    const hours = (979e6 / 3e5) * 10;
    expect(hours).toBeCloseTo(32633.3333, 4);
    // The printed on-demand cost needs 146,848 / 4.50 = 32,632.9 h; the printed hours give $146,803.50.
    expect(146848 / 4.5).toBeCloseTo(32632.89, 2);
    expect(32623 * 4.5).toBe(146803.5);
    // 32,633 h × $4.50 = $146,848.50, printed with the cents dropped.
    expect(32633 * 4.5).toBe(146848.5);

    const e = byId("nas-tpu-hours");
    expect(e.kind).toBe("difference");
    const t = text(e);
    for (const shown of ["32,633.3 h", "32,623", "32,632.9 h", "$146,848.50", "$146,850.00"])
      expect(t).toContain(shown);
    expect(e.cells).toEqual(expect.arrayContaining(["table3.nas_tpu.hours", "table3.nas_tpu.cost_usd_high"]));
  });

  test("errata tpuv2-price: the printed TPUv2 costs imply $1.35 per hour, fn 7 says $1.46", () => {
    // BERT on 16 TPUv2 for 96 h: 2074 / 1536 = 1.3503; 16 × 96 × 1.35 = 2073.6 ≈ 2074.
    expect(2074 / (16 * 96)).toBeCloseTo(1.3503, 4);
    expect(16 * 96 * 1.35).toBeCloseTo(2073.6, 9);
    // NAS on 1 TPUv2 for 32,633.3 h: 44,055 / 32,633.33 = 1.3500.
    expect(44055 / ((979e6 / 3e5) * 10)).toBeCloseTo(1.35, 9);
    // With fn 7's $1.46: 16 × 96 × 1.46 = $2,242.56 and 32,633.33 × 1.46 = $47,644.67.
    expect(16 * 96 * 1.46).toBeCloseTo(2242.56, 9);
    expect(((979e6 / 3e5) * 10 * 1.46).toFixed(2)).toBe("47644.67");

    const e = byId("tpuv2-price");
    expect(e.kind).toBe("difference");
    const t = text(e);
    for (const shown of ["$1.46", "$1.3503", "$1.3500", "$2,242.56", "$47,645"]) expect(t).toContain(shown);
    expect(e.cells).toEqual(
      expect.arrayContaining(["table3.bert_base_tpu.cost_usd_low", "table3.nas_tpu.cost_usd_low"])
    );
  });

  test("errata elmo-hardware: Table 3 prices 3 P100 for 336 h", () => {
    expect(3 * 336 * 0.43).toBeCloseTo(433.44, 9);
    const e = byId("elmo-hardware");
    expect(e.kind).toBe("note");
    const t = text(e);
    expect(t).toContain("$433.44");
    expect(t).toContain("GTX 1080");
    expect(t).toContain("P100");
  });

  test("errata lisa-hours: 9998 GPU-days × 24 = 239,952 h, Table 4 prints 239,942 h", () => {
    expect(9998 * 24).toBe(239952);
    // With 239,952 h: $103,179.36–$350,329.92 and 239,952 × 216.96 × 1.58 / 1000 × 0.12 = $9,870.57 (printed 9870).
    expect(239952 * 0.43).toBeCloseTo(103179.36, 6);
    expect(239952 * 1.46).toBeCloseTo(350329.92, 6);
    expect(((239952 * 216.96 * 1.58) / 1000) * 0.12).toBeCloseTo(9870.5733, 4);
    const e = byId("lisa-hours");
    expect(e.kind).toBe("note");
    const t = text(e);
    for (const shown of ["239,952 h", "239,942", "10 h", "$103,179", "$350,330", "$9,871"]) expect(t).toContain(shown);
  });

  test("errata lisa-power: 78,468 lbs / 0.954 / 1.58 / 239,942 h × 1000 = 216.96 W, a calibration", () => {
    const watts = (78468 / 0.954 / 1.58 / 239942) * 1000;
    expect(watts).toBeCloseTo(216.9606, 4);
    // The stored input is that value to two decimals.
    const stored = inputs.caseStudy.find((c) => c.key === "gpu_watts")!;
    expect(stored.value).toBe(216.96);
    expect(stored.note).toMatch(/NOT PRINTED/);
    const e = byId("lisa-power");
    expect(e.kind).toBe("calibration");
    expect(e.cells).toEqual(["table1.nlp_pipeline_tuning.co2e_lbs", "table4.project.electricity_usd"]);
    const t = text(e);
    for (const shown of ["216.961 W", "216.96 W", "78,468", "239,942"]) expect(t).toContain(shown);
    // The other cells are named in words, not by their keys.
    expect(t).toContain("Table 1, NLP pipeline (parsing, SRL), CO2e (lbs) = 39");
    expect(t).not.toMatch(/table[1-4]\.[a-z_]+\.[a-z_]+/);
  });

  test("errata lisa-power: the project's electricity is 78,468 / 0.954 × 0.12 whatever the hours, so calibrated", () => {
    const report = buildReport(inputs, paperScenario(inputs));
    const cell = report.cells.find((c) => c.key === "table4.project.electricity_usd")!;
    expect(cell.status).toBe("calibrated");
    // Only the stored power's two decimals separate it from Table 1's cell × price / factor.
    expect(Math.abs(cell.recomputed! - (78468 * 0.12) / 0.954)).toBeLessThan(1);
    // Another project length leaves it where it was once the power is inferred again from the same cell.
    const hours = 100000;
    const watts = (78468 / 0.954 / 1.58 / hours) * 1000;
    const changed = {
      ...inputs,
      caseStudy: inputs.caseStudy.map((c) =>
        c.key === "project_hours" ? {...c, value: hours} : c.key === "gpu_watts" ? {...c, value: watts} : c
      )
    };
    const again = buildReport(changed, paperScenario(changed)).table4.find((r) => r.id === "project")!;
    expect(again.electricity_usd).toBeCloseTo((78468 * 0.12) / 0.954, 6);
    // The cells of one model and of tuning are still independent checks.
    for (const row of ["single", "tuning"])
      expect(report.cells.find((c) => c.key === `table4.${row}.electricity_usd`)!.status).toBe("reproduced");
  });

  test("errata t1-rounding: one LISA model is 39.24 lbs, and 78,468 / 39 = 2012.0 against 1999.5 hours", () => {
    expect(((120 * 216.96 * 1.58) / 1000) * 0.954).toBeCloseTo(39.2434, 4);
    expect(78468 / 39).toBe(2012);
    expect(239942 / 120).toBeCloseTo(1999.52, 2);
    const t = text(byId("t1-rounding"));
    for (const shown of ["39.24 lbs", "2,012.0", "1,999.5"]) expect(t).toContain(shown);
  });

  test("errata pue-and-factor: 0.954 lbs/kWh is 0.4327 kg/kWh", () => {
    expect(0.954 * 0.45359237).toBeCloseTo(0.43272712, 8);
    const e = byId("pue-and-factor");
    expect(e.kind).toBe("note");
    expect(text(e)).toContain("0.4327 kg/kWh");
  });

  test("errata follows the inputs rather than typed-in numbers", () => {
    // Changing BERT's printed hours changes the erratum's arithmetic: nothing in it is a literal.
    const changed: Inputs = {
      ...inputs,
      published: inputs.published.map((c) =>
        c.table === "table3" && c.row === "bert_base_v100" && c.column === "hours"
          ? {...c, value: 78, printed: "78"}
          : c
      )
    };
    const t = text(errata(changed).find((x) => x.id === "bert-hours")!);
    // 1.58 × 78 × 12041.51 / 1000 = 1484.0 kWh; 64 × 78 × 0.74 = $3,694.08.
    expect(t).toContain("1,484.0 kWh");
    expect(t).toContain("$3,694");
  });
});
