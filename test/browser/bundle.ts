// Runs project components in Chromium without a site build: esbuild bundles a small entry (which imports
// the components and libraries from node_modules) into one script for a blank local page.
import {build} from "esbuild";
import type {Browser, Page} from "playwright-core";

/** Bundles `source` (an ES module, resolved from the project's root) into a browser script. */
export async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: {contents: source, resolveDir: process.cwd(), loader: "ts", sourcefile: "entry.ts"},
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent"
  });
  return result.outputFiles[0].text;
}

/** A blank page, in its own context (AxeBuilder needs one), with no network at all, running `script`. */
export async function blankPage(browser: Browser, script: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("close", () => void context.close().catch(() => undefined));
  await page.route("**/*", (route) => route.abort());
  await page.setContent(
    `<!DOCTYPE html><html lang="en"><head><title>component</title></head><body><main></main></body></html>`
  );
  await page.addScriptTag({content: script});
  return page;
}
