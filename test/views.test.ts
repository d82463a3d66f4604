import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {buildReport, type Report} from "../src/lib/paper/report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {toText} from "../src/lib/present/exports.js";
import {massDecimals, summariseStatus, tableViews, type TableView} from "../src/lib/present/views.js";

let inputs: Inputs;
let paper: Report;
const view = (views: TableView[], id: TableView["id"]) => views.find((v) => v.id === id)!;

beforeAll(() => {
  inputs = loadInputs("data");
  paper = buildReport(inputs, paperScenario(inputs));
});

describe("views", () => {
  test("tableViews gives the four tables in order, each row with every column key", () => {
    const views = tableViews(paper);
    expect(views.map((v) => v.id)).toEqual(["table1", "table2", "table3", "table4"]);
    for (const v of views) {
      expect(v.title).toMatch(/^Table \d\. /);
      expect(v.caption).toContain("Strubell, Ganesh & McCallum (2019)");
      const keys = v.columns.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const row of v.rows) for (const key of keys) expect(row, `${v.id} ${key}`).toHaveProperty(key);
    }
    expect(view(views, "table1").rows).toHaveLength(8);
    expect(view(views, "table2").rows).toHaveLength(6);
    expect(view(views, "table3").rows).toHaveLength(8);
    expect(view(views, "table4").rows).toHaveLength(3);
  });

  test("tableViews puts recomputed, printed and status side by side under the paper's scenario", () => {
    const views = tableViews(paper);
    expect(view(views, "table3").caption).toContain("the paper's assumptions");
    const bert = view(views, "table3").rows.find((r) => r.hardware === "V100x64")!;
    expect(bert.hours).toBeCloseTo(79.2, 12);
    expect(bert.hours_printed).toBe(79);
    expect(bert.kwh).toBeCloseTo(1506.8264, 4);
    expect(bert.kwh_printed).toBe(1507);
    expect(bert.co2e_lbs).toBeCloseTo(1437.5124, 4);
    expect(bert.co2e_lbs_printed).toBe(1438);
    // The printed cost range is two numbers, not the text "3751–12,571".
    expect([bert.cost_usd_low_printed, bert.cost_usd_high_printed]).toEqual([3751, 12571]);
    expect(bert.status).toBe("reproduced");
    const tpu = view(views, "table3").rows.find((r) => r.hardware === "TPUv2x16")!;
    expect(tpu.power_w).toBeNull();
    expect(tpu.kwh).toBeNull();
    expect(tpu.co2e_lbs).toBeNull();
    expect(tpu.status).toBe("differs (cloud cost, low (USD))");
    // Only lbs are shown in the paper's units: one lbs column.
    expect(view(views, "table3").columns.filter((c) => c.key === "co2e_lbs").length).toBe(1);
  });

  test("tableViews marks Table 1's consumption rows as inputs and its training rows by status", () => {
    const rows = view(tableViews(paper), "table1").rows;
    const car = rows.find((r) => String(r.label).startsWith("Car"))!;
    expect(car).toMatchObject({co2e_lbs: 126000, co2e_lbs_printed: 126000, status: "input"});
    const pipeline = rows.find((r) => r.label === "NLP pipeline (parsing, SRL)")!;
    expect(pipeline.co2e_lbs).toBeCloseTo(39.2434, 4);
    expect(pipeline.co2e_lbs_printed).toBe(39);
    expect(pipeline.status).toBe("reproduced");
    const tuned = rows.find((r) => r.label === "NLP pipeline w/ tuning & experimentation")!;
    expect(tuned.status).toBe("calibrated");
  });

  test("tableViews converts CO2e to the scenario's unit and keeps a lbs column beside it", () => {
    const kg = buildReport(inputs, {...paperScenario(inputs), units: "kg"});
    const t3 = view(tableViews(kg), "table3");
    expect(t3.columns.map((c) => c.key)).toContain("co2e_lbs");
    expect(t3.columns.find((c) => c.key === "co2e_kg")!.label).toBe("CO2e (kg)");
    const bert = t3.rows.find((r) => r.hardware === "V100x64")!;
    // 1437.5124 lbs × 0.45359237 = 652.0446 kg.
    expect(bert.co2e_kg).toBeCloseTo(652.0446, 4);
    expect(bert.co2e_lbs).toBeCloseTo(1437.5124, 4);
    const t1 = view(tableViews(buildReport(inputs, {...paperScenario(inputs), units: "t"})), "table1");
    // 126,000 lbs × 0.45359237 / 1000 = 57.1526 t.
    expect(t1.rows.find((r) => String(r.label).startsWith("Car"))!.co2e_t).toBeCloseTo(57.1526, 4);
    // Three decimals in tonnes: one LISA model (0.018 t) does not print as 0.0 t.
    expect(t1.columns.find((c) => c.key === "co2e_t")!.decimals).toBe(3);
  });

  test("tableViews names a changed scenario in the caption", () => {
    const views = tableViews(buildReport(inputs, {...paperScenario(inputs), pue: 1.1}));
    expect(view(views, "table3").caption).toContain("scenario ?pue=1.1");
  });

  test("summariseStatus gives one word per row, naming the differing columns", () => {
    expect(summariseStatus({})).toBe("");
    expect(summariseStatus({kwh: "reproduced", hours: "reproduced"})).toBe("reproduced");
    expect(summariseStatus({kwh: "calibrated", hours: "reproduced"})).toBe("calibrated");
    expect(summariseStatus({hours: "differs", kwh: "calibrated", cost_usd_low: "differs"})).toBe(
      "differs (hours, cloud cost, low (USD))"
    );
    expect(summariseStatus({kwh: "scenario", hours: "reproduced"})).toBe("scenario");
  });
});

describe("massDecimals", () => {
  test("massDecimals gives tonnes three decimals, so the text report shows 0.018 t, not 0.0 t", () => {
    expect(massDecimals("t")).toBe(3);
    expect(massDecimals("lbs")).toBe(0);
    const t = tableViews(buildReport(inputs, {...paperScenario(inputs), units: "t"}));
    const text = toText(t[0]);
    expect(text).toMatch(/NLP pipeline \(parsing, SRL\)\s+0\.018\s/);
    expect(text).not.toMatch(/\s0\.0\s/);
  });
});
