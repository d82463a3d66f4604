// The later-models page: every printed later value with the engine's status, the chart, the errata, and the
// scenario carried over from the sensitivity page's address.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../../loaders/inputs.js";
import {buildLaterReport, laterScenario} from "../../src/lib/later-report.js";
import {quantity} from "../../src/components/later.js";
import type {Inputs} from "../../src/lib/types.js";
import type {Watched} from "../../browser/harness.js";
import {siteSession} from "./session.js";

const site = siteSession();
let inputs: Inputs;

beforeAll(() => {
  inputs = loadInputs("data");
});

const open = (query = ""): Promise<Watched> => site.open(`later-models.html${query}`, "figure.chart svg");

describe("later-models page", () => {
  test("shows every printed later value with the engine's status, the chart and every erratum", async () => {
    const {page, external, errors} = await open();
    const later = buildLaterReport(inputs, laterScenario("", inputs).scenario);
    const rows = await page
      .locator("[data-cell]")
      .evaluateAll((trs) =>
        trs.map((tr) => ({key: (tr as HTMLElement).dataset.cell, status: tr.querySelector(".status")?.textContent}))
      );
    expect(rows).toEqual(later.cells.map((c) => ({key: c.key, status: c.status})));
    for (const status of ["reproduced", "differs", "calibrated"]) {
      expect(await page.locator(`[data-count="${status}"]`).first().textContent()).toBe(
        String(later.cells.filter((c) => c.status === status).length)
      );
    }
    expect(
      await page.locator("[data-erratum]").evaluateAll((n) => n.map((x) => (x as HTMLElement).dataset.erratum))
    ).toEqual(later.errata.map((e) => e.id));
    // Every differing cell links to an erratum on the page.
    for (const c of later.cells.filter((x) => x.status === "differs")) {
      const href = await page.locator(`[data-cell="${c.key}"] a`).first().getAttribute("href");
      expect(await page.locator(`[id="${href!.slice(1)}"]`).count()).toBe(1);
    }
    // The chart names every model in its description.
    const description = await page.locator("figure.chart svg").first().getAttribute("aria-description");
    for (const m of inputs.laterModels) expect(description).toContain(m.model);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("carries the sensitivity page's scenario over, ignoring its model and seed", async () => {
    const query = "?pue=1.2&intensity=400g&model=nas_p100&seed=7";
    const {page} = await open(query);
    expect(await page.locator('[data-scenario="pue"]').textContent()).toBe("1.2");
    expect(await page.locator(".notices").count()).toBe(0);
    const later = buildLaterReport(inputs, laterScenario(query.slice(1), inputs).scenario);
    const gpt3 = later.underScenario.find((r) => r.id === "gpt3")!;
    const row = page.locator('[data-table="later-models"] tr', {hasText: "GPT-3"});
    expect(await row.locator("td").allTextContents()).toContain(quantity(gpt3.co2e_t_gross));
    // The printed comparison does not depend on the scenario.
    expect(await page.locator('[data-count="differs"]').first().textContent()).toBe(
      String(later.cells.filter((c) => c.status === "differs").length)
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
});
