import {spawnSync} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Cite} from "@citation-js/core";
import "@citation-js/plugin-cff";
import "@citation-js/plugin-bibtex";
import {beforeAll, describe, expect, test} from "vitest";
import {
  CITATION_STYLE,
  CITATION_STYLE_XML,
  buildCitation,
  citationText,
  cslFromCff,
  readCff,
  reportDate,
  type Citation,
  type CslEntry
} from "../loaders/citation.js";
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

/** Synthetic CSL-JSON entries beyond our two, one for each case the compact style claims to handle like APA. */
const person = (family: string, given: string) => ({family, given});
const SYNTHETIC: CslEntry[] = [
  {
    id: "one-author-book",
    type: "book",
    author: [person("Doe", "Jane Q.")],
    title: "A book with one author",
    issued: {"date-parts": [[2020]]},
    publisher: "Acme Press"
  },
  {
    id: "two-authors-journal-article",
    type: "article-journal",
    author: [person("Doe", "Jane"), person("Roe", "Richard")],
    title: "An article with volume, issue and pages",
    "container-title": "journal of tests",
    volume: "12",
    issue: "3",
    page: "45-67",
    issued: {"date-parts": [[2021, 5]]},
    DOI: "10.1234/abc"
  },
  {
    id: "twenty-authors-article-number",
    type: "article-journal",
    author: Array.from({length: 20}, (_, i) => person(`Author${i + 1}`, "Xavier")),
    title: "Twenty authors, all listed",
    "container-title": "Nature",
    volume: "1",
    number: "e123",
    issued: {"date-parts": [[2022]]}
  },
  {
    id: "twenty-five-authors",
    type: "article-journal",
    author: Array.from({length: 25}, (_, i) => person(`Author${i + 1}`, "Xavier")),
    title: "Nineteen authors, an ellipsis and the last",
    "container-title": "Nature",
    volume: "1",
    page: "1-2",
    issued: {"date-parts": [[2022]]}
  },
  {
    id: "particles-and-hyphens",
    type: "article-journal",
    author: [{family: "Beethoven", given: "Ludwig", "non-dropping-particle": "van"}, person("Müller", "Hans-Peter")],
    title: "Particles",
    "container-title": "Music",
    volume: "3",
    page: "100-109",
    issued: {"date-parts": [[1999]]}
  },
  {
    id: "webpage-url-no-doi",
    type: "webpage",
    author: [person("Doe", "Jane")],
    title: "A web page",
    "container-title": "Example site",
    URL: "https://example.org/page",
    issued: {"date-parts": [[2023, 3, 5]]}
  },
  {
    id: "report-no-date-number-accessed",
    type: "report",
    author: [{literal: "Example Agency"}],
    title: "A report with no date",
    publisher: "Example Agency",
    genre: "Technical report",
    number: "42",
    URL: "https://example.org/r",
    accessed: {"date-parts": [[2024, 1, 2]]}
  },
  {
    id: "report-no-date-genre",
    type: "report",
    author: [person("Doe", "Jane")],
    title: "A report",
    publisher: "Agency",
    genre: "Working paper"
  },
  {
    id: "software-publisher-as-author",
    type: "software",
    title: "Some tool",
    publisher: "Tool Org",
    version: "2.1",
    issued: {"date-parts": [[2024]]},
    URL: "https://example.org/tool"
  },
  {
    id: "book-title-as-author",
    type: "book",
    title: "An anonymous book",
    edition: "2",
    issued: {"date-parts": [[2019]]},
    publisher: "Press"
  },
  {
    id: "proceedings-with-editors",
    type: "paper-conference",
    author: [person("Doe", "Jane")],
    editor: [person("Smith", "Ann"), person("Jones", "Bob")],
    title: "A paper in edited proceedings",
    "container-title": "Proceedings of the test conference",
    page: "10-20",
    publisher: "ACL",
    issued: {"date-parts": [[2018, 7]]}
  },
  {
    id: "unpublished-conference-paper",
    type: "paper-conference",
    author: [person("Doe", "Jane")],
    title: "A talk",
    genre: "Paper presentation",
    "event-title": "Annual meeting",
    "event-place": "Paris, France",
    issued: {"date-parts": [[2018, 7, 3]]}
  },
  {
    id: "dataset-with-version",
    type: "dataset",
    author: [person("Doe", "Jane")],
    title: "Some data",
    publisher: "Zenodo",
    version: "3",
    issued: {"date-parts": [[2020]]},
    DOI: "10.5281/zenodo.1"
  },
  {
    id: "chapter-in-edited-book",
    type: "chapter",
    author: [person("Doe", "Jane")],
    editor: [person("Smith", "Ann")],
    title: "A chapter",
    "container-title": "The book",
    page: "1-9",
    publisher: "Press",
    issued: {"date-parts": [[2015]]}
  }
];

describe("citationText (loaders/citation-style.csl, a compact subset of APA 7)", () => {
  // The full "apa" style of @citation-js/plugin-csl is the reference; building its citeproc engine takes
  // about 1 s, once for this file (plugin-csl caches engines), which is why the loader does not use it.
  const apa = (entry: CslEntry) => citationText(entry, "apa");

  test("citationText of CITATION.cff's two entries equals Citation.js's full APA style's text, byte for byte", () => {
    const entries = cslFromCff(cffText, loaderOutput.data_version);
    expect(entries.map((e) => citationText(e))).toEqual(entries.map(apa));
    expect([loaderOutput.replication.text, loaderOutput.original.text]).toEqual(entries.map(apa));
    expect(loaderOutput.original.text).toBe(
      "Strubell, E., Ganesh, A., & McCallum, A. (2019). Energy and Policy Considerations for Deep Learning in NLP. " +
        "Proceedings of the 57th Annual Meeting of the Association for Computational Linguistics, 3645–3650. " +
        "https://doi.org/10.18653/v1/P19-1355"
    );
    const cff = readCff(cffText);
    expect(loaderOutput.replication.text).toBe(
      `The Strubell 2019 replication authors. (${(cff["date-released"] as Date).getUTCFullYear()}). ${String(cff.title)} ` +
        `(Version ${pkg.version}, data version ${loaderOutput.data_version}) [Computer software].`
    );
  });

  test.each(SYNTHETIC.map((entry) => [entry.id as string, entry] as const))(
    "citationText of a synthetic entry (%s) equals Citation.js's full APA style's text",
    (_id, entry) => {
      expect(citationText(entry)).toBe(apa(entry));
    }
  );

  test("citationText uses our registered style, whose info says what it is and where it is checked", () => {
    expect(CITATION_STYLE).not.toBe("apa");
    expect(CITATION_STYLE_XML).toMatch(/<style xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"[^>]* version="1\.0"/);
    expect(CITATION_STYLE_XML).toContain("<title>APA 7th edition, compact subset for this replication</title>");
    expect(CITATION_STYLE_XML).toContain("test/citation.test.ts");
    expect(citationText(SYNTHETIC[0], CITATION_STYLE)).toBe("Doe, J. Q. (2020). A book with one author. Acme Press.");
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
