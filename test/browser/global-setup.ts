// Before any test file runs: unpacks the npm-shipped Chromium if it is the one in use (once, so the workers never
// race to unpack it), and builds the site once per test run into .test-dist (unless SITE_DIR names a built site), so
// the browser tests always test what the current code builds.
import {spawnSync} from "node:child_process";
import {chooseChromium} from "../../browser/chromium.js";

export default async function setup(): Promise<void> {
  const chromium = await chooseChromium();
  process.stderr.write(`[test] Chromium: ${chromium.executablePath} (${chromium.origin})\n`);
  if (process.env.SITE_DIR) return;
  process.stderr.write("[test] building the site into .test-dist for the browser tests\n");
  const result = spawnSync("npx", ["tsx", "scripts/build.ts"], {
    env: {...process.env, DIST_DIR: ".test-dist"},
    stdio: ["ignore", "inherit", "inherit"]
  });
  if (result.status !== 0) throw new Error("the site build failed; see above");
}
