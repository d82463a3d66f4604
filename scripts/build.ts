#!/usr/bin/env -S npx tsx
// Builds the site into dist/ from scratch, offline and reproducibly:
// 1. clears Framework's caches (its data-loader cache does not notice edits to loaders/ or data/);
// 2. pins the versions Framework's client would look up on the npm registry, so no network is used;
// 3. builds into a staging folder, removes the build's only varying bytes (file mtimes), writes the
//    provenance manifest, and only then replaces dist/, so dist/ is written whole or not at all.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {preloadData} from "./preload-data.js";

const root = process.cwd();
const cache = join(root, "src", ".observablehq", "cache");
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

/** Framework's cache is shared by every build of this checkout: one build at a time. */
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
  step("clearing Framework caches");
  rmSync(cache, {recursive: true, force: true});
  rmSync(staging, {recursive: true, force: true});

  const pins = JSON.parse(readFileSync(join(root, "scripts", "framework-npm-pins.json"), "utf8")).packages;
  for (const [name, version] of Object.entries(pins))
    mkdirSync(join(cache, "_npm", `${name}@${version}`), {recursive: true});
  step(`pinned ${Object.keys(pins).length} client library versions`);

  // Every data loader's output, computed in this one process (inputs read and validated once) and placed
  // in Framework's cache, newer than its loader, so that Framework uses it instead of starting a Node
  // process per loader.
  const {SITE_DATA} = await import("../loaders/site.js");
  const loaderFiles = readdirSync(join(root, "src", "data"))
    .filter((f) => /\.[a-z0-9]+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ""));
  // A loader file without an entry is an error; an entry without a loader file (a site that ships that file
  // statically, as the benchmark's bare site does) is skipped.
  const missing = loaderFiles.filter((f) => !(f in SITE_DATA));
  if (missing.length)
    throw new Error(`src/data loaders without an entry in loaders/site.ts SITE_DATA: ${missing.join(", ")}`);
  const names = loaderFiles;
  const loadersStarted = performance.now();
  for (const name of names.sort()) {
    const started = performance.now();
    const output = await SITE_DATA[name]();
    mkdirSync(join(cache, "data"), {recursive: true});
    writeFileSync(join(cache, "data", name), output);
    step(`data/${name}: ${output.length} bytes in ${Math.round(performance.now() - started)} ms`);
  }
  step(`data loaders: ${names.length} files in ${Math.round(performance.now() - loadersStarted)} ms`);

  step("running observable build (pages, bundles)");
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"],
    {
      cwd: root,
      env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", BUILD_OUTPUT: relative(root, staging), TZ: "UTC"},
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8"
    }
  );
  const out = result.stdout ?? "";
  if (process.env.BUILD_VERBOSE) process.stderr.write(out);
  if (result.status !== 0 || /unable to fetch|Unable to fetch/.test(out)) {
    process.stderr.write(out.split("\n").slice(-30).join("\n"));
    throw new Error(`observable build failed (exit ${result.status}); dist/ was left as it was`);
  }
  if (!existsSync(join(staging, "index.html")))
    throw new Error("observable build wrote no index.html; dist/ was left as it was");

  const fixed = sourceDateMs();
  let normalised = 0;
  for (const file of walk(staging)) {
    if (!/\.(html|js)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    const next = text.replace(/"lastModified":\s*[0-9.]+/g, () => (normalised++, `"lastModified":${fixed}`));
    if (next !== text) writeFileSync(file, next);
  }
  step(`normalised ${normalised} lastModified stamps`);

  // Accessibility fixes Framework 1.13's page template does not allow through the config: the page's
  // language, and the sidebar's mouse-only close/backdrop labels (duplicates of the labelled toggle
  // checkbox) hidden from assistive technology, so the sidebar's <ol> holds only list items. And a preload
  // of each data file a page reads, so it loads beside the page's modules (scripts/preload-data.ts).
  for (const file of walk(staging)) {
    if (!file.endsWith(".html")) continue;
    const text = readFileSync(file, "utf8");
    const next = preloadData(text)
      .replace(/<html>/, '<html lang="en">')
      .replace(
        /<label id="observablehq-sidebar-(close|backdrop)"/g,
        '<label id="observablehq-sidebar-$1" aria-hidden="true"'
      );
    if (next !== text) writeFileSync(file, next);
  }

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
  process.stderr.write(`build: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(lock, {recursive: true, force: true});
}
