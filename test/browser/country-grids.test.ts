// Today's grids on the pages, as a reader uses them: choosing "a country or region, one year" and France 2023 on the
// sensitivity page moves its numbers to Ember's 55.28 g/kWh and writes grid=FR:2023 into the address; the ledger and
// estimate pages offer the same choice and read the same address.
import {describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {siteSession} from "./session.js";

const site = siteSession();

/** Picks the option of the select inside `scope` whose label starts with `prefix`. */
async function choose(page: Page, scope: string, prefix: string): Promise<void> {
  const select = page.locator(`${scope} select`).first();
  const labels = await select.locator("option").allTextContents();
  const label = labels.find((l) => l.startsWith(prefix));
  if (label === undefined) throw new Error(`no option starting with "${prefix}" in ${scope}: ${labels.join(" | ")}`);
  await select.selectOption({label});
}

const summary = (page: Page) => page.locator(".scenario-summary").innerText();
const gridParam = (page: Page) => page.evaluate(() => new URLSearchParams(location.search).get("grid"));

describe("country grids on the pages", () => {
  test("sensitivity page: choosing France 2023 changes the numbers and the address", async () => {
    const {page, external, errors} = await site.open("sensitivity.html", '[data-live="chart-montecarlo"] svg');
    const before = await summary(page);
    expect(before).toMatch(/EPA 2018/);
    await choose(page, '[data-control="grid"]', "A country or region, one year");
    await expect.poll(() => gridParam(page), {timeout: 30000}).toBe("FR:2023");
    await expect.poll(() => summary(page), {timeout: 30000}).toMatch(/55\.28 g CO2e\/kWh \(France 2023/);
    const after = await summary(page);
    expect(after).not.toBe(before);
    // The paper's NAS (P100) figure moves with the grid: 55.28 g/kWh instead of 0.954 lbs/kWh (432.7 g).
    const nas = (text: string) => Number(/NAS \(P100\): ([0-9,.]+)/.exec(text)![1].replace(/,/g, ""));
    expect(nas(after) / nas(before)).toBeCloseTo(55.28 / (0.954 * 453.59237), 2);
    // Another country: the year list follows it, and the address names it.
    await choose(page, '[data-control="grid-country"]', "Germany");
    await expect.poll(() => gridParam(page), {timeout: 30000}).toBe("DE:2023");
    await choose(page, '[data-control="grid-year"]', "2019");
    await expect.poll(() => gridParam(page), {timeout: 30000}).toBe("DE:2019");
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("sensitivity page: an address with grid=FR:2023 opens on France 2023; an unknown year is a notice", async () => {
    const {page, errors} = await site.open("sensitivity.html?grid=FR:2023", '[data-live="chart-montecarlo"] svg');
    await expect.poll(() => summary(page), {timeout: 30000}).toMatch(/France 2023/);
    await expect.poll(() => page.locator('[data-control="grid-year"] select').count(), {timeout: 30000}).toBe(1);
    expect(await page.locator(".scenario-notices").isHidden()).toBe(true);
    const bad = await site.open("sensitivity.html?grid=FR:1990", '[data-live="chart-montecarlo"] svg');
    await expect
      .poll(() => bad.page.locator('.scenario-notices [data-param="grid"]').innerText(), {timeout: 30000})
      .toMatch(/grid "FR:1990" has no value: France has Ember data for 2000–2024 \(nearest: FR:2000\)/);
    expect([...errors, ...bad.errors]).toEqual([]);
    await page.close();
    await bad.page.close();
  });

  test("ledger page: grid=FR:2023 in the address, and the country choice, set the scenario's intensity", async () => {
    const {page, errors} = await site.open("later-models.html?grid=FR:2023", '[data-scenario="intensity"]');
    await expect.poll(() => page.locator('[data-scenario="intensity"]').innerText(), {timeout: 30000}).toBe("0.0553");
    const other = await site.open("later-models.html", '[data-scenario="intensity"]');
    const paper = await other.page.locator('[data-scenario="intensity"]').innerText();
    await other.page.locator("label", {hasText: "a country or region in one year"}).click();
    await expect
      .poll(() => other.page.locator('[data-scenario="intensity"]').innerText(), {timeout: 30000})
      .toBe("0.0553");
    expect(paper).not.toBe("0.0553");
    await expect.poll(() => gridParam(other.page), {timeout: 30000}).toBe("FR:2023");
    expect([...errors, ...other.errors]).toEqual([]);
    await page.close();
    await other.page.close();
  });

  test("estimate page: the country choice gives Ember's intensity to the run", async () => {
    const {page, errors} = await site.open("estimate.html", '[data-estimate="json"], [data-estimate="error"]');
    await choose(page, '[data-field="grid"]', "A country or region, one year");
    await expect
      .poll(
        async () => {
          const text = await page.locator('[data-estimate="json"]').textContent();
          return text ? JSON.parse(text).inputs.intensity_kg_per_kwh : null;
        },
        {timeout: 30000}
      )
      .toBe(0.05528);
    expect(await gridParam(page)).toBe("FR:2023");
    expect(errors).toEqual([]);
    await page.close();
  });
});
