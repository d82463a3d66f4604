// The estimate form gives the same numbers as the CLI: the form is filled as a reader would, and the JSON it
// shows is compared with what `npm run report -- estimate … --format json` prints (runEstimate, the CLI's code).
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join, resolve} from "node:path";
import {describe, expect, test} from "vitest";
import type {Page} from "playwright-core";
import {runEstimate} from "../../cli/estimate-cli.js";
import type {Watched} from "../../browser/harness.js";
import {siteSession} from "./session.js";
import {writeNvidiaSmiLog} from "../../bench/imports.js";

const site = siteSession();

const open = (query = ""): Promise<Watched> =>
  site.open(`estimate.html${query}`, '[data-estimate="json"], [data-estimate="error"]');

const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

async function fill(page: Page, name: string, value: string): Promise<void> {
  await field(page, name).locator("input").first().fill(value);
}

/** Picks the option of a select whose label starts with `prefix` (Inputs.select's option values are indexes). */
async function choose(page: Page, name: string, prefix: string): Promise<void> {
  const select = field(page, name).locator("select");
  const labels = await select.locator("option").allTextContents();
  const label = labels.find((l) => l.startsWith(prefix));
  if (label === undefined) throw new Error(`no option starting with "${prefix}" in ${name}: ${labels.join(" | ")}`);
  await select.selectOption({label});
}

/** The JSON the page shows, once it satisfies `ready`. */
async function pageJson(
  page: Page,
  ready: (json: Record<string, unknown>) => boolean,
  timeout = 10000
): Promise<unknown> {
  let last: unknown = null;
  await expect
    .poll(
      async () => {
        const text = await page
          .locator('[data-estimate="json"]')
          .textContent()
          .catch(() => null);
        if (!text) return false;
        last = JSON.parse(text);
        return ready(last as Record<string, unknown>);
      },
      {timeout}
    )
    .toBe(true);
  return last;
}

const cliJson = async (args: string[]) => JSON.parse((await runEstimate([...args, "--format", "json"])).output);

/** A CodeCarbon JSON with its files named by their base name, as a browser names an uploaded file. */
function baseNames(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json), (key, value) =>
    key === "file" && typeof value === "string" ? basename(value) : value
  );
}

describe("estimate page", () => {
  test("the form filled as 8 A100 at 400 W for 100 h, PUE 1.1, 0.385 kg gives the CLI's JSON", async () => {
    const {page, external, errors} = await open();
    await choose(page, "accelerator", "A100:");
    await fill(page, "count", "8");
    await fill(page, "watts", "400");
    await fill(page, "hours", "100");
    await fill(page, "pue", "1.1");
    await fill(page, "intensity", "0.385");
    await choose(page, "intensity-unit", "kg");
    const json = (await pageJson(
      page,
      (j) =>
        (j.inputs as {pue: number}).pue === 1.1 &&
        j.power_w === 3200 &&
        (j.inputs as {intensity_kg_per_kwh: number}).intensity_kg_per_kwh === 0.385
    )) as {kwh: number};
    const cli = await cliJson(
      "--accelerator A100 --count 8 --watts 400 --hours 100 --pue 1.1 --intensity 0.385kg".split(" ")
    );
    expect(json).toEqual(cli);
    // 1.1 × 100 h × 3200 W / 1000 = 352 kWh.
    expect(json.kwh).toBeCloseTo(352, 9);
    const row = await page.locator('[data-table="estimate"] tbody td').allTextContents();
    expect(row.slice(0, 5)).toEqual(["A100×8", "3,200.00", "100", "352", "298.8"]);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the carbon impact statement is the CLI's --statement md and --statement latex, word for word", async () => {
    const {page, errors} = await open();
    await choose(page, "accelerator", "P100:");
    await fill(page, "count", "8");
    await fill(page, "hours", "84");
    const args = ["--accelerator", "P100", "--count", "8", "--hours", "84"];
    const md = (
      await runEstimate([...args, "--pue", "1.58", "--grid", "epa-2018", "--units", "lbs", "--statement", "md"])
    ).output;
    await expect.poll(() => page.locator('[data-estimate="statement-md"]').textContent(), {timeout: 10000}).toBe(md);
    await page.getByLabel("LaTeX").check();
    const tex = (
      await runEstimate([...args, "--pue", "1.58", "--grid", "epa-2018", "--units", "lbs", "--statement", "latex"])
    ).output;
    await expect
      .poll(() => page.locator('[data-estimate="statement-latex"]').textContent(), {timeout: 10000})
      .toBe(tex);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("an nvidia-smi log loaded in the form gives the CLI's JSON for --nvidia-smi", async () => {
    const {page, errors} = await open();
    await choose(page, "accelerator", "none");
    await fill(page, "count", "");
    await fill(page, "hours", "");
    await fill(page, "pue", "1.58");
    await fill(page, "intensity", "0.954");
    await choose(page, "intensity-unit", "lbs");
    const file = resolve("test/fixtures/nvidia-smi/four-gpus.csv");
    await field(page, "log").locator('input[type="file"]').setInputFiles(file);
    const json = await pageJson(page, (j) => j.nvidia_smi != null && (j.inputs as {count: number}).count === 4);
    expect(json).toEqual(await cliJson(["--nvidia-smi", file, "--pue", "1.58", "--intensity", "0.954lbs"]));
    expect((json as {power_w: number}).power_w).toBeCloseTo(946, 9);
    expect(await page.locator(".estimate-log td").first().textContent()).toBe("0");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a log with bad lines shows its warnings; a wrong header shows an error naming line 1", async () => {
    const {page} = await open();
    await choose(page, "accelerator", "none");
    await fill(page, "hours", "");
    await field(page, "log")
      .locator('input[type="file"]')
      .setInputFiles(resolve("test/fixtures/nvidia-smi/na-and-malformed.csv"));
    await expect.poll(() => page.locator('[data-estimate="warnings"] li').count(), {timeout: 10000}).toBe(3);
    expect(await page.locator('[data-estimate="warnings"] li').first().textContent()).toMatch(
      /^3 malformed lines skipped \(first: line 6/
    );
    await field(page, "log")
      .locator('input[type="file"]')
      .setInputFiles(resolve("test/fixtures/nvidia-smi/bad-header.csv"));
    const error = page.locator('[data-estimate="error"]');
    await error.waitFor({timeout: 10000});
    expect(await error.textContent()).toMatch(
      /^bad-header\.csv: line 1: expected the header "timestamp, index, power\.draw \[W\]"/
    );
    await page.close();
  });

  test("a bad field shows an error naming it, and the page opens with the scenario of its address", async () => {
    const {page} = await open("?pue=1.2&intensity=400g");
    expect(await field(page, "pue").locator("input").first().inputValue()).toBe("1.2");
    const json = (await pageJson(page, () => true)) as {inputs: {pue: number; intensity_kg_per_kwh: number}};
    expect(json.inputs.pue).toBe(1.2);
    expect(json.inputs.intensity_kg_per_kwh).toBeCloseTo(0.4, 12);
    await fill(page, "count", "0");
    const error = page.locator('[data-estimate="error"]');
    await error.waitFor({timeout: 10000});
    // In plain words, at the field, without repeating the parameter's name.
    const atField = page.locator('[data-field-error="count"]');
    await atField.waitFor({timeout: 10000});
    expect(await atField.textContent()).toBe("“0” is not allowed here: give a whole number from 1 to 1,000,000.");
    expect(await field(page, "count").locator("input").first().getAttribute("aria-invalid")).toBe("true");
    expect(await error.textContent()).not.toMatch(/count: count/);
    await fill(page, "count", "2");
    await expect.poll(() => page.locator("[data-field-error]").count(), {timeout: 10000}).toBe(0);
    await page.close();
  });

  test("the address holds the form: a copied link reopens the same inputs and result", async () => {
    const {page, errors} = await open();
    await choose(page, "accelerator", "A100:");
    await fill(page, "count", "4");
    await fill(page, "hours", "3.5d");
    await fill(page, "cpu-watts", "120");
    await fill(page, "pue", "1.2");
    await fill(page, "intensity", "250");
    await choose(page, "intensity-unit", "g");
    await expect.poll(() => new URL(page.url()).searchParams.get("cpu-watts"), {timeout: 10000}).toBe("120");
    await expect.poll(() => new URL(page.url()).searchParams.get("intensity"), {timeout: 10000}).toBe("250g");
    const json = await pageJson(page, (j) => (j as {inputs: {pue: number}}).inputs.pue === 1.2);
    const headline = await page.locator('[data-estimate="headline"]').innerText();
    const link = page.url();
    await page.close();
    const again = await site.open(link.slice(link.indexOf("estimate.html")), '[data-estimate="json"]');
    for (const [name, value] of [
      ["count", "4"],
      ["hours", "3.5d"],
      ["cpu-watts", "120"],
      ["intensity", "250"]
    ])
      expect(await field(again.page, name).locator("input").first().inputValue(), name).toBe(value);
    expect(await pageJson(again.page, () => true)).toEqual(json);
    expect(await again.page.locator('[data-estimate="headline"]').innerText()).toBe(headline);
    // A100 has no cloud price in the paper: said in words, not a bare dash.
    expect(await again.page.locator('[data-estimate="missing-price"]').innerText()).toMatch(/not priced: .*not A100/);
    // The headline compares with Table 1's familiar consumptions, with units.
    expect(headline).toMatch(/lbs\s+CO2e/);
    expect(await again.page.locator("[data-compare]").count()).toBeGreaterThanOrEqual(4);
    // The JSON carries no binary noise.
    expect(await again.page.locator('[data-estimate="json"]').textContent()).not.toMatch(/\d\.\d*(0{7}|9{7})\d/);
    expect([...errors, ...again.errors]).toEqual([]);
    await again.page.close();
  });

  test("a CodeCarbon emissions.csv (v2 and v3) given on the page gives the CLI's --codecarbon JSON, kWh for kWh", async () => {
    const {page, errors} = await open();
    await fill(page, "pue", "1.1");
    await choose(page, "grid", "EPA 2018");
    for (const name of ["emissions-v2.csv", "emissions-v3.csv"]) {
      const file = resolve("test/fixtures/codecarbon", name);
      await field(page, "log").locator('input[type="file"]').setInputFiles(file);
      const json = (await pageJson(
        page,
        (j) =>
          j.source === "codecarbon" &&
          (j.codecarbon as {files: Array<{file: string}>}).files[0].file === name &&
          (j.inputs as {pue: number}).pue === 1.1
      )) as {kwh: number; hardware_kwh: number; codecarbon_kwh: number};
      const cli = (await cliJson(["--codecarbon", file, "--pue", "1.1", "--grid", "epa-2018"])) as typeof json;
      expect(json.kwh).toBe(cli.kwh);
      expect(json).toEqual(baseNames(cli));
      // v2: runs of 0.03 and 0.125 kWh at CodeCarbon's PUE 1; v3: 0.24 and 0.36 kWh at PUE 1.2, so 0.5 kWh at the
      // hardware; this page's PUE 1.1 on top.
      expect(json.kwh).toBeCloseTo(name === "emissions-v2.csv" ? 0.155 * 1.1 : 0.5 * 1.1, 12);
      expect(await page.locator('[data-upload="skipped"]').textContent()).toMatch(/none skipped/);
      expect(await page.locator('[data-estimate="command"]').textContent()).toBe(
        `npm run report -- estimate --pue 1.1 --grid epa-2018 --units lbs --codecarbon "${name}" --format json`
      );
    }
    expect(await page.locator('[data-estimate="headline"]').innerText()).toMatch(/kWh drawn from the grid at PUE 1\.1/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a bad CodeCarbon file shows an error naming the file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "estimate-page-"));
    try {
      const {readFileSync, writeFileSync} = await import("node:fs");
      const lines = readFileSync("test/fixtures/codecarbon/emissions-v3.csv", "utf8").split("\n");
      const column = lines[0].split(",").indexOf("energy_consumed");
      const fields = lines[2].split(",");
      fields[column] = "-0.36";
      lines[2] = fields.join(",");
      const file = join(dir, "negative.csv");
      writeFileSync(file, lines.join("\n"));
      const {page} = await open();
      await field(page, "log").locator('input[type="file"]').setInputFiles(file);
      const error = page.locator('[data-estimate="error"]');
      await error.waitFor({timeout: 10000});
      expect(await error.textContent()).toBe(
        "CodeCarbon file negative.csv:3: energy_consumed -0.36 is negative: CodeCarbon writes totals of 0 or more"
      );
      await page.close();
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  test("a 30 MB nvidia-smi log streams with progress, lists its skipped lines and gives the CLI's JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "estimate-page-"));
    try {
      const file = join(dir, "power.csv");
      writeNvidiaSmiLog(file, 30e6);
      const {page, errors} = await open();
      await choose(page, "accelerator", "none");
      await fill(page, "count", "");
      await fill(page, "hours", "");
      await field(page, "log").locator('input[type="file"]').setInputFiles(file);
      const json = await pageJson(page, (j) => j.nvidia_smi != null, 120_000);
      expect(json).toEqual(
        await cliJson(["--nvidia-smi", file, "--pue", "1.58", "--grid", "epa-2018", "--units", "lbs"])
      );
      expect(await page.locator('[data-upload="progress-text"]').textContent()).toMatch(/^Read power\.csv: 30 MB$/);
      // One [N/A] reading of GPU 3 every 9,973 samples: skipped, counted and listed with its line and why.
      const skipped = (json as {nvidia_smi: {skipped_lines: number}}).nvidia_smi.skipped_lines;
      expect(skipped).toBeGreaterThan(0);
      expect(await page.locator('[data-upload="skipped"] p').first().textContent()).toBe(
        `${skipped} lines of power.csv skipped:`
      );
      expect(await page.locator('[data-upload="skipped"] tbody tr').count()).toBe(skipped);
      expect(await page.locator('[data-upload="skipped"] tbody tr td').nth(1).textContent()).toBe("not-available");
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 240_000);
});
