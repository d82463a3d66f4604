// cli/import-codecarbon.ts: the stream reader behind `estimate --codecarbon` (csv-parse, records handed over with
// their line, bytes decoded as latin1 and text turned back into UTF-8).
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {readCodeCarbon, utf8FromLatin1} from "../cli/import-codecarbon.js";
import {CodeCarbonError} from "../src/lib/estimate/codecarbon.js";

const V2 = readFileSync("test/fixtures/codecarbon/emissions-v2.csv", "utf8");
const V3 = readFileSync("test/fixtures/codecarbon/emissions-v3.csv", "utf8");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "import-codecarbon-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function write(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("import-codecarbon", () => {
  test("utf8FromLatin1 turns latin1-decoded UTF-8 bytes back into the text; ASCII is unchanged", () => {
    const text = "Étude café – 東京";
    expect(utf8FromLatin1(Buffer.from(text, "utf8").toString("latin1"))).toBe(text);
    expect(utf8FromLatin1("llm-pretrain")).toBe("llm-pretrain");
  });

  test("readCodeCarbon on the v2 and v3 fixtures: last row per run, runs added, lines of the last rows", async () => {
    const v2 = await readCodeCarbon("test/fixtures/codecarbon/emissions-v2.csv");
    expect(v2.runs.map((r) => [r.energy_kwh, r.first_line, r.last_line, r.rows])).toEqual([
      [0.03, 2, 4, 3],
      [0.125, 5, 6, 2]
    ]);
    expect(v2.energy_kwh).toBeCloseTo(0.155, 12);
    const v3 = await readCodeCarbon("test/fixtures/codecarbon/emissions-v3.csv");
    expect(v3.runs.map((r) => [r.energy_kwh, r.pue, r.last_line])).toEqual([
      [0.24, 1.2, 4],
      [0.36, 1.2, 3]
    ]);
    expect(v3.hardware_kwh).toBeCloseTo(0.5, 12);
  });

  test("readCodeCarbon keeps UTF-8 text as written, with or without a byte-order mark", async () => {
    const named = V3.replaceAll("llm-pretrain", "étude-café");
    const plain = await readCodeCarbon(write("plain.csv", named));
    const bom = await readCodeCarbon(write("bom.csv", `\uFEFF${named}`));
    expect(plain.runs.map((r) => r.project_name)).toEqual(["étude-café", "étude-café"]);
    expect(bom.runs.map((r) => r.project_name)).toEqual(["étude-café", "étude-café"]);
    expect(bom.files[0].header).toBe("v3");
  });

  test("readCodeCarbon counts lines across blank lines and quoted fields: a bad row's error names its line", async () => {
    const lines = V2.trimEnd().split("\n");
    // A blank line after line 2, then line 5 (the fourth data row) gets a negative energy.
    const column = lines[0].split(",").indexOf("energy_consumed");
    expect(lines[4]).toContain('"');
    const bad = [...lines.slice(0, 2), "", ...lines.slice(2)];
    const fields = bad[5].split(",");
    // The project name is quoted with a comma in it: the energy sits one field further along.
    fields[column + 1] = "-0.5";
    bad[5] = fields.join(",");
    const file = write("bad.csv", bad.join("\n") + "\n");
    const error = await readCodeCarbon(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodeCarbonError);
    expect((error as CodeCarbonError).message).toBe(
      `${file}:6: energy_consumed -0.5 is negative: CodeCarbon writes totals of 0 or more`
    );
  });

  test("readCodeCarbon: a directory reads every .csv in name order; an unclosed quote is an error with its line", async () => {
    const sub = mkdtempSync(join(dir, "runs-"));
    writeFileSync(join(sub, "a.csv"), V2);
    writeFileSync(join(sub, "b.csv"), V3);
    const both = await readCodeCarbon(sub);
    expect(both.files.map((f) => f.header)).toEqual(["v2", "v3"]);
    expect(both.runs).toHaveLength(4);
    const unclosed = write("unclosed.csv", `${V2.trimEnd()}\n"2026-01-01T00:00:00,x\n`);
    const error = await readCodeCarbon(unclosed).catch((e: unknown) => e);
    expect((error as CodeCarbonError).message).toMatch(new RegExp(`^${unclosed}:\\d+: not CSV: `));
  });
});
