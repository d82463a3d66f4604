// `npm run release:data`: records the sha256 of every data file at the package's version in
// data/RELEASED.sha256 (sha256sum format, the version on a comment line). Once written, a released file's
// bytes may change only with a new package version and a line naming the file in that version's
// CHANGELOG.md section (the data release rule; checked by test/data-release.test.ts with checkRelease).
import {createHash} from "node:crypto";
import {existsSync, readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {writeFileAtomic} from "../cli/write.js";

export const RELEASED_FILE = "data/RELEASED.sha256";

export interface Released {
  version: string;
  files: Array<{file: string; sha256: string}>;
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {version: string}).version;
}

/** The data files a release covers: every CSV file directly in data/, sorted. */
export function dataFiles(root: string): string[] {
  return readdirSync(join(root, "data"))
    .filter((name) => name.endsWith(".csv"))
    .sort()
    .map((name) => `data/${name}`);
}

/** The text of data/RELEASED.sha256 for the files as they are now, at the package's version. */
export function releasedText(root: string): string {
  const version = packageVersion(root);
  const lines = dataFiles(root).map((file) => `${sha256(join(root, file))}  ${file}`);
  return [
    `# version ${version}`,
    "# sha256 of each released data file (sha256sum -c format). Written by `npm run release:data`.",
    "# A released file changes only with a new package version and a CHANGELOG.md line naming it.",
    ...lines,
    ""
  ].join("\n");
}

/** Reads data/RELEASED.sha256; errors name the file and line. */
export function readReleased(root: string): Released {
  const path = join(root, RELEASED_FILE);
  const text = readFileSync(path, "utf8");
  let version = "";
  const files: Released["files"] = [];
  text.split("\n").forEach((line, k) => {
    const versionLine = /^# version (\S+)$/.exec(line);
    if (versionLine) version = versionLine[1];
    else if (line.startsWith("#") || line.trim() === "") return;
    else {
      const entry = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      if (!entry) throw new Error(`${RELEASED_FILE}:${k + 1}: not "sha256  file": ${JSON.stringify(line)}`);
      files.push({sha256: entry[1], file: entry[2]});
    }
  });
  if (!version) throw new Error(`${RELEASED_FILE}: no "# version X" line`);
  return {version, files};
}

/** The body of CHANGELOG.md's section for `version` ("## [0.2.0] - 2027-01-31"), or null. */
export function changelogSection(root: string, version: string): string | null {
  const path = join(root, "CHANGELOG.md");
  if (!existsSync(path)) return null;
  const text = readFileSync(path, "utf8");
  const heading = new RegExp(`^## \\[${version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\][^\n]*$`, "m").exec(text);
  if (!heading) return null;
  const rest = text.slice(heading.index + heading[0].length);
  const next = /^## /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/**
 * Breaches of the data release rule, one sentence each (none: the rule holds). At the released version,
 * every listed file must have its listed bytes; at a later version, each changed or removed file must be
 * named in that version's CHANGELOG.md section.
 */
export function checkRelease(root: string): string[] {
  const released = readReleased(root);
  const version = packageVersion(root);
  const problems: string[] = [];
  const section = version === released.version ? null : changelogSection(root, version);
  for (const {file, sha256: listed} of released.files) {
    const path = join(root, file);
    const now = existsSync(path) ? sha256(path) : null;
    if (now === listed) continue;
    const what = now === null ? "was removed" : "changed";
    if (version === released.version) {
      problems.push(
        `${file} ${what} after its release at version ${version}: a released data file is never edited in place; ` +
          "add the correction as a new file version, bump package.json's version and add a CHANGELOG.md line"
      );
    } else if (section === null) {
      problems.push(
        `${file} ${what} since version ${released.version}, and CHANGELOG.md has no section for ${version}`
      );
    } else if (!section.includes(file.replace(/^data\//, ""))) {
      problems.push(
        `${file} ${what} since version ${released.version}, but CHANGELOG.md's ${version} section does not name it`
      );
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const text = releasedText(root);
  writeFileAtomic(join(root, RELEASED_FILE), text);
  const count = text.split("\n").filter((l) => /^[0-9a-f]{64}/.test(l)).length;
  process.stderr.write(`wrote ${RELEASED_FILE}: ${count} files at version ${packageVersion(root)}\n`);
}
