import {describe, expect, test} from "vitest";
import {factorSetLabel} from "../../src/lib/present/labels.js";
import type {Page} from "playwright-core";
import {settled, type Watched} from "../../browser/harness.js";
import {siteSession} from "./session.js";

const site = siteSession();

/** Every table and chart of the page, by its data-live name. */
const LIVE = [
  "table1",
  "table3",
  "table4",
  "claims",
  "chart-pue",
  "chart-grids",
  "chart-tornado",
  "chart-montecarlo",
  "chart-nas",
  "nas-steps",
  "distributions",
  "indices"
] as const;
type Live = (typeof LIVE)[number];

const open = (query: string): Promise<Watched> =>
  site.open(`sensitivity.html${query}`, '[data-live="chart-montecarlo"] svg');

/** The rendered content of each table and chart, and the figures in prose. */
async function snapshot(page: Page): Promise<Record<Live | "prose", string>> {
  return page.evaluate(
    (names) => {
      const out: Record<string, string> = {};
      for (const name of names) {
        const node = document.querySelector(`[data-live="${name}"]`);
        if (!node) {
          out[name] = "(missing)";
          continue;
        }
        // A figure's download buttons name the scenario, and its ids count renders: neither is its content.
        const clone = node.cloneNode(true) as Element;
        for (const d of clone.querySelectorAll(".downloads")) d.remove();
        out[name] = clone.innerHTML.replace(/figure-\d+/g, "figure");
      }
      out.prose = [...document.querySelectorAll("main p")].map((n) => n.textContent).join(" | ");
      return out;
    },
    LIVE as unknown as string[]
  ) as Promise<Record<Live | "prose", string>>;
}

/**
 * Waits until the page has settled after a change: the address has changed from `before` (the cell that writes
 * it has run) and two snapshots a frame apart are the same (the Monte Carlo cell, drawn a frame later, has run).
 */
async function updated(page: Page, before: string): Promise<void> {
  await page.waitForFunction((b) => location.href !== b, before, {timeout: 20000});
  await steady(page);
}

/** The page has settled and its parts stay the same over two frames. */
async function steady(page: Page): Promise<void> {
  await settled(page, 20000);
  let last = "";
  for (;;) {
    const now = JSON.stringify(await snapshot(page));
    if (now === last) return;
    last = now;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
}

const text = (page: Page, name: Live) => page.locator(`[data-live="${name}"]`).innerText();
const rowOf = async (page: Page, name: Live, label: string, hardware?: string) =>
  page
    .locator(`[data-live="${name}"] tr`, {hasText: label})
    .filter({hasText: hardware ?? label})
    .first()
    .innerText();

/** What a change of energy (PUE) moves: every table, the claims, and every chart but the grid intensities. */
const ENERGY: Live[] = [
  "table1",
  "table3",
  "table4",
  "claims",
  "chart-pue",
  "chart-tornado",
  "chart-montecarlo",
  "chart-nas",
  "distributions",
  "indices"
];
/** What a change of carbon intensity moves: the same, and the grid intensity chart. */
const INTENSITY: Live[] = [...ENERGY, "chart-grids"];

/** Each control, moved as a reader would, and the tables and charts that must change (all others must not). */
const MOVES: Array<{control: string; from: string; move: (page: Page) => Promise<void>; changes: Live[]}> = [
  {
    control: "pue",
    from: "",
    move: (p) => p.locator('[data-control="pue"] input[type="number"]').fill("1.1"),
    changes: ENERGY
  },
  {
    control: "pue preset",
    from: "",
    move: (p) => p.locator('[data-preset="industry-2007"]').click(),
    changes: ENERGY
  },
  {
    control: "grid",
    from: "",
    move: (p) =>
      p
        .locator('[data-control="grid"] select')
        .selectOption({label: "China (Table 2 mix)"})
        .then(() => {}),
    changes: INTENSITY
  },
  {
    control: "factors",
    from: "?grid=china",
    move: (p) =>
      p
        .locator('[data-control="factors"] select')
        .selectOption({label: factorSetLabel("ipcc-ar5-max")})
        .then(() => {}),
    changes: INTENSITY
  },
  {
    control: "own factors",
    from: "?grid=china",
    move: (p) => p.locator('[data-control="factor"] input').fill("coal:1000g"),
    changes: INTENSITY
  },
  {
    control: "unassigned",
    from: "?grid=china",
    move: (p) => p.locator('[data-control="unassigned"] label', {hasText: "give it a factor"}).click(),
    changes: INTENSITY.filter((n) => n !== "distributions")
  },
  {
    control: "unassigned factor",
    from: "?grid=china&unassigned=800g",
    move: (p) => p.locator('[data-control="unassigned-g"] input[type="number"]').fill("100"),
    changes: INTENSITY.filter((n) => n !== "distributions")
  },
  {
    control: "mix",
    from: "?grid=custom",
    move: (p) => p.locator('[data-control="mix-coal"] input[type="number"]').fill("10"),
    changes: INTENSITY.filter((n) => n !== "distributions")
  },
  {
    control: "intensity",
    from: "?intensity=429g",
    move: (p) => p.locator('[data-control="intensity"] input[type="number"]').fill("57"),
    changes: INTENSITY.filter((n) => n !== "distributions" && n !== "indices")
  },
  {
    control: "price",
    from: "",
    move: (p) => p.locator('[data-control="price"] input').fill("0.3"),
    changes: ["table4"]
  },
  {
    control: "units",
    from: "",
    move: (p) => p.locator('[data-control="units"] label', {hasText: "kg"}).click(),
    changes: [...ENERGY.filter((n) => n !== "distributions" && n !== "indices"), "nas-steps"]
  },
  {
    control: "model",
    from: "",
    move: (p) =>
      p
        .locator('[data-control="model"] select')
        .selectOption({label: "BERT (base) (V100×64)"})
        .then(() => {}),
    // The same draws scaled by the model's power and hours: the shares of variance do not change.
    changes: ["chart-tornado", "chart-montecarlo"]
  },
  {
    control: "seed",
    from: "",
    move: (p) => p.locator('[data-control="seed"] input').fill("7"),
    changes: ["chart-montecarlo", "indices"]
  }
];

describe("sensitivity page", () => {
  test("the page's source has no private store and no hand-drawn marks", async () => {
    const {readFileSync} = await import("node:fs");
    const page = readFileSync("src/sensitivity.md", "utf8");
    expect(page).toMatch(/const scenario = view\(scenarioInput\(inputs, location\.search\)\);/);
    expect(page).toMatch(/history\.replaceState/);
    for (const file of [
      "src/sensitivity.md",
      "src/components/sensitivity-views.ts",
      "src/components/scenario-controls.ts"
    ]) {
      const source = readFileSync(file, "utf8");
      expect(source, file).not.toMatch(
        /createStore|subscribe\(|svgEl|layeredChart|liveText|marks: \[\]|cacheKeys|KEYS/
      );
    }
  });

  for (const {control, from, move, changes} of MOVES) {
    test(`moving ${control} updates exactly the tables and charts that depend on it, and the URL`, async () => {
      const {page, external, errors} = await open(from);
      const before = await snapshot(page);
      const url = page.url();
      await move(page);
      await updated(page, url);
      // A control's parts can follow it a few frames apart (each view and chart is its own cell): on a loaded machine
      // the address may settle before a table does, so wait until every part that should change has changed.
      await expect
        .poll(
          async () => {
            const now = await snapshot(page);
            return changes.filter((name) => now[name] === before[name]);
          },
          {timeout: 20000}
        )
        .toEqual([]);
      await steady(page);
      const after = await snapshot(page);
      for (const name of LIVE) {
        if (changes.includes(name)) expect(after[name], `${control} should update ${name}`).not.toBe(before[name]);
        else expect(after[name], `${control} should not change ${name}`).toBe(before[name]);
      }
      expect(after.prose, "figures in prose").not.toBe(before.prose);
      expect(new URL(page.url()).search, "the URL follows the control").toBe(
        `?${await page
          .locator(".scenario-link")
          .getAttribute("href")
          .then((h) => h!.slice(1))}`
      );
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  test("the URL round-trips: reopening the address after several changes shows the same view", async () => {
    const {page} = await open("");
    const step = async (change: () => Promise<unknown>) => {
      const url = page.url();
      await change();
      await updated(page, url);
    };
    await step(() => page.locator('[data-control="pue"] input[type="number"]').fill("1.2"));
    await step(() => page.locator('[data-control="grid"] select').selectOption({label: "Custom mix…"}));
    await step(() => page.locator('[data-control="mix-gas"] input[type="number"]').fill("30"));
    await step(() =>
      page.locator('[data-control="factors"] select').selectOption({label: factorSetLabel("codecarbon")})
    );
    await step(() => page.locator('[data-control="unassigned"] label', {hasText: "give it a factor"}).click());
    await step(() => page.locator('[data-control="price"] input').fill("0.2"));
    await step(() => page.locator('[data-control="units"] label', {hasText: "t"}).last().click());
    await step(() => page.locator('[data-control="model"] select').selectOption({label: "ELMo (P100×3)"}));
    await step(() => page.locator('[data-control="seed"] input').fill("99"));
    const url = page.url();
    expect(new URL(url).search).toBe(
      "?pue=1.2&grid=custom&factors=codecarbon&unassigned=995g&mix=17%2C30%2C27%2C19&price=0.2&units=t&model=elmo&seed=99"
    );
    const before = await snapshot(page);
    const again = await open(new URL(url).search);
    await updated(again.page, "");
    expect(await snapshot(again.page)).toEqual(before);
    expect(await again.page.locator('[data-control="pue"] input[type="number"]').inputValue()).toBe("1.2");
    expect(await again.page.locator('[data-control="seed"] input').inputValue()).toBe("99");
    await page.close();
    await again.page.close();
  });

  test("the PUE chart's dots lie on their lines (Plot's lineY every 0.1 PUE, so they follow the log axis)", async () => {
    const {page} = await open("?pue=1.97&grid=germany");
    const gaps = await page.evaluate(() => {
      const svg = document.querySelector('[data-live="chart-pue"] svg[viewBox]')!;
      const lines = [...svg.querySelectorAll('g[aria-label="line"] path')];
      return [...svg.querySelectorAll('g[aria-label="dot"] circle')].map((dot) => {
        const [cx, cy] = [Number(dot.getAttribute("cx")), Number(dot.getAttribute("cy"))];
        const line = lines.find((l) => l.getAttribute("stroke") === dot.getAttribute("fill"))!;
        const points = line
          .getAttribute("d")!
          .slice(1)
          .split("L")
          .map((p) => p.split(",").map(Number));
        const k = points.findIndex(([x], i) => i > 0 && x >= cx);
        const [[x0, y0], [x1, y1]] = [points[k - 1], points[k]];
        return Math.abs(y0 + ((cx - x0) / (x1 - x0)) * (y1 - y0) - cy);
      });
    });
    expect(gaps.length).toBeGreaterThanOrEqual(6);
    for (const gap of gaps) expect(gap).toBeLessThan(0.5);
    await page.close();
  });

  test("?pue=1&units=kg shows the NAS (P100) row at 179,759 kg", async () => {
    const {page, errors} = await open("?pue=1&units=kg");
    expect(await rowOf(page, "table3", "NAS", "P100×8")).toContain("179,759");
    expect(await rowOf(page, "table1", "neural architecture search")).toContain("179,759");
    expect(await page.locator(".scenario-notices").isHidden()).toBe(true);
    // PUE 1 has no overhead to vary: no tornado bar and an index of 0, each with its reason.
    expect(await page.locator('[data-live="chart-tornado"]').innerText()).toContain(
      "PUE: a PUE of 1 has no overhead to vary"
    );
    expect(await rowOf(page, "indices", "PUE")).toMatch(/0\.0 %\s+a PUE of 1 has no overhead to vary/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the paper's scenario states the printed NAS figure's percentile and, outside the central 90 %, why", async () => {
    const {page} = await open("");
    const prose = await page.locator("main").innerText();
    expect(prose).toMatch(
      /the printed 626,155 lbs for NAS \(P100\) lies at the \d\.\dth percentile of 100,000 samples/
    );
    expect(prose).toMatch(
      /outside the central 90 %\. Why: the printed figure equals the point estimate .*the power draw is higher than this scenario's value in 9\d % of draws/
    );
    // The tornado draws no empty row: factor set and unassigned share are named with their reason.
    const tornado = await page.locator('[data-live="chart-tornado"]').innerText();
    expect(tornado).toContain("Not drawn, because they do not move the CO2e here: Emission factor set: no effect");
    expect(await page.locator('[data-live="chart-tornado"] g[aria-label="bar"] rect').count()).toBe(3);
    await page.close();
  });

  test("?pue=1.1&grid=google: the Monte Carlo median lies within a factor 1.3 of the point estimate, as stated", async () => {
    const {page} = await open("?pue=1.1&grid=google");
    const prose = await page.locator("main").innerText();
    const m = /the median is [\d,.]+ lbs, ([\d.]+) times the scenario's point estimate/.exec(prose)!;
    expect(Number(m[1])).toBeGreaterThan(1);
    expect(Number(m[1])).toBeLessThan(1.3);
    await page.close();
  });

  test("?pue=abc&bogus=1 shows a notice for each and keeps the default", async () => {
    const {page} = await open("?pue=abc&bogus=1");
    const notices = page.locator(".scenario-notices li");
    expect(await notices.count()).toBe(2);
    expect(await notices.nth(0).innerText()).toMatch(
      /pue "abc" is not allowed: a number from 1 to 3; the default is used/
    );
    expect(await notices.nth(1).innerText()).toMatch(/unknown parameter "bogus"/);
    expect(await page.locator('[data-control="pue"] input[type="number"]').inputValue()).toBe("1.58");
    expect(await rowOf(page, "table3", "NAS", "P100×8")).toContain("626,155");
    await page.close();
  });

  test("markup in a URL parameter is shown as text, never run or rendered", async () => {
    const markup = '<img src=x onerror="window.__injected=1"><b id="injected">bold</b>';
    const {page, errors} = await open(`?grid=${encodeURIComponent(markup)}&model=${encodeURIComponent(markup)}`);
    const notices = page.locator(".scenario-notices");
    expect(await notices.innerText()).toContain(markup);
    expect(await page.locator(".scenario-notices img, #injected").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as {__injected?: number}).__injected)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("each NAS correction step links to its scenario, and the last reproduces Patterson's 3.2 t", async () => {
    const {page} = await open("?units=t");
    const links = page.locator('[data-live="nas-steps"] a');
    expect(await links.count()).toBe(5);
    expect(await page.locator('[data-live="chart-nas"] svg a').count()).toBeGreaterThanOrEqual(5);
    await links.nth(4).click();
    await page.waitForURL(/intensity=431g/);
    await settled(page);
    await page.waitForSelector('[data-live="chart-montecarlo"] svg');
    expect(new URL(page.url()).search).toBe("?pue=1.1&intensity=431g&units=t&model=nas_tpuv2");
    expect(await page.locator('[data-live="chart-tornado"]').innerText()).toContain("NAS as run (TPUv2×200");
    expect(await page.locator(".scenario-summary").innerText()).toContain("431.0 g CO2e/kWh");
    expect(await text(page, "nas-steps")).toMatch(/Local grid: .* 3\.22 t \(Patterson et al\. print 3\.2 t CO2e/);
    await page.close();
  });

  test("at 390×844 every chart and table fits: no horizontal page scroll, chart text at least 10 px as rendered", async () => {
    const watched = await site.open("sensitivity.html?grid=custom&model=lisa_project&units=kg");
    const {page} = watched;
    await page.setViewportSize({width: 390, height: 844});
    // The charts re-render at the new width (Framework's resize); wait until each has.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-live^="chart-"]')].every((c) => {
          const svg = c.querySelector("svg[viewBox]");
          return svg && svg.getBoundingClientRect().width <= 390;
        }),
      undefined,
      {timeout: 20000}
    );
    const result = await page.evaluate(() => {
      const small: string[] = [];
      let texts = 0;
      const clipped: string[] = [];
      for (const svg of document.querySelectorAll('main [data-live^="chart-"] svg[viewBox]')) {
        const box = svg.getBoundingClientRect();
        const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
        for (const t of svg.querySelectorAll("text")) {
          const r = t.getBoundingClientRect();
          if (!t.textContent?.trim() || r.width === 0) continue;
          texts++;
          const px = parseFloat(getComputedStyle(t).fontSize) * scale;
          if (px < 10) small.push(`${t.textContent} ${px.toFixed(1)}px`);
          // Readable means whole: no label runs off its chart.
          if (r.left < box.left - 1 || r.right > box.right + 1) clipped.push(t.textContent);
        }
      }
      const figures = [...document.querySelectorAll('main [data-live^="chart-"]')].map(
        (c) => c.getBoundingClientRect().right
      );
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        small,
        clipped,
        texts,
        widest: Math.max(...figures)
      };
    });
    expect(result.texts).toBeGreaterThan(50);
    expect(result.small).toEqual([]);
    expect(result.clipped).toEqual([]);
    expect(result.scrollWidth).toBeLessThanOrEqual(result.clientWidth);
    expect(result.widest).toBeLessThanOrEqual(390);
    expect(watched.errors).toEqual([]);
    await page.close();
  });
});
