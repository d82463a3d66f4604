// The life-cycle choices on the ledger: what each adds to one run under the scenario, the reason where an input is
// missing, the water, and the steps of the stepped chart. Defaults add nothing.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {buildLedger} from "../src/lib/later/ledger-report.js";
import {laterRows} from "../src/lib/later/later.js";
import {accountingSteps} from "../src/lib/later/accounting.js";
import {
  embodiedAddition,
  lifecycleAdditions,
  lifecycleLedger,
  lifecycleOn,
  lifecycleRun,
  serverAddition,
  waterOf,
  waterParts,
  withLifecycleSteps
} from "../src/lib/later/lifecycle.js";
import {parseScenario, type Scenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});
const parse = (query: string): Scenario => parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;
const factor = (id: string) => inputs.accountingFactors!.find((f) => f.id === id)!.value;
const hours = () => new Map(laterRows(inputs).map((r) => [r.id, r.accelerator_hours]));

function runOf(id: string, query = "") {
  const report = buildLedger(inputs, parse(query));
  const row = report.rows.find((r) => r.id === id)!;
  return {report, row, run: lifecycleRun(inputs, row, report.scenario, hours().get(id) ?? null)};
}

describe("lifecycle", () => {
  test("embodiedAddition (LLMCarbon): an H100 card row gets 14.652 kg per die over 5 years for its GPU-hours", () => {
    const {row, run} = runOf("llama3_70b");
    expect(run.accelerator?.id).toBe("H100");
    expect(run.deviceHours).toBe(row.gpu_hours);
    const a = embodiedAddition(inputs, run, "llmcarbon");
    expect(a.add_t).toBeCloseTo(
      (factor("llmcarbon_h100") * row.gpu_hours!) / (factor("llmcarbon_lifetime") * 8760) / 1000,
      12
    );
    expect(a.basis).toMatch(/14\.652 kg per NVIDIA H100 die \(LLMCarbon\), over 5 years of life/);
  });

  test("embodiedAddition (EcoLogits): GPT-3's V100s get 164 kg + 5,700 kg ÷ 8 each, over 3 years", () => {
    const {run} = runOf("gpt3");
    expect(run.deviceHours).toBeCloseTo(10000 * 14.8 * 24, 6);
    const kgPerGpu = factor("ecologits_gpu") + factor("ecologits_server") / factor("ecologits_server_gpus");
    expect(embodiedAddition(inputs, run, "ecologits").add_t).toBeCloseTo(
      (kgPerGpu * run.deviceHours!) / (3 * 8760) / 1000,
      12
    );
  });

  test("embodiedAddition says why, in words, where a run lacks an input: no figure, no accelerator, a TPU", () => {
    expect(embodiedAddition(inputs, runOf("llama2_70b").run, "llmcarbon")).toEqual({
      step: "+ embodied CO2e of the hardware (LLMCarbon)",
      add_t: null,
      basis: "LLMCarbon gives no embodied CO2e for the NVIDIA A100: nothing is added"
    });
    expect(embodiedAddition(inputs, runOf("gopher").run, "llmcarbon").basis).toBe(
      "the source names no accelerator: nothing is added"
    );
    expect(embodiedAddition(inputs, runOf("switch_transformer").run, "ecologits").add_t).toBeNull();
    expect(embodiedAddition(inputs, runOf("switch_transformer").run, "llmcarbon").add_t).toBeGreaterThan(0);
  });

  test("serverAddition: EcoLogits' 1.2 kW per 8 GPUs at the scenario's PUE and intensity, and its accounting", () => {
    const {run, report} = runOf("llama3_70b", "pue=1.1&intensity=400g");
    const kwh = (run.deviceHours! * 1.2 * 1.1) / 8;
    expect(serverAddition(inputs, run, "ecologits").add_t).toBeCloseTo((kwh * 0.4) / 1000, 9);
    // Market-based: the Llama 3.1 card's market-based 0 keeps none of it.
    const market = runOf("llama3_1_70b", "pue=1.1&intensity=400g&accounting=market");
    expect(market.run.accountedShare).toBe(0);
    expect(serverAddition(inputs, market.run, "ecologits").add_t).toBe(0);
    expect(report.scenario.pue).toBe(1.1);
  });

  test("waterOf: on-site WUE × energy at the hardware plus the grid's L/kWh × energy drawn", () => {
    const {row, run} = runOf("gpt3", "pue=1.2");
    expect(run.itKwh).toBeCloseTo((row.mwh_scenario! * 1000) / 1.2, 6);
    const w = waterOf(run, parse("pue=1.2&wue=google&gridwater=USA"))!;
    expect(w.onSiteL).toBeCloseTo(run.itKwh! * 0.999, 6);
    expect(w.offSiteL).toBeCloseTo(run.itKwh! * 1.2 * 3.1321, 6);
    expect(w.totalL).toBeCloseTo(w.onSiteL! + w.offSiteL!, 6);
    expect(waterParts(w).map((p) => p.part)).toEqual([
      "on-site: the data centre's cooling",
      "off-site: generating its electricity"
    ]);
    // Only one part given: the other is off, not 0.
    const own = waterOf(run, parse("pue=1.2&gridwater=2"))!;
    expect(own.onSiteL).toBeNull();
    expect(own.offSiteL).toBeCloseTo(run.itKwh! * 1.2 * 2, 6);
    expect(own.basis).toMatch(/your own figure/);
    expect(waterOf(run, parse("pue=1.2"))).toBeNull();
  });

  test("withLifecycleSteps appends each addition as a step; one without its input adds 0 and says why", () => {
    const {row, report, run} = runOf("llama2_70b", "embodied=ecologits&server=ecologits");
    const base = accountingSteps(row, null, {...report.scenario}, null);
    const additions = lifecycleAdditions(inputs, run, parse("embodied=ecologits&server=ecologits"));
    const steps = withLifecycleSteps(base, additions);
    expect(steps.length).toBe(base.length + 2);
    const last = steps[steps.length - 1];
    expect(last.co2e_t).toBeCloseTo(base[base.length - 1].co2e_t + additions[0].add_t! + additions[1].add_t!, 9);
    expect(steps.slice(base.length).map((s) => s.step)).toEqual([
      "+ the rest of each server's power (EcoLogits)",
      "+ embodied CO2e of the hardware (EcoLogits)"
    ]);
    const none = withLifecycleSteps(base, lifecycleAdditions(inputs, run, parse("embodied=llmcarbon")));
    expect(none[none.length - 1]).toMatchObject({change_t: 0, co2e_t: base[base.length - 1].co2e_t});
    expect(none[none.length - 1].basis).toMatch(/no embodied CO2e for the NVIDIA A100/);
  });

  test("lifecycleOn is false for the paper's scenario, and the defaults add no step", () => {
    expect(lifecycleOn(parse(""))).toBe(false);
    expect(lifecycleAdditions(inputs, runOf("gpt3").run, parse(""))).toEqual([]);
    for (const q of ["embodied=llmcarbon", "server=ecologits", "wue=0.5", "gridwater=FRA"])
      expect(lifecycleOn(parse(q)), q).toBe(true);
  });

  test("lifecycleLedger covers every model row, and its total is the scenario CO2e plus the additions", () => {
    const scenario = parse("embodied=llmcarbon&wue=openai");
    const report = buildLedger(inputs, scenario);
    const rows = lifecycleLedger(inputs, report, scenario, hours());
    expect(rows.map((r) => r.id)).toEqual(report.rows.filter((r) => r.kind === "model").map((r) => r.id));
    const co2eOnly = new Set(report.rows.filter((r) => r.co2e_only).map((r) => r.id));
    expect(co2eOnly.size).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      if (co2eOnly.has(r.id)) {
        // A source that prints only its CO2e: nothing added, no water, and the words say why.
        expect(r.co2e_t_with_lifecycle, r.id).toBeNull();
        expect(r.water_l, r.id).toBeNull();
        expect(r.additions.length, r.id).toBe(1);
        for (const a of r.additions) {
          expect(a.co2e_t, r.id).toBeNull();
          expect(a.basis, r.id).toMatch(/prints only its CO2e .*: there is nothing to recompute, so nothing is added/);
        }
        continue;
      }
      const added = r.additions.reduce((t, a) => t + (a.co2e_t ?? 0), 0);
      expect(r.co2e_t_with_lifecycle!, r.id).toBeCloseTo(r.co2e_t_scenario! + added, 9);
      expect(r.water_l!.off_site, r.id).toBeNull();
    }
  });
});
