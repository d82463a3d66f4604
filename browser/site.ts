// What the browser tests need to know about the site: every page the config lists (read from
// observablehq.config.ts, never hard-coded), what each page's source says it renders, and a wait for a
// page to have rendered all its cells.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import config from "../observablehq.config.js";
import {SITE_PAGES} from "../loaders/site.js";
import {settled} from "./harness.js";

interface ConfigPage {
  name: string;
  path?: string;
  pages?: ConfigPage[];
}

export interface SitePage {
  /** The config path, e.g. "/" or "/table1". */
  path: string;
  /** The built file, relative to the site's root, e.g. "index.html", "table1.html". */
  file: string;
  /** The page's source, src/<page>.md, or its page loader src/<page>.md.ts. */
  source: string;
}

/** Every page of the site: the home page and each page listed (in sections or not) in the config. */
export function sitePages(root = "."): SitePage[] {
  const paths = ["/"];
  const walk = (entries: readonly ConfigPage[]) => {
    for (const e of entries) {
      if (e.path) paths.push(e.path);
      if (e.pages) walk(e.pages);
    }
  };
  walk((config as {pages: ConfigPage[]}).pages);
  return [...new Set(paths)].map((path) => {
    const name = path === "/" ? "index" : path.replace(/^\//, "").replace(/\/$/, "/index");
    const md = join(root, "src", `${name}.md`);
    return {path, file: `${name}.html`, source: existsSync(md) ? md : `${md}.ts`};
  });
}

export interface Expectations {
  /** The page's source builds a table (a table component, Inputs.table, an HTML or Markdown table). */
  table: boolean;
  /** The page's source draws a chart (Plot, or an SVG built with d3). */
  chart: boolean;
  /** The page's source renders input controls. */
  controls: boolean;
}

/** A page's Markdown: its file, or what its page loader writes (loaders/site.ts SITE_PAGES). */
export function pageMarkdown(page: SitePage): string {
  if (!page.source.endsWith(".md.ts")) return readFileSync(page.source, "utf8");
  const name = page.source.replace(/^.*\//, "").replace(/\.ts$/, "");
  const produce = SITE_PAGES[name];
  if (!produce) throw new Error(`${page.source}: no entry "${name}" in loaders/site.ts SITE_PAGES`);
  return produce();
}

/** What the page's own source says it renders: structure, not wording. */
export function expectations(page: SitePage): Expectations {
  const md = pageMarkdown(page);
  return {
    table: /viewTable\(|cellsTable\(|Table\(|Inputs\.table\(|<table\b|^\s*\|.*\|\s*$\n^\s*\|\s*:?-{3,}/m.test(md),
    chart: /Plot\.[a-zA-Z]+\(|\.plot\(|d3\.create\(\s*["']svg["']\)|Chart\(/.test(md),
    controls: /Inputs\.(range|select|radio|checkbox|toggle|text|number|search|button)\(|<input\b|<select\b/.test(md)
  };
}

/**
 * Waits until the page has rendered: document loaded, no Framework cell pending (no <observablehq-loading>),
 * no request in flight, and no DOM change for half a second (at most `quietMax` ms of waiting for quiet).
 * Generous timeouts: two cores are shared with the builds and other browser tests.
 */
export async function rendered(page: Page, timeout = 60000, quietMax = 15000): Promise<void> {
  await settled(page, timeout);
  await page.waitForLoadState("networkidle", {timeout});
  // A string, not a function: bundlers that keep function names (tsx, for bench/) would inject a helper
  // that does not exist in the page.
  await page.evaluate(`new Promise((resolve) => {
    let quiet, cap, observer;
    const done = () => { observer.disconnect(); clearTimeout(quiet); clearTimeout(cap); resolve(); };
    quiet = setTimeout(done, 500);
    cap = setTimeout(done, ${Number(quietMax)});
    observer = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(done, 500); });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  })`);
}

/** Charts in the page's main content: SVGs of at least 100×50 px that are not inside another SVG. */
export const CHART_SELECTOR = "#observablehq-main svg:not(svg svg)";
