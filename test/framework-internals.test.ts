// What scripts/build.ts relies on that Framework documents no option for (scripts/framework-internals.ts), checked
// against the installed Framework: an upgrade that changes one fails here with a message that names it.
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {siteDir} from "../browser/harness.js";
import {FRAMEWORK_INTERNALS, FRAMEWORK_VERSION, patchPage} from "../scripts/framework-internals.js";

const framework = join("node_modules", "@observablehq", "framework");
const source = (file: string) => readFileSync(join(framework, "dist", file), "utf8");

describe("Framework internals the build relies on", () => {
  test("the installed Framework is the version scripts/framework-internals.ts was written against", () => {
    const {version} = JSON.parse(readFileSync(join(framework, "package.json"), "utf8")) as {version: string};
    expect(
      version,
      `@observablehq/framework is ${version}, but the build's reliances were checked against ${FRAMEWORK_VERSION}: ` +
        "re-check each test of this file, then update FRAMEWORK_VERSION in scripts/framework-internals.ts"
    ).toBe(FRAMEWORK_VERSION);
  });

  test("npm version pins: an empty cache/_npm/<name>@<version> folder answers Framework's version lookup", () => {
    const npm = source("npm.js");
    const reads = /initializeNpmVersionCache[\s\S]*?join\(root, "\.observablehq", "cache", dir\)/.test(npm);
    const lookup = npm.slice(npm.indexOf("async function resolveNpmVersion("));
    const cached = lookup.indexOf("const cache = await getNpmVersionCache(root)");
    const before = cached >= 0 && cached < lookup.indexOf("await fetch(href");
    expect(reads && before, FRAMEWORK_INTERNALS.npmPins).toBe(true);
  });

  test("page template: the document starts with <html> and has the sidebar's close and backdrop labels", () => {
    const render = source("render.js");
    expect(render.includes("<!DOCTYPE html>\n<html>\n"), FRAMEWORK_INTERNALS.htmlLang).toBe(true);
    for (const label of ["backdrop", "close"])
      expect(
        render.includes(`<label id="observablehq-sidebar-${label}" for="observablehq-sidebar-toggle"></label>`),
        FRAMEWORK_INTERNALS.sidebarLabels
      ).toBe(true);
  });

  test("every built page has the patches: lang, hidden sidebar labels", () => {
    const pages = readdirSync(siteDir()).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const html = readFileSync(join(siteDir(), page), "utf8");
      expect(html, page).toContain('<html lang="en">');
      expect(html.match(/<label id="observablehq-sidebar-(close|backdrop)" aria-hidden="true"/g)?.length, page).toBe(2);
    }
  });
});

describe("patchPage", () => {
  const page = [
    "<!DOCTYPE html>",
    "<html>",
    "<head></head>",
    '<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle"></label>',
    '<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>'
  ].join("\n");

  test("patchPage adds the language and hides the sidebar's mouse-only labels", () => {
    const patched = patchPage(page, "x.html");
    expect(patched).toContain('<html lang="en">');
    expect(patched).toContain('<label id="observablehq-sidebar-close" aria-hidden="true" for=');
    expect(patched).toContain('<label id="observablehq-sidebar-backdrop" aria-hidden="true" for=');
  });

  test("patchPage names the page and the change when the template changed", () => {
    expect(() => patchPage(page.replace("<html>", '<html lang="fr">'), "x.html")).toThrow(
      `x.html: ${FRAMEWORK_INTERNALS.htmlLang}`
    );
    expect(() => patchPage(page.replace(/<label id="observablehq-sidebar-close"[^\n]*/, ""), "x.html")).toThrow(
      `x.html: ${FRAMEWORK_INTERNALS.sidebarLabels}`
    );
  });
});
