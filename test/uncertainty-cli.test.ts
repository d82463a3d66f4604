// The uncertainty subcommand, run as a reader runs it (a child process through loaders/cli.ts) and, for the
// error cases, through runUncertainty directly.
import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {runUncertainty, UncertaintyUsageError} from "../cli/uncertainty-cli.js";
import {parseScenario} from "../src/lib/scenario/scenario.js";
import {focusModel} from "../src/lib/uncertainty/sensitivity.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {uncertaintySummary} from "../src/lib/uncertainty/uncertainty.js";

const TSX = join("node_modules", ".bin", "tsx");
let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs("data");
});

function cli(args: string[]) {
  const r = spawnSync(TSX, ["cli/cli.ts", "uncertainty", ...args], {
    encoding: "utf8",
    env: {...process.env, TZ: "UTC"}
  });
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

function usage(args: string[]): string {
  try {
    runUncertainty(args);
  } catch (e) {
    if (e instanceof UncertaintyUsageError) return e.message;
    throw e;
  }
  throw new Error("no usage error");
}

describe("uncertainty-cli", () => {
  test("uncertainty --format json prints the contract's keys, computed by the page's function (uncertaintySummary)", () => {
    const r = cli([
      "--model",
      "nas_p100",
      "--pue",
      "1.1",
      "--grid",
      "google",
      "--samples",
      "20000",
      "--seed",
      "7",
      "--format",
      "json"
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([
      "model",
      "scenario",
      "samples",
      "seed",
      "point_kg",
      "median_kg",
      "p05_kg",
      "p95_kg",
      "paper_percentile",
      "indices",
      "paper_kg",
      "held",
      "point_outside"
    ]);
    const scenario = parseScenario(
      [
        ["pue", "1.1"],
        ["grid", "google"]
      ],
      inputs,
      {strict: true}
    ).scenario;
    const {spec: _s, run: _r, ...page} = uncertaintySummary(inputs, scenario, focusModel(inputs, "nas_p100"), 20000, 7);
    expect(json).toMatchObject({...page, scenario: {pue: 1.1, grid: "google", query: "pue=1.1&grid=google"}});
    expect(Object.keys(json.indices)).toEqual(["pue", "power", "carbon_intensity"]);
    expect(json.point_kg >= json.p05_kg && json.point_kg <= json.p95_kg).toBe(json.point_outside === null);
  });

  test("uncertainty with the defaults reports the paper's NAS figure's percentile under the paper's scenario", () => {
    const json = JSON.parse(runUncertainty(["--format", "json"]));
    expect(json).toMatchObject({model: "nas_p100", samples: 100000, seed: 2019});
    expect(json.paper_percentile).toBeGreaterThan(0);
    expect(json.paper_percentile).toBeLessThan(10);
    expect(runUncertainty(["--model", "lisa_project", "--samples", "1000"])).toMatch(
      /The paper printed no figure for this model\./
    );
  });

  test("uncertainty: bad values exit 2 naming the parameter and what is allowed", () => {
    expect(usage(["--samples", "10"])).toBe('--samples "10" is not allowed: a whole number from 100 to 2000000');
    expect(usage(["--seed", "-1"])).toMatch(/^Option '--seed' argument is ambiguous|^--seed "-1" is not allowed/);
    expect(usage(["--seed", "x"])).toBe('--seed "x" is not allowed: a whole number from 0 to 4294967295');
    expect(usage(["--model", "gpt9"])).toMatch(/^--model "gpt9" is not allowed: one of transformer_base, /);
    expect(usage(["--format", "csv"])).toBe('--format "csv" is not allowed: one of text, json');
    expect(usage(["--pue", "9"])).toBe('--pue "9" is not allowed: a number from 1 to 3');
    expect(usage(["--grid", "us", "--mix", "10,10,10,10"])).toMatch(
      /--mix "10,10,10,10" is used only with grid custom/
    );
    expect(usage(["--bogus"])).toMatch(/Unknown option '--bogus'; the options are --model, /);
    const r = cli(["--factor", "oil:9g"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^report uncertainty: --factor "oil:9g" is not allowed: source:grams pairs/);
  });

  test("uncertainty --help explains the distributions, the factor-set choice and the JSON", () => {
    const help = runUncertainty(["--help"]);
    expect(help).toMatch(/Usage: npm run report -- uncertainty/);
    expect(help).toMatch(/ipcc-ar5-max set keeps hydropower at IPCC's median \(24 g\)/);
    expect(help).toMatch(/paper_percentile/);
    expect(help).toMatch(/--model ID .*\n.*one of transformer_base \(Transformer \(base\) \(P100×8\)\)/);
  });
});
