import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {
  exportFileName,
  latexEscape,
  latexLabel,
  scenarioSlug,
  toCsv,
  toJson,
  toLatex,
  toMarkdown
} from "../src/lib/present/exports.js";
import {formatNumber} from "../src/lib/present/format.js";
import {roundSignificant} from "../src/lib/present/figure-data.js";
import {buildReport} from "../src/lib/paper/report.js";
import {paperScenario, parseScenario} from "../src/lib/scenario/scenario.js";
import type {Inputs} from "../src/lib/inputs/types.js";
import {tableViews, type TableView} from "../src/lib/present/views.js";

let inputs: Inputs;
let paper: TableView[];
let other: TableView[];
let otherQuery: string;

beforeAll(() => {
  inputs = loadInputs("data");
  paper = tableViews(buildReport(inputs, paperScenario(inputs)));
  const report = buildReport(
    inputs,
    parseScenario(
      [
        ["pue", "1.1"],
        ["grid", "google"],
        ["units", "kg"]
      ],
      inputs,
      {strict: true}
    ).scenario
  );
  other = tableViews(report);
  otherQuery = report.scenario.query;
});

/** The cells of a LaTeX tabular's rows between \midrule and \bottomrule, split at unescaped "&". */
function latexBody(tex: string): string[][] {
  const body = tex.split("\\midrule")[1].split("\\bottomrule")[0];
  return body
    .split("\\\\")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/(?<!\\)&/).map((c) => c.trim()));
}

/** Braces that open and close in order, ignoring escaped ones. */
function balanced(tex: string): boolean {
  let depth = 0;
  for (const m of tex.replace(/\\[{}]/g, "").matchAll(/[{}]/g)) {
    depth += m[0] === "{" ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

describe("toCsv", () => {
  test("toCsv headers carry units and cost ranges are two numbers", () => {
    const header = (k: number) => toCsv(paper[k]).split("\n")[0].split(",");
    expect(header(0)).toEqual(["label", "co2e_lbs", "co2e_lbs_printed", "status"]);
    expect(header(2)).toEqual(
      expect.arrayContaining(["cost_usd_low", "cost_usd_high", "cost_usd_low_printed", "cost_usd_high_printed"])
    );
    expect(toCsv(other[0]).split("\n")[0]).toBe("label,co2e_kg,co2e_lbs_printed,status");
    // No formatted range such as "3751–12,571", no binary noise such as 1983.9999999999998.
    for (const view of [...paper, ...other]) {
      expect(toCsv(view)).not.toMatch(/[0-9]–[0-9]/);
      expect(toCsv(view)).not.toMatch(/[0-9]\.[0-9]*(0{6}|9{6})[0-9]/);
    }
  });

  test("toCsv of every table parses back to the same numbers (12 significant digits) and texts", () => {
    for (const view of [...paper, ...other]) {
      const records = parse(toCsv(view), {columns: true}) as Record<string, string>[];
      expect(records.length).toBe(view.rows.length);
      records.forEach((record, k) => {
        for (const c of view.columns) {
          const v = view.rows[k][c.key];
          if (v == null) expect(record[c.key]).toBe("");
          else if (typeof v === "number") expect(Number(record[c.key])).toBe(roundSignificant(v));
          else expect(record[c.key]).toBe(v);
        }
      });
    }
  });
});

describe("toJson", () => {
  test("toJson carries the rows at 12 significant digits, the scenario and the versions", () => {
    for (const view of other) {
      const json = JSON.parse(toJson(view, {query: otherQuery, version: "0.1.0", dataVersion: "abc"}));
      expect(json.id).toBe(view.id);
      expect(json.title).toBe(view.title);
      const rounded = view.rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? roundSignificant(v) : v]))
      );
      expect(json.rows).toEqual(rounded);
      expect(json.columns.map((c: {key: string}) => c.key)).toEqual(view.columns.map((c) => c.key));
      expect(json.scenario).toBe("pue=1.1&grid=google&units=kg");
      expect(json.version).toBe("0.1.0");
      expect(json.data_version).toBe("abc");
    }
  });

  test("toJson without meta says the scenario and versions are unknown (null)", () => {
    const json = JSON.parse(toJson(paper[0]));
    expect([json.scenario, json.version, json.data_version]).toEqual([null, null, null]);
  });
});

describe("toMarkdown", () => {
  test("toMarkdown has a header, a rule and one line per row with the formatted numbers", () => {
    const md = toMarkdown(paper[2]);
    const lines = md.split("\n").filter((l) => l.startsWith("|"));
    expect(lines.length).toBe(paper[2].rows.length + 2);
    expect(md).toContain("656,347");
    expect(md).toContain("626,155");
  });
});

describe("latexEscape", () => {
  test("latexEscape escapes each of LaTeX's ten special characters", () => {
    expect(latexEscape("a & b % c $ d # e _ f { g } h ~ i ^ j \\ k")).toBe(
      "a \\& b \\% c \\$ d \\# e \\_ f \\{ g \\} h \\textasciitilde{} i \\textasciicircum{} j \\textbackslash{} k"
    );
  });

  test("latexEscape writes symbols as math and dashes as LaTeX dashes", () => {
    expect(latexEscape("NY↔SF · 41–140 — CO2e")).toBe(
      "NY$\\leftrightarrow$SF $\\cdot$ 41--140 --- CO\\textsubscript{2}e"
    );
  });
});

describe("scenarioSlug and exportFileName", () => {
  test("exportFileName names the table and the scenario, safe for any file system", () => {
    expect(exportFileName("table3", "", "csv")).toBe("strubell2019-table3-paper.csv");
    expect(exportFileName("table3", otherQuery, "tex")).toBe("strubell2019-table3-pue-1.1_grid-google_units-kg.tex");
    expect(scenarioSlug("grid=custom&mix=17%2C35%2C27%2C19")).toBe("grid-custom_mix-17-35-27-19");
    expect(scenarioSlug("intensity=429g&x=%3C%2Fa%3E")).toMatch(/^[A-Za-z0-9._+-]+$/);
  });

  test("latexLabel is per table and scenario", () => {
    expect(latexLabel("table1", "")).toBe("tab:strubell2019-table1");
    expect(latexLabel("table1", "pue=1.1")).toBe("tab:strubell2019-table1-pue-1.1");
  });
});

describe("toLatex", () => {
  test("toLatex writes a booktabs table with caption, label and one line per row", () => {
    for (const view of [...paper, ...other]) {
      const tex = toLatex(view, {query: view === paper[0] ? "" : undefined});
      expect(tex).toMatch(/\\begin\{table\}\[htbp\][\s\S]*\\end\{table\}\n$/);
      const order = ["\\caption{", "\\label{", "\\begin{tabular}", "\\toprule", "\\midrule", "\\bottomrule"].map((s) =>
        tex.indexOf(s)
      );
      expect(order.every((p, k) => p >= 0 && (k === 0 || p > order[k - 1]))).toBe(true);
      expect(balanced(tex)).toBe(true);
      const spec = /\\begin\{tabular\}\{([lr]+)\}/.exec(tex)![1];
      expect(spec.length).toBe(view.columns.length);
      const rows = latexBody(tex);
      expect(rows.length).toBe(view.rows.length);
      for (const cells of rows) expect(cells.length).toBe(view.columns.length);
    }
  });

  test("toLatex cells are the table's numbers as shown, thousands separated", () => {
    const table1 = latexBody(toLatex(paper[0]));
    expect(table1.map((r) => r[1])).toEqual(paper[0].rows.map((r) => formatNumber(r.co2e_lbs as number, 0)));
    expect(table1.flat()).toContain("626,155");
    const table3 = latexBody(toLatex(paper[2]));
    expect(table3.flat()).toContain("656,347");
    // Missing values (TPU power) are an em dash, not an empty cell.
    expect(table3.some((r) => r.includes("---"))).toBe(true);
  });

  test("toLatex caption names the source, the scenario and the versions; specials in it are escaped", () => {
    const tex = toLatex(other[2], {query: otherQuery, version: "0.1.0", dataVersion: "2d37c13868d4"});
    const caption = /\\caption\{(.*)\}\n/.exec(tex)![1];
    expect(caption).toContain("Strubell, Ganesh \\& McCallum (2019), Table 3");
    expect(caption).toContain("?pue=1.1\\&grid=google\\&units=kg");
    expect(caption).toContain("v0.1.0, data version 2d37c13868d4");
    expect(caption).not.toMatch(/^Table 3/);
    expect(tex).toContain("\\label{tab:strubell2019-table3-pue-1.1_grid-google_units-kg}");
    // Table 2's own caption names no scenario: toLatex adds it.
    expect(toLatex(paper[1], {query: ""})).toContain("Scenario: the paper's assumptions.");
  });

  test("toLatex escapes specials in cells and headers (no unescaped & % _ # $ outside the structure)", () => {
    const hostile: TableView = {
      id: "table1",
      title: "Table 1. A & B",
      caption: "50% of $x_1 #1",
      columns: [
        {key: "a", label: "Name_1 & co", decimals: 0, text: true},
        {key: "b", label: "Share (%)", decimals: 1}
      ],
      rows: [{a: "R&D {x} ~ ^ \\ 100%", b: 12.345}]
    };
    const tex = toLatex(hostile);
    expect(balanced(tex)).toBe(true);
    const rows = latexBody(tex);
    expect(rows).toEqual([["R\\&D \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} 100\\%", "12.3"]]);
    expect(tex).toContain("Name\\_1 \\& co & Share (\\%)");
    expect(tex).toContain("\\caption{A \\& B. 50\\% of \\$x\\_1 \\#1 Scenario: the paper's assumptions.}");
  });

  const pdflatex = spawnSync("sh", ["-c", "command -v pdflatex"]).status === 0;
  test.skipIf(!pdflatex)("toLatex output compiles with pdflatex (where a TeX engine is installed)", () => {
    const dir = mkdtempSync(join(tmpdir(), "latex-"));
    try {
      const doc = [
        "\\documentclass{article}",
        "\\usepackage{booktabs}",
        "\\usepackage{graphicx}",
        "\\begin{document}",
        ...[...paper, ...other].map((v) => toLatex(v, {query: otherQuery, version: "0.1.0", dataVersion: "x"})),
        "\\end{document}",
        ""
      ].join("\n");
      writeFileSync(join(dir, "t.tex"), doc);
      const result = spawnSync("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "t.tex"], {
        cwd: dir,
        encoding: "utf8"
      });
      expect(result.status, result.stdout.slice(-2000)).toBe(0);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
