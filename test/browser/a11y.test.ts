// Accessibility of every page listed in observablehq.config.ts: axe-core finds no serious or critical
// violation; every chart has a text alternative; every control has a label; and the site works with the
// keyboard alone (Tab reaches the sidebar and every control; a range input moves with the arrow keys).
import {AxeBuilder} from "@axe-core/playwright";
import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {blankPage, bundle} from "./bundle.js";
import {siteSession} from "./session.js";
import {CHART_SELECTOR, rendered, sitePages} from "../../browser/site.js";

const PAGES = sitePages();
const site = siteSession();

/** A page in its own context (AxeBuilder needs one) that may reach only the local server. */
async function open(file: string): Promise<Page> {
  const context = await site.browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  page.on("close", () => void context.close().catch(() => undefined));
  await page.route("**/*", (route) =>
    /^(data|blob):/.test(route.request().url()) || route.request().url().startsWith(site.server.origin)
      ? route.continue()
      : route.abort()
  );
  await page.goto(`${site.server.origin}/${file}`, {timeout: 60000});
  await rendered(page);
  return page;
}

describe("axe-core", () => {
  test.each(PAGES.map((p) => [p.file] as const))(
    "AxeBuilder.analyze on %s finds no serious or critical violation",
    async (file) => {
      const page = await open(file);
      const results = await new AxeBuilder({page}).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const bad = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
      expect(bad).toEqual([]);
      // The check ran: axe looked at the page's content.
      expect(results.passes.length).toBeGreaterThan(0);
      await page.close();
    },
    120000
  );
});

describe("text alternatives and labels", () => {
  test.each(PAGES.map((p) => [p.file] as const))(
    "%s: every chart has a text alternative and every control a label",
    async (file) => {
      const page = await open(file);
      const unnamedCharts = await page.$$eval(CHART_SELECTOR, (svgs) =>
        svgs
          .filter((svg) => {
            const box = svg.getBoundingClientRect();
            return box.width >= 100 && box.height >= 50; // icons and sparklines aside
          })
          .filter((svg) => {
            const named = (e: Element | null) =>
              !!e &&
              (!!e.getAttribute("aria-label")?.trim() ||
                !!e.getAttribute("aria-labelledby") ||
                !!e.getAttribute("aria-describedby") ||
                !!e.getAttribute("aria-description")?.trim() ||
                !!e.querySelector(":scope > title")?.textContent?.trim());
            if (named(svg) || svg.getAttribute("aria-hidden") === "true") return false;
            const figure = svg.closest("figure");
            if (figure && (named(figure) || figure.querySelector("figcaption")?.textContent?.trim())) return false;
            // A chart whose card also holds the table of its numbers.
            if (svg.closest(".card")?.querySelector("table")) return false;
            return true;
          })
          .map((svg) => svg.outerHTML.slice(0, 120))
      );
      expect(unnamedCharts, "charts with no title, description, caption or table beside them").toEqual([]);

      const unlabelled = await page.$$eval(
        "#observablehq-main input:not([type=hidden]), #observablehq-main select, #observablehq-main textarea, #observablehq-main button",
        (controls) =>
          controls
            .filter((c) => {
              const e = c as HTMLInputElement;
              if (e.type === "button" || e.type === "submit" || e.tagName === "BUTTON")
                return !(e.textContent?.trim() || e.value?.trim() || e.getAttribute("aria-label")?.trim());
              return !(
                (e.labels && e.labels.length && [...e.labels].some((l) => l.textContent?.trim())) ||
                e.getAttribute("aria-label")?.trim() ||
                e.getAttribute("aria-labelledby") ||
                e.getAttribute("title")?.trim()
              );
            })
            .map((c) => c.outerHTML.slice(0, 120))
      );
      expect(unlabelled, "controls with no label").toEqual([]);
      await page.close();
    },
    120000
  );
});

/** Presses Tab until `done` holds for the focused element or `max` presses; returns what got focus. */
async function tabThrough(page: Page, max: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    seen.push(
      await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return "body";
        const where = e.closest("#observablehq-sidebar")
          ? "sidebar"
          : e.closest("#observablehq-main")
            ? "main"
            : "other";
        const id = e.getAttribute("data-keyboard-id") ?? "";
        return `${where}:${e.tagName.toLowerCase()}:${(e as HTMLInputElement).type ?? ""}:${id}`;
      })
    );
  }
  return seen;
}

describe("keyboard", () => {
  test("Tab reaches the sidebar links and every control of the sensitivity page; arrows move a range", async () => {
    const page = await open(process.env.H4_KEYPAGE ?? "sensitivity.html");
    // Tag each focusable control of the main content so the walk can tell which ones it reached. A group
    // of radio buttons is one Tab stop (arrow keys move within it): its buttons share one tag.
    const controls = await page.$$eval(
      "#observablehq-main input:not([type=hidden]):not([disabled]), #observablehq-main select:not([disabled]), #observablehq-main button:not([disabled]), #observablehq-main textarea:not([disabled])",
      (elements) => {
        const groups = new Map<Element, number>();
        const tags = elements
          .filter((e) => (e as HTMLElement).offsetParent !== null && (e as HTMLElement).tabIndex >= 0)
          .map((e, i) => {
            const radio = e as HTMLInputElement;
            let tag = `c${i}`;
            if (radio.type === "radio") {
              const scope = radio.form ?? radio.closest("fieldset, div") ?? document.body;
              if (!groups.has(scope)) groups.set(scope, groups.size);
              tag = `g${groups.get(scope)}-${radio.name}`;
            }
            e.setAttribute("data-keyboard-id", tag);
            return tag;
          });
        return [...new Set(tags)];
      }
    );
    expect(controls.length, "the sensitivity page has controls").toBeGreaterThan(0);
    const seen = await tabThrough(page, 40 + controls.length * 3);
    expect(seen.filter((s) => s.startsWith("sidebar:a")).length, "sidebar links reached by Tab").toBeGreaterThan(0);
    const reached = new Set(seen.map((s) => s.split(":")[3]).filter(Boolean));
    expect(
      controls.filter((c) => !reached.has(c)),
      "controls Tab never reached"
    ).toEqual([]);

    // A range input changes with the arrow keys, and the page reacts without errors.
    const ranges = await page.$$eval("#observablehq-main input[type=range][data-keyboard-id]", (r) =>
      r.map((e) => e.getAttribute("data-keyboard-id")!)
    );
    expect(ranges.length, "the sensitivity page has a range input").toBeGreaterThan(0);
    const range = page.locator(`[data-keyboard-id="${ranges[0]}"]`);
    await range.focus();
    const before = await range.inputValue();
    const atMax = await range.evaluate((e: HTMLInputElement) => Number(e.value) >= Number(e.max || 100));
    await page.keyboard.press(atMax ? "ArrowLeft" : "ArrowRight");
    await expect.poll(() => range.inputValue(), {timeout: 10000}).not.toBe(before);
    await page.close();
  }, 180000);

  test("Tab reaches the sidebar links on every page", async () => {
    for (const {file} of PAGES) {
      const page = await open(file);
      const seen = await tabThrough(page, 15);
      expect(
        seen.some((s) => s.startsWith("sidebar:a")),
        `${file}: a sidebar link within 15 Tab presses`
      ).toBe(true);
      await page.close();
    }
  }, 300000);
});

describe("plotAria and labelRange", () => {
  // A Plot chart and an Inputs.range as Plot and Inputs render them, then the same after the fixes.
  const entry = (fixed: boolean) => `
    import * as Plot from "@observablehq/plot";
    import * as Inputs from "@observablehq/inputs";
    import {plotAria, labelRange} from "./src/components/a11y.ts";
    const fix = ${fixed};
    const chart = Plot.plot({ariaLabel: "Bars", marks: [Plot.barY([1, 2, 3]), Plot.ruleY([0])]});
    const range = Inputs.range([1, 3], {label: "PUE", value: 1.58, step: 0.01});
    document.querySelector("main").append(fix ? plotAria(chart) : chart, fix ? labelRange(range) : range);
  `;
  const serious = async (fixed: boolean) => {
    const page = await blankPage(site.browser, await bundle(entry(fixed)));
    const results = await new AxeBuilder({page}).analyze();
    await page.close();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id)
      .sort();
  };

  test("plotAria and labelRange remove the violations axe finds in a bare Plot chart and Inputs.range", async () => {
    expect(await serious(false)).toEqual(["aria-prohibited-attr", "label"]);
    expect(await serious(true)).toEqual([]);
  });
});
