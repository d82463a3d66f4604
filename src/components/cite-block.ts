// A short "how to cite" block for the foot of any page: the replication's citation with its version and
// data version, the permalink of the scenario shown, copy buttons, and a link to the Cite page.
import {el} from "./dom.js";

/** The part of data/citation.json (loaders/citation.ts) this block reads. */
export interface CitationData {
  version: string;
  data_version: string;
  replication: {key: string; bibtex: string; text: string};
  original: {key: string; bibtex: string; text: string};
}

/**
 * The canonical address of a page under a scenario: the page's origin and path, and the scenario's
 * canonical query (serializeScenario: fixed order, defaults and invalid values left out). "" → no query.
 */
export function permalink(href: string, query: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}${query ? `?${query}` : ""}`;
}

/** Copies text to the clipboard, saying in `status` whether it worked (the text stays selectable anyway). */
export async function copyText(text: string, status: HTMLElement, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `${what} copied.`;
  } catch {
    status.textContent = `Could not copy: select the ${what.toLowerCase()} and copy it by hand.`;
  }
}

/** A button that copies `text`; its outcome is announced in `status`. */
export function copyButton(text: () => string, status: HTMLElement, what: string): HTMLButtonElement {
  const button = el("button", {type: "button", class: "copy", "aria-label": `Copy ${what.toLowerCase()}`}, "Copy");
  button.addEventListener("click", () => copyText(text(), status, what));
  return button;
}

/**
 * The citation block. `query` is the scenario the page shows (report.scenario.query; "" for the paper's).
 * Usage in a page: display(citeBlock(citation, report.scenario.query)), with
 * const citation = FileAttachment("data/citation.json").json().
 */
export function citeBlock(citation: CitationData, query = "", href = location.href): HTMLElement {
  const status = el("span", {class: "cite-status", role: "status"});
  const link = permalink(href, query);
  return el(
    "aside",
    {class: "cite-block", "aria-label": "How to cite"},
    el(
      "p",
      {},
      el("strong", {}, "Cite this replication: "),
      el("span", {class: "cite-text"}, citation.replication.text),
      " ",
      copyButton(() => citation.replication.text, status, "Citation")
    ),
    el(
      "p",
      {class: "cite-meta"},
      `Version ${citation.version} · data version `,
      el("code", {}, citation.data_version),
      " · ",
      el("a", {href: `./cite.html${query ? `?${query}` : ""}`}, "BibTeX, the original paper and downloads")
    ),
    el(
      "p",
      {class: "cite-permalink"},
      "Permalink of this view: ",
      el("code", {class: "permalink"}, link),
      " ",
      copyButton(() => link, status, "Permalink")
    ),
    status
  );
}
