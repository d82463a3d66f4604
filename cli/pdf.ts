// `npm run report -- --pdf FILE`: the replication report as one paginated PDF, printed by headless Chromium
// from the built site. The report page (src/report.md: summary, title page, the four tables, checksums) is
// opened under the scenario; it renders the Methods, Errata and Sensitivity pages into its own slots (as it
// does when a reader prints it from a browser); the whole is printed once with the print stylesheet
// (src/styles/cite.css), so page numbers run through and no PDF merging is needed.
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync, readdirSync, statSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import type {Browser, Page} from "playwright-core";
import {launch} from "../browser/chromium.js";
import {buildManifest} from "../loaders/manifest.js";
import {serve} from "../browser/serve.js";
import {writeFileAtomic} from "./write.js";

/** The pages of the site printed into the report's slots, in the report's order. */
export const REPORT_SLOTS = [
  {page: "methods", title: "Methods and provenance"},
  {page: "errata", title: "Errata"},
  {page: "sensitivity", title: "Sensitivity analysis"}
] as const;

/** Paper size and margins of the report; the header and footer are drawn in the margins. */
const PAPER = {format: "A4", margin: {top: "18mm", bottom: "18mm", left: "14mm", right: "14mm"}} as const;

/** Viewport of every page while it renders: A4's width at 96 dpi, so charts are drawn at the printed width. */
const VIEWPORT = {width: 794, height: 1123};

export interface PdfRequest {
  /** Where the PDF is written (whole or not at all). */
  file: string;
  /** A built site to print; by default dist/, built first when it is missing or stale. */
  site?: string;
  /** The scenario as a query string; "" for the paper's assumptions. */
  query: string;
}

export interface PdfResult {
  file: string;
  bytes: number;
  site: string;
}

/** Inputs whose change makes a built site stale: the sources of everything the build writes. */
const SOURCES = [
  "src",
  "loaders",
  "data",
  "scripts",
  "package.json",
  "package-lock.json",
  "observablehq.config.ts",
  "CITATION.cff"
];

function newestSource(root: string): {file: string; mtimeMs: number} {
  let newest = {file: "", mtimeMs: 0};
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== ".observablehq") visit(join(path, name));
    } else if (stats.mtimeMs > newest.mtimeMs) newest = {file: relative(root, path), mtimeMs: stats.mtimeMs};
  };
  for (const source of SOURCES) visit(join(root, source));
  return newest;
}

/** Why the site in `dir` must be rebuilt before printing, or null if it is current. */
export function siteStaleness(root: string, dir: string): string | null {
  if (!existsSync(join(dir, "index.html"))) return `no built site in ${dir}`;
  if (!existsSync(join(dir, "report.html"))) return `${dir} has no report page (built before it existed)`;
  const provenancePath = join(dir, "provenance.json");
  if (!existsSync(provenancePath)) return `${dir} has no provenance.json`;
  const built = JSON.parse(readFileSync(provenancePath, "utf8")) as {version: string; data_version: string};
  const current = buildManifest(root);
  if (built.version !== current.version)
    return `version ${built.version} was built, package.json says ${current.version}`;
  if (built.data_version !== current.data_version)
    return `data version ${built.data_version} was built, data/ is now ${current.data_version}`;
  const newest = newestSource(root);
  if (newest.mtimeMs > statSync(provenancePath).mtimeMs) return `${newest.file} changed after the build`;
  return null;
}

/** The built site to print: `site` as given, or dist/ after building it when missing or stale. */
export function ensureSite(root: string, site: string | undefined, log: (message: string) => void): string {
  if (site) {
    const dir = resolve(site);
    if (!existsSync(join(dir, "report.html")))
      throw new Error(`--site ${site}: no report.html there; build the site first (npm run build)`);
    return dir;
  }
  const dir = resolve(root, "dist");
  const reason = siteStaleness(root, dir);
  if (reason === null) {
    log(`using the built site in ${relative(root, dir) || dir}/ (current)`);
    return dir;
  }
  log(`building the site (${reason}) …`);
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/build.ts"],
    {
      cwd: root,
      env: {...process.env, DIST_DIR: dir},
      stdio: ["ignore", "ignore", "inherit"]
    }
  );
  if (result.status !== 0) throw new Error(`the site build failed (exit ${result.status}); see above`);
  return dir;
}

/** Opens a page of the site that may reach only `origin`, and waits until every cell has rendered. */
async function openPage(browser: Browser, origin: string, path: string): Promise<Page> {
  const page = await browser.newPage({viewport: VIEWPORT});
  const errors: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    return route.abort();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const response = await page.goto(`${origin}/${path}`, {waitUntil: "networkidle"});
  if (!response || !response.ok()) throw new Error(`${path}: the site answered ${response?.status() ?? "nothing"}`);
  await page.waitForFunction(
    () => document.querySelectorAll(".observablehq--loading").length === 0 && document.readyState === "complete",
    undefined,
    {timeout: 60000}
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const failed = await page.$$eval(".observablehq--error", (nodes) => nodes.map((n) => n.textContent ?? ""));
  if (failed.length || errors.length)
    throw new Error(`${path}: the page did not render: ${[...failed, ...errors].join("; ").slice(0, 400)}`);
  return page;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders the report of a scenario to a PDF file; progress goes to `log` ("[pdf 3/7] rendering errata …"). */
export async function writePdfReport(
  request: PdfRequest,
  root = ".",
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)
): Promise<PdfResult> {
  const total = 4 + REPORT_SLOTS.length;
  let done = 0;
  const step = (message: string) => log(`[pdf ${++done}/${total}] ${message}`);
  step("checking the built site …");
  const site = ensureSite(resolve(root), request.site, (m) => log(`        ${m}`));
  const query = request.query ? `?${request.query}` : "";
  const server = await serve(site);
  let browser: Browser | null = null;
  try {
    browser = await launch();
    step(`rendering the title page, the four tables and the checksums (report.html${query}) …`);
    const report = await openPage(browser, server.origin, `report.html${query}`);
    // The report page fills its own slots with the Methods, Errata and Sensitivity pages (src/report.md), so
    // that printing it from a browser gives the same report: wait for them.
    for (const {page} of REPORT_SLOTS) {
      step(`rendering ${page} …`);
      const filled = await report.waitForSelector(`[data-report-slot="${page}"][data-report-filled]`, {
        state: "attached",
        timeout: 180000
      });
      if ((await filled.getAttribute("data-report-filled")) !== "true")
        throw new Error(`report.html${query}: the ${page} page did not render into the report`);
    }
    step("printing to PDF …");
    // The title page carries the title and versions as attributes, for the running header.
    const {title, version, data_version} = await report.$eval(".report-cover", (cover) => ({
      title: cover.getAttribute("data-title") ?? document.title,
      version: cover.getAttribute("data-version") ?? "",
      data_version: cover.getAttribute("data-data-version") ?? ""
    }));
    await report.emulateMedia({media: "print"});
    await report.evaluate(() => document.fonts.ready.then(() => undefined));
    const style = "font-family: system-ui, sans-serif; font-size: 7.5pt; color: #666; width: 100%; padding: 0 14mm;";
    const pdf = await report.pdf({
      ...PAPER,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${style}">${escapeHtml(title.split(":")[0])}${version ? ` v${escapeHtml(version)}` : ""}${data_version ? ` · data version ${escapeHtml(data_version)}` : ""}${query ? ` · ${escapeHtml(query)}` : ""}</div>`,
      footerTemplate: `<div style="${style} text-align: right;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      outline: true,
      tagged: true
    });
    await report.close();
    step(`writing ${request.file} …`);
    writeFileAtomic(request.file, pdf);
    return {file: request.file, bytes: pdf.length, site};
  } finally {
    await browser?.close();
    await server.close();
  }
}
