// Citations of this replication and of the original paper, generated from CITATION.cff with Citation.js
// (CFF → CSL-JSON by @citation-js/plugin-cff, BibTeX by plugin-bibtex, plain text by plugin-csl with
// loaders/citation-style.csl), so the citation is written once, in CITATION.cff, and nowhere else.
// citation-style.csl is a compact subset of the APA 7th edition CSL style that gives the same text as
// plugin-csl's built-in "apa" style for the entry types we cite (test/citation.test.ts compares the two);
// citeproc-js takes about 1 s to build its engine for the full APA style and a few tens of ms for ours,
// which keeps this loader within the benchmark's "all data loaders ≤ 1 s".
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {Cite, plugins} from "@citation-js/core";
import "@citation-js/plugin-cff";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import {buildManifest} from "./manifest.js";

/** The name under which plugin-csl knows loaders/citation-style.csl (APA 7th edition, compact subset). */
export const CITATION_STYLE = "apa-compact-strubell2019";

/** loaders/citation-style.csl, registered with plugin-csl (read relative to this module: loaders/ runs in Node). */
export const CITATION_STYLE_XML = readFileSync(new URL("./citation-style.csl", import.meta.url), "utf8");
(plugins.config.get("@csl") as {styles: {add(name: string, xml: string): unknown}}).styles.add(
  CITATION_STYLE,
  CITATION_STYLE_XML
);

/** One CSL-JSON entry, as Citation.js reads and writes it. */
export type CslEntry = Record<string, unknown> & {type?: string; title?: string};

/** A citation in the two forms the site shows. */
export interface CitationForms {
  key: string;
  bibtex: string;
  text: string;
}

/** What src/data/citation.json.ts emits: the Cite page, the cite block and the PDF title page read it. */
export interface Citation {
  title: string;
  /** package.json's version, equal to CITATION.cff's. */
  version: string;
  /** The data version of loaders/manifest.ts: one id for the bytes of every input file. */
  data_version: string;
  /** CITATION.cff's date-released, YYYY-MM-DD. */
  date_released: string;
  /** The report's date: SOURCE_DATE_EPOCH if set, else date-released (YYYY-MM-DD). */
  date: string;
  license: string;
  /** The text of CITATION.cff, offered for download. */
  cff: string;
  replication: CitationForms;
  original: CitationForms & {doi: string; url: string};
}

/** Reads CITATION.cff text into the object Citation.js's CFF plugin parses (YAML → object). */
export function readCff(cffText: string): Record<string, unknown> {
  const chain = plugins.input.chain as unknown as (input: string, options: object) => unknown;
  return chain(cffText, {target: "@cff/object", generateGraph: false}) as Record<string, unknown>;
}

function isoDate(value: unknown, where: string): string {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) throw new Error(`${where} "${String(value)}" is not a date (YYYY-MM-DD)`);
  return date.toISOString().slice(0, 10);
}

/** A BibTeX key Citation.js accepts as given (letters, digits, underscore): "strubell2019energy". */
function safeKey(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, "_");
}

function firstWord(title: string): string {
  return (
    title
      .split(/[^A-Za-z0-9]+/)
      .find((w) => w && !["the", "a", "an", "on", "of"].includes(w.toLowerCase()))
      ?.toLowerCase() ?? "untitled"
  );
}

/**
 * CITATION.cff as CSL-JSON via Citation.js, with deterministic keys and two documented adjustments:
 * - keys: the main entry "strubell2019replication_v<version>", each reference "<family><year><first word>"
 *   (Citation.js would otherwise derive keys from a random temporary id or the first author's name);
 * - plugin-cff 0.7.3 maps CFF `collection-title` to CSL collection-title (a series); for a conference paper
 *   the CFF schema defines it as the proceedings' title, which CSL calls container-title (BibTeX booktitle);
 * - the main entry's version names the data version too, so both citations carry it; BibTeX's @misc has no
 *   version field, so the same words go to its note; issued keeps year and month (BibTeX has no day).
 */
export function cslFromCff(cffText: string, dataVersion: string): CslEntry[] {
  const entries = new Cite(cffText).data as CslEntry[];
  return entries.map((raw, k) => {
    const {_graph, _cff_mainReference, id, ...entry} = raw as CslEntry & {_graph?: unknown; id?: unknown};
    void _graph;
    void id;
    if (_cff_mainReference) {
      const version = String(entry.version ?? "");
      const issued = entry.issued as {"date-parts": number[][]} | undefined;
      const key = safeKey(`strubell2019replication_v${version}`);
      return {
        ...entry,
        id: key,
        "citation-key": key,
        version: `${version}, data version ${dataVersion}`,
        note: `Version ${version}, data version ${dataVersion}`,
        ...(issued ? {issued: {"date-parts": [issued["date-parts"][0].slice(0, 2)]}} : {})
      };
    }
    const authors = (entry.author as Array<{family?: string; literal?: string}> | undefined) ?? [];
    const year = (entry.issued as {"date-parts": number[][]} | undefined)?.["date-parts"]?.[0]?.[0] ?? "";
    const key = safeKey(
      `${(authors[0]?.family ?? authors[0]?.literal ?? `ref${k}`).toLowerCase()}${year}${firstWord(entry.title ?? "")}`
    );
    const fixed: CslEntry = {...entry, id: key, "citation-key": key};
    if (entry.type === "paper-conference" && entry["collection-title"] && !entry["container-title"]) {
      fixed["container-title"] = entry["collection-title"];
      delete fixed["collection-title"];
    }
    return fixed;
  });
}

/** Plain text of CSL entries in a plugin-csl style: by default ours, which equals the "apa" style's text. */
export function citationText(entry: CslEntry | CslEntry[], style = CITATION_STYLE): string {
  return String(new Cite(entry).format("bibliography", {format: "text", template: style, lang: "en-US"})).trim();
}

/** BibTeX and APA plain text (loaders/citation-style.csl) of one CSL entry, both by Citation.js. */
export function citationForms(entry: CslEntry): CitationForms {
  const cite = new Cite(entry);
  return {
    key: String(entry["citation-key"]),
    bibtex: String(cite.format("bibtex")).replace(/\t/g, "  ").trim() + "\n",
    text: citationText(entry)
  };
}

/** The report's date: SOURCE_DATE_EPOCH (whole seconds) if set, else the release date. */
export function reportDate(sourceDateEpoch: string | undefined, dateReleased: string): string {
  if (sourceDateEpoch === undefined || sourceDateEpoch === "") return dateReleased;
  if (!/^[0-9]+$/.test(sourceDateEpoch))
    throw new Error(`SOURCE_DATE_EPOCH "${sourceDateEpoch}" is not a whole number of seconds`);
  return new Date(Number(sourceDateEpoch) * 1000).toISOString().slice(0, 10);
}

/** Everything citable, from CITATION.cff, package.json and the data files under `root`. */
export function buildCitation(root = ".", env: Record<string, string | undefined> = process.env): Citation {
  const cffPath = join(root, "CITATION.cff");
  const cffText = readFileSync(cffPath, "utf8");
  const cff = readCff(cffText);
  const manifest = buildManifest(root);
  if (String(cff.version) !== manifest.version) {
    throw new Error(
      `${cffPath}: version "${String(cff.version)}" differs from package.json's "${manifest.version}"; set both to the release`
    );
  }
  const [main, ...refs] = cslFromCff(cffText, manifest.data_version);
  const original = refs[0];
  if (!original) throw new Error(`${cffPath}: no entry under references (the original paper belongs there)`);
  const dateReleased = isoDate(cff["date-released"], `${cffPath}: date-released`);
  return {
    title: String(cff.title),
    version: manifest.version,
    data_version: manifest.data_version,
    date_released: dateReleased,
    date: reportDate(env.SOURCE_DATE_EPOCH, dateReleased),
    license: String(cff.license ?? ""),
    cff: cffText,
    replication: citationForms(main),
    original: {
      ...citationForms(original),
      doi: String(original.DOI ?? ""),
      url: original.DOI ? `https://doi.org/${String(original.DOI)}` : String(original.URL ?? "")
    }
  };
}

/** The body of src/data/citation.json.ts. */
export function citationJson(): string {
  return JSON.stringify(buildCitation(), null, 2);
}
