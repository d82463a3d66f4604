// Helpers to drive the built site in Chromium, shared by the browser tests (test/browser/), the benchmarks (bench/)
// and the PDF report (cli/pdf.ts): a static server on 127.0.0.1, Chromium driven by playwright-core, and a page
// wrapper that blocks and records every request that would leave localhost, and every console error. No vitest here.
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Browser, Page} from "playwright-core";
import {chooseChromium, CHROMIUM_ARGS, launch} from "./chromium.js";
import {serve, type StaticServer} from "./serve.js";

export {chooseChromium, CHROMIUM_ARGS, launch, serve, type StaticServer};

/** The built site the browser tests read: built once per run by test/browser/global-setup.ts. */
export function siteDir(): string {
  const dir = resolve(process.env.SITE_DIR ?? ".test-dist");
  if (!existsSync(join(dir, "index.html"))) throw new Error(`no built site in ${dir}: run the tests through vitest`);
  return dir;
}

/** How long a page's waits (selectors, navigation, functions) may take before failing: 60 s. */
export const PAGE_TIMEOUT = 60000;

export interface Watched {
  page: Page;
  /** Requests that would have left localhost (all are aborted). */
  external: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

/** Opens a page that may reach only `origin`; everything else is aborted and recorded. */
export async function watchedPage(browser: Browser, origin: string): Promise<Watched> {
  const page = await browser.newPage();
  // Every wait of a test or benchmark is a condition; its default limit is sized for a loaded 2-core machine.
  page.setDefaultTimeout(PAGE_TIMEOUT);
  page.setDefaultNavigationTimeout(PAGE_TIMEOUT);
  const external: string[] = [];
  const errors: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return {page, external, errors};
}

/**
 * Waits until the document has loaded and Framework has rendered every cell of the page: no cell still shows
 * Framework 1.13's <observablehq-loading> placeholder (nor the older .observablehq--loading class).
 */
export async function settled(page: Page, timeout = PAGE_TIMEOUT): Promise<void> {
  await page.waitForFunction(
    () =>
      document.readyState === "complete" &&
      document.querySelectorAll("observablehq-loading, .observablehq--loading").length === 0,
    undefined,
    {timeout}
  );
}
