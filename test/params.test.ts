// The one parameter codec (src/lib/scenario/params.ts) and its three tables: the scenario's, a run's and the sensitivity view's.
import {describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {RUN_PARAMS, emptyRun, parseEstimateParams} from "../src/lib/estimate/estimate.js";
import {
  numberIn,
  param,
  ParamError,
  parseParams,
  rangeText,
  readParam,
  writeParams,
  type Param,
  type Reject
} from "../src/lib/scenario/params.js";
import {paperScenario, parseScenario, SCENARIO_PARAMS} from "../src/lib/scenario/scenario.js";
import {defaultView, parseView} from "../src/components/sensitivity-model.js";
import {VIEW_PARAMS} from "../src/lib/uncertainty/sensitivity.js";

const inputs = loadInputs("data");
const reject: Reject = (why = "is not allowed") => {
  throw new Error(why);
};

interface Box {
  n: number;
}
const N = param<Box>({
  name: "n",
  help: "a number",
  allowed: () => rangeText([1, 3]),
  read: (t, i, b, no) => void (b.n = numberIn(t, [1, 3], no)),
  write: (b) => String(b.n)
});

describe("numberIn and rangeText", () => {
  test("numberIn reads decimals within the range and rejects the rest", () => {
    expect(numberIn(" 1.5 ", [1, 3], reject)).toBe(1.5);
    expect(numberIn("3e0", [1, 3], reject)).toBe(3);
    for (const bad of ["", "abc", "1,5", "0.9", "3.1", "Infinity", "1e400", "0x2"])
      expect(() => numberIn(bad, [1, 3], reject), bad).toThrow("is not allowed");
    expect(() => numberIn("0", [0, 5], reject, {open: true})).toThrow();
    expect(() => numberIn("1.5", [0, 5], reject, {integer: true})).toThrow();
  });

  test("rangeText writes a closed, open or whole range with its unit", () => {
    expect(rangeText([1, 3])).toBe("a number from 1 to 3");
    expect(rangeText([0, 700], {unit: " W", open: true})).toBe("a number above 0 up to 700 W");
    expect(rangeText([1, 10], {whole: true})).toBe("a whole number from 1 to 10");
  });
});

describe("readParam and parseParams", () => {
  test("readParam throws a ParamError ending with what the parameter allows", () => {
    const box = {n: 2};
    readParam(N, "3", inputs, box);
    expect(box.n).toBe(3);
    const error = (() => {
      try {
        readParam(N, "9", inputs, box);
      } catch (e) {
        return e as ParamError;
      }
    })();
    expect(error).toBeInstanceOf(ParamError);
    expect(error?.param).toBe("n");
    expect(error?.message).toBe('n "9" is not allowed: a number from 1 to 3');
  });

  test("parseParams gives a notice per ignored pair, or throws the first with strict", () => {
    const box = {n: 2};
    const tables = [{params: [N] as readonly Param<never>[], into: box}];
    expect(
      parseParams(
        [
          ["n", "x"],
          ["m", "1"],
          ["n", "1"]
        ],
        inputs,
        tables
      )
    ).toEqual([
      {param: "n", value: "x", message: 'n "x" is not allowed: a number from 1 to 3; the default is used'},
      {param: "m", value: "1", message: 'unknown parameter "m": allowed are n; the default is used'}
    ]);
    expect(box.n).toBe(1);
    expect(() => parseParams([["m", "1"]], inputs, tables, {strict: true})).toThrow('unknown parameter "m"');
  });

  test("writeParams writes only what differs from the defaults, in table order", () => {
    expect(writeParams([N], {n: 3}, {n: 2}).toString()).toBe("n=3");
    expect(writeParams([N], {n: 2}, {n: 2}).toString()).toBe("");
  });
});

describe("the parameter tables", () => {
  const tables: Array<[string, readonly Param<never>[], () => unknown]> = [
    ["SCENARIO_PARAMS", SCENARIO_PARAMS, () => paperScenario(inputs)],
    ["RUN_PARAMS", RUN_PARAMS, () => emptyRun()],
    ["VIEW_PARAMS", VIEW_PARAMS, () => defaultView(inputs)]
  ];

  test("every parameter's error message ends with its one 'allowed' text", () => {
    for (const [table, params, target] of tables) {
      for (const p of params as readonly Param<unknown>[]) {
        const message = (() => {
          try {
            readParam(p, "<not a value>", inputs, target());
          } catch (e) {
            return (e as Error).message;
          }
          return null;
        })();
        expect(message?.startsWith(`${p.name} "<not a value>" is not `), `${table} ${p.name}: ${message}`).toBe(true);
        expect(message?.endsWith(`: ${p.allowed(inputs)}`), `${table} ${p.name}: ${message}`).toBe(true);
      }
    }
  });

  test("parameter names are unique across the tables that are read together", () => {
    const names = [...SCENARIO_PARAMS, ...RUN_PARAMS, ...VIEW_PARAMS].map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test("intensity names what is wrong and what is allowed", () => {
    const read = (text: string) => () => parseScenario([["intensity", text]], inputs, {strict: true});
    const allowed = "a number with g, kg or lbs (per kWh), e.g. 0.429kg, 429g, 0.954lbs";
    expect(read("5")).toThrow(`intensity "5" is not a number followed by g, kg or lbs (per kWh): ${allowed}`);
    expect(read("5.1kg")).toThrow(`intensity "5.1kg" is outside 0–5 kg CO2e per kWh: ${allowed}`);
    expect(read("1e400g")).toThrow(/is outside 0–5/);
    expect(parseScenario([["intensity", "429g"]], inputs, {strict: true}).scenario.intensity).toBeCloseTo(0.429, 12);
  });

  test("parseView reads model and seed with the scenario, in one pass with one unknown-parameter message", () => {
    const {view, notices} = parseView("pue=1.1&model=nas_tpuv2&seed=7&seed=-1&bogus=1", inputs);
    expect(view.scenario.pue).toBe(1.1);
    expect(view.model).toBe("nas_tpuv2");
    expect(view.seed).toBe(7);
    expect(notices.map((n) => n.param)).toEqual(["seed", "bogus"]);
    expect(notices[0].message).toBe(
      'seed "-1" is not allowed: a whole number from 0 to 4294967295; the default is used'
    );
    expect(notices[1].message).toMatch(
      /^unknown parameter "bogus": allowed are pue, .*, units, accounting, embodied, server, wue, gridwater, model, seed;/
    );
  });

  test("parseEstimateParams reads run and scenario parameters and names an unknown one with both tables", () => {
    const {run, scenario} = parseEstimateParams(
      [
        ["count", "8"],
        ["pue", "1.2"]
      ],
      inputs
    );
    expect(run.count).toBe(8);
    expect(scenario.pue).toBe(1.2);
    expect(() => parseEstimateParams([["model", "x"]], inputs)).toThrow(
      /^unknown parameter "model": allowed are accelerator, count, .*, gap-seconds, pue, .*, units, accounting, embodied, server, wue, gridwater$/
    );
  });
});
