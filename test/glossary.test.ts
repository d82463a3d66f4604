import {readFileSync, readdirSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {GLOSSARY, glossaryHtml} from "../src/lib/present/glossary.js";

describe("glossaryHtml", () => {
  it("glossaryHtml gives every term an anchor with its definition and source", () => {
    const html = glossaryHtml();
    for (const t of GLOSSARY) expect(html).toContain(`<dt id="${t.id}">`);
    expect(html.match(/<dd>/g)).toHaveLength(GLOSSARY.length);
    expect(html.match(/Source: /g)).toHaveLength(GLOSSARY.length);
  });

  it("glossaryHtml escapes markup in a term's text", () => {
    const html = glossaryHtml([{id: "x", term: "<b>x</b>", definition: 'a & "b"', source: "<script>"}]);
    expect(html).toContain('<dt id="x">&lt;b&gt;x&lt;/b&gt;</dt>');
    expect(html).toContain("a &amp; &quot;b&quot;");
    expect(html).not.toContain("<script>");
  });

  it("glossaryHtml has an anchor for every glossary link that a page writes", () => {
    const pages = readdirSync("src")
      .filter((f) => f.endsWith(".md"))
      .map((f) => readFileSync(`src/${f}`, "utf8"));
    const anchors = pages.flatMap((text) => [...text.matchAll(/glossary#([a-z0-9-]+)/g)].map((m) => m[1]));
    expect(anchors.length).toBeGreaterThan(0);
    const html = glossaryHtml();
    for (const id of new Set(anchors)) expect(html, id).toContain(`<dt id="${id}">`);
  });
});
