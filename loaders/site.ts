import {buildManifest} from "./manifest.js";
import {loadInputs} from "./inputs.js";
import {buildReport, type Report} from "../src/lib/paper/report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {tableViews} from "../src/lib/present/views.js";
import {toCsv} from "../src/lib/present/exports.js";
import {glossaryHtml} from "../src/lib/present/glossary.js";
import type {Inputs} from "../src/lib/inputs/types.js";

/** The folder of input CSV files: DATA_DIR (e.g. a test's copy of data/ with hostile fields), default data/. */
export function dataDir(): string {
  return process.env.DATA_DIR || "data";
}

/** The validated inputs and the paper-scenario report, computed once per process and data folder (the build
 * computes every data file in one process). */
const cache = new Map<string, {inputs: Inputs; report?: Report}>();

function entry(): {inputs: Inputs; report?: Report} {
  const dir = dataDir();
  if (!cache.has(dir)) cache.set(dir, {inputs: loadInputs(dir)});
  return cache.get(dir)!;
}

function paperReport(): Report {
  const e = entry();
  return (e.report ??= buildReport(e.inputs, paperScenario(e.inputs)));
}

/** What the Framework data loaders emit; each writes only data to stdout. */
export function inputsJson(): string {
  // The country grids are a file of their own (country-grids.json), loaded only by the pages that offer them.
  const {countryGrids: _, ...inputs} = entry().inputs;
  return JSON.stringify(inputs);
}

/** Today's grids (data/country_grids.v1.csv), validated: for the pages' country-year grid choice. */
export function countryGridsJson(): string {
  return JSON.stringify(entry().inputs.countryGrids);
}

export function reportJson(): string {
  return JSON.stringify(paperReport());
}

export function tableCsv(id: "table1" | "table2" | "table3" | "table4"): string {
  return toCsv(tableViews(paperReport()).find((v) => v.id === id)!);
}

/** data/peer_defaults.csv and data/peer_locations.csv, validated: the other tools' defaults and each run's country. */
export async function peerDefaultsJson(): Promise<string> {
  const {loadPeerDefaults, loadPeerLocations} = await import("./peer-inputs.js");
  return JSON.stringify({defaults: loadPeerDefaults(dataDir()), locations: loadPeerLocations(dataDir())});
}

export function manifestJson(): string {
  return JSON.stringify(buildManifest(".", dataDir()), null, 2);
}

/**
 * Every file the site's data loaders produce (src/data/<name>.ts), by name. scripts/build.ts computes them
 * all in one process and hands them to Framework's cache, so the build does not start a Node process per
 * loader; `observable preview` runs the src/data loaders, which call the same functions.
 */
export const SITE_DATA: Readonly<Record<string, () => string | Promise<string>>> = {
  "inputs.json": inputsJson,
  "report.json": reportJson,
  "manifest.json": manifestJson,
  "peer-defaults.json": peerDefaultsJson,
  "country-grids.json": countryGridsJson,
  "table1.csv": () => tableCsv("table1"),
  "table2.csv": () => tableCsv("table2"),
  "table3.csv": () => tableCsv("table3"),
  "table4.csv": () => tableCsv("table4"),
  // Imported on demand: Citation.js takes about a second to load, and only this file needs it.
  "citation.json": async () => (await import("./citation.js")).citationJson()
};

/** The glossary page's Markdown: its text, and every term as static HTML so that links to glossary#term resolve. */
export function glossaryPage(): string {
  return [
    "---",
    "title: Glossary",
    "---",
    "",
    "# Glossary",
    "",
    "The words this site uses, each with where its meaning comes from. Pages link the first use of a term here.",
    "",
    glossaryHtml()
  ].join("\n");
}

/**
 * Every page the site's page loaders produce (src/<name>.ts), by name: scripts/build.ts writes each in one process,
 * as it does SITE_DATA; `observable preview` runs the page loaders, which call the same functions.
 */
export const SITE_PAGES: Readonly<Record<string, () => string>> = {
  "glossary.md": glossaryPage
};

/** The body of the data loader src/data/<name>.ts: its data to stdout, or the error to stderr and exit 1. */
export async function emitData(name: string): Promise<void> {
  const produce = SITE_DATA[name];
  if (!produce) {
    process.stderr.write(`no site data named "${name}" in loaders/site.ts SITE_DATA\n`);
    process.exit(1);
  }
  try {
    process.stdout.write(await produce());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
