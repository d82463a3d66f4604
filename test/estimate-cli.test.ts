// The estimate subcommand, run as a reader runs it (a child process through loaders/cli.ts) and, for the
// many error cases, through runEstimate directly.
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {EstimateUsageError, PowerLogError, runEstimate} from "../loaders/estimate-cli.js";
import {loadInputs} from "../loaders/inputs.js";
import {estimateFromParams, estimateJson} from "../src/lib/estimate.js";
import type {Inputs} from "../src/lib/types.js";

const TSX = join("node_modules", ".bin", "tsx");
const FIXTURES = "test/fixtures/nvidia-smi";
let inputs: Inputs;
let tmp: string;

beforeAll(() => {
  inputs = loadInputs("data");
  tmp = mkdtempSync(join(tmpdir(), "estimate-cli-"));
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

function cli(args: string[]) {
  const r = spawnSync(TSX, ["loaders/cli.ts", "estimate", ...args], {
    encoding: "utf8",
    env: {...process.env, TZ: "UTC"}
  });
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

function usage(args: string[]): string {
  try {
    runEstimate(args);
  } catch (e) {
    if (e instanceof EstimateUsageError) return e.message;
    throw e;
  }
  throw new Error("no usage error");
}

describe("estimate-cli", () => {
  test("cli estimate --format json prints kwh, co2e_kg, co2e_lbs and the inputs (child process)", () => {
    const r = cli(
      "--accelerator A100 --count 8 --watts 400 --hours 100 --pue 1.1 --intensity 0.385kg --format json".split(" ")
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // 1.1 × 100 h × 8 × 400 W / 1000 = 352 kWh; × 0.385 = 135.52 kg.
    expect(json.kwh).toBeCloseTo(352, 9);
    expect(json.co2e_kg).toBeCloseTo(135.52, 9);
    expect(json.co2e_lbs).toBeCloseTo(135.52 / 0.45359237, 9);
    expect(json.inputs).toMatchObject({
      accelerator: "A100",
      count: 8,
      watts_per_accelerator: 400,
      hours: 100,
      pue: 1.1
    });
    expect(json.inputs.intensity_kg_per_kwh).toBe(0.385);
    // No binary noise: 352, not 352.00000000000006.
    expect(r.stdout).toMatch(/"kwh": 352,/);
    expect(r.stdout).toMatch(/"co2e_kg": 135.52,/);
    // The same numbers as the engine's, at 12 significant digits.
    const direct = estimateFromParams(inputs, [
      ["accelerator", "A100"],
      ["count", "8"],
      ["watts", "400"],
      ["hours", "100"],
      ["pue", "1.1"],
      ["intensity", "0.385kg"]
    ]);
    expect(json).toEqual(JSON.parse(estimateJson(direct)));
  });

  test("cli estimate --nvidia-smi takes power and duration from the log (child process)", () => {
    const file = join(FIXTURES, "four-gpus.csv");
    const r = cli(["--nvidia-smi", file, "--pue", "1.58", "--intensity", "0.954lbs", "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // 946 W over 5.006 s at PUE 1.58, × 0.954 lbs/kWh.
    const kwh = (1.58 * 946 * 5.006) / 3.6e6;
    expect(json.kwh).toBeCloseTo(kwh, 12);
    expect(json.co2e_lbs).toBeCloseTo(kwh * 0.954, 12);
    expect(json.nvidia_smi.file).toBe("four-gpus.csv");
    expect(json.nvidia_smi.gpus).toHaveLength(4);
  });

  test("cli estimate: a bad log exits 1 naming the file and line; a bad flag exits 2 (child process)", () => {
    const bad = cli(["--nvidia-smi", join(FIXTURES, "bad-header.csv")]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(
      /^estimate: bad power log: test\/fixtures\/nvidia-smi\/bad-header\.csv:1: expected the header/
    );
    const flag = cli(["--accelerator", "A100", "--hours", "10", "--pue", "0.5"]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe(
      'estimate: --pue "0.5" is not allowed: a number from 1 to 3\nRun "npm run report -- estimate --help" for the options.\n'
    );
  });

  test("cli estimate --help lists every accelerator and parameter (child process)", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run report -- estimate \[options\]/);
    for (const a of inputs.accelerators) expect(r.stdout).toContain(a.id);
    for (const flag of [
      "--nvidia-smi",
      "--watts",
      "--cpu-watts",
      "--dram-watts",
      "--gap-seconds",
      "--pue",
      "--intensity",
      "--grid"
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });

  test("runEstimate returns the md and text formats and the --out path, writing nothing itself", () => {
    const out = join(tmp, "row.md");
    const r = runEstimate(["--accelerator", "P100", "--count", "8", "--hours", "84", "--format", "md", "--out", out]);
    expect(r.out).toBe(out);
    expect(r.output).toContain("| P100×8 | 2,000.00 | 84 | 265.4 | 253.2 | $289–$981 |");
    expect(existsSync(out)).toBe(false); // runEstimate returns the text; estimateMain writes it
    const text = runEstimate(["--accelerator", "P100", "--count", "8", "--hours", "84"]).output;
    expect(text).toMatch(/^Training on 8 × NVIDIA Tesla P100 PCIe/);
  });

  test("runEstimate reports usage errors in the order given and names the flag", () => {
    expect(usage(["--count", "0", "--pue", "9"])).toBe(
      '--count "0" is not allowed: a whole number from 1 to 1,000,000'
    );
    expect(usage(["--format", "pdf"])).toBe('--format "pdf" is not allowed: one of text, json, md');
    expect(usage(["--speed", "1"])).toMatch(/Unknown option '--speed'/);
    expect(usage(["--nvidia-smi", join(tmp, "missing.csv")])).toMatch(
      /^--nvidia-smi ".*missing\.csv": cannot read the file \(ENOENT\)$/
    );
    expect(usage(["--hours", "10"])).toBe(
      "no power: give an accelerator, a measured power (watts) or an nvidia-smi power log"
    );
  });

  test("runEstimate: a log with nothing valid is a PowerLogError naming its first bad line", () => {
    try {
      runEstimate(["--nvidia-smi", join(FIXTURES, "noheader.csv")]);
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(PowerLogError);
      expect((e as Error).message).toMatch(/noheader\.csv:1: expected the header .*noheader\?\)$/);
    }
  });

  test("runEstimate: the last of a repeated flag wins, as in the report command", () => {
    const r = JSON.parse(
      runEstimate(["--accelerator", "P100", "--hours", "1", "--pue", "2", "--pue", "1", "--format", "json"]).output
    );
    expect(r.inputs.pue).toBe(1);
  });
});
