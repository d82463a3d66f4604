import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {ALL_FILES} from "../src/lib/inputs/schemas.js";
import {dataDictionary, DICTIONARY_PATH} from "../scripts/data-dictionary.js";

describe("data-dictionary", () => {
  test("dataDictionary is what data/README.md holds (run npm run data-dictionary after changing a spec)", () => {
    expect(readFileSync(DICTIONARY_PATH, "utf8"), "data/README.md is out of date: run npm run data-dictionary").toBe(
      dataDictionary()
    );
  });

  test("dataDictionary has a section for every file of ALL_FILES with every column", () => {
    const text = dataDictionary();
    for (const spec of ALL_FILES) {
      const start = text.indexOf(`\n## ${spec.file}\n`);
      expect(start, `no section for ${spec.file}`).toBeGreaterThan(0);
      const end = text.indexOf("\n## ", start + 1);
      const section = text.slice(start, end < 0 ? undefined : end);
      for (const c of spec.columns) expect(section, `${spec.file} column ${c.name}`).toContain(`| \`${c.name}\` |`);
    }
  });

  test("dataDictionary names the inferred LISA power row and the compare-only files", () => {
    const text = dataDictionary();
    expect(text).toMatch(/`data\/case_study.csv`, row `gpu_watts` \(Inferred/);
    expect(text).toContain("The compare-only files (`data/published.csv`");
  });

  test("ALL_FILES specs describe each row and give every number column a unit", () => {
    for (const spec of ALL_FILES) {
      expect(spec.description.trim(), `${spec.file} has no description`).not.toBe("");
      for (const c of spec.columns) {
        expect(c.description.trim(), `${spec.file} column ${c.name} has no description`).not.toBe("");
        if (c.type === "number" || c.type === "integer") {
          expect(c.unit, `${spec.file} column ${c.name}: add its unit to src/lib/inputs/schemas.ts`).toBeTruthy();
        }
      }
    }
  });
});
