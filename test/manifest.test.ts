import {execFileSync} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {buildManifest} from "../loaders/manifest.js";
import {ALL_FILES} from "../src/lib/inputs/schemas.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

/** A project root with package.json and a copy of data/, to change without touching the real one. */
function copyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "manifest-test-"));
  dirs.push(root);
  writeFileSync(join(root, "package.json"), JSON.stringify({name: "example", version: "9.8.7"}));
  cpSync("data", join(root, "data"), {recursive: true});
  return root;
}

describe("manifest", () => {
  test("buildManifest names the package and lists every data file once, sorted", () => {
    const m = buildManifest(".", "data");
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {name: string; version: string};
    expect(m.name).toBe(pkg.name);
    expect(m.version).toBe(pkg.version);
    const files = m.files.map((f) => f.file);
    expect(files).toEqual(ALL_FILES.map((s) => s.file).sort());
    for (const f of m.files) expect(f.description).toBe(ALL_FILES.find((s) => s.file === f.file)!.description);
  });

  test("buildManifest gives each file's size and the sha256 that sha256sum computes", () => {
    const m = buildManifest(".", "data");
    const files = m.files.map((f) => f.file);
    // sha256sum prints "<hash>  <file>" per file: the same lines data_version hashes.
    const lines = execFileSync("sha256sum", files, {encoding: "utf8"});
    const sums = new Map(
      lines
        .trim()
        .split("\n")
        .map((l) => [l.slice(66), l.slice(0, 64)] as [string, string])
    );
    for (const f of m.files) {
      expect(f.sha256).toBe(sums.get(f.file));
      expect(f.bytes).toBe(statSync(f.file).size);
    }
    const version = execFileSync("sha256sum", {input: lines, encoding: "utf8"}).slice(0, 12);
    expect(m.data_version).toBe(version);
    expect(m.data_version).toMatch(/^[0-9a-f]{12}$/);
  });

  test("buildManifest reads from another root and changes data_version when one byte changes", () => {
    const root = copyRoot();
    const before = buildManifest(root, "data");
    expect(before.name).toBe("example");
    expect(before.version).toBe("9.8.7");
    expect(before.data_version).toBe(buildManifest(".", "data").data_version);
    const path = join(root, "data", "constants.csv");
    writeFileSync(path, readFileSync(path, "utf8").replace("1.58", "1.59"));
    const after = buildManifest(root, "data");
    expect(after.data_version).not.toBe(before.data_version);
    const changed = after.files.filter((f, k) => f.sha256 !== before.files[k].sha256).map((f) => f.file);
    expect(changed).toEqual(["data/constants.csv"]);
  });

  test("buildManifest is the same on every call", () => {
    expect(buildManifest(".", "data")).toEqual(buildManifest(".", "data"));
  });
});
