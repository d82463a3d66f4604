// The JavaScript each built page loads: its module graph is complete (every file it imports was built) and
// no library is shipped twice (two versions of a package, or Plot/Inputs bundled into two files).
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {duplicateLibraries, packageOf, pageJs} from "../bench/js-graph.js";
import {siteDir} from "../browser/harness.js";
import {sitePages} from "../browser/site.js";

// Created when a test of this file runs (a filtered run that skips them all leaves nothing behind).
let work = "";
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "js-graph-"));
});
afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true});
});

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, "site-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), {recursive: true});
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("pageJs", () => {
  test("pageJs follows modulepreload links and static imports, and lists import() targets apart", () => {
    const dir = site({
      "a.html":
        '<link rel="modulepreload" href="./_observablehq/client.js"><script type="module">import {x} from "./_import/x.js";</script>',
      "_observablehq/client.js": 'import{r}from"./runtime.js";import("../_npm/d3-dsv@3.0.2/_esm.js")',
      "_observablehq/runtime.js": "export const r=1",
      "_import/x.js": 'export * from "../_node/d3@7.9.2/index.js"',
      "_node/d3@7.9.2/index.js": "export const d=1"
    });
    const p = pageJs(dir, "a.html");
    expect(p.files).toEqual([
      "_import/x.js",
      "_node/d3@7.9.2/index.js",
      "_observablehq/client.js",
      "_observablehq/runtime.js"
    ]);
    expect(p.dynamic).toEqual(["_npm/d3-dsv@3.0.2/_esm.js"]);
    expect(p.missing).toEqual([]);
    expect(p.raw).toBeGreaterThan(0);
  });

  test("pageJs on every built page finds a complete graph", () => {
    for (const {file} of sitePages()) {
      const p = pageJs(siteDir(), file);
      expect({file, missing: p.missing}).toEqual({file, missing: []});
      expect(p.files.length).toBeGreaterThan(0);
    }
  });
});

describe("duplicateLibraries", () => {
  test("packageOf reads scoped and plain package folders", () => {
    expect(packageOf("_node/@observablehq/plot@0.6.17/index.js")).toEqual({
      name: "@observablehq/plot",
      version: "0.6.17"
    });
    expect(packageOf("_npm/d3-array@3.2.5/_esm.js")).toEqual({name: "d3-array", version: "3.2.5"});
    expect(packageOf("_import/lib/report.js")).toBeNull();
  });

  test("duplicateLibraries reports two versions, _node beside _npm, and Plot bundled twice", () => {
    const dir = site({
      "_node/d3-array@3.2.5/index.js": "",
      "_node/d3-array@3.2.4/index.js": "",
      "_node/htl@0.3.1/index.js": "",
      "_npm/htl@0.3.1/_esm.js": "",
      "_node/@observablehq/plot@0.6.17/index.js": 'const c="plot-d6a7b5"',
      "_import/chart.js": 'const c="plot-0f0f0f"'
    });
    const problems = duplicateLibraries(dir);
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/d3-array/);
    expect(problems.join("\n")).toMatch(/htl/);
    expect(problems.join("\n")).toMatch(/@observablehq\/plot code in 2 files/);
  });

  test("duplicateLibraries finds no library shipped twice in the built site", () => {
    expect(duplicateLibraries(siteDir())).toEqual([]);
  });
});
