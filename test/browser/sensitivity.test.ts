import {describe, expect, test} from "vitest";
import {factorSetLabel} from "../../src/lib/labels.js";
import type {Page} from "playwright-core";
import {settled, type Watched} from "./harness.js";
import {siteSession} from "./session.js";

const site = siteSession();

/** Every live table and chart of the page, by its data-live name. */
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
  "nas-steps"
] as const;
type Live = (typeof LIVE)[number];

const open = (query: string): Promise<Watched> => site.open(`sensitivity.html${query}`, '[data-live="chart-nas"] svg');

/** The rendered content of each live element (without its render counter), and the figures in prose. */
async function snapshot(page: Page): Promise<Record<Live | "prose", string>> {
  return page.evaluate(
    (names) => {
      const out: Record<string, string> = {};
      for (const name of names) {
        const node = document.querySelector(`[data-live="${name}"]`);
        out[name] = node ? node.innerHTML : "(missing)";
      }
      out.prose = [...document.querySelectorAll(".live")].map((n) => n.textContent).join(" | ");
      return out;
    },
    LIVE as unknown as string[]
  ) as Promise<Record<Live | "prose", string>>;
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
  "chart-nas"
];
/** What a change of carbon intensity moves: the same, and the grid intensity chart. */
const INTENSITY: Live[] = [...ENERGY, "chart-grids"];

/** Each control, moved as a reader would, and the live elements that must change (all others must not). */
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
    control: "unassigned",
    from: "?grid=china",
    move: (p) => p.locator('[data-control="unassigned"] label', {hasText: "give it a factor"}).click(),
    changes: INTENSITY
  },
  {
    control: "unassigned factor",
    from: "?grid=china&unassigned=800g",
    move: (p) => p.locator('[data-control="unassigned-g"] input[type="number"]').fill("100"),
    changes: INTENSITY
  },
  {
    control: "mix",
    from: "?grid=custom",
    move: (p) => p.locator('[data-control="mix-coal"] input[type="number"]').fill("10"),
    changes: INTENSITY
  },
  {
    control: "intensity",
    from: "?intensity=429g",
    move: (p) => p.locator('[data-control="intensity"] input[type="number"]').fill("57"),
    changes: INTENSITY
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
    changes: [...ENERGY, "nas-steps"]
  },
  {
    control: "model",
    from: "",
    move: (p) =>
      p
        .locator('[data-control="model"] select')
        .selectOption({label: "BERT (base) (V100×64)"})
        .then(() => {}),
    changes: ["chart-tornado", "chart-montecarlo"]
  },
  {
    control: "seed",
    from: "",
    move: (p) => p.locator('[data-control="seed"] input').fill("7"),
    changes: ["chart-montecarlo"]
  }
];

describe("sensitivity page", () => {
  for (const {control, from, move, changes} of MOVES) {
    test(`moving ${control} updates exactly the tables and charts that depend on it, and the URL`, async () => {
      const {page, external, errors} = await open(from);
      const before = await snapshot(page);
      const url = page.url();
      await move(page);
      const after = await snapshot(page);
      for (const name of LIVE) {
        if (changes.includes(name)) expect(after[name], `${control} should update ${name}`).not.toBe(before[name]);
        else expect(after[name], `${control} should not change ${name}`).toBe(before[name]);
      }
      if (control === "price") expect(after.prose, "figures in prose").toBe(before.prose);
      else expect(after.prose, "figures in prose").not.toBe(before.prose);
      // The address is written in the task after the change.
      await page.waitForFunction((before) => location.href !== before, url);
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
    await page.locator('[data-control="pue"] input[type="number"]').fill("1.2");
    await page.locator('[data-control="grid"] select').selectOption({label: "Custom mix…"});
    await page.locator('[data-control="mix-gas"] input[type="number"]').fill("30");
    await page.locator('[data-control="factors"] select').selectOption({label: factorSetLabel("codecarbon")});
    await page.locator('[data-control="unassigned"] label', {hasText: "give it a factor"}).click();
    await page.locator('[data-control="price"] input').fill("0.2");
    await page.locator('[data-control="units"] label', {hasText: "t"}).last().click();
    await page.locator('[data-control="model"] select').selectOption({label: "ELMo (P100×3)"});
    await page.locator('[data-control="seed"] input').fill("99");
    await page.waitForFunction(() => location.search.includes("seed=99"));
    const url = page.url();
    expect(new URL(url).search).toBe(
      "?pue=1.2&grid=custom&factors=codecarbon&unassigned=995g&mix=17%2C30%2C27%2C19&price=0.2&units=t&model=elmo&seed=99"
    );
    const before = await snapshot(page);
    const again = await open(new URL(url).search);
    expect(await snapshot(again.page)).toEqual(before);
    expect(await again.page.locator('[data-control="pue"] input[type="number"]').inputValue()).toBe("1.2");
    expect(await again.page.locator('[data-control="seed"] input').inputValue()).toBe("99");
    await page.close();
    await again.page.close();
  });

  test("the PUE chart's dots lie on their lines (sampled every 0.1 PUE, so they follow the log axis)", async () => {
    const {page} = await open("?pue=1.97&grid=germany");
    const gaps = await page.evaluate(() => {
      const svg = document.querySelector('[data-live="chart-pue"] svg')!;
      const lines = [...svg.querySelectorAll("g.overlay path")];
      return [...svg.querySelectorAll("g.overlay circle")].map((dot) => {
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
    expect(errors).toEqual([]);
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
    await page.waitForSelector('[data-live="chart-nas"] svg');
    expect(new URL(page.url()).search).toBe("?pue=1.1&intensity=431g&units=t&model=nas_tpuv2");
    expect(await page.locator('[data-live="chart-tornado"] figure').getAttribute("aria-label")).toContain(
      "NAS as run (TPUv2×200"
    );
    expect(await page.locator(".scenario-summary").innerText()).toContain("431.0 g CO2e/kWh");
    expect(await text(page, "nas-steps")).toMatch(/Local grid: .* 3\.22 t \(Patterson et al\. print 3\.2 t CO2e/);
    await page.close();
  });
});
