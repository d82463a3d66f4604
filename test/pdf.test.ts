// The PDF report (`npm run report -- --pdf FILE`), produced from the built site by the CLI into a temporary
// file and read back with pdfjs-dist (page count, page size and text; no system tool needed).
import {spawnSync} from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {runReport, UsageError} from "../cli/cli.js";
import {loadInputs} from "../loaders/inputs.js";
import {buildManifest} from "../loaders/manifest.js";
import {REPORT_SLOTS, siteStaleness} from "../cli/pdf.js";
import {errata} from "../src/lib/paper/errata.js";
import {formatNumber} from "../src/lib/present/format.js";
import {buildReport} from "../src/lib/paper/report.js";
import {paperScenario, parseScenario} from "../src/lib/scenario/scenario.js";
import {tableViews} from "../src/lib/present/views.js";
import {siteDir} from "../browser/harness.js";

const tmp = mkdtempSync(join(tmpdir(), "pdf-report-"));

afterAll(() => rmSync(tmp, {recursive: true, force: true}));

interface PdfRead {
  /** Each page's size in points (1/72 inch). */
  pages: Array<{width: number; height: number}>;
  /** The text of every page, in reading order, each line ended by a space. */
  text: string;
}

/** Reads a PDF's pages and text with pdfjs-dist (its legacy build is the one made for Node). */
async function readPdf(file: string): Promise<PdfRead> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({data: new Uint8Array(readFileSync(file)), useSystemFonts: false}).promise;
  const pages: PdfRead["pages"] = [];
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const {width, height} = page.getViewport({scale: 1});
    pages.push({width, height});
    for (const item of (await page.getTextContent()).items)
      if ("str" in item) text += item.str + (item.hasEOL ? " " : "");
    text += " ";
  }
  await doc.destroy();
  return {pages, text};
}

/** Runs the report command as a reader would, returning its exit code and standard error. */
function report(args: string[]): {status: number | null; stderr: string} {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "cli/cli.ts", ...args], {
    encoding: "utf8",
    timeout: 170000
  });
  return {status: result.status, stderr: result.stderr};
}

/** The PDF's text with every run of white space made one space (table cells and wrapped lines alike). */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("npm run report -- --pdf", () => {
  const file = join(tmp, "report.pdf");
  let run: {status: number | null; stderr: string};
  let text: string;
  let pages: PdfRead["pages"];

  beforeAll(async () => {
    run = report(["--pdf", file, "--site", siteDir()]);
    if (run.status === 0) ({text, pages} = await readPdf(file));
    if (text) text = flat(text);
  }, 180000);

  test("--pdf writes the PDF and shows its progress on standard error", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^\[pdf 1\/\d+\] checking the built site/m);
    expect(run.stderr).toMatch(/^\[pdf \d+\/\d+\] rendering errata …$/m);
    expect(run.stderr).toMatch(/^\[pdf (\d+)\/\1\] writing /m);
    expect(existsSync(file)).toBe(true);
  });

  test("--pdf output has several A4 pages", () => {
    expect(pages.length).toBeGreaterThan(1);
    // A4 is 210 × 297 mm: 595.28 × 841.89 points; Chromium rounds the page to whole CSS pixels (within 1.5 pt),
    // as poppler's pdfinfo allows when it names a size. US Letter (612 × 792) is far outside.
    for (const page of pages) {
      expect(Math.abs(page.width - 595.28), `page width ${page.width} pt`).toBeLessThan(1.5);
      expect(Math.abs(page.height - 841.89), `page height ${page.height} pt`).toBeLessThan(1.5);
    }
  });

  test("--pdf text has the title page: version, data version, date and scenario", () => {
    const provenance = JSON.parse(readFileSync(join(siteDir(), "provenance.json"), "utf8")) as {
      version: string;
      data_version: string;
    };
    expect(text).toContain("Replication report");
    expect(text).toContain(`Version ${provenance.version}`);
    expect(text).toContain(`Data version ${provenance.data_version}`);
    expect(text).toMatch(/Date (\d{4}-\d{2}-\d{2})/);
    expect(text).toContain("Scenario the paper's assumptions");
  });

  test("--pdf text has each table's title and key numbers", () => {
    const inputs = loadInputs("data");
    for (const view of tableViews(buildReport(inputs, paperScenario(inputs)))) expect(text).toContain(flat(view.title));
    expect(text).toContain("626,155");
    expect(text).toContain("656,347");
  });

  test("--pdf text has the title of every erratum", () => {
    for (const erratum of errata(loadInputs("data"))) expect(text).toContain(flat(erratum.title));
  });

  test("--pdf text has the methods, errata and sensitivity pages, each after its predecessor", () => {
    // Each page's own h1, as built: the report holds the page's content, in the report's order.
    const positions = REPORT_SLOTS.map(({page}) => {
      const html = readFileSync(join(siteDir(), `${page}.html`), "utf8");
      const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "";
      const title = flat(
        h1
          .replace(/<[^>]+>/g, "")
          .replace(/&#x27;/g, "'")
          .replace(/&amp;/g, "&")
      ).trim();
      expect(title, `${page}.html has an h1`).not.toBe("");
      return text.indexOf(title);
    });
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.indexOf("The four tables")).toBeGreaterThan(positions[0]);
    expect(text.indexOf("The four tables")).toBeLessThan(positions[1]);
  });

  test("--pdf text has the checksum of every input file", () => {
    const provenance = JSON.parse(readFileSync(join(siteDir(), "provenance.json"), "utf8")) as {
      files: Array<{file: string; sha256: string}>;
    };
    expect(text).toContain("Input files and checksums");
    for (const f of provenance.files) expect(text.replace(/ /g, "")).toContain(`${f.file}`.replace(/ /g, ""));
    for (const f of provenance.files) expect(text.replace(/ /g, "")).toContain(f.sha256);
  });
});

describe("npm run report -- --pdf with a scenario", () => {
  test("--pdf --pue 1.1 --units kg prints the tables under that scenario", async () => {
    const file = join(tmp, "scenario.pdf");
    const run = report(["--pdf", file, "--site", siteDir(), "--pue", "1.1", "--units", "kg"]);
    expect(run.status, run.stderr).toBe(0);
    const text = flat((await readPdf(file)).text);
    expect(text).toContain("Scenario ?pue=1.1&units=kg");
    const inputs = loadInputs("data");
    const scenario = parseScenario(
      [
        ["pue", "1.1"],
        ["units", "kg"]
      ],
      inputs,
      {strict: true}
    ).scenario;
    const nas = buildReport(inputs, scenario).table1.find((r) => /architecture search/.test(r.label))!;
    expect(text).toContain(formatNumber(nas.co2e_kg, 0));
  }, 180000);
});

describe("runReport --pdf options", () => {
  test("runReport returns a PDF request with the scenario's canonical query", () => {
    const result = runReport(["--pdf", "out.pdf", "--units", "kg", "--pue", "1.10"]);
    expect(result.pdf).toEqual({file: "out.pdf", site: undefined, query: "pue=1.1&units=kg"});
  });

  test("runReport refuses --site without --pdf, and an empty --pdf", () => {
    expect(() => runReport(["--site", "dist"])).toThrow(UsageError);
    expect(() => runReport(["--pdf", ""])).toThrow(/--pdf needs a file name/);
  });
});

describe("siteStaleness", () => {
  let root: string;
  let site: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "pdf-stale-"));
    cpSync("data", join(root, "data"), {recursive: true});
    cpSync("package.json", join(root, "package.json"));
    site = join(root, "dist");
    mkdirSync(site);
  });
  afterAll(() => rmSync(root, {recursive: true, force: true}));

  test("siteStaleness names a missing site, a missing report page and a changed input", () => {
    expect(siteStaleness(root, join(root, "nowhere"))).toMatch(/^no built site in /);
    writeFileSync(join(site, "index.html"), "<!doctype html>");
    expect(siteStaleness(root, site)).toMatch(/has no report page/);
    writeFileSync(join(site, "report.html"), "<!doctype html>");
    writeFileSync(join(site, "provenance.json"), JSON.stringify(buildManifest(root)));
    // Sources older than the build: current.
    const past = new Date(Date.now() - 3600_000);
    for (const f of ["package.json", ...readdirSync(join(root, "data")).map((name) => `data/${name}`)])
      utimesSync(join(root, f), past, past);
    expect(siteStaleness(root, site)).toBeNull();
    // A source edited after the build: stale, and the file is named.
    const future = new Date(Date.now() + 3600_000);
    utimesSync(join(root, "data", "constants.csv"), future, future);
    expect(siteStaleness(root, site)).toBe("data/constants.csv changed after the build");
    // Different bytes of the data: stale by data version, whatever the times say.
    writeFileSync(join(root, "data", "constants.csv"), readFileSync("data/constants.csv", "utf8") + "\n");
    expect(siteStaleness(root, site)).toMatch(/^data version [0-9a-f]{12} was built, data\/ is now [0-9a-f]{12}$/);
  });
});
