// View-time hygiene: every page listed in observablehq.config.ts renders with every non-localhost request
// aborted and recorded, with no console error and no failed cell; every asset is self-hosted; and no string
// from the URL or from a data field is ever rendered as HTML.
import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../../loaders/inputs.js";
import {buildInto} from "../../scripts/reproducible.js";
import {SCENARIO_PARAMS} from "../../src/lib/scenario/scenario.js";
import {launch, serve, siteDir, watchedPage, type StaticServer} from "../../browser/harness.js";
import {CHART_SELECTOR, expectations, pageMarkdown, rendered, sitePages} from "../../browser/site.js";

const PAGES = sitePages();
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens `url` on a watched page that also records every request it makes. */
async function open(origin: string, url: string) {
  const watched = await watchedPage(browser, origin);
  const requests: {url: string; type: string; main: boolean}[] = [];
  watched.page.on("request", (r) =>
    requests.push({url: r.url(), type: r.resourceType(), main: r.frame() === watched.page.mainFrame()})
  );
  await watched.page.goto(url, {timeout: 60000});
  await rendered(watched.page);
  return {...watched, requests};
}

describe("every page of the built site", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serve(siteDir());
  });
  afterAll(async () => {
    await server?.close();
  });

  test("sitePages lists the home page and every page of observablehq.config.ts, each built", () => {
    expect(PAGES.length).toBeGreaterThan(5);
    expect(PAGES[0].file).toBe("index.html");
    const built = new Set(readdirSync(siteDir()));
    expect(PAGES.map((p) => p.file).filter((f) => !built.has(f))).toEqual([]);
  });

  test.each(PAGES.map((p) => [p.file, p] as const))(
    "%s renders its h1 and content with no console error and no request leaving localhost",
    async (_, sitePage) => {
      const {page, external, errors, requests} = await open(server.origin, `${server.origin}/${sitePage.file}`);
      expect(external, "requests to other hosts (all aborted)").toEqual([]);
      expect(errors, "console errors").toEqual([]);
      // Fonts, scripts, styles and images are all served by the site itself.
      const foreign = requests.filter((r) => !r.url.startsWith(server.origin) && !/^(data|blob):/.test(r.url));
      expect(foreign).toEqual([]);
      // Each data file is requested once: the page's preload (scripts/preload-data.ts) is the response its
      // cell's fetch() takes, not a second download. (The report page also loads other pages in frames for
      // printing; their requests are their own.)
      const files = requests.filter((r) => r.main && r.url.includes("/_file/")).map((r) => r.url);
      expect(
        files.filter((u, k) => files.indexOf(u) !== k),
        "data files requested twice"
      ).toEqual([]);
      const main = page.locator("#observablehq-main");
      await expect.poll(() => main.locator("h1").count()).toBeGreaterThanOrEqual(1);
      expect((await main.locator("h1").first().innerText()).trim()).not.toBe("");
      // No cell failed (Framework shows a failed cell as an inspector error).
      expect(await main.locator(".observablehq--error").allInnerTexts()).toEqual([]);
      // Main content beyond the heading: some text and, where the page's source builds them, tables and charts.
      const text = (await main.innerText()).replace((await main.locator("h1").first().innerText()) ?? "", "");
      expect(text.trim().length, "text beside the h1").toBeGreaterThan(0);
      const want = expectations(sitePage);
      if (want.table) expect(await main.locator("table").count(), "tables").toBeGreaterThan(0);
      if (want.chart) {
        const charts = await page.$$eval(
          CHART_SELECTOR,
          (svgs) =>
            svgs.filter((s) => {
              const box = s.getBoundingClientRect();
              return box.width >= 100 && box.height >= 50;
            }).length
        );
        expect(charts, "charts").toBeGreaterThan(0);
      }
      if (want.controls) expect(await main.locator("input, select, button").count(), "controls").toBeGreaterThan(0);
      await page.close();
    },
    120000
  );

  test("every built HTML, CSS and JS file refers only to assets of the site itself", () => {
    const dir = siteDir();
    const offenders: string[] = [];
    const walk = (d: string, rel = ""): string[] =>
      readdirSync(join(d), {withFileTypes: true}).flatMap((e) =>
        e.isDirectory() ? walk(join(d, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`]
      );
    for (const file of walk(dir)) {
      const text = /\.(html|css)$/.test(file) ? readFileSync(join(dir, file), "utf8") : "";
      // <script src>, <link href>, <img src>, <source src>, CSS url() and @import pointing at another host.
      const patterns = [
        /<(?:script|img|source|iframe|video|audio)\b[^>]*\bsrc=["']?(?:https?:)?\/\//gi,
        /<link\b[^>]*\bhref=["']?(?:https?:)?\/\//gi,
        /url\(\s*["']?(?:https?:)?\/\//gi,
        /@import\s+["'](?:https?:)?\/\//gi
      ];
      for (const p of patterns) for (const m of text.matchAll(p)) offenders.push(`${file}: ${m[0]}`);
      if (/\.js$/.test(file)) {
        const js = readFileSync(join(dir, file), "utf8");
        for (const m of js.matchAll(/\bimport\s*(?:[^"'();]*from\s*)?["']((?:https?:)?\/\/[^"']+)["']/g))
          offenders.push(`${file}: import ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

// Markup that must only ever appear as text: it sets window.__pwned if it is ever parsed as HTML.
const IMG = "<img src=x onerror=window.__pwned=1>";
const SCRIPT = "<script>window.__pwned=2</script>";

/** Whether the markup ran or became elements, and whether its text is visible on the page. */
async function injectionState(page: Page) {
  return page.evaluate(
    ([img, script]) => {
      const text = document.body.innerText;
      return {
        pwned: (window as unknown as {__pwned?: number}).__pwned ?? null,
        elements: document.querySelectorAll('img[src="x"], img[onerror]').length,
        scripts: [...document.scripts].filter((s) => s.textContent?.includes("__pwned")).length,
        shownAsText: text.includes(img) || text.includes(script)
      };
    },
    [IMG, SCRIPT]
  );
}

describe("markup in a URL parameter", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serve(siteDir());
  });
  afterAll(async () => {
    await server?.close();
  });

  test("injectionState detects markup that a page inserts as HTML (the check can fail)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vulnerable-"));
    writeFileSync(
      join(dir, "vulnerable.html"),
      "<!DOCTYPE html><body><div id=out></div><script>" +
        "document.getElementById('out').innerHTML = new URLSearchParams(location.search).get('grid');</script>"
    );
    const local = await serve(dir);
    try {
      const {page} = await open(local.origin, `${local.origin}/vulnerable.html?grid=${encodeURIComponent(IMG)}`);
      const state = await injectionState(page);
      expect(state.elements).toBe(1);
      await expect.poll(() => page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBe(1);
      await page.close();
    } finally {
      await local.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });

  // Every scenario parameter gets markup; pages that read the URL must name the rejected value as text.
  const query = SCENARIO_PARAMS.map((p, i) => `${p.name}=${encodeURIComponent(i % 2 ? SCRIPT : IMG)}`).join("&");

  test.each(PAGES.map((p) => [p.file, p] as const))(
    "%s with markup in every scenario parameter shows it only as text",
    async (file, sitePage) => {
      const {page} = await open(server.origin, `${server.origin}/${file}?${query}`);
      const state = await injectionState(page);
      expect({pwned: state.pwned, elements: state.elements, scripts: state.scripts}).toEqual({
        pwned: null,
        elements: 0,
        scripts: 0
      });
      // Whether the page itself reads its address: its source, not the built HTML, whose head script (which
      // carries the scenario into navigation links) reads every page's address.
      const source = pageMarkdown(sitePage);
      const readsUrl =
        sitePage.path === "/sensitivity" || /parseScenario|location\.search|URLSearchParams/.test(source);
      if (readsUrl) expect(state.shownAsText, "the rejected value is named, as text").toBe(true);
      await page.close();
    },
    120000
  );
});

/** Columns whose text the pages display: names and labels. Each gets markup in the hostile copy of data/. */
const HOSTILE_COLUMNS: Record<string, string[]> = {
  "training_runs.csv": ["model"],
  "hardware.csv": ["name"],
  "consumption.csv": ["label"],
  "grid_mix.csv": ["consumer"],
  "later_models.v2.csv": ["model"]
};

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A copy of data/ where every displayed name or label starts with markup (alternately <img> and <script>). */
function hostileData(dir: string): string {
  cpSync("data", dir, {recursive: true});
  let k = 0;
  for (const [file, columns] of Object.entries(HOSTILE_COLUMNS)) {
    const path = join(dir, file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue; // a file this version of the data does not have
    }
    const rows = parse(text, {bom: true}) as string[][];
    const header = rows[0];
    const indexes = columns.map((c) => header.indexOf(c)).filter((i) => i >= 0);
    for (const row of rows.slice(1)) for (const i of indexes) row[i] = `${k++ % 2 ? SCRIPT : IMG}${row[i]}`;
    writeFileSync(path, rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n");
  }
  return dir;
}

describe("markup in a data field", () => {
  let work = "";
  let server: StaticServer;
  const shown: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "hostile-data-"));
    const data = hostileData(join(work, "data"));
    loadInputs(data); // the hostile copy is still valid input: a failure here names the file, line and column
    const {status, stderr} = buildInto(join(work, "dist"), {DATA_DIR: data});
    if (status !== 0) throw new Error(`the build with hostile data failed:\n${stderr.slice(-3000)}`);
    server = await serve(join(work, "dist"));
  }, 300000);

  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, {recursive: true, force: true});
  });

  test.each(PAGES.map((p) => [p.file] as const))(
    "%s built from data with markup in names and labels shows it only as text",
    async (file) => {
      const {page, errors} = await open(server.origin, `${server.origin}/${file}`);
      const state = await injectionState(page);
      expect({pwned: state.pwned, elements: state.elements, scripts: state.scripts}).toEqual({
        pwned: null,
        elements: 0,
        scripts: 0
      });
      expect(errors, "console errors").toEqual([]);
      if (state.shownAsText) shown.push(file);
      await page.close();
    },
    120000
  );

  test("the hostile names appear, as text, on at least one page (the injection reached the pages)", () => {
    expect(shown.length).toBeGreaterThan(0);
  });
});
