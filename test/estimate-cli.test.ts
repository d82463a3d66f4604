// The estimate subcommand, run as a reader runs it (a child process through cli/cli.ts) and, for the
// many error cases, through runEstimate directly.
import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {CodeCarbonFileError, EstimateUsageError, PowerLogError, runEstimate} from "../cli/estimate-cli.js";
import {loadInputs} from "../loaders/inputs.js";
import {estimateFromParams, estimateJson} from "../src/lib/estimate/estimate.js";
import type {Inputs} from "../src/lib/inputs/types.js";

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
  const r = spawnSync(TSX, ["cli/cli.ts", "estimate", ...args], {
    encoding: "utf8",
    env: {...process.env, TZ: "UTC"}
  });
  return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

async function usage(args: string[]): Promise<string> {
  try {
    await runEstimate(args);
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

  test("cli estimate: a bad log exits 2 naming the file and line; so does a bad flag (child process)", () => {
    const bad = cli(["--nvidia-smi", join(FIXTURES, "bad-header.csv")]);
    expect(bad.status).toBe(2);
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

  test("runEstimate returns the md and text formats and the --out path, writing nothing itself", async () => {
    const out = join(tmp, "row.md");
    const r = await runEstimate([
      "--accelerator",
      "P100",
      "--count",
      "8",
      "--hours",
      "84",
      "--format",
      "md",
      "--out",
      out
    ]);
    expect(r.out).toBe(out);
    expect(r.output).toContain("| P100×8 | 2,000.00 | 84 | 265.4 | 253.2 | $289–$981 |");
    expect(existsSync(out)).toBe(false); // runEstimate returns the text; estimateMain writes it
    const text = (await runEstimate(["--accelerator", "P100", "--count", "8", "--hours", "84"])).output;
    expect(text).toMatch(/^Training on 8 × NVIDIA Tesla P100 PCIe/);
  });

  test("runEstimate reports usage errors in the order given and names the flag", async () => {
    expect(await usage(["--count", "0", "--pue", "9"])).toBe(
      '--count "0" is not allowed: a whole number from 1 to 1,000,000'
    );
    expect(await usage(["--format", "pdf"])).toBe('--format "pdf" is not allowed: one of text, json, md');
    expect(await usage(["--speed", "1"])).toMatch(/Unknown option '--speed'/);
    expect(await usage(["--nvidia-smi", join(tmp, "missing.csv")])).toMatch(
      /^--nvidia-smi ".*missing\.csv": cannot read the file \(ENOENT\)$/
    );
    expect(await usage(["--hours", "10"])).toBe(
      "no power: give an accelerator, a measured power (watts) or an nvidia-smi power log"
    );
  });

  test("runEstimate: a log with nothing valid is a PowerLogError naming its first bad line", async () => {
    try {
      await runEstimate(["--nvidia-smi", join(FIXTURES, "noheader.csv")]);
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(PowerLogError);
      expect((e as Error).message).toMatch(/noheader\.csv:1: expected the header .*noheader\?\)$/);
    }
  });

  test("runEstimate: the last of a repeated flag wins, as in the report command", async () => {
    const r = JSON.parse(
      (await runEstimate(["--accelerator", "P100", "--hours", "1", "--pue", "2", "--pue", "1", "--format", "json"]))
        .output
    );
    expect(r.inputs.pue).toBe(1);
  });
});

describe("estimate-cli imports", () => {
  const CC = "test/fixtures/codecarbon";

  test("cli estimate --codecarbon on a v2 file: last row per run, runs added, CO2e under the scenario (child process)", () => {
    const r = cli([
      "--codecarbon",
      join(CC, "emissions-v2.csv"),
      "--pue",
      "1.1",
      "--intensity",
      "0.056kg",
      "--format",
      "json"
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // Runs: 0.03 + 0.125 = 0.155 kWh at CodeCarbon's PUE 1; × 1.1 = 0.1705 kWh; × 0.056 kg = 0.009548 kg.
    expect(json.codecarbon_kwh).toBeCloseTo(0.155, 12);
    expect(json.codecarbon_emissions_kg).toBeCloseTo(0.062, 12);
    expect(json.kwh).toBeCloseTo(0.1705, 12);
    expect(json.co2e_kg).toBeCloseTo(0.1705 * 0.056, 12);
    expect(json.codecarbon.runs).toHaveLength(2);
    expect(json.codecarbon.files[0]).toMatchObject({header: "v2", columns: 32});
  });

  test("runEstimate --codecarbon on a directory reads every .csv, v2 and v3 alike", async () => {
    const dir = join(tmp, "cc");
    mkdirSync(dir);
    copyFileSync(join(CC, "emissions-v2.csv"), join(dir, "node1.csv"));
    copyFileSync(join(CC, "emissions-v3.csv"), join(dir, "node2.csv"));
    const json = JSON.parse((await runEstimate(["--codecarbon", dir, "--format", "json"])).output);
    // 0.155 + 0.5 kWh at the hardware × the paper's PUE 1.58.
    expect(json.hardware_kwh).toBeCloseTo(0.655, 12);
    expect(json.kwh).toBeCloseTo(0.655 * 1.58, 12);
    expect(json.codecarbon.files.map((f: {header: string}) => f.header)).toEqual(["v2", "v3"]);
    const md = (await runEstimate(["--codecarbon", join(CC, "emissions-v3.csv"), "--format", "md"])).output;
    expect(md.split("\n")[0]).toBe(
      "| Run | Rows | Hours | kWh (CodeCarbon) | CO2eq kg (CodeCarbon) | kWh·PUE | CO2e (lbs) |"
    );
    expect(md).toContain("| Total | 3 | 3 | 0.6 | 0.25 | 0.79 | 0.7537 |");
  });

  test("cli estimate: bad CodeCarbon files exit 2 naming the file and line, and --out writes nothing (child process)", () => {
    const wrong = cli(["--codecarbon", join(FIXTURES, "four-gpus.csv")]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(
      /^estimate: bad CodeCarbon file: test\/fixtures\/nvidia-smi\/four-gpus\.csv:1: not a CodeCarbon emissions\.csv header/
    );
    const lines = readFileSync(join(CC, "emissions-v2.csv"), "utf8").split("\n");
    lines[3] = lines[3].replace(",0.03,France", ",-0.03,France");
    const negative = join(tmp, "negative.csv");
    writeFileSync(negative, lines.join("\n"));
    const out = join(tmp, "never.json");
    const r = cli(["--codecarbon", negative, "--format", "json", "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `estimate: bad CodeCarbon file: ${negative}:4: energy_consumed -0.03 is negative: CodeCarbon writes totals of 0 or more; nothing was written\n`
    );
    expect(existsSync(out)).toBe(false);
    const empty = join(tmp, "empty-dir");
    mkdirSync(empty);
    const e = cli(["--codecarbon", empty]);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/empty-dir: the directory holds no \.csv file; nothing was written\n$/);
  });

  test("runEstimate --codecarbon: a quote left open is an error naming the file and line", async () => {
    const file = join(tmp, "open-quote.csv");
    const [header, row] = readFileSync(join(CC, "emissions-v2.csv"), "utf8").split("\n");
    writeFileSync(file, `${header}\n${row}\n2024-10-01T09:20:00,"bert, finetune,a5b7,x\n`);
    await expect(runEstimate(["--codecarbon", file])).rejects.toThrow(
      new CodeCarbonFileError(
        `${file}:3: not CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3`
      )
    );
  });

  test("runEstimate: --codecarbon refuses run flags and --nvidia-smi", async () => {
    const file = join(CC, "emissions-v2.csv");
    expect(await usage(["--codecarbon", file, "--watts", "300", "--count", "2"])).toBe(
      "--watts, --count do not apply to --codecarbon: the file gives the energy"
    );
    expect(await usage(["--codecarbon", file, "--nvidia-smi", file])).toBe(
      "--codecarbon and --nvidia-smi do not go together: give one"
    );
  });

  test("runEstimate --nvidia-smi on a directory of per-node logs adds their GPUs", async () => {
    const dir = join(tmp, "nodes");
    mkdirSync(dir);
    copyFileSync(join(FIXTURES, "four-gpus.csv"), join(dir, "node-a.csv"));
    copyFileSync(join(FIXTURES, "single-gpu.csv"), join(dir, "node-b.csv"));
    const json = JSON.parse((await runEstimate(["--nvidia-smi", dir, "--format", "json"])).output);
    // node-a: 4 GPUs, 946 W in all; node-b: 1 GPU, 225.5 W. GPU 0 of each node is a different GPU.
    expect(json.inputs.count).toBe(5);
    expect(json.nvidia_smi.total_average_w).toBeCloseTo(946 + 225.5, 9);
    expect(json.nvidia_smi.gpus.map((g: {log: string; index: number}) => `${g.log}:${g.index}`)).toEqual([
      "node-a.csv:0",
      "node-a.csv:1",
      "node-a.csv:2",
      "node-a.csv:3",
      "node-b.csv:0"
    ]);
    expect(json.nvidia_smi.logs.map((l: {file: string}) => l.file)).toEqual(["node-a.csv", "node-b.csv"]);
  });

  test("runEstimate --nvidia-smi: an empty directory, or a bad log in one, names the file and line", async () => {
    const empty = join(tmp, "no-logs");
    mkdirSync(empty);
    await expect(runEstimate(["--nvidia-smi", empty])).rejects.toThrow(
      new PowerLogError(`${empty}: the directory holds no log file`)
    );
    const dir = join(tmp, "one-bad");
    mkdirSync(dir);
    copyFileSync(join(FIXTURES, "four-gpus.csv"), join(dir, "a.csv"));
    copyFileSync(join(FIXTURES, "bad-header.csv"), join(dir, "b.csv"));
    writeFileSync(join(dir, "c.csv"), "");
    await expect(runEstimate(["--nvidia-smi", dir])).rejects.toThrow(/b\.csv:1: expected the header/);
    rmSync(join(dir, "b.csv"));
    await expect(runEstimate(["--nvidia-smi", dir])).rejects.toThrow(
      new PowerLogError(
        `${join(dir, "c.csv")}: the log is empty; expected the header "timestamp, index, power.draw [W]" (nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1)`
      )
    );
  });

  test("runEstimate --nvidia-smi lists skipped lines with their line and reason", async () => {
    const json = JSON.parse(
      (await runEstimate(["--nvidia-smi", join(FIXTURES, "na-and-malformed.csv"), "--format", "json"])).output
    );
    expect(json.nvidia_smi.skipped_lines).toBe(6);
    expect(json.nvidia_smi.skipped[0]).toEqual({
      log: null,
      line: 6,
      kind: "malformed",
      reason: '1 field, expected 3: "Failed to initialize NVML: Driver/library version mismatch"'
    });
  });
});

describe("estimate-cli statement", () => {
  test("cli estimate --statement latex --out writes the statement whole; a bad --statement exits 2 (child process)", () => {
    const out = join(tmp, "impact.tex");
    const r = cli(["--accelerator", "P100", "--count", "8", "--hours", "84", "--statement", "latex", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    const tex = readFileSync(out, "utf8");
    expect(tex.split("\n")[1]).toBe("\\paragraph{Carbon impact statement.}");
    expect(tex).toContain("\\cite{strubell2019energy}");
    const bad = cli(["--accelerator", "P100", "--hours", "1", "--statement", "docx"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^estimate: --statement "docx" is not allowed: one of md, latex\n/);
  });
});
