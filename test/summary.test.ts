import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {buildReport, type Report} from "../src/lib/paper/report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {
  claimVerdicts,
  countStatuses,
  hoursDerivation,
  isComputedCell,
  quotedFigure,
  summariseCells
} from "../src/lib/paper/summary.js";
import {runHours} from "../src/lib/paper/tables.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
let paper: Report;

beforeAll(() => {
  inputs = loadInputs("data");
  paper = buildReport(inputs, paperScenario(inputs));
});

describe("summary", () => {
  test("quotedFigure reads a figure and its precision from a phrase", () => {
    expect(quotedFigure("626,000 lbs")).toEqual({value: 626000, step: 1000});
    expect(quotedFigure("78,000 lbs")).toEqual({value: 78000, step: 1000});
    expect(quotedFigure("4,789 models")).toEqual({value: 4789, step: 1});
    expect(quotedFigure("about 1.5 times")).toEqual({value: 1.5, step: 0.1});
    expect(quotedFigure("nearly five times")).toEqual({value: 5, step: 1});
    expect(quotedFigure("six months")).toEqual({value: 6, step: 1});
  });

  test("quotedFigure ignores digits inside words such as CO2e", () => {
    expect(quotedFigure("roughly as much CO2e as one")).toEqual({value: 1, step: 1});
  });

  test("quotedFigure rejects a phrase with no figure, naming it", () => {
    expect(() => quotedFigure("a lot of CO2e")).toThrow(/"a lot of CO2e" states no figure/);
  });

  test("claimVerdicts checks each press claim under the paper's assumptions", () => {
    const verdicts = Object.fromEntries(claimVerdicts(paper.claims).map((v) => [v.claim.id, v]));
    expect(Object.keys(verdicts)).toEqual(["nas-cars", "bert-flight", "lisa-project"]);
    // 626,155 lbs rounds to 626,000; 626,155 / 126,000 = 4.97, which rounds to 5 and is below it.
    expect(verdicts["nas-cars"].verdict).toBe("holds");
    expect(verdicts["nas-cars"].checks.map((c) => [c.quoted, c.verdict])).toEqual([
      [626000, "holds"],
      [5, "holds"]
    ]);
    expect(verdicts["nas-cars"].checks[1].recomputed).toBeCloseTo(4.9695, 4);
    // 1,437.5 lbs / 1,984 lbs = 0.72: more than 10 % short of one flight, within a factor of 1.5.
    expect(verdicts["bert-flight"].verdict).toBe("roughly");
    expect(verdicts["bert-flight"].checks[0].recomputed).toBeCloseTo(0.7246, 4);
    // 172 days are 5.65 months, which round to six; 78,468 lbs round to 78,000.
    expect(verdicts["lisa-project"].verdict).toBe("holds");
    expect(verdicts["lisa-project"].checks.map((c) => c.recomputed)).toEqual([
      4789,
      expect.closeTo(5.651, 3),
      expect.closeTo(78467.79, 2)
    ]);
  });

  test("claimVerdicts finds a claim that does not hold under another scenario", () => {
    // With PUE 1 NAS emits 626,155 / 1.58 = 396,300 lbs: 3.1 cars, not "nearly five".
    const report = buildReport(inputs, {...paperScenario(inputs), pue: 1});
    const nas = claimVerdicts(report.claims).find((v) => v.claim.id === "nas-cars")!;
    expect(nas.checks[1].recomputed).toBeCloseTo(3.1452, 4);
    expect(nas.checks.map((c) => c.verdict)).toEqual(["does not hold", "does not hold"]);
    expect(nas.verdict).toBe("does not hold");
  });

  test("claimVerdicts rejects a claim whose quote no longer has the checked phrase", () => {
    const claim = {...paper.claims[0], quote: "Training one model emits a lot"};
    expect(() => claimVerdicts([claim])).toThrow(/"nas-cars" no longer says "626,000 lbs"/);
    expect(() => claimVerdicts([{...paper.claims[0], id: "unknown"}])).toThrow(/"unknown" has no checks/);
  });

  test("summariseCells counts printed and computed cells by status", () => {
    const s = summariseCells(paper.cells);
    expect(s.printed.total).toBe(paper.cells.length);
    // The paper computed 39 cells: every printed cell but the hours columns.
    expect(s.computed.total).toBe(39);
    expect(s.computed.total).toBe(paper.cells.filter((c) => c.column !== "hours").length);
    for (const counts of [s.printed, s.computed, ...Object.values(s.byTable)]) {
      expect(counts.reproduced + counts.differs + counts.calibrated).toBe(counts.total);
    }
    expect(s.byTable.table1.calibrated).toBe(1);
    expect(s.computed.differs).toBe(
      s.printed.differs - paper.cells.filter((c) => c.column === "hours" && c.status === "differs").length
    );
    expect(s.unexplained).toEqual([]);
  });

  test("summariseCells lists a differing cell that no erratum explains", () => {
    const cells = paper.cells.map((c) => (c.key === "table3.nas_tpu.hours" ? {...c, errata: []} : c));
    expect(summariseCells(cells).unexplained.map((c) => c.key)).toEqual(["table3.nas_tpu.hours"]);
  });

  test("isComputedCell and countStatuses classify single cells", () => {
    expect(isComputedCell({column: "hours"})).toBe(false);
    expect(isComputedCell({column: "co2e_lbs"})).toBe(true);
    expect(countStatuses([{status: "differs"}, {status: "reproduced"}, {status: "differs"}])).toEqual({
      total: 3,
      reproduced: 1,
      differs: 2,
      calibrated: 0,
      scenario: 0
    });
    expect(countStatuses([{status: "scenario"}, {status: "reproduced"}]).scenario).toBe(1);
  });

  test("hoursDerivation shows how each run's hours follow from its source", () => {
    const run = (id: string) => inputs.runs.find((r) => r.id === id)!;
    expect(hoursDerivation(run("nas_p100")).expression).toBe("979,000,000 steps ÷ 300,000 steps × 84 h = 274,120 h");
    expect(hoursDerivation(run("nas_tpu")).expression).toBe("979,000,000 steps ÷ 300,000 steps × 10 h = 32,633.3 h");
    expect(hoursDerivation(run("bert_base_v100")).expression).toBe("3.3 d × 24 h/d = 79.2 h");
    expect(hoursDerivation(run("transformer_base")).expression).toBe("12 h, as given");
    for (const r of inputs.runs) expect(hoursDerivation(r).hours).toBe(runHours(r));
  });
});
