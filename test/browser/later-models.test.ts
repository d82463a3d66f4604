// The ledger page (later-models.html): every printed value of the later studies and the ledger rows with the
// engine's status, the table with its filters, the chart, the errata, and the scenario carried over from the
// sensitivity page's address.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../../loaders/inputs.js";
import {buildLaterReport, laterScenario} from "../../src/lib/later/later-report.js";
import {buildLedger, ledgerCounts} from "../../src/lib/later/ledger-report.js";
import {quantity} from "../../src/components/later.js";
import type {Inputs} from "../../src/lib/inputs/types.js";
import type {Watched} from "../../browser/harness.js";
import {siteSession} from "./session.js";

const site = siteSession();
let inputs: Inputs;

beforeAll(() => {
  inputs = loadInputs("data");
});

const open = (query = ""): Promise<Watched> => site.open(`later-models.html${query}`, "figure.figure svg");

describe("later-models page", () => {
  test("shows every printed value with the engine's status, the chart and every erratum", async () => {
    const {page, external, errors} = await open();
    const ledger = buildLedger(inputs, laterScenario("", inputs).scenario);
    const compared = ledger.rows.flatMap((r) => r.cells.filter((c) => c.status !== "input"));
    const rows = await page
      .locator("[data-cell]")
      .evaluateAll((trs) =>
        trs.map((tr) => ({key: (tr as HTMLElement).dataset.cell, status: tr.querySelector(".status")?.textContent}))
      );
    const byKey = (a: {key?: string}, b: {key?: string}) => (a.key! < b.key! ? -1 : 1);
    expect(rows.sort(byKey)).toEqual(compared.map((c) => ({key: c.key, status: c.status})).sort(byKey));
    const counts = ledgerCounts(ledger);
    for (const status of ["reproduced", "differs", "calibrated", "input"]) {
      expect(await page.locator(`[data-count="${status}"]`).first().textContent()).toBe(String(counts[status]));
    }
    expect(
      await page.locator("[data-erratum]").evaluateAll((n) => n.map((x) => (x as HTMLElement).dataset.erratum))
    ).toEqual(ledger.errata.map((e) => e.id));
    // Every differing cell links to an erratum on the page.
    for (const c of compared.filter((x) => x.status === "differs")) {
      const href = await page.locator(`[data-cell="${c.key}"] a`).first().getAttribute("href");
      expect(await page.locator(`[id="${href!.slice(1)}"]`).count()).toBe(1);
    }
    // The chart is a figure with a title, a source and downloads, and names every later model.
    const fig = page.locator("figure.figure").first();
    expect(await fig.locator(".figure-title").textContent()).toMatch(/Energy and CO2e/);
    expect(await fig.locator(".figure-source").textContent()).toMatch(/^Source: /);
    expect(await fig.locator("[data-downloads] button").count()).toBeGreaterThanOrEqual(3);
    const description = await fig.locator("svg").first().getAttribute("aria-description");
    for (const m of inputs.laterModels) expect(description).toContain(m.model);
    // The accounting figure shows the chosen model's steps (Switch Transformer: before PUE, × PUE, net, then this
    // scenario location-based; location-based accounting adds no market step).
    const accounting = page.locator('[data-figure="ledger-accounting-switch_transformer"]');
    expect(await accounting.locator(".figure-title").textContent()).toMatch(/^Switch Transformer: /);
    expect(await accounting.locator("svg [aria-label='bar'] rect, svg g[aria-label='bar'] rect").count()).toBe(4);
    // No raw markup shows as text (a link written as an attribute template once did).
    expect(await page.locator("main").textContent()).not.toMatch(/<a href/);
    expect(await page.locator("main").textContent()).not.toMatch(/of the same shape/);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the ledger table lists every row, filters by organisation and shows the scenario column", async () => {
    const {page} = await open();
    const table = page.locator('[data-table="ledger"]');
    await table.locator("table").waitFor();
    const total = inputs.laterModels.length + inputs.ledgerRows.length;
    await expect.poll(() => page.locator('[data-count="shown"]').textContent(), {timeout: 30000}).toBe(String(total));
    const headers = await table.locator("thead th").allTextContents();
    expect(headers).toContain("CO2e (t), this scenario");
    // The scenario column is within the table's visible box or reachable by its own scroll, not cut by the page.
    const select = page.locator("form", {hasText: "Organisation"}).locator("select");
    await select.selectOption({label: "Meta"});
    const meta =
      inputs.ledgerRows.filter((r) => r.organisation === "Meta").length +
      inputs.laterModels.filter((m) => m.organisation === "Meta").length;
    await expect.poll(() => page.locator('[data-count="shown"]').textContent(), {timeout: 30000}).toBe(String(meta));
    await page.close();
  });

  test("fits a 390 px phone: the page never scrolls sideways (wide tables scroll in their own boxes)", async () => {
    const {page} = await open();
    for (const width of [390, 1280]) {
      await page.setViewportSize({width, height: 844});
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth), {timeout: 30000})
        .toBeLessThanOrEqual(width);
    }
    await page.close();
  });

  test("carries the sensitivity page's scenario over, ignoring its model and seed", async () => {
    const query = "?pue=1.2&intensity=400g&model=nas_p100&seed=7";
    const {page} = await open(query);
    expect(await page.locator('[data-scenario="pue"]').textContent()).toBe("1.2");
    expect(await page.locator(".notices").count()).toBe(0);
    const later = buildLaterReport(inputs, laterScenario(query.slice(1), inputs).scenario);
    const gpt3 = later.underScenario.find((r) => r.id === "gpt3")!;
    await page.locator('[data-table="ledger"] input[type=search], form input[type=search]').first().fill("GPT-3");
    const row = page.locator('[data-table="ledger"] tbody tr', {hasText: "GPT-3"}).first();
    await expect
      .poll(async () => (await row.locator("td").allTextContents()).includes(quantity(gpt3.co2e_t_gross)), {
        timeout: 30000
      })
      .toBe(true);
    // The printed comparison does not depend on the scenario.
    expect(await page.locator('[data-count="differs"]').first().textContent()).toBe(
      String(ledgerCounts(buildLedger(inputs, laterScenario("", inputs).scenario)).differs)
    );
    await page.close();
  });

  test("lists a bad parameter of its address as a notice and keeps the default", async () => {
    const {page} = await open("?pue=9");
    expect(await page.locator(".notices li").first().textContent()).toMatch(
      /^pue "9" is not allowed: a number from 1 to 3; the default is used$/
    );
    expect(await page.locator('[data-scenario="pue"]').textContent()).toBe(
      String(inputs.constants.find((c) => c.key === "pue")!.value)
    );
    await page.close();
  });

  test("the accounting control: ?accounting=market sets it; market-based rows follow, rows without one say so; switching back rewrites the address", async () => {
    const {page, errors} = await open("?accounting=market");
    // The control's options by their words (Inputs.radio's values are indices).
    const radio = (words: string) =>
      page.locator('form:has-text("Accounting") label', {hasText: words}).locator("input[type=radio]");
    const market = buildLedger(inputs, laterScenario("accounting=market", inputs).scenario);
    expect(await page.locator('form:has-text("Accounting") input[type=radio]:checked').count()).toBe(1);
    const checkedLabel = () =>
      page.locator('form:has-text("Accounting") label:has(input:checked)').first().textContent();
    expect(await checkedLabel()).toMatch(/^Market-based/);
    const bars = page.locator(
      '[data-figure="ledger-accounting-switch_transformer"] svg g[aria-label="bar"] rect, [data-figure="ledger-accounting-switch_transformer"] svg [aria-label="bar"] rect'
    );
    await expect.poll(() => bars.count(), {timeout: 30000}).toBe(5);
    // Llama 2 70B prints no market-based figure: its row says so and keeps its location-based CO2e.
    const search = page.locator('[data-table="ledger"] input[type=search], form input[type=search]').first();
    await search.fill("Llama 2 70B");
    const llama2 = page.locator('[data-table="ledger"] tbody tr', {hasText: "Llama 2 70B"}).first();
    const l2 = market.rows.find((r) => r.id === "llama2_70b")!;
    await expect
      .poll(async () => (await llama2.locator("td").allTextContents()).join("|"), {timeout: 30000})
      .toContain("the source prints no market-based figure: location-based kept");
    expect(await llama2.locator("td").allTextContents()).toContain(quantity(l2.co2e_t_scenario!));
    // Llama 3.1 405B: the card's market-based 0 t.
    await search.fill("Llama 3.1 405B");
    const l31 = page.locator('[data-table="ledger"] tbody tr', {hasText: "Llama 3.1 405B"}).first();
    await expect
      .poll(async () => (await l31.locator("td").allTextContents()).includes(quantity(0)), {timeout: 30000})
      .toBe(true);
    // Back to location-based: the address drops the parameter and the chart its market step.
    await radio("Location-based").check();
    await expect.poll(() => page.evaluate(() => location.search), {timeout: 30000}).toBe("");
    await expect.poll(() => bars.count(), {timeout: 30000}).toBe(4);
    await radio("Market-based").check();
    await expect.poll(() => page.evaluate(() => location.search), {timeout: 30000}).toBe("?accounting=market");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a bad accounting value is a notice naming what is allowed; the control stays location-based", async () => {
    const {page} = await open("?accounting=net");
    expect(await page.locator(".notices li").first().textContent()).toMatch(
      /^accounting "net" is not allowed: one of location, market; the default is used$/
    );
    expect(await page.locator('form:has-text("Accounting") label:has(input:checked)').first().textContent()).toMatch(
      /^Location-based/
    );
    await page.close();
  });
});
