// The life-cycle parameters of the one codec: embodied, server, wue and gridwater read the same from a URL and from
// CLI flags, write back what they read, are off by default (the paper's scenario and its outputs are unchanged), and
// name what is allowed when a value is not.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {paperScenario, parseScenario, serializeScenario, type Scenario} from "../src/lib/scenario/scenario.js";
import {waterOptions} from "../src/lib/scenario/lifecycle-params.js";
import {scenarioFromFlags} from "../cli/options.js";
import {runLedger} from "../cli/ledger-cli.js";
import {runReport} from "../cli/cli.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});
const url = (query: string): Scenario => parseScenario(new URLSearchParams(query), inputs, {strict: true}).scenario;
const flags = (values: Record<string, string>): Scenario =>
  scenarioFromFlags(values, inputs, (message) => {
    throw new Error(message);
  });

describe("lifecycle-params", () => {
  test("parseScenario leaves every life-cycle choice off by default, and the paper's scenario writes none", () => {
    const s = url("");
    expect([s.embodied, s.server, s.wue, s.gridWater]).toEqual([undefined, undefined, undefined, undefined]);
    expect(serializeScenario(paperScenario(inputs), inputs)).toBe("");
    expect(serializeScenario(url("embodied=off&server=off&wue=off&gridwater=off"), inputs)).toBe("");
  });

  test("each parameter round-trips through the URL, and the CLI flag of the same name reads the same scenario", () => {
    const cases: Record<string, string> = {
      embodied: "ecologits",
      server: "ecologits",
      wue: "mistralai",
      gridwater: "WOR"
    };
    for (const [name, value] of Object.entries(cases)) {
      const fromUrl = url(`${name}=${value}`);
      expect(serializeScenario(fromUrl, inputs), name).toBe(`${name}=${value}`);
      expect(url(serializeScenario(fromUrl, inputs)), name).toEqual(fromUrl);
      expect(flags({[name]: value}), name).toEqual(fromUrl);
    }
    const all = new URLSearchParams(cases).toString();
    expect(flags(cases)).toEqual(url(all));
    expect(serializeScenario(url(all), inputs)).toBe(all);
  });

  test("wue and gridwater read a preset (any case) or the reader's own number, and write it back", () => {
    expect(url("wue=Google").wue).toEqual({
      id: "wue_google",
      name: "google",
      label: "EcoLogits' default for Google's data centres",
      lPerKwh: 0.999
    });
    expect(url("gridwater=fra").gridWater).toMatchObject({id: "water_fra", name: "FRA", lPerKwh: 3.6737});
    const own = url("wue=0.25&gridwater=4.5");
    expect(own.wue).toEqual({id: null, name: "0.25", label: "your own figure", lPerKwh: 0.25});
    expect(serializeScenario(own, inputs)).toBe("wue=0.25&gridwater=4.5");
    expect(flags({wue: "0.25", gridwater: "4.5"})).toEqual(own);
  });

  test("waterOptions offers off, each preset, and the address's own figure so that it stays selected", () => {
    const options = waterOptions(inputs, "wue_l_per_kwh", url("wue=0.25").wue);
    expect(options[0]).toBeNull();
    expect(options.slice(1, -1).map((o) => o!.name)).toEqual(["google", "openai", "mistralai"]);
    expect(options[options.length - 1]).toMatchObject({id: null, lPerKwh: 0.25});
    expect(waterOptions(inputs, "grid_l_per_kwh", null).map((o) => o?.name ?? null)).toEqual([
      null,
      "USA",
      "FRA",
      "DEU",
      "CHN",
      "SWE",
      "WOR"
    ]);
  });

  test("a bad value names the parameter and what is allowed, in the URL and as a CLI flag", () => {
    expect(() => url("embodied=on")).toThrow(
      /^embodied "on" is not allowed: one of off, llmcarbon, ecologits \(llmcarbon: the accelerator's die/
    );
    expect(() => url("server=yes")).toThrow(/^server "yes" is not allowed: one of off, ecologits/);
    expect(() => url("wue=30")).toThrow(
      /^wue "30" is not allowed: off, a data centre's figure \(google, openai, mistralai\) or a number from 0 to 20 L\/kWh$/
    );
    expect(() => url("gridwater=Mars")).toThrow(/^gridwater "Mars" is not allowed: off, a country's grid \(USA, FRA/);
    expect(() => flags({wue: "-1"})).toThrow(/^--wue "-1" is not allowed: off, a data centre's figure/);
    // A page reading the address skips a bad value with a notice and keeps it off.
    const {scenario, notices} = parseScenario(new URLSearchParams("embodied=maybe"), inputs);
    expect(scenario.embodied).toBeUndefined();
    expect(notices[0].message).toMatch(/^embodied "maybe" is not allowed: .*; the default is used$/);
  });

  test("runLedger: the flags add a lifecycle section; without them the JSON is today's; csv refuses them", () => {
    const plain = JSON.parse(runLedger(["--format", "json"]).output);
    expect(plain.lifecycle).toBeUndefined();
    const json = JSON.parse(
      runLedger(["--format", "json", "--embodied", "llmcarbon", "--server", "ecologits", "--gridwater", "USA"]).output
    );
    expect(json.rows).toHaveLength(plain.rows.length);
    expect(json.scenario.query).toBe("embodied=llmcarbon&server=ecologits&gridwater=USA");
    const l3 = json.lifecycle.find((r: {id: string}) => r.id === "llama3_70b");
    expect(l3.additions.map((a: {step: string}) => a.step)).toEqual([
      "+ the rest of each server's power (EcoLogits)",
      "+ embodied CO2e of the hardware (LLMCarbon)"
    ]);
    expect(l3.water_l.on_site).toBeNull();
    expect(l3.water_l.off_site).toBeGreaterThan(0);
    const text = runLedger(["--embodied", "llmcarbon"]).output;
    expect(text).toMatch(
      /\| Llama 2 70B \| \+ embodied CO2e of the hardware \(LLMCarbon\) \| — \| LLMCarbon gives no embodied CO2e for the NVIDIA A100: nothing is added \|/
    );
    expect(() => runLedger(["--format", "csv", "--wue", "google"])).toThrow(/apply to the text, json and md forms/);
    expect(runLedger(["--help"]).output).toMatch(/--embodied .*\n.*one of off, llmcarbon, ecologits/);
    expect(runLedger(["--help"]).output).toMatch(/--gridwater/);
  });

  test("runReport accepts the flags: the scenario carries them and the paper's four tables do not move", () => {
    const plain = JSON.parse(runReport(["--format", "json"]).output);
    const flagged = JSON.parse(
      runReport(["--format", "json", "--embodied", "ecologits", "--server", "ecologits", "--wue", "google"]).output
    );
    expect(flagged.scenario.embodied).toBe("ecologits");
    expect(flagged.scenario.query).toBe("embodied=ecologits&server=ecologits&wue=google");
    for (const t of ["table1", "table2", "table3", "table4"]) expect(flagged[t], t).toEqual(plain[t]);
    expect(runReport(["--help"]).output).toMatch(/--embodied .*ledger only/);
    expect(() => runReport(["--embodied", "yes"])).toThrow(/--embodied "yes" is not allowed/);
  });
});
