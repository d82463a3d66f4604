// The report pages (overview, Tables 1–4, methods, errata) in Chromium: tables and charts present, the
// numbers shown equal what the engine computes in Node from the same data/, nothing requested off
// localhost and no console error.
import {beforeAll, describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {loadInputs} from "../../loaders/inputs.js";
import {buildManifest} from "../../loaders/manifest.js";
import {formatNumber} from "../../src/lib/present/format.js";
import {buildReport, type Report} from "../../src/lib/paper/report.js";
import {paperScenario} from "../../src/lib/scenario/scenario.js";
import {claimVerdicts, hoursDerivation, summariseCells} from "../../src/lib/paper/summary.js";
import type {Inputs} from "../../src/lib/inputs/types.js";
import {siteSession} from "./session.js";

const site = siteSession();
let inputs: Inputs;
let report: Report;

beforeAll(() => {
  inputs = loadInputs("data");
  report = buildReport(inputs, paperScenario(inputs));
});

/**
 * Opens a page, waits for every cell and for `ready` (an element the page's last cells render), runs the
 * checks, then asserts that nothing left localhost and that no console error occurred.
 */
async function onPage(path: string, ready: string, check: (page: Page) => Promise<void>): Promise<void> {
  const watched = await site.open(path, ready);
  try {
    await check(watched.page);
    expect(watched.external).toEqual([]);
    expect(watched.errors).toEqual([]);
  } finally {
    await watched.page.close();
  }
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const count = (page: Page, selector: string) => page.locator(selector).count();

/** The recomputed value and status shown in a cell-by-cell table row. */
async function shownCell(page: Page, key: string): Promise<{recomputed: string; printed: string; status: string}> {
  const row = page.locator(`table.cells tr[data-cell="${key}"]`);
  return {
    recomputed: await row.locator("[data-recomputed]").innerText(),
    printed: await row.locator("[data-printed]").innerText(),
    status: await row.locator(".status").innerText()
  };
}

function cell(key: string) {
  const c = report.cells.find((x) => x.key === key);
  if (!c) throw new Error(`no cell ${key}`);
  return c;
}

async function expectCellsOf(page: Page, table: string): Promise<void> {
  const cells = report.cells.filter((c) => c.table === table);
  expect(await count(page, "table.cells tbody tr")).toBe(cells.length);
  for (const c of cells) {
    const shown = await shownCell(page, c.key);
    expect(shown, c.key).toEqual({
      recomputed: formatNumber(c.recomputed, c.step >= 1 ? 2 : 4),
      printed: c.printed,
      status: c.status
    });
  }
  // The page's count sentence agrees with the cells.
  for (const status of ["reproduced", "differs", "calibrated"] as const) {
    expect(await text(page, `.status-counts [data-count="${status}"]`)).toBe(
      String(cells.filter((c) => c.status === status).length)
    );
  }
}

describe("report pages", () => {
  test("index shows the cell counts, headline results and claim verdicts the engine computes", async () => {
    await onPage("index.html", "[data-claim] tbody tr", async (page) => {
      const s = summariseCells(report.cells);
      const metrics: Record<string, number> = {
        "printed-total": s.printed.total,
        reproduced: s.printed.reproduced,
        differs: s.printed.differs,
        calibrated: s.printed.calibrated,
        "printed-reproduced": s.printed.reproduced,
        "computed-reproduced": s.computed.reproduced,
        "computed-differs": s.computed.differs,
        "computed-calibrated": s.computed.calibrated
      };
      for (const [key, value] of Object.entries(metrics)) {
        expect(await text(page, `[data-metric="${key}"]`), key).toBe(formatNumber(value));
      }
      const nas = report.table3.find((r) => r.id === "nas_p100")!;
      expect(await text(page, '[data-headline="nas"]')).toBe(`${formatNumber(nas.co2e_lbs)} lbs CO2e`);
      const verdicts = claimVerdicts(report.claims);
      expect(await count(page, "[data-claim]")).toBe(verdicts.length);
      for (const v of verdicts) {
        const card = page.locator(`[data-claim="${v.claim.id}"]`);
        expect(await card.locator("tbody tr").count()).toBe(v.checks.length);
        expect(await card.getAttribute("class")).toContain(`verdict-${v.verdict.replace(/ /g, "-")}`);
        const shown = await card.locator("[data-recomputed]").allInnerTexts();
        expect(shown).toEqual(v.checks.map((c) => formatNumber(c.recomputed, c.recomputed < 10 ? 2 : 0)));
      }
      expect(await count(page, "figure.figure svg[aria-label]")).toBeGreaterThanOrEqual(1);
      expect(await text(page, '[data-metric="data-version"]')).toBe(buildManifest().data_version);
      for (const href of [
        "table1",
        "table2",
        "table3",
        "table4",
        "methods",
        "errata",
        "sensitivity",
        "later-models",
        "estimate",
        "glossary",
        "cite",
        "report"
      ]) {
        expect(await count(page, `a[href^="./${href}"]`), href).toBeGreaterThan(0);
      }
    });
  });

  test("table1 shows the recomputed table, a labelled log-scale chart and every Table 1 cell", async () => {
    await onPage("table1.html", "table.cells tbody tr", async (page) => {
      expect(await count(page, 'table[data-table="table1"] tbody tr')).toBe(report.table1.length);
      const chart = page.locator("figure.figure").first();
      expect(await chart.locator(".figure-subtitle").innerText()).toMatch(/log scale/);
      expect(await chart.locator("svg[aria-label]").count()).toBeGreaterThan(0);
      expect(await chart.locator("figcaption").innerText()).not.toBe("");
      await expectCellsOf(page, "table1");
      const nas = report.table1.find((r) => r.id === "transformer_big_nas")!;
      expect(await chart.locator("svg[aria-label]").innerHTML()).toContain(formatNumber(nas.co2e_lbs));
    });
  });

  test("table2 shows the mix with the unassigned share computed", async () => {
    await onPage("table2.html", "table.data-table tbody tr", async (page) => {
      const rows = page.locator('table[data-table="table2"] tbody tr');
      expect(await rows.count()).toBe(report.table2.length);
      const china = report.table2.find((r) => r.id === "china")!;
      const shown = await rows.filter({hasText: china.consumer}).locator("td").allInnerTexts();
      expect(shown).toContain(formatNumber(china.unassigned));
      expect(await count(page, "figure.figure svg[aria-label]")).toBeGreaterThan(0);
      expect(await page.locator("figure.figure .figure-source").first().innerText()).toMatch(/Table 2/);
    });
  });

  test("table3 shows both charts, every cell and the errata links of the differing cells", async () => {
    await onPage("table3.html", ".errata-list li", async (page) => {
      expect(await count(page, 'table[data-table="table3"] tbody tr')).toBe(report.table3.length);
      expect(await count(page, "figure.figure svg[aria-label]")).toBeGreaterThanOrEqual(2);
      await expectCellsOf(page, "table3");
      const hours = cell("table3.nas_tpu.hours");
      expect(hours.status).toBe("differs");
      const links = page.locator('table.cells tr[data-cell="table3.nas_tpu.hours"] a');
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(
        hours.errata.map((id) => `./errata.html#${id}`)
      );
      // Duplicate model names are told apart by their hardware.
      expect(await page.locator("figure.figure svg[aria-label]").nth(1).innerHTML()).toContain(
        "BERT (base) (TPUv2×16)"
      );
    });
  });

  test("table4 shows the cost chart, every cell and flags the inferred power", async () => {
    await onPage("table4.html", "table.cells tbody tr", async (page) => {
      expect(await count(page, 'table[data-table="table4"] tbody tr')).toBe(report.table4.length);
      expect(await count(page, "figure.figure svg[aria-label]")).toBeGreaterThan(0);
      await expectCellsOf(page, "table4");
      const power = inputs.caseStudy.find((c) => c.key === "gpu_watts")!;
      expect(await text(page, "#inferred-power")).toContain(`${formatNumber(power.value, 2)} W`);
    });
  });

  test("methods typesets both equations with the live constants and gives every input's provenance", async () => {
    await onPage("methods.html", "[data-file]", async (page) => {
      expect(await count(page, "math")).toBe(2);
      // MathML elements have no innerText: read their text content.
      const numbers = await page.locator("math mn").allTextContents();
      const constant = (key: string) => inputs.constants.find((c) => c.key === key)!.value;
      expect(numbers).toContain(String(constant("pue")));
      expect(numbers).toContain(String(constant("lbs_per_kwh")));
      for (const run of inputs.runs) {
        expect(await text(page, `[data-hours="${run.id}"]`)).toBe(hoursDerivation(run).expression);
      }
      expect(await text(page, '[data-inferred="gpu_watts"]')).toContain("NOT PRINTED");
      const flagged = page.locator("tr.inferred");
      expect(await flagged.count()).toBe(1);
      expect(await flagged.innerText()).toContain("gpu_watts");
      for (const f of buildManifest().files) {
        expect(await text(page, `[data-file="${f.file}"]`)).toContain(f.sha256);
      }
    });
  });

  test("errata lists every erratum with its arithmetic and covers every differing cell", async () => {
    await onPage("errata.html", "table.differing tbody tr", async (page) => {
      // The paper's errata come first; the later studies' errata follow in their own section.
      const ids = await page
        .locator(".errata:not(.later-errata) [data-erratum]")
        .evaluateAll((s) => s.map((e) => e.id));
      expect(ids).toEqual(report.errata.map((e) => e.id));
      for (const e of report.errata) {
        const section = page.locator(`#${e.id}`);
        expect(await section.locator(".steps li").count()).toBe(e.steps.length);
        expect(await section.locator(".steps .result").allInnerTexts()).toEqual(e.steps.map((s) => s.result));
        expect(await section.locator("tr[data-cell]").count()).toBe(e.cells.length);
      }
      const differing = report.cells.filter((c) => c.status === "differs");
      expect(await count(page, "table.differing tbody tr")).toBe(differing.length);
      expect(await page.locator("[data-coverage]").getAttribute("data-coverage")).toBe("complete");
    });
  });

  test("errata follows a link to one erratum after rendering", async () => {
    await onPage("errata.html#lisa-power", "table.differing tbody tr", async (page) => {
      // The page scrolls to the fragment once it has rendered: wait for the erratum to be in view (a condition).
      const inView = () =>
        page
          .locator("#lisa-power")
          .evaluate((e) => e.getBoundingClientRect().top >= -1 && e.getBoundingClientRect().top < window.innerHeight);
      await expect.poll(inView, {timeout: 30000}).toBe(true);
    });
  });
});
