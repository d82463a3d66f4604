// Shared helpers for the browser tests: a static server for the built site on 127.0.0.1, Debian's
// Chromium driven by playwright-core, and a page wrapper that blocks and records every request that
// would leave localhost, and every console error.
import {createServer, type Server} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {existsSync} from "node:fs";
import {extname, join, normalize, resolve} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-default-apps",
  "--disable-extensions"
];

/** The built site the browser tests read: built once per run by test/browser/global-setup.ts. */
export function siteDir(): string {
  const dir = resolve(process.env.SITE_DIR ?? ".test-dist");
  if (!existsSync(join(dir, "index.html"))) throw new Error(`no built site in ${dir}: run the tests through vitest`);
  return dir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain",
  ".pdf": "application/pdf"
};

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves a folder on 127.0.0.1 at a free port; "/x" also finds "/x.html". */
export async function serve(dir: string): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      if (path.endsWith("/")) path += "index.html";
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) throw new Error("outside");
      if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, {"content-type": "text/plain"});
      res.end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok()))};
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`);
  return chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
}

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

/** Waits until Framework has rendered every cell of the page (no cell still pending). */
export async function settled(page: Page, timeout = 10000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll(".observablehq--loading").length === 0 && document.readyState === "complete",
    undefined,
    {timeout}
  );
}
