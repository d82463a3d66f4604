// README.md's "Project structure" block against the tree: every path it names exists, and every top-level folder and
// every folder under src/ is named, so the section cannot drift from the layout.
import {execFileSync} from "node:child_process";
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {describe, expect, test} from "vitest";

/** The paths named by the README's "Project structure" block: nesting by two-space indentation. */
function structurePaths(readme: string): string[] {
  const section = readme.split(/^## Project structure$/m)[1];
  if (!section) throw new Error("README.md has no '## Project structure' section");
  const block = /```\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error("README.md's 'Project structure' section has no ``` block");
  const parents: string[] = [];
  const paths: string[] = [];
  for (const line of block.split("\n")) {
    const m = /^( *)(\S+)/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 2;
    if (!Number.isInteger(depth) || depth > parents.length) throw new Error(`bad indentation: ${JSON.stringify(line)}`);
    parents.length = depth;
    const path = [...parents, m[2]].join("");
    paths.push(path.replace(/\/$/, ""));
    if (m[2].endsWith("/")) parents.push(m[2]);
  }
  return paths;
}

/** Folders holding tracked files (ignored output such as dist/ and node_modules/ is not part of the layout). */
function trackedFolders(): Set<string> {
  const files = execFileSync("git", ["ls-files"], {encoding: "utf8"}).split("\n").filter(Boolean);
  const folders = new Set<string>();
  for (const file of files) for (let d = dirname(file); d !== "."; d = dirname(d)) folders.add(d);
  return folders;
}

const exists = (path: string) =>
  path.includes("*")
    ? readdirSync(dirname(path)).some((name) =>
        new RegExp(`^${path.split("/").pop()!.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`).test(name)
      )
    : existsSync(path);

describe("README.md Project structure", () => {
  const named = structurePaths(readFileSync("README.md", "utf8"));
  const folders = trackedFolders();

  test("structurePaths reads the nested block", () => {
    expect(named).toContain("src/lib");
    expect(named).toContain("data/published.csv");
  });

  test("every path the README's structure names exists", () => {
    expect(named.filter((path) => !exists(path))).toEqual([]);
  });

  test("every top-level folder and every folder under src/ is named in the README's structure", () => {
    const wanted = [...folders].filter(
      (d) => (!d.includes("/") && !d.startsWith(".")) || (/^src\/[^/]+$/.test(d) && !d.startsWith("src/."))
    );
    expect(wanted.filter((d) => !named.includes(d))).toEqual([]);
  });
});

test("structurePaths and exists reject a named folder that is not in the tree", () => {
  const fake = "## Project structure\n\n```\nsrc/\n  nowhere/            x\n```\n";
  expect(structurePaths(fake)).toEqual(["src", "src/nowhere"]);
  expect(exists(join("src", "nowhere"))).toBe(false);
});
