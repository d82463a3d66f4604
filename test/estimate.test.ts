import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {
  estimate,
  estimateFromParams,
  estimateMarkdown,
  estimateText,
  ParamError,
  paperRow,
  parseEstimateParams
} from "../src/lib/estimate/estimate.js";
import {NvidiaSmiError} from "../src/lib/estimate/nvidia-smi.js";
import type {Inputs} from "../src/lib/inputs/types.js";

// "Your own run" with equation 1 (kWh = PUE · h · (p_c + p_r + g · p_g) / 1000) and equation 2 (CO2e = kWh ·
// intensity), every expected value worked by hand.

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

const log = (name: string) => ({file: name, text: readFileSync(`test/fixtures/nvidia-smi/${name}`, "utf8")});
const KG_PER_LB = 0.45359237;

function paramError(run: () => unknown): ParamError {
  try {
    run();
  } catch (e) {
    if (e instanceof ParamError) return e;
    throw e;
  }
  throw new Error("no ParamError");
}

describe("estimate", () => {
  test("estimateFromParams: 8 A100 at a measured 400 W for 100 h, PUE 1.1, 0.385 kg/kWh → 352 kWh, 135.52 kg", () => {
    const e = estimateFromParams(inputs, [
      ["accelerator", "A100"],
      ["count", "8"],
      ["watts", "400"],
      ["hours", "100"],
      ["pue", "1.1"],
      ["intensity", "0.385kg"]
    ]);
    // 8 × 400 W = 3200 W; 1.1 × 100 h × 3200 W / 1000 = 352 kWh; × 0.385 = 135.52 kg = 298.77 lbs.
    expect(e.power_w).toBe(3200);
    expect(e.kwh).toBeCloseTo(352, 9);
    expect(e.co2e_kg).toBeCloseTo(135.52, 9);
    expect(e.co2e_lbs).toBeCloseTo(135.52 / KG_PER_LB, 9);
    expect(e.co2e_t).toBeCloseTo(0.13552, 12);
    expect(e.electricity_usd).toBeCloseTo(352 * 0.12, 9);
    // Google Cloud's 2019 prices (fn 7) have no A100.
    expect(e.cost_usd_low).toBeNull();
    expect(e.inputs).toMatchObject({
      accelerator: "A100",
      count: 8,
      watts_per_accelerator: 400,
      watts_source: "measured (given)"
    });
    expect(e.inputs.intensity_source).toBe("direct intensity");
    expect(e.nvidia_smi).toBeNull();
  });

  test("estimate with the paper's defaults: 8 P100 at nameplate 250 W for 84 h is Transformer (big)'s cost, $289–$981", () => {
    const e = estimateFromParams(inputs, [
      ["accelerator", "P100"],
      ["count", "8"],
      ["hours", "3.5d"]
    ]);
    // 3.5 d = 84 h; 8 × 250 W = 2000 W; 1.58 × 84 × 2000 / 1000 = 265.44 kWh; × 0.954 lbs = 253.23 lbs.
    expect(e.hours).toBe(84);
    expect(e.kwh).toBeCloseTo(265.44, 9);
    expect(e.co2e_lbs).toBeCloseTo(265.44 * 0.954, 9);
    // 8 × 84 h × $0.43 = $288.96; × $1.46 = $981.12 (the paper prints 289–981 for this hardware and time).
    expect(e.cost_usd_low).toBeCloseTo(288.96, 9);
    expect(e.cost_usd_high).toBeCloseTo(981.12, 9);
    expect(e.cost_source).toMatch(/^P100 per accelerator-hour, \$0\.43 pre-emptible to \$1\.46 on demand/);
    expect(e.inputs.watts_source).toMatch(/^nameplate NVIDIA Tesla P100 PCIe \(NVIDIA Tesla P100 PCIe datasheet/);
    expect(e.inputs.pue).toBe(1.58);
  });

  test("estimate with a TPU uses Patterson's measured average: 32 TPUv3 for a week cost GPT-2's $12,902–$43,008", () => {
    const e = estimateFromParams(inputs, [
      ["accelerator", "TPUv3"],
      ["count", "32"],
      ["hours", "7d"]
    ]);
    // 32 × 289 W = 9248 W; 1.58 × 168 h × 9248 / 1000 = 2454.77 kWh.
    expect(e.power_w).toBe(9248);
    expect(e.kwh).toBeCloseTo((1.58 * 168 * 9248) / 1000, 9);
    expect(e.cost_usd_low).toBeCloseTo(32 * 168 * 2.4, 9);
    expect(e.cost_usd_high).toBeCloseTo(32 * 168 * 8, 9);
    expect(e.inputs.watts_source).toMatch(/^measured Google TPU v3 chip/);
  });

  test("estimate adds CPU and DRAM power as in equation 1", () => {
    const e = estimateFromParams(inputs, [
      ["accelerator", "V100"],
      ["count", "4"],
      ["hours", "10"],
      ["cpu-watts", "150"],
      ["dram-watts", "30"],
      ["pue", "1"]
    ]);
    // 150 + 30 + 4 × 300 W = 1380 W × 10 h = 13.8 kWh.
    expect(e.power_w).toBe(1380);
    expect(e.kwh).toBeCloseTo(13.8, 12);
    expect(e.inputs).toMatchObject({cpu_watts: 150, dram_watts: 30});
  });

  test("estimate takes power and duration from a power log: 4 GPUs, 946 W over 5.006 s", () => {
    const e = estimateFromParams(
      inputs,
      [
        ["pue", "1.58"],
        ["intensity", "0.954lbs"]
      ],
      log("four-gpus.csv")
    );
    // Mean GPU 236.5 W × 4 = 946 W; 1.58 × (5.006 / 3600) h × 946 W / 1000 kWh; × 0.954 lbs.
    const kwh = (1.58 * (5.006 / 3600) * 946) / 1000;
    expect(e.inputs.count).toBe(4);
    expect(e.inputs.watts_per_accelerator).toBeCloseTo(236.5, 9);
    expect(e.hours).toBeCloseTo(5.006 / 3600, 12);
    expect(e.kwh).toBeCloseTo(kwh, 12);
    expect(e.co2e_lbs).toBeCloseTo(kwh * 0.954, 12);
    expect(e.inputs.accelerator).toBeNull();
    expect(e.nvidia_smi).toMatchObject({file: "four-gpus.csv", gaps: 0, skipped_lines: 0});
    expect(e.nvidia_smi!.energy_kwh_before_pue).toBeCloseTo((946 * 5.006) / 3.6e6, 12);
    expect(e.inputs.hours_source).toBe("nvidia-smi log four-gpus.csv: first to last sample");
  });

  test("estimate scales a sampled power by a given count and training time, as the paper did", () => {
    const e = estimateFromParams(
      inputs,
      [
        ["count", "8"],
        ["hours", "3.5d"]
      ],
      log("na-and-malformed.csv")
    );
    // GPUs average 120 and 240 W: mean 180 W × 8 = 1440 W; 1.58 × 84 h × 1440 / 1000 = 191.1168 kWh.
    expect(e.power_w).toBeCloseTo(1440, 9);
    expect(e.kwh).toBeCloseTo(191.1168, 9);
    expect(e.nvidia_smi!.skipped_lines).toBe(6);
    expect(e.nvidia_smi!.warnings).toHaveLength(3);
  });

  test("estimate: a measured power overrides both the log and the table", () => {
    const e = estimateFromParams(
      inputs,
      [
        ["accelerator", "H100"],
        ["watts", "500"],
        ["hours", "1"]
      ],
      log("single-gpu.csv")
    );
    expect(e.inputs.watts_per_accelerator).toBe(500);
    expect(e.inputs.count).toBe(1);
    expect(e.hours).toBe(1);
  });

  test("estimate passes the gap threshold to the log reader", () => {
    const e = estimateFromParams(inputs, [["gap-seconds", "100"]], log("with-gaps.csv"));
    expect(e.nvidia_smi!.gaps).toBe(0);
    expect(e.nvidia_smi!.gap_threshold_s).toBe(100);
    expect(() => estimateFromParams(inputs, [], log("bad-header.csv"))).toThrow(NvidiaSmiError);
  });

  test("estimate: no power, no hours, or an accelerator without a power are errors naming the parameter", () => {
    expect(paramError(() => estimateFromParams(inputs, [["hours", "1"]])).param).toBe("accelerator");
    expect(paramError(() => estimateFromParams(inputs, [["accelerator", "A100"]])).message).toMatch(
      /^no training time/
    );
    const noPower: Inputs = {
      ...inputs,
      accelerators: inputs.accelerators.map((a) => (a.id === "M40" ? {...a, watts: null} : a))
    };
    const e = paramError(() =>
      estimate(
        noPower,
        {
          ...parseEstimateParams(
            [
              ["accelerator", "M40"],
              ["hours", "1"]
            ],
            noPower
          ).run
        },
        parseEstimateParams([], noPower).scenario
      )
    );
    expect(e.param).toBe("watts");
    expect(e.message).toBe(
      "data/accelerators.csv gives no power for M40: give a measured power (watts) or a power log"
    );
  });

  test("parseEstimateParams rejects each bad value with what is allowed", () => {
    const bad = (name: string, value: string) => paramError(() => parseEstimateParams([[name, value]], inputs));
    expect(bad("count", "0").message).toBe('count "0" is not allowed: a whole number from 1 to 1,000,000');
    expect(bad("count", "1.5").param).toBe("count");
    expect(bad("watts", "0").message).toBe('watts "0" is not allowed: a number above 0 up to 5,000 W');
    expect(bad("hours", "3 weeks").message).toMatch(/^hours "3 weeks" is not allowed: a number of hours/);
    expect(bad("hours", "0").param).toBe("hours");
    expect(bad("cpu-watts", "-5").param).toBe("cpu-watts");
    expect(bad("accelerator", "K80").message).toMatch(/^accelerator "K80" is not allowed: one of P100, V100/);
    expect(bad("pue", "4").message).toBe('pue "4" is not allowed: a number from 1 to 3');
    expect(bad("pue", "4").param).toBe("pue");
    expect(bad("intensity", "lots").param).toBe("intensity");
    expect(bad("speed", "1").message).toMatch(/^unknown parameter "speed": allowed are accelerator, count/);
  });

  test("parseEstimateParams reads an accelerator id in any case and days as hours", () => {
    const {run} = parseEstimateParams(
      [
        ["accelerator", "a100-pcie"],
        ["hours", "2d"]
      ],
      inputs
    );
    expect(run.accelerator).toBe("A100-PCIe");
    expect(run.hours).toBe(48);
  });

  test("paperRow, estimateMarkdown and estimateText show the row in the paper's format", () => {
    const e = estimateFromParams(inputs, [
      ["accelerator", "P100"],
      ["count", "8"],
      ["hours", "84"]
    ]);
    expect(paperRow(e).map((c) => c.value)).toEqual(["P100×8", "2,000.00", "84", "265.4", "253.2", "$289–$981"]);
    expect(estimateMarkdown(e)).toBe(
      "| Hardware | Power (W) | Hours | Energy incl. PUE (kWh) | CO2e (lbs) | Cloud compute cost (USD) |\n" +
        "| --- | ---: | ---: | ---: | ---: | ---: |\n" +
        "| P100×8 | 2,000.00 | 84 | 265.4 | 253.2 | $289–$981 |\n"
    );
    const text = estimateText(e);
    expect(text).toMatch(/^Training on 8 × NVIDIA Tesla P100 PCIe at 250 W each/);
    expect(text).toContain("drew 265.4 kWh");
    expect(text).toContain("that is 114.9 kg CO2e (253.2 lbs, 0.1149 t)");
    expect(text).not.toMatch(/[<>\\$]{2}|\\textbf|<[a-z]/);
    const kg = estimateFromParams(inputs, [
      ["accelerator", "P100"],
      ["count", "8"],
      ["hours", "84"],
      ["units", "kg"]
    ]);
    expect(paperRow(kg)[4]).toEqual({label: "CO2e (kg)", value: "114.9"});
  });
});
