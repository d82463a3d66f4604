// What the build relies on that Framework documents no option for, written against @observablehq/framework 1.13.4.
// Each reliance is checked where it is used (the build stops with the message below when it no longer holds) and by
// test/framework-internals.test.ts against the installed Framework, so an upgrade that changes one fails loudly.
import {preloadData} from "./preload-data.js";

/** The version every reliance below was written against. */
export const FRAMEWORK_VERSION = "1.13.4";

export const FRAMEWORK_INTERNALS = {
  npmPins:
    `Framework tried the npm registry: in Framework ${FRAMEWORK_VERSION} an empty folder ` +
    "<root>/.observablehq/cache/_npm/<name>@<version> stops it from looking up that library's latest version " +
    "(scripts/framework-npm-pins.json lists them); this Framework no longer honours it or needs another library",
  htmlLang:
    `the built page does not start its document with "<html>" as Framework ${FRAMEWORK_VERSION}'s page template ` +
    'did: the build cannot add lang="en" (check whether the config now has a language option)',
  sidebarLabels:
    `the built page lacks the sidebar's close and backdrop <label>s of Framework ${FRAMEWORK_VERSION}'s page ` +
    "template: the build cannot hide them from assistive technology (check the new template's sidebar markup)"
} as const;

const HTML = /<html>/;
const SIDEBAR_LABEL = /<label id="observablehq-sidebar-(close|backdrop)"/g;

/**
 * A built page with what Framework 1.13.4's page template allows no option for: the page's language; the sidebar's
 * mouse-only close and backdrop labels (duplicates of the labelled toggle checkbox) hidden from assistive technology,
 * so the sidebar's <ol> holds only list items; and a preload of each data file the page reads (preload-data.ts).
 * Throws, naming the page and the change, when the template no longer has what a patch needs.
 */
export function patchPage(html: string, page: string): string {
  if (!HTML.test(html)) throw new Error(`${page}: ${FRAMEWORK_INTERNALS.htmlLang}`);
  const labels = [...html.matchAll(SIDEBAR_LABEL)].map((m) => m[1]).sort();
  if (labels.join() !== "backdrop,close") throw new Error(`${page}: ${FRAMEWORK_INTERNALS.sidebarLabels}`);
  return preloadData(html)
    .replace(HTML, '<html lang="en">')
    .replace(SIDEBAR_LABEL, '<label id="observablehq-sidebar-$1" aria-hidden="true"');
}
