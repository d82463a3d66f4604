import {spawnSync} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Cite} from "@citation-js/core";
import "@citation-js/plugin-cff";
import "@citation-js/plugin-bibtex";
import {beforeAll, describe, expect, test} from "vitest";
import {buildCitation, readCff, reportDate, type Citation} from "../loaders/citation.js";
import {buildManifest} from "../loaders/manifest.js";

const cffText = readFileSync("CITATION.cff", "utf8");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {version: string};

/** What src/data/citation.json.ts writes, run the way Framework runs a data loader. */
let loaderOutput: Citation;

beforeAll(() => {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "src/data/citation.json.ts"], {
    encoding: "utf8",
    env: {...process.env, SOURCE_DATE_EPOCH: ""}
  });
  if (result.status !== 0) throw new Error(`citation.json.ts failed: ${result.stderr}`);
  loaderOutput = JSON.parse(result.stdout) as Citation;
});

describe("CITATION.cff", () => {
  test("readCff reads CITATION.cff with Citation.js and finds the CFF 1.2 required keys", () => {
    const cff = readCff(cffText);
    expect(cff["cff-version"]).toBe("1.2.0");
    expect(typeof cff.message).toBe("string");
    expect((cff.message as string).length).toBeGreaterThan(10);
    expect(typeof cff.title).toBe("string");
    const authors = cff.authors as Array<Record<string, string>>;
    expect(Array.isArray(authors) && authors.length > 0).toBe(true);
    for (const a of authors) expect(Boolean(a.name || a["family-names"])).toBe(true);
  });

  test("readCff finds the original paper under references, with its venue, pages and DOI", () => {
    const refs = readCff(cffText).references as Array<Record<string, unknown>>;
    const paper = refs.find((r) => r.doi === "10.18653/v1/P19-1355");
    expect(paper).toBeDefined();
    expect(paper!.type).toBe("conference-paper");
    expect(paper!.title).toBe("Energy and Policy Considerations for Deep Learning in NLP");
    expect((paper!.authors as Array<Record<string, string>>).map((a) => a["family-names"])).toEqual([
      "Strubell",
      "Ganesh",
      "McCallum"
    ]);
    expect([paper!.year, paper!.start, paper!.end]).toEqual([2019, 3645, 3650]);
    expect(String(paper!["collection-title"])).toMatch(/57th Annual Meeting of the Association for Computational/);
  });

  test("CITATION.cff version equals package.json's, and its release date is the CHANGELOG's", () => {
    const cff = readCff(cffText);
    expect(cff.version).toBe(pkg.version);
    const changelog = readFileSync("CHANGELOG.md", "utf8");
    const section = new RegExp(`^## \\[${pkg.version.replace(/\./g, "\\.")}\\] - ([0-9-]{10})$`, "m").exec(changelog);
    expect(section, `CHANGELOG.md has no "## [${pkg.version}] - YYYY-MM-DD" section`).not.toBeNull();
    expect((cff["date-released"] as Date).toISOString().slice(0, 10)).toBe(section![1]);
  });
});

describe("citation.json (the loader behind the Cite page)", () => {
  test("buildCitation names the package version and the data version of the inputs", () => {
    const manifest = buildManifest(".");
    expect(loaderOutput.version).toBe(pkg.version);
    expect(loaderOutput.data_version).toBe(manifest.data_version);
    expect(loaderOutput.replication.bibtex).toContain(`data version ${manifest.data_version}`);
    expect(loaderOutput.replication.text).toContain(`Version ${pkg.version}, data version ${manifest.data_version}`);
    expect(loaderOutput.cff).toBe(cffText);
  });

  test("buildCitation's BibTeX is Citation.js's own output for the CFF entries, with fixed keys", () => {
    // Independently of loaders/citation.ts: Citation.js reads the CFF; the only changes are the
    // documented ones (keys, proceedings title as container-title, version and note with the data version).
    const [main, paper] = new Cite(cffText).data as Array<Record<string, unknown>>;
    const strip = ({_graph, _cff_mainReference, ...rest}: Record<string, unknown>) => (
      void _graph,
      void _cff_mainReference,
      rest
    );
    const dataVersion = loaderOutput.data_version;
    const key = `strubell2019replication_v${pkg.version.replace(/\./g, "_")}`;
    const replication = {
      ...strip(main),
      id: key,
      "citation-key": key,
      version: `${pkg.version}, data version ${dataVersion}`,
      note: `Version ${pkg.version}, data version ${dataVersion}`,
      issued: {"date-parts": [(main.issued as {"date-parts": number[][]})["date-parts"][0].slice(0, 2)]}
    };
    const {"collection-title": proceedings, ...paperRest} = strip(paper);
    const original = {
      ...paperRest,
      "container-title": proceedings,
      id: "strubell2019energy",
      "citation-key": "strubell2019energy"
    };
    const bibtex = (entry: object) => String(new Cite(entry).format("bibtex")).replace(/\t/g, "  ").trim() + "\n";
    expect(loaderOutput.replication.bibtex).toBe(bibtex(replication));
    expect(loaderOutput.original.bibtex).toBe(bibtex(original));
  });

  test("buildCitation's BibTeX of the paper reads back (Citation.js) to the facts in CITATION.cff", () => {
    const [entry] = new Cite(loaderOutput.original.bibtex).data as Array<Record<string, unknown>>;
    expect(entry.type).toBe("paper-conference");
    expect(entry["citation-key"]).toBe("strubell2019energy");
    expect(entry.title).toBe("Energy and Policy Considerations for Deep Learning in NLP");
    expect((entry.author as Array<{family: string}>).map((a) => a.family)).toEqual(["Strubell", "Ganesh", "McCallum"]);
    expect(entry.DOI).toBe("10.18653/v1/P19-1355");
    expect(entry.page).toBe("3645-3650");
    expect(entry["container-title"]).toMatch(/^Proceedings of the 57th Annual Meeting/);
    expect(loaderOutput.original.text).toMatch(
      /^Strubell, E\., Ganesh, A\., & McCallum, A\. \(2019\)\. Energy and Policy/
    );
    expect(loaderOutput.original.text).toContain("3645–3650");
  });

  test("buildCitation keys are deterministic BibTeX keys (never Citation.js's temporary ids or undefined)", () => {
    expect(loaderOutput.replication.bibtex).toMatch(/^@misc\{strubell2019replication_v[0-9_]+,\n/);
    expect(loaderOutput.original.bibtex).toMatch(/^@inproceedings\{strubell2019energy,\n/);
    expect(JSON.stringify(loaderOutput)).not.toMatch(/undefined|temp_id/);
  });

  test("buildCitation follows CITATION.cff: a changed title and author show in the BibTeX and plain text", () => {
    const root = mkdtempSync(join(tmpdir(), "citation-"));
    try {
      cpSync("data", join(root, "data"), {recursive: true});
      cpSync("package.json", join(root, "package.json"));
      writeFileSync(
        join(root, "CITATION.cff"),
        cffText
          .replace(/^title: .*$/m, 'title: "A changed title"')
          .replace("given-names: Andrew", "given-names: Andrew K.")
      );
      const changed = buildCitation(root, {});
      expect(changed.replication.bibtex).toContain("title = {A changed title}");
      expect(changed.replication.text).toContain("A changed title");
      expect(changed.original.bibtex).toContain("McCallum, Andrew K.");
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });

  test("buildCitation refuses a CITATION.cff whose version differs from package.json's", () => {
    const root = mkdtempSync(join(tmpdir(), "citation-"));
    try {
      cpSync("data", join(root, "data"), {recursive: true});
      cpSync("package.json", join(root, "package.json"));
      writeFileSync(join(root, "CITATION.cff"), cffText.replace(/^version: .*$/m, 'version: "9.9.9"'));
      expect(() => buildCitation(root, {})).toThrow(/version "9\.9\.9" differs from package\.json's/);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});

describe("reportDate", () => {
  test("reportDate uses SOURCE_DATE_EPOCH when set, else the release date", () => {
    expect(reportDate(undefined, "2026-11-26")).toBe("2026-11-26");
    expect(reportDate("", "2026-11-26")).toBe("2026-11-26");
    expect(reportDate("1564272000", "2026-11-26")).toBe("2019-07-28");
    expect(() => reportDate("yesterday", "2026-11-26")).toThrow(/SOURCE_DATE_EPOCH "yesterday"/);
  });
});
