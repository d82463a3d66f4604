// README's "Add your own cell": its ```js cells, copied out of README.md into a new page of a scratch copy of
// the project, built, and opened in Chromium: the number shows and follows the URL and the controls.
import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {launch, serve, settled, watchedPage, type StaticServer} from "../../browser/harness.js";

/** The fenced ```js blocks of one README section, by its heading. */
export function readmeCells(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

let scratch = "";
let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "own-cell-"));
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {encoding: "utf8"});
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (!existsSync(file)) continue;
    mkdirSync(dirname(join(scratch, file)), {recursive: true});
    cpSync(file, join(scratch, file));
  }
  symlinkSync(join(process.cwd(), "node_modules"), join(scratch, "node_modules"), "dir");
  const cells = readmeCells(readFileSync("README.md", "utf8"), "Add your own cell");
  writeFileSync(
    join(scratch, "src", "own-cell.md"),
    `# My page\n\n${cells.map((c) => "```js\n" + c + "```\n").join("\n")}`
  );
  const r = spawnSync("npx", ["tsx", "scripts/build.ts"], {
    cwd: scratch,
    env: {...process.env, DIST_DIR: "dist"},
    encoding: "utf8"
  });
  if (r.status !== 0) throw new Error(`the scratch build failed:\n${r.stderr.slice(-3000)}`);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, {recursive: true, force: true});
});

describe("README's Add your own cell", () => {
  test("readmeCells finds the section's cells, with imports relative to src/", () => {
    const cells = readmeCells(readFileSync("README.md", "utf8"), "Add your own cell");
    expect(cells.length).toBeGreaterThanOrEqual(1);
    expect(cells.join("\n")).toMatch(/from "\.\/lib\/paper\/report\.js"/);
    expect(cells.join("\n")).toMatch(/buildReport\(inputs, scenario\)/);
  });

  test("the pasted cells show a live number that follows ?pue= and the PUE control", async () => {
    server = await serve(join(scratch, "dist"));
    browser = await launch();
    const {page, errors, external} = await watchedPage(browser, server.origin);
    // The number as shown, once the cells have run (a condition, not a sleep).
    const shows = (kg: string) =>
      page.waitForFunction(
        (text) => document.querySelector("main")?.textContent?.includes(`NAS (P100) under this scenario: ${text} kg`),
        kg,
        {timeout: 30000}
      );
    await page.goto(`${server.origin}/own-cell.html`);
    await settled(page, 30000);
    await shows("284,019");
    await page.goto(`${server.origin}/own-cell.html?pue=1`);
    await settled(page, 30000);
    await shows("179,759");
    await page.locator('[data-control="pue"] input[type="number"]').fill("2");
    await shows("359,518");
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 120000);
});
