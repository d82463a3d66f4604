import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {
  formatMass,
  formatMassValue,
  PAGE_SAMPLES,
  parseView,
  serializeView
} from "../src/components/sensitivity-model.js";
import {DEFAULT_MODEL, DEFAULT_SEED} from "../src/lib/uncertainty/sensitivity.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs();
});

describe("sensitivity-model", () => {
  test("formatMass: whole numbers from 1,000 up, three significant digits below", () => {
    expect(formatMass(179759.4, "kg")).toBe("179,759 kg");
    expect(formatMass(284019, "t")).toBe("284 t");
    expect(formatMass(3218.7, "t")).toBe("3.22 t");
    expect(formatMass(11.8, "t")).toBe("0.0118 t");
    expect(formatMass(0.45359237 * 626155, "lbs")).toBe("626,155 lbs");
    expect(formatMassValue(12.345, "kg")).toBe("12.3");
  });

  test("parseView with no query is the paper's scenario, the NAS (P100) row and seed 2019", () => {
    const {view, notices} = parseView("", inputs);
    expect(notices).toEqual([]);
    expect(view).toMatchObject({model: DEFAULT_MODEL, seed: DEFAULT_SEED});
    expect(view.scenario.pue).toBe(1.58);
    expect(PAGE_SAMPLES).toBe(5000);
  });

  test("parseView reads model and seed beside the scenario; bad ones keep their default with a notice", () => {
    const {view, notices} = parseView("pue=1.2&model=elmo&seed=7", inputs);
    expect(view).toMatchObject({model: "elmo", seed: 7, scenario: {pue: 1.2}});
    expect(notices).toEqual([]);
    const bad = parseView("model=gpt9&seed=-1", inputs);
    expect(bad.view).toMatchObject({model: DEFAULT_MODEL, seed: DEFAULT_SEED});
    expect(bad.notices.map((n) => n.param)).toEqual(["model", "seed"]);
  });

  test("serializeView round-trips through parseView, writing only what differs from the defaults", () => {
    for (const query of ["", "pue=1.2&grid=custom&mix=17%2C30%2C27%2C19&model=elmo&seed=99", "factor=coal%3A900g"]) {
      const {view} = parseView(query, inputs);
      const written = serializeView(view, inputs);
      expect(parseView(written, inputs).view).toEqual(view);
    }
    expect(serializeView(parseView("", inputs).view, inputs)).toBe("");
  });
});
