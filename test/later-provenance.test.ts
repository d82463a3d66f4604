// Provenance of the later studies as their primary texts give it (issue 13's slips): each test would have
// caught the slip it names.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {laterErrata} from "../src/lib/later/later-errata.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

const all = (i: Inputs) => [
  ...i.laterModels.map((m) => `${m.locator} ${m.note ?? ""}`),
  ...i.laterPublished.map((c) => c.locator),
  ...i.nasCorrection.map((c) => `${c.locator} ${c.note ?? ""}`),
  ...i.puePresets.map((p) => `${p.label} ${p.locator} ${p.note ?? ""}`)
];

describe("later-provenance", () => {
  test("loadInputs: the Evolved Transformer search ran in Google's Georgia datacentre (Appendix D), nowhere Oklahoma", () => {
    for (const text of all(inputs)) expect(text).not.toMatch(/Oklahoma/);
    const et = inputs.laterModels.find((m) => m.id === "evolved_transformer_nas")!;
    expect(et.note).toMatch(/Georgia/);
    expect(et.locator).toMatch(/Appendix D/);
    const kg = inputs.nasCorrection.find((c) => c.key === "kg_per_kwh")!;
    expect(kg.note).toMatch(/Georgia.*Dec 2018/);
    const preset = inputs.puePresets.find((p) => p.id === "hyperscale")!;
    expect(preset.label).not.toMatch(/2019/);
    expect(preset.label).toMatch(/Georgia/);
  });

  test("loadInputs: Appendix D's energy is not a printed value (it prints the expression and = 3.2 tCO2e (7096 lbs))", () => {
    const appendix = inputs.laterPublished.filter(
      (c) => c.table === "patterson-appendix" && c.row !== "strubell_factor"
    );
    expect(appendix.map((c) => [c.column, c.printed])).toEqual([
      ["co2e_lbs_gross", "7,096"],
      ["co2e_t_gross", "3.2"]
    ]);
    expect(inputs.laterPublished.some((c) => c.printed === "7.47")).toBe(false);
  });

  test("loadInputs: OPT's 75 t is located in §6 Considerations for Release, footnote 10", () => {
    const opt = inputs.laterPublished.find((c) => c.table === "zhang-text" && c.row === "opt_175b")!;
    expect(opt.locator).toMatch(/^§6 Considerations for Release, fn 10/);
  });

  test("loadInputs: BLOOM's comparison table has its number, and the values that paper inferred are flagged", () => {
    for (const c of inputs.laterPublished.filter((x) => x.table === "luccioni-comparison"))
      expect(c.locator, `${c.row}.${c.column}`).toMatch(/^Table 4 /);
    const italic = (row: string) => inputs.laterModels.find((m) => m.id === row)!.inferredBySource;
    expect(italic("gopher")).toEqual(["energy_kwh"]);
    expect(italic("opt_175b")).toEqual(["energy_kwh", "pue", "gross_kg_per_kwh"]);
    expect(italic("gpt3")).toEqual([]);
    expect(italic("bloom")).toEqual([]);
    const flagged = inputs.laterPublished
      .filter((c) => /in italics/.test(c.locator))
      .map((c) => `${c.row}.${c.column}`);
    expect(flagged).toEqual(["gopher.mwh_hardware", "opt_175b.mwh_hardware"]);
  });

  test("laterErrata: patterson-t4-rounding names Meena, whose 96.4 t is not the printed 232 MWh × 0.415 = 96.28", () => {
    const e = laterErrata(inputs).find((x) => x.id === "patterson-t4-rounding")!;
    expect(e.summary).toMatch(/Meena's 96\.4 t/);
    expect(e.steps.some((s) => /^printed 232 MWh × 0\.415/.test(s.expression) && /96\.28 t/.test(s.result))).toBe(true);
  });
});
