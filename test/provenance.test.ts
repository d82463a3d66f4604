// Every row of every data file names where its values come from: a non-empty `source` (the publication)
// and `locator` (table, section or footnote). data/published.csv holds printed cells of one paper and
// carries a locator only. The files are read raw with csv-parse, not through the loaders, so that this
// holds even if a spec were to mark the columns optional.
import {readFileSync} from "node:fs";
import {parse} from "csv-parse/sync";
import {describe, expect, test} from "vitest";
import {ALL_FILES, PUBLISHED} from "../src/lib/inputs/schemas.js";

/** Files whose rows need a locator but no source column. */
const LOCATOR_ONLY = new Set<string>([PUBLISHED.file]);

/** The provenance columns a file must fill on every row. */
function required(file: string): string[] {
  return LOCATOR_ONLY.has(file) ? ["locator"] : ["source", "locator"];
}

/** "file:line: empty column" for each row of a CSV text that lacks a required provenance value. */
function missingProvenance(file: string, text: string): string[] {
  const records = parse(text, {columns: true, info: true, skip_empty_lines: true}) as Array<{
    record: Record<string, string>;
    info: {lines: number};
  }>;
  if (records.length === 0) return [`${file}: no rows`];
  return records.flatMap(({record, info}) =>
    required(file)
      .filter((name) => (record[name] ?? "").trim() === "")
      .map((name) => `${file}:${info.lines}: empty ${name}`)
  );
}

describe("provenance", () => {
  test("ALL_FILES lists every data file once", () => {
    const files = ALL_FILES.map((s) => s.file);
    expect(new Set(files).size).toBe(files.length);
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  for (const spec of ALL_FILES) {
    test(`missingProvenance finds every row of ${spec.file} with a non-empty ${required(spec.file).join(" and ")}`, () => {
      for (const name of required(spec.file)) {
        const column = spec.columns.find((c) => c.name === name);
        expect(column, `${spec.file} has no "${name}" column in src/lib/inputs/schemas.ts`).toBeDefined();
        expect(column!.optional, `${spec.file}: "${name}" must not be optional`).not.toBe(true);
      }
      const missing = missingProvenance(spec.file, readFileSync(spec.file, "utf8"));
      expect(missing, missing.join("\n")).toEqual([]);
    });
  }

  test("missingProvenance names the file and line of each row without source or locator", () => {
    const text = 'id,value,source,locator\na,1,Paper,Table 1\nb,2,,Table 2\nc,3,"Paper, 2019", \n';
    expect(missingProvenance("data/example.csv", text)).toEqual([
      "data/example.csv:3: empty source",
      "data/example.csv:4: empty locator"
    ]);
    expect(missingProvenance(PUBLISHED.file, "table,row,locator\ntable1,a,\n")).toEqual([
      `${PUBLISHED.file}:2: empty locator`
    ]);
    expect(missingProvenance("data/example.csv", "id,source,locator\n")).toEqual(["data/example.csv: no rows"]);
  });
});
