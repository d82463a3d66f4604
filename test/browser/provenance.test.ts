// The provenance manifest: dist/provenance.json names the sha256 of every input file (and they match the
// files), and src/components/provenance.ts renders it, every field as text.
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {buildManifest, type Manifest} from "../../loaders/manifest.js";
import {ALL_FILES} from "../../src/lib/inputs/schemas.js";
import type {ProvenanceManifest} from "../../src/components/provenance.js";
import {blankPage, bundle} from "./bundle.js";
import {launch, siteDir} from "../../browser/harness.js";

describe("dist/provenance.json", () => {
  test("provenance.json is written by the build and lists every input file with its sha256", () => {
    const file = join(siteDir(), "provenance.json");
    expect(existsSync(file)).toBe(true);
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    expect(manifest.data_version).toMatch(/^[0-9a-f]{12}$/);
    expect(manifest.files.map((f) => f.file).sort()).toEqual(ALL_FILES.map((s) => s.file).sort());
    for (const f of manifest.files) {
      const bytes = readFileSync(f.file);
      expect({file: f.file, sha256: f.sha256, bytes: f.bytes}).toEqual({
        file: f.file,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.length
      });
    }
    // The same manifest the manifest.json data loader gives the pages.
    expect(manifest).toEqual(buildManifest("."));
  });

  test("buildManifest changes its data version when one input byte changes", () => {
    const a = buildManifest(".");
    const b: Manifest = {...a, files: a.files.map((f, i) => (i ? f : {...f, sha256: "0".repeat(64)}))};
    const version = (m: Manifest) =>
      createHash("sha256")
        .update(m.files.map((f) => `${f.sha256}  ${f.file}\n`).join(""))
        .digest("hex")
        .slice(0, 12);
    expect(version(a)).toBe(a.data_version);
    expect(version(b)).not.toBe(a.data_version);
  });
});

describe("provenanceTable", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("provenanceTable renders the data version and each file's sha256, markup in a field as text", async () => {
    const real = buildManifest(".");
    const hostile: ProvenanceManifest = {
      ...real,
      files: [
        ...real.files,
        {file: "data/x.csv", bytes: 1, sha256: "ab".repeat(32), description: "<img src=x onerror=window.__pwned=1>"}
      ]
    };
    const script = await bundle(`
      import {provenanceTable, provenanceLine} from "./src/components/provenance.ts";
      const m = ${JSON.stringify(hostile)};
      document.querySelector("main").append(provenanceLine(m), provenanceTable(m, {downloadHref: "./provenance.json"}));
    `);
    const page = await blankPage(browser, script);
    const shown = await page.evaluate(() => ({
      version: document.querySelector(".provenance-line code")?.textContent,
      rows: [...document.querySelectorAll("table.provenance-table tbody tr")].map((tr) => [
        tr.querySelector("th")?.textContent,
        tr.querySelector(".provenance-sha256")?.textContent
      ]),
      headers: document.querySelectorAll("table.provenance-table th[scope=col]").length,
      link: document.querySelector("caption a")?.getAttribute("href"),
      pwned: (window as unknown as {__pwned?: number}).__pwned ?? null,
      images: document.querySelectorAll("img").length,
      text: document.body.innerText
    }));
    expect(shown.version).toBe(real.data_version);
    expect(shown.rows).toEqual(hostile.files.map((f) => [f.file, f.sha256]));
    expect(shown.headers).toBe(4);
    expect(shown.link).toBe("./provenance.json");
    expect({pwned: shown.pwned, images: shown.images}).toEqual({pwned: null, images: 0});
    expect(shown.text).toContain("<img src=x onerror=window.__pwned=1>");
    await page.close();
  });
});
