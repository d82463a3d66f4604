// The data model stated once (src/lib/inputs/schemas.ts): a column added to a file's declaration reaches the loaders' rows,
// the engine's types and the data dictionary with no other edit.
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {readRows} from "../loaders/csv.js";
import {fileSection} from "../scripts/data-dictionary.js";
import {ALL_FILES, fieldName, HARDWARE, typedRow, type FileSpec} from "../src/lib/inputs/schemas.js";

const scratch = mkdtempSync(join(tmpdir(), "schema-column-"));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** An import specifier for a project module from the scratch folder. */
const from = (module: string) => relative(scratch, resolve(module)).replace(/\.ts$/, ".js");

describe("fieldName and typedRow", () => {
  test("fieldName turns snake_case columns into the engine's camelCase fields", () => {
    expect(fieldName("usd_per_hour")).toBe("usdPerHour");
    expect(fieldName("co2e_lbs")).toBe("co2eLbs");
    expect(fieldName("id")).toBe("id");
  });

  test("typedRow maps an empty optional cell as its column declares: null, absent or empty text", () => {
    const spec = {
      file: "data/x.csv",
      description: "x",
      key: ["id"],
      columns: [
        {name: "id", type: "string", description: "id"},
        {name: "power_w", type: "number", optional: true, description: "W", unit: "W"},
        {name: "note", type: "string", optional: true, emptyAs: "absent", description: "note"},
        {name: "measured_on", type: "string", optional: true, emptyAs: "text", description: "where"}
      ]
    } as const satisfies FileSpec;
    const row = typedRow(spec, {id: "a", power_w: null, note: null, measured_on: null});
    expect(row).toEqual({id: "a", powerW: null, note: undefined, measuredOn: ""});
    expect("note" in row && row.note === undefined).toBe(true);
  });

  test("every declared column has a distinct field name", () => {
    for (const spec of ALL_FILES) {
      const fields = spec.columns.map((c) => fieldName(c.name));
      expect(new Set(fields).size, spec.file).toBe(fields.length);
    }
  });
});

describe("a column added to a copy of data/hardware.csv and its declaration", () => {
  // The copy: the CSV with a new column `tdp_w`, and HARDWARE's declaration with that column added.
  const csv = readFileSync("data/hardware.csv", "utf8")
    .trimEnd()
    .split("\n")
    .map((line, i) => `${line},${i === 0 ? "tdp_w" : 100 + i}`)
    .join("\n");
  writeFileSync(join(scratch, "hardware.csv"), `${csv}\n`);
  writeFileSync(
    join(scratch, "spec.ts"),
    [
      `import {fileSpec, HARDWARE} from "${from("src/lib/inputs/schemas.ts")}";`,
      `export const HARDWARE_PLUS = fileSpec({`,
      `  ...HARDWARE,`,
      `  columns: [...HARDWARE.columns, {name: "tdp_w", type: "number", unit: "W", optional: true, above: 0, max: 5000, description: "thermal design power, watts"}]`,
      `});`,
      ``
    ].join("\n")
  );

  test("readRows reads the new column into each row's new field", async () => {
    const {HARDWARE_PLUS} = (await import(join(scratch, "spec.ts"))) as {HARDWARE_PLUS: FileSpec};
    const rows = readRows(join(scratch, "hardware.csv"), HARDWARE_PLUS);
    expect(rows.map(({row}) => row.tdpW)).toEqual(rows.map((_, i) => 101 + i));
    expect(Object.keys(rows[0].row)).toEqual([...HARDWARE.columns.map((c) => fieldName(c.name)), "tdpW"]);
  });

  test("the row type RowOf gains the field, typed number | null (checked by tsc)", () => {
    writeFileSync(
      join(scratch, "check.ts"),
      [
        `import type {RowOf} from "${from("src/lib/inputs/schemas.ts")}";`,
        `import {HARDWARE_PLUS} from "./spec.js";`,
        `type Row = RowOf<typeof HARDWARE_PLUS>;`,
        `declare const row: Row;`,
        `export const tdp: number | null = row.tdpW;`,
        `export const kind: "gpu" | "tpu" = row.kind;`,
        `// @ts-expect-error a number | null is not a string`,
        `export const wrong: string = row.tdpW;`,
        `// @ts-expect-error no such column`,
        `export const none = row.tdp;`,
        ``
      ].join("\n")
    );
    const tsc = resolve("node_modules/typescript/bin/tsc");
    const args = ["--noEmit", "--strict", "--skipLibCheck", "--target", "ES2022", "--module", "NodeNext"];
    const run = () =>
      execFileSync(process.execPath, [tsc, ...args, "--moduleResolution", "NodeNext", join(scratch, "check.ts")], {
        encoding: "utf8",
        stdio: "pipe"
      });
    expect(run).not.toThrow();
  });

  test("the data dictionary's section for the file lists the new column with its unit and meaning", async () => {
    const {HARDWARE_PLUS} = (await import(join(scratch, "spec.ts"))) as {HARDWARE_PLUS: FileSpec};
    const section = fileSection(HARDWARE_PLUS).join("\n");
    expect(section).toContain("| `tdp_w` | number | W | may be empty | > 0, ≤ 5000 | thermal design power, watts |");
  });
});
