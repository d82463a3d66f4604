// Chromium driven by playwright-core, used by the PDF report and the browser tests and benchmarks. Which Chromium:
//   1. CHROMIUM_PATH, when set (it must name an executable);
//   2. the system's /usr/bin/chromium, when it exists (unless CHROMIUM=npm);
//   3. otherwise the Chromium shipped inside the npm package @sparticuz/chromium (pinned in package-lock.json),
//      unpacked once into node_modules/.cache/ — so a machine needs nothing but Node and `npm ci`.
// `CHROMIUM=npm` skips 2 (to test the npm-only path on a machine that has a system Chromium).
import {existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join, resolve} from "node:path";
import {chromium, type Browser} from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

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

export interface ChromiumChoice {
  /** The executable launched. */
  executablePath: string;
  /** Where it comes from: "CHROMIUM_PATH", "system" or "npm" (@sparticuz/chromium). */
  origin: "CHROMIUM_PATH" | "system" | "npm";
  /** Environment variables the executable needs (the npm one: its own fontconfig file). */
  env: Record<string, string>;
}

/** The Chromium the rules above choose, without unpacking anything: undefined when the npm one is needed. */
export function chromiumOverride(env: NodeJS.ProcessEnv = process.env): ChromiumChoice | undefined {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist; unset it to use the npm-shipped Chromium`);
    return {executablePath: env.CHROMIUM_PATH, origin: "CHROMIUM_PATH", env: {}};
  }
  if (env.CHROMIUM !== undefined && env.CHROMIUM !== "npm" && env.CHROMIUM !== "system")
    throw new Error(`CHROMIUM=${env.CHROMIUM}: allowed are npm and system`);
  if (env.CHROMIUM !== "npm" && existsSync(SYSTEM_CHROMIUM))
    return {executablePath: SYSTEM_CHROMIUM, origin: "system", env: {}};
  if (env.CHROMIUM === "system") throw new Error(`CHROMIUM=system but ${SYSTEM_CHROMIUM} does not exist`);
  return undefined;
}

const require = createRequire(import.meta.url);

/** The folder @sparticuz/chromium is unpacked into: one per package version, inside node_modules/.cache. */
function npmChromiumDir(): string {
  // The package exports no package.json: its entry is <node_modules>/@sparticuz/chromium/build/cjs/index.cjs.
  const root = resolve(dirname(require.resolve("@sparticuz/chromium")), "..", "..");
  const {version} = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {version: string};
  return join(root, "..", "..", ".cache", `sparticuz-chromium-${version}`);
}

/**
 * Unpacks @sparticuz/chromium (brotli archives in its tarball: the browser, swiftshader and a font) once. The package
 * unpacks into os.tmpdir(); it is pointed at a fresh staging folder, which is then renamed into place, so concurrent
 * processes (vitest workers, the CLI) never see a half-written browser.
 */
async function unpackNpmChromium(): Promise<ChromiumChoice> {
  const dir = npmChromiumDir();
  const executablePath = join(dir, "chromium");
  const env = {FONTCONFIG_FILE: join(dir, "fonts.conf")};
  if (existsSync(join(dir, "ready"))) return {executablePath, origin: "npm", env};
  mkdirSync(dirname(dir), {recursive: true});
  const staging = mkdtempSync(`${dir}.staging-`);
  try {
    const {default: npmChromium} = await import("@sparticuz/chromium");
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    // executablePath() reads os.tmpdir() synchronously, before its first await: restore TMPDIR right after the call.
    const unpacked = npmChromium.executablePath();
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const path = await unpacked;
    if (path !== join(staging, "chromium")) throw new Error(`@sparticuz/chromium unpacked to ${path}, not ${staging}`);
    // Fonts: the system's, and the one the package ships (a machine with Node alone may have none).
    writeFileSync(
      join(staging, "fonts.conf"),
      [
        `<?xml version="1.0"?>`,
        `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">`,
        `<fontconfig>`,
        `  <dir>/usr/share/fonts</dir>`,
        `  <dir>/usr/local/share/fonts</dir>`,
        `  <dir>${join(dir, "fonts")}</dir>`,
        `  <cachedir>${join(dir, "fonts-cache")}</cachedir>`,
        `</fontconfig>`,
        ``
      ].join("\n")
    );
    writeFileSync(join(staging, "ready"), "");
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process got there first: use its copy.
      if (!existsSync(join(dir, "ready"))) throw error;
    }
  } finally {
    rmSync(staging, {recursive: true, force: true});
  }
  return {executablePath, origin: "npm", env};
}

/** The Chromium to launch (see the rules at the top), unpacking the npm one on first use. */
export async function chooseChromium(): Promise<ChromiumChoice> {
  return chromiumOverride() ?? unpackNpmChromium();
}

export async function launch(extraArgs: readonly string[] = []): Promise<Browser> {
  const choice = await chooseChromium();
  return chromium.launch({
    executablePath: choice.executablePath,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: {...process.env, ...choice.env}
  });
}
