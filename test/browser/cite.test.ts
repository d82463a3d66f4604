// The Cite page in the built site: its citations are the loader's (Citation.js from CITATION.cff), its
// permalink is the canonical address of the scenario, and every table downloads in four formats with the
// same bytes the engine gives in Node; a Plot chart downloads as a stand-alone SVG and a 2x PNG.
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import type {Download, Page} from "playwright-core";
import {beforeAll, describe, expect, test} from "vitest";
import {buildCitation, type Citation} from "../../loaders/citation.js";
import {loadInputs} from "../../loaders/inputs.js";
import {exportFileName, toCsv, toJson, toLatex, toMarkdown} from "../../src/lib/present/exports.js";
import {buildReport} from "../../src/lib/paper/report.js";
import {parseScenario} from "../../src/lib/scenario/scenario.js";
import {tableViews} from "../../src/lib/present/views.js";
import {siteDir} from "../../browser/harness.js";
import {siteSession} from "./session.js";
import {rendered} from "../../browser/site.js";

const site = siteSession();
let citation: Citation;

beforeAll(() => {
  citation = buildCitation(".", {});
});

async function open(path: string): Promise<{page: Page; external: string[]; errors: string[]}> {
  const watched = await site.open(path);
  await rendered(watched.page);
  return watched;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{name: string; bytes: Buffer}> {
  const [download] = (await Promise.all([page.waitForEvent("download"), click()])) as [Download, void];
  return {name: download.suggestedFilename(), bytes: readFileSync(await download.path())};
}

/** The built module of a site file: "/_import/components/downloads.<hash>.js". */
function builtModule(folder: string, pattern: RegExp): string {
  const dir = join(siteDir(), folder);
  const walk = (d: string, rel: string): string[] =>
    readdirSync(d, {withFileTypes: true}).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`]
    );
  const file = walk(dir, "").find((f) => pattern.test(f));
  if (!file) throw new Error(`no ${pattern} under ${folder} of the built site`);
  return `/${folder}/${file}`;
}

describe("cite.html", () => {
  test("cite.html shows the citations generated from CITATION.cff, with version and data version", async () => {
    const {page, external, errors} = await open("cite.html");
    const bibtex = await page.locator(".citation.bibtex pre").allTextContents();
    expect(bibtex).toEqual([citation.replication.bibtex, citation.original.bibtex]);
    const text = await page.locator(".citation.text pre").allTextContents();
    expect(text).toEqual([citation.replication.text, citation.original.text]);
    const main = await page.locator("#observablehq-main").innerText();
    expect(main).toContain(`Version ${citation.version}`);
    expect(main).toContain(citation.data_version);
    expect(await page.locator(".cite-block").innerText()).toContain(`Version ${citation.version}`);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("cite.html shows the canonical permalink of the scenario in its address, as text", async () => {
    const {page} = await open("cite.html?units=kg&pue=1.10&bogus=%3Cb%3Ex%3C%2Fb%3E");
    const permalink = await page.locator("#observablehq-main .cite-permalink .permalink").first().textContent();
    expect(permalink).toBe(`${site.server.origin}/cite.html?pue=1.1&units=kg`);
    expect(await page.locator(".scenario-notices").innerText()).toContain('bogus="<b>x</b>"');
    expect(await page.locator("#observablehq-main b").count()).toBe(0);
    await page.close();
  });

  test("cite.html copy buttons put the citation on the clipboard", async () => {
    const {page} = await open("cite.html");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {origin: site.server.origin});
    await page.locator(".citation.bibtex button").first().click();
    await expect.poll(() => page.locator(".cite-status").first().textContent()).toMatch(/copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation.replication.bibtex);
    await page.close();
  });

  test("tableDownloads on cite.html gives each table in four formats, equal to the engine's exports in Node", async () => {
    const params: [string, string][] = [
      ["pue", "1.1"],
      ["grid", "google"],
      ["units", "kg"]
    ];
    const inputs = loadInputs("data");
    const report = buildReport(inputs, parseScenario(params, inputs, {strict: true}).scenario);
    const query = report.scenario.query;
    const meta = {query, version: citation.version, dataVersion: citation.data_version};
    // A fresh page per table, and a pause between clicks like a reader's: Chromium throttles a page
    // that starts about ten downloads in quick succession.
    for (const view of tableViews(report)) {
      const {page} = await open(`cite.html?${new URLSearchParams(params)}`);
      const expected: Record<string, string> = {
        csv: toCsv(view),
        json: toJson(view, meta),
        md: toMarkdown(view),
        tex: toLatex(view, meta)
      };
      for (const extension of Object.keys(expected)) {
        const button = page.locator(`[data-downloads="${view.id}"] button[data-format="${extension}"]`);
        const file = await downloaded(page, () => button.click());
        expect(file.name).toBe(exportFileName(view.id, query, extension));
        expect(file.bytes.toString("utf8"), `${view.id}.${extension}`).toBe(expected[extension]);
      }
      await page.close();
    }
  });
});

describe("chartDownloads", () => {
  test("chartDownloads saves a Plot chart as a stand-alone SVG and as a PNG at twice its size", async () => {
    const {page, errors} = await open("cite.html");
    const downloads = builtModule("_import", /^components\/downloads\.[0-9a-f]+\.js$/);
    const plot = builtModule("_node", /^@observablehq\/plot@[^/]+\/index\.[0-9a-f]+\.js$/);
    // Run as a string: the test runner would otherwise rewrite the browser's import() calls.
    const size = (await page.evaluate(`(async () => {
      const {chartDownloads} = await import(${JSON.stringify(downloads)});
      const Plot = await import(${JSON.stringify(plot)});
      const chart = Plot.barX(
        [{model: "NAS", kwh: 656347}, {model: "BERT", kwh: 1507}],
        {x: "kwh", y: "model", fill: "model"}
      ).plot({width: 480, height: 160, color: {legend: true}});
      document.querySelector("#observablehq-main").append(chart, chartDownloads(chart, "test-chart", "pue=1.1"));
      const svg = chart.tagName === "svg" ? chart : [...chart.querySelectorAll("svg")].pop();
      return {width: Number(svg.getAttribute("width")), height: Number(svg.getAttribute("height"))};
    })()`)) as {width: number; height: number};
    const group = page.locator('[data-downloads="test-chart"]');
    const svg = await downloaded(page, () => group.locator('button[data-format="svg"]').click());
    expect(svg.name).toBe("strubell2019-test-chart-pue-1.1.svg");
    const text = svg.bytes.toString("utf8");
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/
    );
    expect(text).toContain(`width="${size.width}"`);
    expect(text).toMatch(/^<svg [^>]*style="[^"]*font-family:[^"]*background:white"/m);
    expect(text).toMatch(/<rect[^>]*style="[^"]*fill:rgb/);
    expect(text).toContain("NAS");
    // Stand-alone: it renders on its own, as an image of the right size.
    const image = await page.evaluate(async (svgText) => {
      const url = URL.createObjectURL(new Blob([svgText], {type: "image/svg+xml"}));
      const img = new Image();
      await new Promise((ok, fail) => ((img.onload = ok), (img.onerror = fail), (img.src = url)));
      return {width: img.naturalWidth, height: img.naturalHeight};
    }, text);
    expect(image).toEqual(size);

    const png = await downloaded(page, () => group.locator('button[data-format="png"]').click());
    expect(png.name).toBe("strubell2019-test-chart-pue-1.1.png");
    expect(png.bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([size.width * 2, size.height * 2]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
