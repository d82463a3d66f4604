#!/usr/bin/env -S npx tsx
// `npm run bench`: performance figures of the site, printed as JSON on stdout (progress on stderr).
//  - build: clean `npm run build` of the site, and of a bare Framework site with the same pages, imports and
//    config but no data loaders (each loader replaced by a static file of its output), built side by side
//    in this run (alternating, median of 3 each), and their ratio;
//  - loaders: each src/data loader run with tsx as Framework runs it: its own work, and wall time;
//  - js: JavaScript each page loads (its modulepreload/import graph, raw and gzip), and libraries shipped twice;
//  - render: time to first complete render of each page in headless Chromium (median of 3, cold cache);
//  - sensitivity: runSensitivityBench() from bench/sensitivity.ts;
//  - imports: runImportBench() from bench/imports.ts (estimate --nvidia-smi and --codecarbon on generated 1 GB
//    logs, read in a child process: MB/s and peak RSS; IMPORT_MB=N for another size).
// Targets (2 cores): build ratio ≤ 1.25, loaders ≤ 1 s in all, first render ≤ 1 s per page, sensitivity
// page JS ≤ 250 KB gzip, sensitivity control change → first visible update ≤ 33 ms median (p90 ≤ 50) and →
// everything updated ≤ 60 ms median (p90 ≤ 80), at most 6 times a bare one-chart page, a 30-step slider drag's
// final state within 100 ms of its last input, 100,000 Monte Carlo samples ≤ 25 ms, imports ≥ 50 MB/s with peak RSS ≤ 256 MB. Options: --runs N (default 3), --keep (keep the temporary folder).
import {spawnSync} from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, relative, sep} from "node:path";
import {chooseChromium, launch, serve} from "../browser/harness.js";
import {LOCAL_HOSTS_ONLY} from "../browser/chromium.js";
import {duplicateLibraries, pageJs} from "./js-graph.js";
import {pageRuns, runSensitivityBench} from "./sensitivity.js";
import {runImportBench} from "./imports.js";
import {rendered, sitePages} from "../browser/site.js";

const root = process.cwd();
const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf("--runs") + 1] ?? 3) || 3;
const KEEP = argv.includes("--keep");
const TARGETS = {
  buildRatio: 1.25,
  loadersSeconds: 1,
  firstRenderSeconds: 1,
  sensitivityJsGzipKB: 250,
  // Issue 11: control change → first visible update and → everything updated (median and p90), everything
  // over a bare one-chart Framework page, a 30-step drag's final state after its last input, 100,000 Monte
  // Carlo samples.
  sensitivityFirstVisibleMedianMs: 33,
  sensitivityFirstVisibleP90Ms: 50,
  sensitivityEverythingMedianMs: 60,
  sensitivityEverythingP90Ms: 80,
  sensitivityOverBareRatio: 6,
  sensitivityDragFinalMs: 100,
  monteCarlo100kMs: 25
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 3) => Number(x.toFixed(digits));
const work = mkdtempSync(join(tmpdir(), "bench-"));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The checkout's files (tracked and untracked, not ignored), copied to `dest`, sharing node_modules. */
function copyCheckout(dest: string): void {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8"
  });
  const files =
    listed.status === 0
      ? listed.stdout.split("\0").filter(Boolean)
      : walk(root)
          .map((f) => relative(root, f))
          .filter((f) => !/^(node_modules|dist|\.git|\.test-dist|\.build-src-[^/]*|src\/\.observablehq)(\/|$)/.test(f));
  for (const file of files) {
    if (file === "node_modules" || !existsSync(join(root, file)) || statSync(join(root, file)).isDirectory()) continue;
    mkdirSync(dirname(join(dest, file)), {recursive: true});
    cpSync(join(root, file), join(dest, file));
  }
  symlinkSync(join(root, "node_modules"), join(dest, "node_modules"), "dir");
}

/** Framework data loaders under src/: a file with a double extension ending in .ts or .js (e.g. x.json.ts). */
function dataLoaders(site: string): string[] {
  return walk(join(site, "src"))
    .filter((f) => !f.includes(`${sep}.observablehq${sep}`))
    .filter((f) => /\.[a-z0-9]+\.(ts|js|mjs)$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => relative(site, f));
}

const TSX = join(root, "node_modules", ".bin", "tsx");

function timeBuild(site: string, dist: string): number {
  const started = performance.now();
  const r = spawnSync("npm", ["run", "-s", "build"], {
    cwd: site,
    env: {...process.env, DIST_DIR: dist},
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"]
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`npm run build failed in ${site}:\n${(r.stderr ?? "").slice(-3000)}`);
  return ms;
}

// ---------------------------------------------------------------------------------------------------------

async function firstRenders(dist: string, runs: number) {
  const server = await serve(dist);
  // Third-party hosts are blocked by the browser's resolver, not by request interception, which would add the
  // driver's round trip to each of a page's 20-75 requests (about 0.1-0.2 s per page on this machine).
  const browser = await launch([LOCAL_HOSTS_ONLY]);
  const out: Record<string, {medianMs: number; runsMs: number[]; fcpMs: number | null; jsLoadedBytes: number}> = {};
  try {
    for (const {file} of sitePages(root)) {
      const times: number[] = [];
      let fcp: number | null = null;
      let jsBytes = 0;
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({viewport: {width: 1280, height: 900}});
        const page = await context.newPage();
        // The last DOM change, in ms since navigation start: once the page is quiet, that is when it finished
        // rendering (parsing, every cell, every chart).
        await page.addInitScript(`
          window.__lastChange = 0;
          new MutationObserver(() => (window.__lastChange = performance.now())).observe(document, {
            subtree: true, childList: true, attributes: true, characterData: true
          });
        `);
        // No request may leave this machine (the resolver fails them; they would also cost time).
        const external: string[] = [];
        page.on("request", (request) => {
          const url = request.url();
          if (!url.startsWith(server.origin) && !/^(data|blob):/.test(url)) external.push(url);
        });
        // Bytes of every JavaScript response the page received (body size as sent by the local server).
        const jsSizes: Promise<number>[] = [];
        page.on("requestfinished", (request) => {
          if (/\.js(\?|$)/.test(request.url()))
            jsSizes.push(
              request.sizes().then(
                (sz) => sz.responseBodySize,
                () => 0
              )
            );
        });
        await page.goto(`${server.origin}/${file}`, {timeout: 60000});
        await rendered(page);
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
          const paint = performance.getEntriesByName("first-contentful-paint")[0];
          return {
            last: (window as unknown as {__lastChange: number}).__lastChange,
            dcl: nav?.domContentLoadedEventEnd ?? 0,
            fcp: paint ? paint.startTime : null
          };
        });
        if (external.length) throw new Error(`${file} requested other hosts: ${external.join(", ")}`);
        times.push(Math.max(t.last, t.dcl));
        if (i === 0) {
          fcp = t.fcp;
          jsBytes = (await Promise.all(jsSizes)).reduce((a, b) => a + b, 0);
        }
        await context.close();
      }
      out[file] = {
        medianMs: round(median(times), 0),
        runsMs: times.map((t) => round(t, 0)),
        fcpMs: fcp == null ? null : round(fcp, 0),
        jsLoadedBytes: jsBytes
      };
      log(`first render of ${file}: ${out[file].medianMs} ms`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

/** Issue 11's targets, from the sensitivity figures. */
function sensitivityTargets(figures: Record<string, number>) {
  const check = (target: number, measured: number) => ({target, measured, met: measured <= target});
  return {
    sensitivityFirstVisibleMedianMs: check(
      TARGETS.sensitivityFirstVisibleMedianMs,
      figures.sensitivity_first_visible_median_ms
    ),
    sensitivityFirstVisibleP90Ms: check(TARGETS.sensitivityFirstVisibleP90Ms, figures.sensitivity_first_visible_p90_ms),
    sensitivityEverythingMedianMs: check(
      TARGETS.sensitivityEverythingMedianMs,
      figures.sensitivity_everything_median_ms
    ),
    sensitivityEverythingP90Ms: check(TARGETS.sensitivityEverythingP90Ms, figures.sensitivity_everything_p90_ms),
    sensitivityOverBareRatio: check(TARGETS.sensitivityOverBareRatio, figures.sensitivity_everything_over_bare_ratio),
    sensitivityDragFinalMs: check(TARGETS.sensitivityDragFinalMs, figures.sensitivity_drag_final_shown_max_ms),
    monteCarlo100kMs: check(TARGETS.monteCarlo100kMs, figures.montecarlo_100k_median_ms)
  };
}

async function main() {
  pageRuns(); // a bad SENSITIVITY_RUNS fails now, not after the builds
  const full = join(work, "site");
  const bare = join(work, "bare");
  log(`copying the checkout into ${full}`);
  copyCheckout(full);

  // Data loaders: outputs (for the bare site) and times. scripts/build.ts computes every loader's output in
  // one process (loaders/site.ts SITE_DATA) before Framework runs: measured the same way here, in a fresh
  // process per run (module imports included in the first file that needs them).
  const loaders = dataLoaders(full);
  const outDir = join(work, "loader-outputs");
  writeFileSync(
    join(full, "measure-loaders.mts"),
    [
      'import {mkdirSync, writeFileSync} from "node:fs";',
      "const started = performance.now();",
      'const {SITE_DATA, SITE_PAGES} = await import("./loaders/site.ts");',
      // Page loaders (src/<page>.md.ts) are computed in the same process by scripts/build.ts, like the data loaders.
      "const ALL = {...SITE_DATA, ...SITE_PAGES};",
      "const importMs = performance.now() - started;",
      "const out = {};",
      `mkdirSync(${JSON.stringify(outDir)}, {recursive: true});`,
      "for (const name of Object.keys(ALL).sort()) {",
      "  const t = performance.now();",
      "  const output = await ALL[name]();",
      "  out[name] = {ms: performance.now() - t, bytes: Buffer.byteLength(output)};",
      `  writeFileSync(${JSON.stringify(outDir)} + "/" + name, output);`,
      "}",
      'process.stdout.write(JSON.stringify({importMs, totalMs: performance.now() - started, each: out}) + "\\n");',
      ""
    ].join("\n")
  );
  const loaderRuns: Array<{
    importMs: number;
    totalMs: number;
    wallMs: number;
    each: Record<string, {ms: number; bytes: number}>;
  }> = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const r = spawnSync(TSX, ["measure-loaders.mts"], {cwd: full, encoding: "utf8", env: {...process.env, TZ: "UTC"}});
    if (r.status !== 0) throw new Error(`data loaders failed (exit ${r.status}): ${r.stderr}`);
    loaderRuns.push({...JSON.parse(r.stdout), wallMs: performance.now() - started});
  }
  rmSync(join(full, "measure-loaders.mts"));
  const loaderTimes: Record<string, {ownMs: number; wallMs: number; bytes: number}> = {};
  const outputs = new Map<string, Buffer>();
  for (const loader of loaders) {
    const name = loader
      .split(sep)
      .at(-1)!
      .replace(/\.(ts|js|mjs)$/, "");
    const runs = loaderRuns.map((r) => r.each[name]);
    if (runs.some((r) => !r))
      throw new Error(`loader ${loader} has no entry in loaders/site.ts SITE_DATA or SITE_PAGES`);
    outputs.set(loader, readFileSync(join(outDir, name)));
    const ms = round(median(runs.map((r) => r.ms)), 0);
    loaderTimes[loader] = {ownMs: ms, wallMs: ms, bytes: runs[0].bytes};
    log(`loader ${loader}: ${ms} ms`);
  }
  const loaderImportMs = median(loaderRuns.map((r) => r.importMs));
  const loaderTotalMs = median(loaderRuns.map((r) => r.totalMs));
  const loaderWallMs = median(loaderRuns.map((r) => r.wallMs));
  log(
    `data loaders in one process: ${round(loaderTotalMs, 0)} ms (imports ${round(loaderImportMs, 0)} ms), ${round(loaderWallMs, 0)} ms wall`
  );

  // The bare site: the same checkout, each loader replaced by a static file holding its output.
  copyCheckout(bare);
  for (const loader of loaders) {
    rmSync(join(bare, loader));
    writeFileSync(join(bare, loader.replace(/\.(ts|js|mjs)$/, "")), outputs.get(loader)!);
  }
  const bareLoaders = dataLoaders(bare);
  if (bareLoaders.length) throw new Error(`the bare site still has data loaders: ${bareLoaders.join(", ")}`);

  // Builds side by side: site, bare, site, bare, ... (each build is clean: scripts/build.ts clears the cache).
  const siteRuns: number[] = [];
  const bareRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    siteRuns.push(timeBuild(full, join(work, `dist-site-${i}`)));
    log(`build ${i + 1}/${RUNS} of the site: ${round(siteRuns[i] / 1000, 1)} s`);
    bareRuns.push(timeBuild(bare, join(work, `dist-bare-${i}`)));
    log(`build ${i + 1}/${RUNS} of the bare site: ${round(bareRuns[i] / 1000, 1)} s`);
  }
  const dist = join(work, `dist-site-${RUNS - 1}`);

  const js: Record<string, {files: number; rawBytes: number; gzipBytes: number; missing: string[]}> = {};
  // import() targets of Framework's standard library (DuckDB, Arrow, d3-dsv for .csv(), ...) that were not
  // built: harmless while no page uses them (they would be fetched only on use, and fail).
  const onDemandMissing = new Set<string>();
  for (const {file} of sitePages(root)) {
    if (!existsSync(join(dist, file))) throw new Error(`${file} was not built`);
    const p = pageJs(dist, file);
    js[file] = {files: p.files.length, rawBytes: p.raw, gzipBytes: p.gzip, missing: p.missing};
    for (const d of p.dynamic) if (!existsSync(join(dist, d))) onDemandMissing.add(d);
  }
  const duplicates = duplicateLibraries(dist);

  log(`first render of each page in ${(await chooseChromium()).executablePath}`);
  const render = await firstRenders(dist, RUNS);
  log("sensitivity bench");
  const sensitivity = await runSensitivityBench();
  log("import bench");
  const imports = runImportBench(Number(process.env.IMPORT_MB ?? 1000) || 1000, log);

  const siteMs = median(siteRuns);
  const bareMs = median(bareRuns);
  const loadersNetMs = loaderTotalMs;
  const loadersWallMs = loaderWallMs;
  const sensitivityGzip = js["sensitivity.html"]?.gzipBytes ?? null;
  const slowest = Math.max(...Object.values(render).map((r) => r.medianMs));
  const report = {
    machine: {cpus: (await import("node:os")).cpus().length, node: process.version, runs: RUNS},
    build: {
      siteSeconds: round(siteMs / 1000, 2),
      bareSeconds: round(bareMs / 1000, 2),
      ratio: round(siteMs / bareMs, 3),
      siteRunsSeconds: siteRuns.map((t) => round(t / 1000, 2)),
      bareRunsSeconds: bareRuns.map((t) => round(t / 1000, 2)),
      note: "clean `npm run build` (scripts/build.ts clears Framework's cache); bare = same pages, imports and config, each data loader replaced by a static file of its output"
    },
    loaders: {
      totalSeconds: round(loadersNetMs / 1000, 3),
      totalWallSeconds: round(loadersWallMs / 1000, 3),
      each: loaderTimes,
      importSeconds: round(loaderImportMs / 1000, 3),
      note: "every loader's output computed in one process as scripts/build.ts does (loaders/site.ts SITE_DATA; median of runs): totalSeconds from importing loaders/site.ts to the last output, each loader's ms including the imports it needs first; totalWallSeconds adds Node's and tsx's start-up"
    },
    js: {
      pages: js,
      duplicateLibraries: duplicates,
      onDemandNotBuilt: [...onDemandMissing].sort(),
      note: "the page's modulepreload/import graph from the built HTML, files gzipped one by one at zlib's default level (KB = 1000 bytes); missing lists graph files absent from dist/; onDemandNotBuilt lists import() targets of Framework's standard library that no page loads"
    },
    firstRender: {
      pages: render,
      note: "ms from navigation start to the page's last DOM change (parsing, every cell, every chart), cold cache, median of runs; fcpMs is first contentful paint"
    },
    sensitivity,
    imports: {
      ...imports.figures,
      note: "a generated log per importer (bench/imports.ts), read by the CLI's importer in a child process after its modules are loaded: wall-clock MB/s (MB = 10^6 bytes), MB per CPU second, and the child's peak RSS (process.resourceUsage().maxRSS)"
    },
    targets: {
      buildRatio: {
        target: TARGETS.buildRatio,
        measured: round(siteMs / bareMs, 3),
        met: siteMs / bareMs <= TARGETS.buildRatio
      },
      loadersSeconds: {
        target: TARGETS.loadersSeconds,
        measured: round(loadersNetMs / 1000, 3),
        met: loadersNetMs / 1000 <= TARGETS.loadersSeconds
      },
      firstRenderSeconds: {
        target: TARGETS.firstRenderSeconds,
        measuredSlowestPage: round(slowest / 1000, 3),
        slowestPage: Object.entries(render).find(([, r]) => r.medianMs === slowest)?.[0] ?? null,
        met: slowest / 1000 <= TARGETS.firstRenderSeconds,
        firstContentfulPaintSlowestPage: round(Math.max(...Object.values(render).map((r) => r.fcpMs ?? 0)) / 1000, 3),
        note: "measured = complete render (last DOM change); first contentful paint given for reference"
      },
      sensitivityJsGzipKB: {
        target: TARGETS.sensitivityJsGzipKB,
        measured: sensitivityGzip == null ? null : round(sensitivityGzip / 1000, 1),
        met: sensitivityGzip != null && sensitivityGzip / 1000 <= TARGETS.sensitivityJsGzipKB
      },
      noLibraryTwice: {met: duplicates.length === 0},
      ...sensitivityTargets(sensitivity),
      importNvidiaSmi: imports.targets.nvidiaSmi,
      importCodeCarbon: imports.targets.codecarbon
    }
  };
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (KEEP) log(`kept ${work}`);
  else rmSync(work, {recursive: true, force: true});
}
