// Benchmark of the sensitivity page (issue 11), measured inside headless Chromium with performance.now():
// control change → first visible update (a table, or for the model and seed the first chart that depends on
// them) and → everything updated (every table and chart that depends on the control), against a bare
// Framework page with one view(Inputs.range) and one Plot chart built in the same scratch site; a 30-step
// drag of the PUE slider; and Monte Carlo samples per second. Run alone: `npx tsx bench/sensitivity.ts`
// prints JSON. SITE_DIR=<a built site holding bench-bare.html> skips the build.
import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import type {Page} from "playwright-core";
import {launch, serve, settled, watchedPage} from "../browser/harness.js";
import {loadInputs} from "../loaders/inputs.js";
import {monteCarloSpec, runMonteCarlo} from "../src/lib/uncertainty/montecarlo.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {DEFAULT_MODEL, focusModel} from "../src/lib/uncertainty/sensitivity.js";

/** Control changes timed in the browser per page load (at least 60, spread over every control). */
export const CHANGES = 60;
/** Fresh page loads, each timing CHANGES changes; the figures pool every change of every load. */
export function pageRuns(env: Record<string, string | undefined> = process.env): number {
  const runs = Number(env.SENSITIVITY_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`SENSITIVITY_RUNS "${env.SENSITIVITY_RUNS}" is not allowed: a whole number ≥ 1`);
  return runs;
}
/** PUE slider steps of 0.01 per page load, one per animation frame: a reader dragging the slider. */
export const DRAG_STEPS = 30;
/** Monte Carlo samples per timed run, and timed runs. */
export const MC_SAMPLES = 100000;
export const MC_RUNS = 15;
/** Longest wait for one update before it counts as missed (an error, not a figure). */
const TIMEOUT_MS = 5000;

/** The bare page: one view(Inputs.range) and one Plot chart, as Framework's own examples write them. */
export const BARE_PAGE = `# Bare page

\`\`\`js
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
\`\`\`

\`\`\`js
const k = view(Inputs.range([1, 3], {step: 0.01, value: 1.58, label: "k"}));
\`\`\`

\`\`\`js
const data = Array.from({length: 50}, (_, i) => ({x: i, y: k * Math.sin(i / 5) + i / 10}));
\`\`\`

<div data-live="chart-bare">\${resize((width) => Plot.plot({width, marks: [Plot.lineY(data, {x: "x", y: "y"})]}))}</div>
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const round = (x: number) => Number(x.toFixed(3));

/** Monte Carlo throughput in this process: the page's engine code, 100,000 samples per run. */
export function monteCarloBench(): Record<string, number> {
  const inputs = loadInputs();
  const spec = monteCarloSpec(inputs, paperScenario(inputs), focusModel(inputs, DEFAULT_MODEL));
  for (let k = 0; k < 3; k++) runMonteCarlo(spec, MC_SAMPLES, k); // warm-up
  const times: number[] = [];
  for (let k = 0; k < MC_RUNS; k++) {
    const t0 = performance.now();
    runMonteCarlo(spec, MC_SAMPLES, 1000 + k);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return {
    montecarlo_100k_median_ms: round(ms),
    montecarlo_100k_max_ms: round(Math.max(...times)),
    montecarlo_samples_per_s: Math.round((MC_SAMPLES / ms) * 1000)
  };
}

/** The checkout (tracked and untracked files, not ignored) copied to `dest`, sharing node_modules. */
function copyCheckout(dest: string): void {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {encoding: "utf8"});
  if (listed.status !== 0) throw new Error("git ls-files failed: run the benchmark inside the checkout");
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (!existsSync(file)) continue;
    mkdirSync(dirname(join(dest, file)), {recursive: true});
    cpSync(file, join(dest, file));
  }
  symlinkSync(resolve("node_modules"), join(dest, "node_modules"), "dir");
}

/** The site with the bare page beside the project's pages: SITE_DIR, or a build of a scratch copy. */
function builtSite(): {dir: string; cleanup: () => void} {
  if (process.env.SITE_DIR) {
    const dir = resolve(process.env.SITE_DIR);
    if (!existsSync(join(dir, "bench-bare.html")))
      throw new Error(`SITE_DIR ${dir} has no bench-bare.html: unset SITE_DIR to build a scratch site`);
    return {dir, cleanup: () => {}};
  }
  const work = mkdtempSync(join(tmpdir(), "sensitivity-bench-"));
  const site = join(work, "site");
  copyCheckout(site);
  writeFileSync(join(site, "src", "bench-bare.md"), BARE_PAGE);
  const result = spawnSync("npx", ["tsx", "scripts/build.ts"], {
    cwd: site,
    env: {...process.env, DIST_DIR: join(work, "dist")},
    stdio: ["ignore", "ignore", "inherit"]
  });
  const dir = join(work, "dist");
  if (result.status !== 0 || !existsSync(join(dir, "sensitivity.html")) || !existsSync(join(dir, "bench-bare.html")))
    throw new Error("the site build failed");
  return {dir, cleanup: () => rmSync(work, {recursive: true, force: true})};
}

/** One timed change: which control, when its first visible part and its last part were updated. */
interface Timing {
  control: string;
  firstMs: number;
  allMs: number;
}

/**
 * The in-page timer, plain JavaScript evaluated as a string (tsx would otherwise wrap it with helpers the page
 * lacks). `watch(visible, all, change)` calls change(), then resolves with the times, from just before the
 * input event, at which the first element of `visible` and every element of `all` had been replaced (each a
 * selector of an element a re-run replaces), layout included.
 */
const TIMER = `
  window.__watch = (visible, all, change, timeout) => new Promise((resolve, reject) => {
    const q = (s) => document.querySelector(s);
    const before = new Map(all.map((s) => [s, q(s)]));
    const replaced = (s) => { const n = q(s); return n !== null && n !== before.get(s); };
    let first = null;
    const t0 = performance.now();
    const check = () => {
      if (first === null && visible.some(replaced)) { document.body.getBoundingClientRect(); first = performance.now() - t0; }
      if (all.every(replaced)) {
        document.body.getBoundingClientRect();
        const end = performance.now() - t0;
        observer.disconnect(); clearTimeout(timer);
        resolve([first ?? end, end]);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {childList: true, subtree: true});
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error("no update within " + timeout + " ms: " + all.filter((s) => !replaced(s)).join(", "))); }, timeout);
    change();
  });
`;

const TABLES = ['[data-live="table1"]', '[data-live="table3"]', '[data-live="table4"]'];
const chart = (name: string) => `[data-live="chart-${name}"] svg[viewBox]`;
const CHARTS = ["pue", "grids", "tornado", "montecarlo", "nas"].map(chart);

/** Times CHANGES mixed changes of every control of the sensitivity page, then a PUE slider drag. */
async function sensitivityRun(page: Page): Promise<{changes: Timing[]; dragMs: number}> {
  return page.evaluate(`(async () => {
    ${TIMER}
    const q = (s) => document.querySelector(s);
    const pue = q('[data-control="pue"] input[type="range"]');
    const grid = q('[data-control="grid"] select');
    const factors = q('[data-control="factors"] select');
    const model = q('[data-control="model"] select');
    const seed = q('[data-control="seed"] input');
    const units = [...document.querySelectorAll('[data-control="units"] input')];
    const next = (select) => String((select.selectedIndex + 1) % select.options.length);
    const scenario = [${JSON.stringify(TABLES)}, [...${JSON.stringify(TABLES)}, ...${JSON.stringify(CHARTS)}]];
    const moves = [
      ["pue", (k) => ((pue.value = String(1.05 + ((k * 0.37) % 1.9))), pue), scenario],
      ["grid", (k) => ((grid.value = String((grid.selectedIndex + 1) % 7)), grid), scenario],
      ["units", (k) => { const u = units[(units.findIndex((x) => x.checked) + 1) % units.length]; u.checked = true; return u; }, scenario],
      ["factors", (k) => ((factors.value = next(factors)), factors), scenario],
      ["model", (k) => ((model.value = next(model)), model), [[${JSON.stringify(chart("tornado"))}], ${JSON.stringify([chart("pue"), chart("tornado"), chart("montecarlo")])}]],
      ["seed", (k) => ((seed.value = String(100 + k)), seed), [[${JSON.stringify(chart("montecarlo"))}], [${JSON.stringify(chart("montecarlo"))}]]]
    ];
    const changes = [];
    for (let k = 0; k < ${CHANGES}; k++) {
      const [control, set, [visible, all]] = moves[k % moves.length];
      // Factor sets matter only for a mix: the grid move before it leaves one (never the EPA factor, index 0).
      if (control === "factors" && grid.selectedIndex === 0) { grid.value = "1"; await __watch(scenario[0], scenario[1], () => grid.dispatchEvent(new Event("input", {bubbles: true})), ${TIMEOUT_MS}); }
      const target = set(Math.floor(k / moves.length));
      const [firstMs, allMs] = await __watch(visible, all, () => target.dispatchEvent(new Event("input", {bubbles: true})), ${TIMEOUT_MS});
      changes.push({control, firstMs, allMs});
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    // The drag: one step per frame; then the time from the last input to the final state on screen.
    const steps = ${DRAG_STEPS};
    const final = (1.3 + 0.01 * steps).toFixed(2);
    let last = 0;
    let before = null;
    for (let k = 1; k <= steps; k++) {
      await new Promise((r) => requestAnimationFrame(r));
      pue.value = (1.3 + 0.01 * k).toFixed(2);
      if (k === steps) before = ${JSON.stringify(CHARTS)}.map((s) => q(s));
      last = performance.now();
      pue.dispatchEvent(new Event("input", {bubbles: true}));
    }
    const shown = () =>
      q(".scenario-summary").textContent.startsWith("PUE " + Number(final) + " ") &&
      q('[data-live="chart-pue"]').textContent.includes("scenario's PUE (" + Number(final) + ")") &&
      ${JSON.stringify(CHARTS)}.every((s, i) => q(s) && q(s) !== before[i]);
    const dragMs = await new Promise((resolve, reject) => {
      const check = () => { if (shown()) { observer.disconnect(); document.body.getBoundingClientRect(); resolve(performance.now() - last); } };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {childList: true, subtree: true, characterData: true});
      setTimeout(() => reject(new Error("the drag's final state was not shown within ${TIMEOUT_MS} ms")), ${TIMEOUT_MS});
      check();
    });
    return {changes, dragMs};
  })()`) as Promise<{changes: Timing[]; dragMs: number}>;
}

/** Times CHANGES changes of the bare page's slider. */
async function bareRun(page: Page): Promise<Timing[]> {
  return page.evaluate(`(async () => {
    ${TIMER}
    const range = document.querySelector('input[type="range"]');
    const out = [];
    for (let k = 0; k < ${CHANGES}; k++) {
      range.value = String(1.05 + ((k * 0.37) % 1.9));
      const all = [${JSON.stringify(chart("bare"))}];
      const [firstMs, allMs] = await __watch(all, all, () => range.dispatchEvent(new Event("input", {bubbles: true})), ${TIMEOUT_MS});
      out.push({control: "bare", firstMs, allMs});
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return out;
  })()`) as Promise<Timing[]>;
}

/** Both pages, SENSITIVITY_RUNS loads each, alternating, in one Chromium. */
export async function pageBench(siteDir: string): Promise<Record<string, number>> {
  const runs = pageRuns();
  const server = await serve(siteDir);
  const browser = await launch();
  try {
    const changes: Array<Timing & {run: number}> = [];
    const bare: Timing[] = [];
    const drags: number[] = [];
    for (let run = 1; run <= runs; run++) {
      for (const file of ["sensitivity.html", "bench-bare.html"]) {
        const {page, errors} = await watchedPage(browser, server.origin);
        await page.setViewportSize({width: 1280, height: 900});
        await page.goto(`${server.origin}/${file}`);
        await settled(page, 30000);
        await page.waitForSelector(file === "bench-bare.html" ? chart("bare") : chart("montecarlo"));
        if (file === "bench-bare.html") bare.push(...(await bareRun(page)));
        else {
          const r = await sensitivityRun(page);
          changes.push(...r.changes.map((c) => ({...c, run})));
          drags.push(r.dragMs);
        }
        if (errors.length) throw new Error(`${file} logged errors: ${errors.join("; ")}`);
        await page.close();
      }
    }
    const first = changes.map((c) => c.firstMs);
    const all = changes.map((c) => c.allMs);
    const bareAll = bare.map((c) => c.allMs);
    const result: Record<string, number> = {
      sensitivity_page_loads: runs,
      sensitivity_changes: changes.length,
      sensitivity_first_visible_median_ms: round(median(first)),
      sensitivity_first_visible_p90_ms: round(quantile(first, 0.9)),
      sensitivity_everything_median_ms: round(median(all)),
      sensitivity_everything_p90_ms: round(quantile(all, 0.9)),
      bare_changes: bare.length,
      bare_update_median_ms: round(median(bareAll)),
      bare_update_p90_ms: round(quantile(bareAll, 0.9)),
      sensitivity_everything_over_bare_ratio: round(median(all) / median(bareAll)),
      sensitivity_drag_steps: DRAG_STEPS,
      sensitivity_drag_final_shown_median_ms: round(median(drags)),
      sensitivity_drag_final_shown_max_ms: round(Math.max(...drags))
    };
    for (const control of [...new Set(changes.map((c) => c.control))]) {
      const of = changes.filter((c) => c.control === control);
      result[`sensitivity_first_visible_median_ms_${control}`] = round(median(of.map((c) => c.firstMs)));
      result[`sensitivity_everything_median_ms_${control}`] = round(median(of.map((c) => c.allMs)));
    }
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Both benchmarks; bench/run.ts calls this. */
export async function runSensitivityBench(): Promise<Record<string, number>> {
  pageRuns(); // a bad SENSITIVITY_RUNS fails before the build, not after it
  const mc = monteCarloBench();
  const site = builtSite();
  try {
    return {...(await pageBench(site.dir)), ...mc};
  } finally {
    site.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runSensitivityBench().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`bench/sensitivity: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  );
}
