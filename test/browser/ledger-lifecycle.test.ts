// The ledger page's life-cycle controls (embodied, server, wue, gridwater): seeded from the address and written back
// to it, each moving the chosen model's stepped chart; a run lacking an input says so in words; water is its own
// figure whose litres are the engine's.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../../loaders/inputs.js";
import {laterScenario} from "../../src/lib/later/later-report.js";
import {buildLedger} from "../../src/lib/later/ledger-report.js";
import {laterRows} from "../../src/lib/later/later.js";
import {lifecycleRun, waterOf} from "../../src/lib/later/lifecycle.js";
import type {Inputs} from "../../src/lib/inputs/types.js";
import type {Watched} from "../../browser/harness.js";
import {siteSession} from "./session.js";

const site = siteSession();
let inputs: Inputs;

beforeAll(() => {
  inputs = loadInputs("data");
});

const open = (query = ""): Promise<Watched> => site.open(`later-models.html${query}`, "figure.figure svg");
const bars = (figure: string) =>
  `[data-figure="${figure}"] svg g[aria-label="bar"] rect, [data-figure="${figure}"] svg [aria-label="bar"] rect`;

/** The engine's water total for a model under a query, as the page words it. */
function litres(query: string, id: string): string {
  const scenario = laterScenario(query, inputs).scenario;
  const ledger = buildLedger(inputs, scenario);
  const row = ledger.rows.find((r) => r.id === id)!;
  const hours = laterRows(inputs).find((r) => r.id === id)?.accelerator_hours ?? null;
  const water = waterOf(lifecycleRun(inputs, row, ledger.scenario, hours), scenario)!;
  return Math.round(water.totalL).toLocaleString("en-US");
}

describe("ledger page: life-cycle controls", () => {
  test("the address sets the controls; each control moves the stepped chart and the water figure and rewrites the address", async () => {
    const {page, errors} = await open("?embodied=llmcarbon&gridwater=USA");
    const radio = (form: string, words: string) =>
      page.locator(`form:has-text("${form}") label`, {hasText: words}).locator("input[type=radio]");
    const checked = (form: string) =>
      page.locator(`form:has-text("${form}") label:has(input:checked)`).first().textContent();
    expect(await checked("Embodied CO2e of the hardware")).toMatch(/^LLMCarbon/);
    expect(await checked("Rest of each server's power")).toMatch(/^None/);
    // Switch Transformer (TPU v3): its four steps, then LLMCarbon's TPU v3 die.
    const chart = page.locator(bars("ledger-accounting-switch_transformer"));
    await expect.poll(() => chart.count(), {timeout: 30000}).toBe(5);
    const description = () =>
      page.locator('[data-figure="ledger-accounting-switch_transformer"] svg').first().getAttribute("aria-description");
    expect(await description()).toContain("+ embodied CO2e of the hardware (LLMCarbon)");
    // Water: off-site only (the US grid), the engine's litres.
    const water = page.locator(bars("ledger-water-switch_transformer"));
    await expect.poll(() => water.count(), {timeout: 30000}).toBe(1);
    expect(await page.locator('[data-water="total"]').textContent()).toContain(
      `${litres("embodied=llmcarbon&gridwater=USA", "switch_transformer")} litres`
    );
    // EcoLogits' server power is for GPU servers: a TPU run gets the step with no change, and a sentence saying why.
    await radio("Rest of each server's power", "EcoLogits").check();
    await expect
      .poll(() => page.evaluate(() => location.search), {timeout: 30000})
      .toBe("?embodied=llmcarbon&server=ecologits&gridwater=USA");
    await expect.poll(() => chart.count(), {timeout: 30000}).toBe(6);
    expect(await page.locator('[data-lifecycle="missing"]').textContent()).toContain(
      "the rest of each server's power (EcoLogits): EcoLogits gives no server power for the Google TPU v3: nothing is added."
    );
    // Embodied off: the address drops it and the chart its step.
    await radio("Embodied CO2e of the hardware", "None").check();
    await expect
      .poll(() => page.evaluate(() => location.search), {timeout: 30000})
      .toBe("?server=ecologits&gridwater=USA");
    await expect.poll(() => chart.count(), {timeout: 30000}).toBe(5);
    // On-site water too: two bars, and the address names it.
    await page
      .getByLabel("On-site water (data centre)")
      .selectOption({label: "0.999 L/kWh — EcoLogits' default for Google's data centres"});
    await expect.poll(() => water.count(), {timeout: 30000}).toBe(2);
    await expect
      .poll(() => page.evaluate(() => location.search), {timeout: 30000})
      .toBe("?server=ecologits&wue=google&gridwater=USA");
    expect(await page.locator('[data-water="total"]').textContent()).toContain(
      `${litres("server=ecologits&wue=google&gridwater=USA", "switch_transformer")} litres`
    );
    // An H100 run: the server's power is added (no sentence of a missing input).
    await page.getByLabel("Model", {exact: true}).selectOption({label: "Llama 3 70B (Meta, 2024)"});
    const llama = page.locator(bars("ledger-accounting-llama3_70b"));
    await expect.poll(() => llama.count(), {timeout: 30000}).toBe(3);
    await expect.poll(() => page.locator('[data-lifecycle="missing"] li').count(), {timeout: 30000}).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a row that prints only its CO2e (Gemma 2): its printed CO2e is the one source step, the life-cycle step and the water say there is nothing to recompute; its table row shows no NaN", async () => {
    const {page, errors} = await open("?embodied=llmcarbon&wue=google");
    await page
      .getByLabel("Model", {exact: true})
      .selectOption({label: "Gemma 2 2B, 9B and 27B, pretraining (one figure for all) (Google DeepMind, 2024)"});
    const chart = page.locator(bars("ledger-accounting-gemma2_pretraining"));
    // The printed CO2e, then the embodied step that adds nothing (no scenario step: there is no energy).
    await expect.poll(() => chart.count(), {timeout: 30000}).toBe(2);
    const description = await page
      .locator('[data-figure="ledger-accounting-gemma2_pretraining"] svg')
      .first()
      .getAttribute("aria-description");
    expect(description).toMatch(/^printed CO2e, taken as given: 1,248 t/);
    expect(await page.locator('[data-lifecycle="missing"]').textContent()).toContain(
      "there is nothing to recompute, so nothing is added"
    );
    expect(await page.locator('[data-water="off"]').textContent()).toContain(
      "the source prints no energy, so there is nothing to take its water from"
    );
    const row = page.locator('[data-table="ledger"] tr', {hasText: "Gemma 2 2B, 9B and 27B"});
    await page.locator("form", {hasText: "Organisation"}).locator("select").selectOption({label: "Google DeepMind"});
    await expect.poll(() => row.count(), {timeout: 30000}).toBe(1);
    const text = await row.textContent();
    expect(text).toContain("1247.61");
    expect(text).toContain("—");
    expect(text).not.toMatch(/NaN|undefined|null/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a bad value is a notice naming the parameter and what is allowed; the control stays off", async () => {
    const {page} = await open("?embodied=on&wue=30");
    const notices = await page.locator(".notices li").allTextContents();
    expect(notices[0]).toMatch(
      /^embodied "on" is not allowed: one of off, llmcarbon, ecologits .*; the default is used$/
    );
    expect(notices[1]).toMatch(
      /^wue "30" is not allowed: off, .* or a number from 0 to 20 L\/kWh; the default is used$/
    );
    expect(
      await page
        .locator('form:has-text("Embodied CO2e of the hardware") label:has(input:checked)')
        .first()
        .textContent()
    ).toMatch(/^None/);
    expect(await page.locator('[data-water="off"]').count()).toBe(1);
    await page.close();
  });

  test("fits a 390 px phone with every life-cycle control on: no sideways scroll, the water figure drawn", async () => {
    const {page, errors} = await open("?embodied=ecologits&server=ecologits&wue=openai&gridwater=WOR");
    await page.locator(bars("ledger-water-switch_transformer")).first().waitFor();
    for (const width of [390, 1280]) {
      await page.setViewportSize({width, height: 844});
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth), {timeout: 30000})
        .toBeLessThanOrEqual(width);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
