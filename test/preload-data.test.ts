import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {fetchedFiles, preloadData} from "../scripts/preload-data.js";
import {siteDir} from "../browser/harness.js";

// A page as Framework 1.13 writes it: stylesheet, module preloads, registered files, cells reading them.
const page = (cells: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<link rel="stylesheet" type="text/css" href="./_import/style.css">
<link rel="modulepreload" href="./_observablehq/client.js">
</head>
<body>
<script type="module">
import {registerFile} from "./_observablehq/stdlib.js";
registerFile("./data/inputs.json", {"name":"./data/inputs.json","mimeType":"application/json","path":"./_file/data/inputs.f314b01f.json","lastModified":1564272000000,"size":43188});
registerFile("./data/table1.csv", {"name":"./data/table1.csv","mimeType":"text/csv","path":"./_file/data/table1.0a1b2c3d.csv","lastModified":1564272000000,"size":338});
${cells}
</script>
</body>
</html>
`;

describe("fetchedFiles", () => {
  test("fetchedFiles lists the built path of each file read with a fetching method, once, in page order", () => {
    const html = page(
      `const a = FileAttachment("./data/table1.csv").csv({typed: true});\n` +
        `const b = FileAttachment("./data/inputs.json").json();\n` +
        `const c = FileAttachment("./data/inputs.json").json();`
    );
    expect(fetchedFiles(html)).toEqual(["./_file/data/table1.0a1b2c3d.csv", "./_file/data/inputs.f314b01f.json"]);
  });

  test("fetchedFiles skips files only linked to (href) and pages that read nothing", () => {
    expect(fetchedFiles(page(`const href = FileAttachment("./data/table1.csv").href;`))).toEqual([]);
    expect(fetchedFiles(page(""))).toEqual([]);
  });

  test("fetchedFiles names a file read but never registered", () => {
    expect(() => fetchedFiles(page(`FileAttachment("./data/missing.json").json()`))).toThrow(
      'FileAttachment("./data/missing.json") is read but not registered in the page'
    );
  });
});

describe("preloadData", () => {
  test("preloadData puts one preload per fetched file before the first module preload", () => {
    const html = page(`const inputs = FileAttachment("./data/inputs.json").json();`);
    const out = preloadData(html);
    expect(out).toContain(
      '<link rel="preload" as="fetch" crossorigin href="./_file/data/inputs.f314b01f.json">\n<link rel="modulepreload"'
    );
    expect(out.match(/rel="preload" as="fetch"/g)).toHaveLength(1);
    expect(out.replace(/<link rel="preload" as="fetch"[^>]*>\n/, "")).toBe(html);
  });

  test("preloadData leaves a page that reads nothing, or is already done, unchanged", () => {
    const none = page(`const href = FileAttachment("./data/table1.csv").href;`);
    expect(preloadData(none)).toBe(none);
    const once = preloadData(page(`FileAttachment("./data/inputs.json").json()`));
    expect(preloadData(once)).toBe(once);
  });

  test("preloadData on the built site: every page that reads data preloads exactly what it reads", () => {
    const dir = siteDir();
    for (const file of ["index.html", "sensitivity.html", "table1.html", "cite.html", "report.html"]) {
      const html = readFileSync(join(dir, file), "utf8");
      const preloaded = [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)">/g)].map(
        (m) => m[1]
      );
      expect(preloaded, file).toEqual(fetchedFiles(html));
      expect(preloaded.length, file).toBeGreaterThan(0);
    }
  });
});
