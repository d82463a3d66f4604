import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {NvidiaSmiError, parseNvidiaSmi, parseTimestamp, type PowerLog} from "../src/lib/estimate/nvidia-smi.js";

// Sample logs in test/fixtures/nvidia-smi/ are in the format of
//   nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1
// Every expected value is worked out by hand from the fixture's readings (trapezoids between samples).

const fixture = (name: string) => readFileSync(`test/fixtures/nvidia-smi/${name}`, "utf8");
const H = "timestamp, index, power.draw [W]";

function error(text: string, options = {}): NvidiaSmiError {
  try {
    parseNvidiaSmi(text, options);
  } catch (e) {
    if (e instanceof NvidiaSmiError) return e;
    throw e;
  }
  throw new Error("parseNvidiaSmi accepted the log");
}

describe("nvidia-smi", () => {
  test("parseTimestamp reads nvidia-smi's format to the millisecond and rejects impossible dates", () => {
    expect(parseTimestamp("2019/05/01 12:00:00.123")).toBe(Date.UTC(2019, 4, 1, 12, 0, 0) + 123);
    expect(parseTimestamp("2019/05/01 12:00:01")).toBe(Date.UTC(2019, 4, 1, 12, 0, 1));
    expect(parseTimestamp("2019-05-01 12:00:00.5")).toBe(Date.UTC(2019, 4, 1, 12) + 500);
    expect(parseTimestamp("2019/02/30 12:00:00.000")).toBeNull();
    expect(parseTimestamp("2019/13/01 12:00:00.000")).toBeNull();
    expect(parseTimestamp("12:00:00")).toBeNull();
  });

  test("parseNvidiaSmi: one GPU, 200.5 W rising to 250.5 W and back over 10 s, averages 225.5 W", () => {
    const log = parseNvidiaSmi(fixture("single-gpu.csv"));
    // Trapezoids: (200.5+210.5)/2 + … = 205.5+215.5+225.5+235.5+245.5+245.5+235.5+225.5+215.5+205.5 = 2255 J over 10 s.
    expect(log.gpus).toHaveLength(1);
    expect(log.gpus[0]).toMatchObject({index: 0, samples: 11});
    expect(log.gpus[0].energyWh * 3600).toBeCloseTo(2255, 9);
    expect(log.gpus[0].averageWatts).toBeCloseTo(225.5, 9);
    expect(log.totalAverageWatts).toBeCloseTo(225.5, 9);
    expect(log.durationHours * 3600).toBeCloseTo(10, 9);
    // 225.5 W × 10 s = 2255 J = 2255 / 3.6e6 kWh.
    expect(log.energyKwh).toBeCloseTo(2255 / 3.6e6, 12);
    expect(log.measuredKwh).toBeCloseTo(2255 / 3.6e6, 12);
    expect(log.gapThresholdSeconds).toBe(5);
    expect(log.warnings).toEqual([]);
    expect(log.validSamples).toBe(11);
  });

  test("parseNvidiaSmi: four GPUs average 100.25, 200, 295 and 350.75 W, 946 W in all", () => {
    const log = parseNvidiaSmi(fixture("four-gpus.csv"));
    expect(log.gpus.map((g) => g.index)).toEqual([0, 1, 2, 3]);
    // GPU 1 alternates 180/220 W: every trapezoid is 200 W. GPU 2 rises 290 → 300 W linearly: mean 295 W.
    const averages = log.gpus.map((g) => g.averageWatts);
    [100.25, 200, 295, 350.75].forEach((w, k) => expect(averages[k]).toBeCloseTo(w, 9));
    expect(log.totalAverageWatts).toBeCloseTo(946, 9);
    expect(log.meanGpuWatts).toBeCloseTo(236.5, 9);
    // From GPU 0's first sample (.100) to GPU 3's last (5 s later, .106): 5.006 s.
    expect(log.durationHours * 3600).toBeCloseTo(5.006, 9);
    expect(log.energyKwh).toBeCloseTo((946 * 5.006) / 3.6e6, 12);
    // Each GPU is integrated over its own 5 s: 946 W × 5 s.
    expect(log.measuredKwh).toBeCloseTo((946 * 5) / 3.6e6, 12);
    expect(log.warnings).toEqual([]);
  });

  test("parseNvidiaSmi: a missing sample is bridged, a 56 s gap is no data and reported", () => {
    const log = parseNvidiaSmi(fixture("with-gaps.csv"));
    // Median interval 1 s → threshold 5 s. GPU 0: 200 W for 0–4 s (2 s missing: one 2 s trapezoid), 300 W for 60–64 s.
    expect(log.gapThresholdSeconds).toBe(5);
    const [g0, g1] = log.gpus;
    expect(g0.coveredHours * 3600).toBeCloseTo(8, 9);
    expect(g0.energyWh * 3600).toBeCloseTo(200 * 4 + 300 * 4, 9);
    expect(g0.averageWatts).toBeCloseTo(250, 9);
    expect(g1.averageWatts).toBeCloseTo(100, 9);
    expect(log.gaps.count).toBe(2);
    expect(log.gaps.seconds).toBeCloseTo(112, 9);
    expect(log.gaps.first).toMatchObject({
      gpu: 0,
      from: "2019/05/01 12:00:04.500",
      to: "2019/05/01 12:01:00.500",
      seconds: 56
    });
    // Duration counts the gap: GPU 0's first (.500) to GPU 1's last (64 s later, .502) = 64.002 s.
    expect(log.durationHours * 3600).toBeCloseTo(64.002, 9);
    expect(log.energyKwh).toBeCloseTo((350 * 64.002) / 3.6e6, 12);
    expect(log.measuredKwh).toBeCloseTo((2000 + 800) / 3.6e6, 12);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(
      /^2 gaps over 5 s treated as no data, 112 s in all \(first: GPU 0, .* lines 9–11\)/
    );
  });

  test("parseNvidiaSmi with maxGapSeconds bridges the gap with one trapezoid", () => {
    const log = parseNvidiaSmi(fixture("with-gaps.csv"), {maxGapSeconds: 100});
    expect(log.gaps).toEqual({count: 0, seconds: 0, first: null});
    // GPU 0: 800 J + (200+300)/2 × 56 s + 1200 J = 16,000 J over 64 s = 250 W.
    expect(log.gpus[0].energyWh * 3600).toBeCloseTo(16000, 9);
    expect(log.gpus[0].coveredHours * 3600).toBeCloseTo(64, 9);
    expect(error("x", {maxGapSeconds: 0}).message).toMatch(/gap threshold must be above 0 s/);
  });

  test("parseNvidiaSmi skips [N/A] readings, malformed lines and a repeated header, and counts them", () => {
    const log = parseNvidiaSmi(fixture("na-and-malformed.csv"));
    expect(log.gpus[0].averageWatts).toBeCloseTo(120, 9);
    expect(log.gpus[1].averageWatts).toBeCloseTo(240, 9);
    expect(log.gpus[1].samples).toBe(4);
    const count = (kind: string) => log.skipped.filter((s) => s.kind === kind).length;
    expect(count("malformed")).toBe(3);
    expect(count("not-available")).toBe(2);
    expect(count("repeated-header")).toBe(1);
    expect(log.skipped.find((s) => s.kind === "malformed")).toMatchObject({line: 6});
    expect(log.warnings[0]).toBe(
      '3 malformed lines skipped (first: line 6, 1 field, expected 3: "Failed to initialize NVML: Driver/library version mismatch")'
    );
    expect(log.warnings[1]).toBe('2 power readings not available ([N/A]) skipped (first: line 8, power "[N/A]")');
    expect(log.warnings).toContain("1 repeated header skipped (first: line 9, the header again)");
    expect(log.skipped.find((s) => s.message.includes("2019/13/01"))).toMatchObject({line: 12, kind: "malformed"});
  });

  test("parseNvidiaSmi: a wrong header is an error naming line 1 and the expected header", () => {
    const e = error(fixture("bad-header.csv"));
    expect(e.line).toBe(1);
    expect(e.message).toBe(
      'line 1: expected the header "timestamp, index, power.draw [W]" (nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv -l 1), found "timestamp, name, utilization.gpu [%]"'
    );
  });

  test("parseNvidiaSmi: a log recorded without a header is an error that says so", () => {
    const e = error(fixture("noheader.csv"));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/a data line: was the log recorded with --format=csv,noheader\?/);
  });

  test("parseNvidiaSmi: an empty log, a header alone, or nothing valid are errors", () => {
    expect(error("").message).toMatch(/^the log is empty/);
    expect(error("\n  \n").message).toMatch(/^the log is empty/);
    expect(error(`${H}\n`).message).toBe("line 1: the log has a header but no samples");
    const bad = error(`${H}\nhello\n2019/05/01 12:00:00.000, 0, [N/A]\n`);
    expect(bad.line).toBe(2);
    expect(bad.message).toBe('line 2: no valid sample in the log; the first bad line: 1 field, expected 3: "hello"');
  });

  test("parseNvidiaSmi: one sample per GPU cannot be averaged", () => {
    const e = error(`${H}\n2019/05/01 12:00:00.000, 0, 100 W\n2019/05/01 12:00:00.001, 1, 100 W\n`);
    expect(e.line).toBeNull();
    expect(e.message).toMatch(/^no GPU has two samples within/);
  });

  test("parseNvidiaSmi leaves out a GPU with a single sample and says so", () => {
    const log = parseNvidiaSmi(
      `${H}\n2019/05/01 12:00:00.000, 0, 100 W\n2019/05/01 12:00:01.000, 0, 100 W\n2019/05/01 12:00:01.000, 1, 50 W\n`
    );
    expect(log.gpus.map((g) => g.index)).toEqual([0]);
    expect(log.warnings).toEqual(["GPU 1 has a single valid sample (line 4): left out"]);
  });

  test("parseNvidiaSmi reads CRLF, a byte-order mark, nounits values and extra columns in any order", () => {
    const text =
      "\uFEFFindex, name, timestamp, power.draw [W]\r\n" +
      "0, NVIDIA TITAN X (Pascal), 2019/05/01 12:00:00.000, 100\r\n" +
      "0, NVIDIA TITAN X (Pascal), 2019/05/01 12:00:02.000, 300\r\n";
    const log: PowerLog = parseNvidiaSmi(text);
    // One trapezoid: (100 + 300) / 2 = 200 W for 2 s.
    expect(log.totalAverageWatts).toBe(200);
    expect(log.durationHours * 3600).toBeCloseTo(2, 12);
  });

  test("parseNvidiaSmi accepts power.draw.average and rejects a power column not in watts", () => {
    const avg = parseNvidiaSmi(
      "timestamp, index, power.draw.average [W]\n2019/05/01 12:00:00.000, 0, 10 W\n2019/05/01 12:00:01.000, 0, 30 W\n"
    );
    expect(avg.totalAverageWatts).toBe(20);
    expect(error("timestamp, index, power.draw [mW]\n").message).toBe(
      'line 1: power is in "mW", expected watts ("[W]")'
    );
  });

  test("parseNvidiaSmi skips duplicate, out-of-order and implausible samples", () => {
    const log = parseNvidiaSmi(
      [
        H,
        "2019/05/01 12:00:00.000, 0, 100 W",
        "2019/05/01 12:00:00.000, 0, 100 W",
        "2019/05/01 12:00:02.000, 0, 100 W",
        "2019/05/01 12:00:01.000, 0, 100 W",
        "2019/05/01 12:00:03.000, 0, 99999 W",
        "2019/05/01 12:00:03.000, x, 100 W",
        "2019/05/01 12:00:04.000, 0, 100 W"
      ].join("\n")
    );
    expect(log.skipped.map((s) => [s.line, s.kind])).toEqual([
      [3, "duplicate"],
      [5, "out-of-order"],
      [6, "malformed"],
      [7, "malformed"]
    ]);
    expect(log.skipped[2].message).toBe("power 99999 W is over 5000 W");
    expect(log.totalAverageWatts).toBe(100);
  });

  test("parseNvidiaSmi notes a GPU that is logged for only part of the run", () => {
    const rows = [H];
    for (let s = 0; s <= 10; s++) rows.push(`2019/05/01 12:00:${String(s).padStart(2, "0")}.000, 0, 100 W`);
    rows.push("2019/05/01 12:00:00.000, 1, 50 W", "2019/05/01 12:00:01.000, 1, 50 W");
    const log = parseNvidiaSmi(rows.join("\n"));
    expect(log.warnings).toEqual([
      "GPU 1 is logged for 1 s of the log's 10 s; its average is counted for the whole duration"
    ]);
    expect(log.totalAverageWatts).toBe(150);
  });
});
