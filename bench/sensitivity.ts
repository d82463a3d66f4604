// Benchmark of the sensitivity page (issue 3): the time from a control change to every table and chart
// updated, measured inside headless Chromium with performance.now(), and Monte Carlo samples per second.
// Run alone: `npx tsx bench/sensitivity.ts` prints JSON. SITE_DIR=<built site> skips the build.
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {launch, serve, settled, watchedPage} from "../browser/harness.js";
import {loadInputs} from "../loaders/inputs.js";
import {monteCarloSpec, runMonteCarlo} from "../src/lib/montecarlo.js";
import {defaultView, focusModels} from "../src/lib/sensitivity.js";

/** Control changes timed in the browser per page load (the target is the median of at least 30). */
export const CHANGES = 60;
/**
 * Fresh page loads, each timing CHANGES changes; the figures pool every change of every load, so one load that
 * shares the machine with a burst of other work moves the median less (per-load medians are printed too).
 */
export function pageRuns(env: Record<string, string | undefined> = process.env): number {
  const runs = Number(env.SENSITIVITY_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`SENSITIVITY_RUNS "${env.SENSITIVITY_RUNS}" is not allowed: a whole number ≥ 1`);
  return runs;
}
/** PUE slider steps of 0.01 timed per page load after the mixed changes: a reader dragging the slider. */
export const DRAG_STEPS = 30;
/** Monte Carlo samples per timed run, and timed runs. */
export const MC_SAMPLES = 100000;
export const MC_RUNS = 15;

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
  const view = defaultView(inputs);
  const model = focusModels(inputs).find((m) => m.id === view.model)!;
  const spec = monteCarloSpec(inputs, view.scenario, model);
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

function builtSite(): {dir: string; cleanup: () => void} {
  if (process.env.SITE_DIR) return {dir: resolve(process.env.SITE_DIR), cleanup: () => {}};
  const dir = mkdtempSync(join(tmpdir(), "sensitivity-bench-"));
  const result = spawnSync("npx", ["tsx", "scripts/build.ts"], {
    env: {...process.env, DIST_DIR: dir},
    stdio: ["ignore", "ignore", "inherit"]
  });
  if (result.status !== 0 || !existsSync(join(dir, "sensitivity.html"))) throw new Error("the site build failed");
  return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/**
 * Control-change → updated, in the page: each change sets a control's value and dispatches its input event;
 * the time runs until the page's revision attribute changes (a MutationObserver, after every table, chart
 * and figure in prose has been updated) and the layout has been recomputed.
 */
export async function pageBench(siteDir: string): Promise<Record<string, number>> {
  const runs = pageRuns();
  const server = await serve(siteDir);
  const browser = await launch();
  try {
    const samples: Array<{control: string; ms: number; layout: number; run: number}> = [];
    const measures: Array<[string, number]> = [];
    for (let run = 1; run <= runs; run++) {
      const {page, errors} = await watchedPage(browser, server.origin);
      await page.goto(`${server.origin}/sensitivity.html`);
      await settled(page);
      await page.waitForSelector('[data-live="chart-nas"] svg');
      // Plain JavaScript, evaluated as a string: tsx would otherwise wrap the function with helpers the page lacks.
      const runSamples = (await page.evaluate(`(async (changes) => {
      const q = (s) => document.querySelector(s);
      const pue = q('[data-control="pue"] input[type="range"]');
      const grid = q('[data-control="grid"] select');
      const factors = q('[data-control="factors"] select');
      const model = q('[data-control="model"] select');
      const seed = q('[data-control="seed"] input');
      const units = [...document.querySelectorAll('[data-control="units"] input')];
      const gridChoices = [0, 1, 2, 3, 4, 5, 6]; // the EPA factor and the six Table 2 consumers
      const moves = [
        ["pue", (k) => ((pue.value = String(1.05 + ((k * 0.37) % 1.9))), pue)],
        ["grid", (k) => ((grid.value = String(gridChoices[(k + 1) % gridChoices.length])), grid)],
        ["units", (k) => ((units[(k + 1) % units.length].checked = true), units[(k + 1) % units.length])],
        ["factors", (k) => ((factors.value = String((k + 1) % factors.options.length)), factors)],
        ["model", (k) => ((model.value = String((k + 1) % model.options.length)), model)],
        ["seed", (k) => ((seed.value = String(100 + k)), seed)]
      ];
      const root = document.documentElement;
      const out = [];
      // The mixed changes (each control in turn, large jumps), then the PUE slider dragged up by 0.01 a step.
      const drag = (k) => ((pue.value = (1.3 + 0.01 * (k + 1)).toFixed(2)), pue);
      for (let k = 0; k < changes + ${DRAG_STEPS}; k++) {
        if (k === changes) performance.mark("sensitivity-bench:drag");
        const [control, set] = k < changes ? moves[k % moves.length] : ["drag", () => drag(k - changes)];
        const target = set(Math.floor(k / moves.length));
        const before = root.dataset.sensitivityRevision;
        const done = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (root.dataset.sensitivityRevision === before) return;
            observer.disconnect();
            const beforeLayout = performance.now();
            document.body.getBoundingClientRect(); // include style and layout of the updated page
            const end = performance.now();
            resolve([end, end - beforeLayout]);
          });
          observer.observe(root, {attributes: true, attributeFilter: ["data-sensitivity-revision"]});
        });
        const t0 = performance.now();
        target.dispatchEvent(new Event("input", {bubbles: true}));
        const [end, layout] = await done;
        out.push({control, ms: end - t0, layout});
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      return out;
})(${CHANGES})`)) as Array<{control: string; ms: number; layout: number}>;
      if (errors.length) throw new Error(`the page logged errors: ${errors.join("; ")}`);
      samples.push(...runSamples.map((s) => ({...s, run})));
      // Where the time goes: the page's User Timing entries of the mixed changes (median duration of each kind).
      measures.push(
        ...((await page.evaluate(
          `(() => {
            const drag = performance.getEntriesByName("sensitivity-bench:drag")[0].startTime;
            return performance.getEntriesByType("measure")
              .filter((m) => m.name.startsWith("sensitivity:") && m.startTime < drag)
              .map((m) => [m.name, m.duration]);
          })()`
        )) as Array<[string, number]>)
      );
      await page.close();
    }
    // The target's figures come from the mixed changes; the drag is reported on its own.
    const mixed = samples.filter((s) => s.control !== "drag");
    const drags = samples.filter((s) => s.control === "drag").map((s) => s.ms);
    const all = mixed.map((s) => s.ms);
    const result: Record<string, number> = {
      sensitivity_page_loads: runs,
      sensitivity_changes: all.length,
      sensitivity_update_median_ms: round(median(all)),
      sensitivity_update_p90_ms: round(quantile(all, 0.9)),
      sensitivity_update_max_ms: round(Math.max(...all)),
      sensitivity_part_median_ms_style_and_layout: round(median(mixed.map((s) => s.layout))),
      // Not part of the target: PUE slider dragged in steps of 0.01 (most steps keep the charts' axes).
      sensitivity_drag_pue_steps: drags.length,
      sensitivity_drag_pue_median_ms: round(median(drags))
    };
    for (let run = 1; run <= runs; run++) {
      result[`sensitivity_update_median_ms_load${run}`] = round(
        median(mixed.filter((s) => s.run === run).map((s) => s.ms))
      );
    }
    for (const control of [...new Set(mixed.map((s) => s.control))]) {
      result[`sensitivity_update_median_ms_${control}`] = round(
        median(mixed.filter((s) => s.control === control).map((s) => s.ms))
      );
    }
    for (const name of [...new Set(measures.map(([n]) => n))]) {
      const key = name.replace("sensitivity:", "").replace(/-/g, "_");
      result[`sensitivity_part_median_ms_${key}`] = round(
        median(measures.filter(([n]) => n === name).map(([, d]) => d))
      );
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
