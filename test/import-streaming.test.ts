// The importers stream: a generated nvidia-smi log of 300 MB is read by the CLI's importer in a child process
// whose V8 heap is capped at 128 MB, so it cannot hold the file as one string, and its peak resident memory stays
// within issue 14's 256 MB. Not timed: throughput is measured by `npm run bench` (bench/imports.ts).
import {mkdtempSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {measureImport, writeCodeCarbonLog, writeNvidiaSmiLog} from "../bench/imports.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "import-streaming-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("import-streaming", () => {
  test("readPowerLogs reads a 300 MB log with a 128 MB heap, peak RSS ≤ 256 MB (child process)", () => {
    const file = join(dir, "power.csv");
    writeNvidiaSmiLog(file, 300e6);
    expect(statSync(file).size).toBeGreaterThan(299e6);
    const figure = measureImport("nvidia-smi", file, "--max-old-space-size=128");
    // 8 GPUs sampled once a second; one [N/A] reading of GPU 3 every 9,973 steps is skipped.
    expect(figure.result.gpus).toBe(8);
    expect(figure.result.samples).toBeGreaterThan(8e6);
    expect(figure.result.skipped).toBeGreaterThan(0);
    expect(figure.peak_rss_mb).toBeLessThanOrEqual(256);
    rmSync(file);
  }, 300_000);

  test("readCodeCarbon reads a 100 MB emissions.csv with a 128 MB heap, peak RSS ≤ 256 MB (child process)", () => {
    const file = join(dir, "emissions.csv");
    writeCodeCarbonLog(file, 100e6);
    const figure = measureImport("codecarbon", file, "--max-old-space-size=128");
    // Runs of 10,000 cumulative rows: the energy is each run's last row, 0.35 kW × 15 s × 10,000 / 3600 kWh.
    expect(figure.result.rows).toBeGreaterThan(250_000);
    expect(figure.result.runs).toBe(Math.ceil(figure.result.rows / 10_000));
    expect(figure.peak_rss_mb).toBeLessThanOrEqual(256);
    rmSync(file);
  }, 300_000);
});
