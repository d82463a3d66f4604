import {mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, test} from "vitest";
import {
  changelogSection,
  checkRelease,
  dataFiles,
  readReleased,
  releasedText,
  RELEASED_FILE
} from "../scripts/release-data.js";

// The data release rule: a released data file is never edited in place. data/RELEASED.sha256 lists each
// released file's sha256 at the current version; its bytes may change only with a new package version
// and a line naming the file in that version's CHANGELOG.md section.

describe("the repository's released data", () => {
  test("checkRelease finds every released data file as it was released (or changed with a new version)", () => {
    expect(checkRelease(".")).toEqual([]);
  });

  test("readReleased lists data files that exist, at a version CHANGELOG.md has a section for", () => {
    const released = readReleased(".");
    expect(released.files.length).toBeGreaterThan(0);
    for (const {file} of released.files) expect(dataFiles(".")).toContain(file);
    expect(changelogSection(".", released.version)).not.toBeNull();
  });
});

describe("checkRelease on a scratch repository", () => {
  let root: string;
  const write = (path: string, text: string) => writeFileSync(join(root, path), text);
  const setVersion = (version: string) => write("package.json", JSON.stringify({name: "x", version}));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "release-"));
    mkdirSync(join(root, "data"));
    setVersion("1.0.0");
    write("data/a.csv", "key,value\npue,1.58\n");
    write("data/b.csv", "key,value\nprice,0.12\n");
    write("CHANGELOG.md", "# Changelog\n\n## [1.0.0] - 2026-11-26\n\n- First release.\n");
    write(RELEASED_FILE, releasedText(root));
  });

  afterEach(() => rmSync(root, {recursive: true, force: true}));

  test("checkRelease accepts an untouched release and new, unreleased files", () => {
    expect(readReleased(root)).toMatchObject({version: "1.0.0", files: [{file: "data/a.csv"}, {file: "data/b.csv"}]});
    write("data/c.csv", "key,value\nnew,1\n");
    expect(checkRelease(root)).toEqual([]);
  });

  test("checkRelease fails when a released file is edited in place at the same version", () => {
    write("data/a.csv", "key,value\npue,1.1\n");
    const problems = checkRelease(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^data\/a\.csv changed after its release at version 1\.0\.0: .*never edited in place/);
  });

  test("checkRelease fails when a released file is removed at the same version", () => {
    unlinkSync(join(root, "data/b.csv"));
    expect(checkRelease(root)).toEqual([expect.stringMatching(/^data\/b\.csv was removed after its release/)]);
  });

  test("checkRelease fails on a new version whose CHANGELOG.md section is missing or does not name the file", () => {
    write("data/a.csv", "key,value\npue,1.1\n");
    setVersion("1.1.0");
    expect(checkRelease(root)).toEqual([expect.stringMatching(/CHANGELOG\.md has no section for 1\.1\.0/)]);
    write(
      "CHANGELOG.md",
      "# Changelog\n\n## [1.1.0] - 2027-01-01\n\n- Faster.\n\n## [1.0.0] - 2026-11-26\n\n- a.csv\n"
    );
    expect(checkRelease(root)).toEqual([expect.stringMatching(/1\.1\.0 section does not name it/)]);
  });

  test("checkRelease accepts a changed file with a new version and a changelog line naming it", () => {
    write("data/a.csv", "key,value\npue,1.1\n");
    setVersion("1.1.0");
    write(
      "CHANGELOG.md",
      "# Changelog\n\n## [1.1.0] - 2027-01-01\n\n### Data\n\n- a.csv: PUE corrected (source, locator).\n\n## [1.0.0] - 2026-11-26\n"
    );
    expect(checkRelease(root)).toEqual([]);
  });

  test("readReleased names the line of a malformed entry", () => {
    write(RELEASED_FILE, "# version 1.0.0\nnot a checksum\n");
    expect(() => readReleased(root)).toThrow(/RELEASED\.sha256:2: not "sha256  file"/);
  });
});
