// Renders the provenance manifest (src/data/manifest.json, also written to dist/provenance.json): the data
// version and the sha256 of every input file, so a reader can check that the numbers on the page come from
// exactly the published inputs. Independent of the page footer: place it on any page.
import {formatNumber} from "../lib/present/format.js";
import {el} from "./dom.js";

/** The shape of loaders/manifest.ts's Manifest (repeated here as a type so no Node code reaches the browser). */
export interface ProvenanceManifest {
  name: string;
  version: string;
  data_version: string;
  files: ReadonlyArray<{file: string; bytes: number; sha256: string; description: string}>;
}

/** One line naming the package, its version and the data version, e.g. for a page header or a citation. */
export function provenanceLine(manifest: ProvenanceManifest): HTMLElement {
  return el(
    "p",
    {class: "provenance-line"},
    "Data version ",
    el("code", {class: "provenance-data-version"}, manifest.data_version),
    ` (${manifest.files.length} input files) · ${manifest.name} ${manifest.version}`
  );
}

/**
 * The data version and a table of every input file with its size and sha256. `downloadHref`, when given,
 * links the same manifest as JSON (e.g. "./provenance.json" from a page at the site's root).
 */
export function provenanceTable(manifest: ProvenanceManifest, options: {downloadHref?: string} = {}): HTMLElement {
  const head = el(
    "tr",
    {},
    el("th", {scope: "col", class: "text"}, "File"),
    el("th", {scope: "col", class: "text"}, "What it holds"),
    el("th", {scope: "col", class: "num"}, "Bytes"),
    el("th", {scope: "col", class: "text"}, "sha256")
  );
  const rows = manifest.files.map((f) =>
    el(
      "tr",
      {"data-file": f.file},
      el("th", {scope: "row", class: "text"}, el("code", {}, f.file)),
      el("td", {class: "text"}, f.description),
      el("td", {class: "num"}, formatNumber(f.bytes)),
      el("td", {class: "text"}, el("code", {class: "provenance-sha256"}, f.sha256))
    )
  );
  const caption = el(
    "caption",
    {},
    "sha256 of every input file; the data version is the first 12 hex digits of the sha256 of the sorted ",
    el("code", {}, "sha256  file"),
    " lines",
    options.downloadHref ? " (" : null,
    options.downloadHref ? el("a", {href: options.downloadHref, download: ""}, "as JSON") : null,
    options.downloadHref ? ")" : null,
    "."
  );
  return el(
    "section",
    {class: "provenance", "aria-label": "Provenance of the input data"},
    provenanceLine(manifest),
    el(
      "div",
      {class: "provenance-scroll"},
      el("table", {class: "report-table provenance-table"}, caption, el("thead", {}, head), el("tbody", {}, ...rows))
    )
  );
}
