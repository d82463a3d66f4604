// Reproducible output: the site built by the test run's global setup (.test-dist, or SITE_DIR) and one more
// clean build have the same file names and bytes, and no output carries a stamp of the build time.
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {buildInto, compareTrees, describeComparison, findBuildStamps, listFiles} from "../scripts/reproducible.js";
import {siteDir} from "../browser/harness.js";

// Created when a test of this file runs (a filtered run that skips them all leaves nothing behind).
let work = "";
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "reproducible-test-"));
});
afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true});
});

function tree(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), {recursive: true});
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("compareTrees", () => {
  test("compareTrees finds identical trees identical", () => {
    const a = tree("same-a", {"index.html": "<h1>x</h1>", "_node/d3/index.js": "export {}"});
    const b = tree("same-b", {"index.html": "<h1>x</h1>", "_node/d3/index.js": "export {}"});
    const c = compareTrees(a, b);
    expect(c.identical).toBe(true);
    expect(c.files).toBe(2);
    expect(listFiles(a)).toEqual(["_node/d3/index.js", "index.html"]);
  });

  test("compareTrees reports the first differing byte and files present on one side only", () => {
    const a = tree("diff-a", {"index.html": '{"lastModified":1564272000000}', "a.js": "1"});
    const b = tree("diff-b", {"index.html": '{"lastModified":1564272000001}', "b.js": "1"});
    const c = compareTrees(a, b);
    expect(c.identical).toBe(false);
    expect(c.onlyInA).toEqual(["a.js"]);
    expect(c.onlyInB).toEqual(["b.js"]);
    expect(c.differing.map((d) => [d.file, d.offset])).toEqual([["index.html", 28]]);
    expect(describeComparison(c)).toMatch(/index\.html .* first differs at byte 28/);
  });
});

describe("findBuildStamps", () => {
  test("findBuildStamps finds today's date and epoch times of now, not fixed dates", () => {
    const now = Date.UTC(2030, 0, 15, 12);
    const dir = tree("stamps", {
      "a.html": `built 2030-01-15`,
      "b.js": `registerFile({"lastModified":${now - 5000}})`,
      "c.json": `{"t":${Math.floor(now / 1000)}}`,
      "d.js": `{"lastModified":1564272000000} 2019-07-28`
    });
    expect(findBuildStamps(dir, now, null).map((s) => [s.file, s.kind])).toEqual([
      ["a.html", "date"],
      ["b.js", "epoch-ms"],
      ["c.json", "epoch-s"]
    ]);
  });
  test("findBuildStamps does not report a date copied from a source file (a date-released typed in today)", () => {
    const now = Date.UTC(2030, 0, 15, 12);
    const source = tree("stamp-source", {"CITATION.cff": "date-released: 2030-01-15\n"});
    const dir = tree("stamp-copied", {"citation.json": '{"date":"2030-01-15"}', "page.html": `built ${now}`});
    expect(findBuildStamps(dir, now, source).map((s) => [s.file, s.kind])).toEqual([["page.html", "epoch-ms"]]);
  });
});

describe("the built site", () => {
  test("buildInto a second clean build gives byte-identical output with no build-time stamps", () => {
    const first = siteDir();
    const second = join(work, "second");
    const {status, stderr} = buildInto(second);
    expect(status, stderr).toBe(0);
    const c = compareTrees(first, second);
    expect(c.identical, describeComparison(c)).toBe(true);
    expect(c.files).toBeGreaterThan(10);
    expect(findBuildStamps(second)).toEqual([]);
  }, 300000);
});
