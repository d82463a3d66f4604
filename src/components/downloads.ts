// Download buttons: a table (under the current scenario) as CSV, JSON, Markdown or LaTeX, and a chart
// made by Plot as a stand-alone SVG or a PNG at twice its size. Everything is made in the browser from
// what the page shows (Blob + object URL): no request, no server.
import {exportFileName, toCsv, toJson, toLatex, toMarkdown, type ExportMeta} from "../lib/present/exports.js";
import type {TableView} from "../lib/present/views.js";
import {el} from "./dom.js";

/** The versions a download names; the shape of data/manifest.json (and data/citation.json). */
export interface Versions {
  version: string;
  data_version: string;
}

/** Saves a Blob under a file name through a temporary object URL. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = el("a", {href: url, download: fileName, hidden: ""});
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the URL is freed a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

interface TableFormat {
  label: string;
  extension: string;
  type: string;
  write: (view: TableView, meta: ExportMeta) => string;
}

/** The formats a table downloads in, in the order of the buttons. */
export const TABLE_FORMATS: readonly TableFormat[] = [
  {label: "CSV", extension: "csv", type: "text/csv", write: (view) => toCsv(view)},
  {label: "JSON", extension: "json", type: "application/json", write: toJson},
  {label: "Markdown", extension: "md", type: "text/markdown", write: (view) => toMarkdown(view)},
  {label: "LaTeX", extension: "tex", type: "application/x-tex", write: toLatex}
];

function shortTitle(view: TableView): string {
  return /^Table\s+[0-9]+/.exec(view.title)?.[0] ?? view.id;
}

/**
 * Buttons that download a table view as CSV, JSON, Markdown and LaTeX; file names carry the table id and
 * the scenario ("strubell2019-table3-pue-1.1.csv"), JSON and LaTeX also the package and data versions.
 * Usage in a page: display(tableDownloads(view, report.scenario.query, manifest)).
 */
export function tableDownloads(view: TableView, query: string, versions?: Versions | null): HTMLElement {
  const meta: ExportMeta = {query, version: versions?.version, dataVersion: versions?.data_version};
  const name = shortTitle(view);
  return el(
    "div",
    {class: "downloads", role: "group", "aria-label": `Download ${name}`, "data-downloads": view.id},
    el("span", {class: "downloads-label"}, "Download"),
    ...TABLE_FORMATS.map((format) => {
      const fileName = exportFileName(view.id, query, format.extension);
      const button = el(
        "button",
        {
          type: "button",
          title: fileName,
          "aria-label": `Download ${name} as ${format.label}`,
          "data-format": format.extension
        },
        format.label
      );
      button.addEventListener("click", () =>
        downloadBlob(new Blob([format.write(view, meta)], {type: `${format.type};charset=utf-8`}), fileName)
      );
      return button;
    })
  );
}

/** Presentation properties inlined into a stand-alone SVG, so it looks the same outside the page. */
const SVG_PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-opacity",
  "stroke-width",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "font-variant-numeric",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
  "visibility",
  "color"
] as const;

/** Properties that are not inherited: compared with their initial value, not the parent's. */
const NOT_INHERITED: Record<string, string> = {opacity: "1"};

/** The chart's main SVG: the element itself, or the largest SVG in a Plot figure (legends are smaller). */
export function chartSvg(chart: Element): SVGSVGElement {
  if (chart instanceof SVGSVGElement) return chart;
  const svgs = [...chart.querySelectorAll("svg")];
  const area = (s: SVGSVGElement) => {
    const box = s.getBoundingClientRect();
    return box.width * box.height;
  };
  const main = svgs.sort((a, b) => area(b) - area(a))[0];
  if (!main) throw new Error("this chart has no SVG to download");
  return main;
}

function svgSize(svg: SVGSVGElement): {width: number; height: number} {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute("width")) || box.width || svg.viewBox.baseVal?.width || 640;
  const height = Number(svg.getAttribute("height")) || box.height || svg.viewBox.baseVal?.height || 400;
  return {width, height};
}

/**
 * The chart as a stand-alone SVG document: a clone whose computed presentation styles are inlined
 * (only where they differ from the parent's), with its size, namespaces and a background (white by default;
 * a figure passes the page's, so that a chart drawn in the dark theme stays legible).
 */
export function standaloneSvg(chart: Element, background = "white"): string {
  const svg = chartSvg(chart);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [clone, ...clone.querySelectorAll("*")];
  const computed = originals.map((node) => getComputedStyle(node));
  const index = new Map<Element, number>(originals.map((node, k) => [node, k]));
  originals.forEach((node, k) => {
    const style = computed[k];
    const parent = k === 0 ? null : computed[index.get(node.parentElement!) ?? 0];
    const declarations = SVG_PROPERTIES.flatMap((property) => {
      const value = style.getPropertyValue(property);
      if (!value) return [];
      const base = property in NOT_INHERITED ? NOT_INHERITED[property] : parent?.getPropertyValue(property);
      return value === base ? [] : [`${property}:${value}`];
    });
    if (declarations.length) copies[k].setAttribute("style", declarations.join(";"));
  });
  const {width, height} = svgSize(svg);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.setAttribute("style", `${clone.getAttribute("style") ?? ""};background:${background}`.replace(/^;/, ""));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/** Draws the stand-alone SVG on a canvas of its background at `scale` times its size and encodes it as PNG. */
export async function chartPng(chart: Element, scale = 2, background = "white"): Promise<Blob> {
  const {width, height} = svgSize(chartSvg(chart));
  const url = URL.createObjectURL(new Blob([standaloneSvg(chart, background)], {type: "image/svg+xml;charset=utf-8"}));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = el("canvas", {width: String(Math.ceil(width * scale)), height: String(Math.ceil(height * scale))});
    const context = canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw on a canvas");
    context.fillStyle = background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be encoded"))), "image/png")
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * A button that downloads what `make` builds as `fileName`; a failure is said in `status` (a role="status"
 * element beside the buttons), never thrown away.
 */
export function downloadButton(options: {
  label: string;
  extension: string;
  fileName: string;
  /** What is downloaded, for the button's accessible name: "the chart". */
  what: string;
  status: HTMLElement;
  make: () => Blob | Promise<Blob>;
}): HTMLButtonElement {
  const {label, extension, fileName, what, status, make} = options;
  const node = el(
    "button",
    {type: "button", title: fileName, "aria-label": `Download ${what} as ${label}`, "data-format": extension},
    label
  );
  node.addEventListener("click", async () => {
    status.textContent = "";
    try {
      downloadBlob(await make(), fileName);
    } catch (error) {
      status.textContent = `Download failed: ${(error as Error).message}`;
    }
  });
  return node;
}

/**
 * Buttons that download a Plot chart as SVG and PNG (2x); `name` says which figure ("sensitivity-tornado"),
 * the file name adds the scenario. Usage in a page: display(chartDownloads(chart, "sensitivity-tornado", query)).
 */
export function chartDownloads(chart: Element, name: string, query = ""): HTMLElement {
  const status = el("span", {class: "downloads-status", role: "status"});
  const button = (label: string, extension: string, make: () => Promise<Blob>) =>
    downloadButton({
      label,
      extension,
      fileName: exportFileName(name, query, extension),
      what: "the chart",
      status,
      make
    });
  return el(
    "div",
    {class: "downloads", role: "group", "aria-label": "Download the chart", "data-downloads": name},
    el("span", {class: "downloads-label"}, "Download"),
    button("SVG", "svg", async () => new Blob([standaloneSvg(chart)], {type: "image/svg+xml;charset=utf-8"})),
    button("PNG", "png", () => chartPng(chart, 2)),
    status
  );
}

/**
 * Downloads of every table of a report under its scenario (CSV, JSON, Markdown, LaTeX), one line per table.
 * Usage in a page that recomputes a report (the sensitivity page, the cite page):
 * display(reportDownloads(tableViews(report), report.scenario.query, manifest)).
 */
export function reportDownloads(views: readonly TableView[], query: string, versions?: Versions | null): HTMLElement {
  return el(
    "ul",
    {class: "table-downloads"},
    ...views.map((view) =>
      el("li", {}, el("span", {class: "table-title"}, view.title), tableDownloads(view, query, versions))
    )
  );
}
