#!/usr/bin/env -S npx tsx
// Builds the site into dist/ from scratch, offline and reproducibly, on Framework's documented mechanisms where
// Framework 1.13.4 has one:
// 1. a build source root (Framework's documented `root` option, set by BUILD_ROOT in observablehq.config.ts): a
//    copy of src/ in which every data loader (src/data/*.ts) is replaced by a static file holding its output,
//    computed here in one process (inputs read and validated once); each static file's mtime is the fixed
//    SOURCE_DATE, so the built pages' file dates are reproducible with no rewriting of the built HTML;
// 2. pins the versions Framework's client would look up on the npm registry, so no network is used (an internal of
//    Framework 1.13.4: see FRAMEWORK_INTERNALS below);
// 3. builds into a staging folder (Framework's documented `output` option, BUILD_OUTPUT), adds what the page
//    template has no option for (internal: see below), writes the provenance manifest, and only then replaces
//    dist/, so dist/ is written whole or not at all.
import {spawnSync} from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {join, relative, resolve} from "node:path";
import {FRAMEWORK_INTERNALS, patchPage} from "./framework-internals.js";

const root = process.cwd();
const buildRoot = join(root, `.build-src-${process.pid}`);
const cache = join(buildRoot, ".observablehq", "cache");
const staging = join(root, `.dist-staging-${process.pid}`);
// DIST_DIR lets a second checkout of the work (or a test) build elsewhere; the default is dist/.
const dist = resolve(root, process.env.DIST_DIR ?? "dist");
const lock = join(root, ".build.lock");
const started = Date.now();

function step(message: string) {
  process.stderr.write(`[build ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

/** The fixed time recorded as every file's lastModified: SOURCE_DATE_EPOCH if set, else 2019-07-28 (ACL 2019). */
function sourceDateMs() {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined) {
    if (!/^[0-9]+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH "${epoch}" is not a whole number of seconds`);
    return Number(epoch) * 1000;
  }
  return Date.UTC(2019, 6, 28);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** One build of this checkout at a time (dist/ is replaced whole). */
async function acquireLock(): Promise<void> {
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      return;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, "pid"), "utf8"));
        process.kill(owner, 0);
      } catch {
        if (waited > 1000) rmSync(lock, {recursive: true, force: true}); // stale: its build is gone
      }
      if (waited % 10000 === 0) step(`waiting for another build (pid ${owner}) to finish`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

await acquireLock();
try {
  rmSync(staging, {recursive: true, force: true});
  rmSync(buildRoot, {recursive: true, force: true});

  // The build source root: src/ without Framework's preview cache and without the data loaders.
  const loaderFiles = readdirSync(join(root, "src", "data"))
    .filter((f) => /\.[a-z0-9]+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ""));
  cpSync(join(root, "src"), buildRoot, {
    recursive: true,
    filter: (from) => {
      const rel = relative(join(root, "src"), from);
      return (
        !/^\.observablehq(\/|$)/.test(rel) && !/^data\/[^/]+\.[a-z0-9]+\.ts$/.test(rel) && !/^[^/]+\.md\.ts$/.test(rel)
      );
    }
  });

  const pins = JSON.parse(readFileSync(join(root, "scripts", "framework-npm-pins.json"), "utf8")).packages;
  for (const [name, version] of Object.entries(pins))
    mkdirSync(join(cache, "_npm", `${name}@${version}`), {recursive: true});
  step(`pinned ${Object.keys(pins).length} client library versions`);

  // Every data loader's output, computed in this one process and written as a static file of the build root.
  const {SITE_DATA, SITE_PAGES} = await import("../loaders/site.js");
  // A loader file without an entry is an error; an entry without a loader file (a site that ships that file
  // statically, as the benchmark's bare site does) is skipped.
  const missing = loaderFiles.filter((f) => !(f in SITE_DATA));
  if (missing.length)
    throw new Error(`src/data loaders without an entry in loaders/site.ts SITE_DATA: ${missing.join(", ")}`);
  const names = loaderFiles;
  const fixed = sourceDateMs();
  const loadersStarted = performance.now();
  for (const name of names.sort()) {
    const started = performance.now();
    const output = await SITE_DATA[name]();
    const file = join(buildRoot, "data", name);
    writeFileSync(file, output);
    utimesSync(file, fixed / 1000, fixed / 1000);
    step(`data/${name}: ${output.length} bytes in ${Math.round(performance.now() - started)} ms`);
  }
  step(`data loaders: ${names.length} files in ${Math.round(performance.now() - loadersStarted)} ms`);
  // Page loaders (src/<page>.md.ts) likewise: each page's Markdown, written as a static page of the build root.
  const pageLoaders = readdirSync(join(root, "src"))
    .filter((f) => f.endsWith(".md.ts"))
    .map((f) => f.replace(/\.ts$/, ""));
  const pagesMissing = pageLoaders.filter((f) => !(f in SITE_PAGES));
  if (pagesMissing.length)
    throw new Error(`src page loaders without an entry in loaders/site.ts SITE_PAGES: ${pagesMissing.join(", ")}`);
  for (const name of pageLoaders) writeFileSync(join(buildRoot, name), SITE_PAGES[name]());
  // Every other file a page may attach gets the fixed date too (Framework records each attached file's mtime).
  for (const file of walk(buildRoot))
    if (!file.includes(`${join(buildRoot, ".observablehq")}`)) utimesSync(file, fixed / 1000, fixed / 1000);

  step("running observable build (pages, bundles)");
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"],
    {
      cwd: root,
      env: {
        ...process.env,
        OBSERVABLE_TELEMETRY_DISABLE: "1",
        BUILD_ROOT: relative(root, buildRoot),
        BUILD_OUTPUT: relative(root, staging),
        TZ: "UTC"
      },
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8"
    }
  );
  const out = result.stdout ?? "";
  if (process.env.BUILD_VERBOSE) process.stderr.write(out);
  if (/unable to fetch|Unable to fetch/.test(out)) {
    process.stderr.write(out.split("\n").slice(-30).join("\n"));
    throw new Error(`${FRAMEWORK_INTERNALS.npmPins}; dist/ was left as it was`);
  }
  if (result.status !== 0) {
    process.stderr.write(out.split("\n").slice(-30).join("\n"));
    throw new Error(`observable build failed (exit ${result.status}); dist/ was left as it was`);
  }
  if (!existsSync(join(staging, "index.html")))
    throw new Error("observable build wrote no index.html; dist/ was left as it was");

  // What Framework 1.13.4's page template has no option for (scripts/framework-internals.ts): each patch must
  // apply to every page, or the build stops and names the change.
  let pages = 0;
  for (const file of walk(staging)) {
    if (!file.endsWith(".html")) continue;
    writeFileSync(file, patchPage(readFileSync(file, "utf8"), relative(staging, file)));
    pages++;
  }
  step(`patched ${pages} pages (lang, sidebar labels, data preloads)`);

  const {buildManifest} = await import("../loaders/manifest.js");
  writeFileSync(join(staging, "provenance.json"), JSON.stringify(buildManifest(root), null, 2) + "\n");

  rmSync(dist, {recursive: true, force: true});
  renameSync(staging, dist);
  const files = walk(dist);
  step(
    `${relative(root, dist) || dist}/ written: ${files.length} files, ${files.reduce((n, f) => n + statSync(f).size, 0)} bytes`
  );
} catch (error) {
  rmSync(staging, {recursive: true, force: true});
  rmSync(buildRoot, {recursive: true, force: true});
  process.stderr.write(`build: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(buildRoot, {recursive: true, force: true});
  rmSync(lock, {recursive: true, force: true});
}
