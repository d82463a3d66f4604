// Debian's Chromium driven by playwright-core (no browser download): used by the PDF report
// (loaders/pdf.ts) and the browser tests (test/browser/harness.ts).
import {existsSync} from "node:fs";
import {chromium, type Browser} from "playwright-core";

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

/**
 * Chromium's resolver answers "not found" for every host but this machine: third-party hosts are blocked with no
 * per-request cost (request interception routes each request through the driver and slows page loads).
 */
export const LOCAL_HOSTS_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1";

export async function launch(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs]});
}
