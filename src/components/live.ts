// Elements that follow the sensitivity page's store: each re-renders only when the part of the analysis it
// shows has changed (its dependency key), and is patched into what is shown rather than replaced. Charts can
// keep their Plot rendering and redraw only layers drawn over it with its scales (layeredChart).
import type * as Plot from "@observablehq/plot";
import type {Analysis} from "../lib/sensitivity.js";
import {plotAria} from "./a11y.js";
import {el, svgEl} from "./dom.js";
import type {SensitivityStore} from "./scenario-controls.js";

/**
 * Makes `target` show what `source` shows, touching only what differs: where both trees have the same elements
 * in the same places, attributes and text are updated in place; any other subtree is replaced. Updating a table
 * or a chart of unchanged shape this way spares the browser from styling and laying out new elements.
 */
export function patch(target: Node, source: Node): void {
  if (target.nodeType === Node.TEXT_NODE && source.nodeType === Node.TEXT_NODE) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
    return;
  }
  if (
    target.nodeType !== Node.ELEMENT_NODE ||
    source.nodeType !== Node.ELEMENT_NODE ||
    (target as Element).tagName !== (source as Element).tagName ||
    (target as Element).namespaceURI !== (source as Element).namespaceURI ||
    target.childNodes.length !== source.childNodes.length
  ) {
    target.parentNode!.replaceChild(source, target);
    return;
  }
  // Indexed loops over the live lists: spreading them into arrays cost more than the comparisons themselves.
  const t = target as Element;
  const s = source as Element;
  const ta = t.attributes;
  const sa = s.attributes;
  for (let k = ta.length - 1; k >= 0; k--) {
    const name = ta[k].name;
    if (!s.hasAttribute(name)) t.removeAttribute(name);
  }
  for (let k = 0; k < sa.length; k++) {
    const a = sa[k];
    if (t.getAttribute(a.name) !== a.value) t.setAttribute(a.name, a.value);
  }
  // Each source child is captured before patching, which may move it into the target.
  let tChild: ChildNode | null = t.firstChild;
  let sChild: ChildNode | null = s.firstChild;
  while (tChild && sChild) {
    const tNext = tChild.nextSibling;
    const sNext = sChild.nextSibling;
    patch(tChild, sChild);
    tChild = tNext;
    sChild = sNext;
  }
}

/**
 * A function of the analysis computed once per analysis (the store makes a new one on every change), so that a
 * chart's dependency key and its drawing can both use a derived value, such as a domain, without computing it twice.
 */
export function memo<T>(fn: (a: Analysis) => T): (a: Analysis) => T {
  const cache = new WeakMap<Analysis, T>();
  return (a) => {
    if (!cache.has(a)) cache.set(a, fn(a));
    return cache.get(a)!;
  };
}

/**
 * Readies a Plot rendering for the page. Plot puts a <style> element in every chart, and inserting one makes the
 * browser restyle the whole page; the same rules are in src/styles/sensitivity.css (.chart-box svg), so each
 * chart's own is dropped. Plot's named groups get their role (see plotAria).
 */
function adoptPlot(node: Element): void {
  for (const style of node.querySelectorAll("svg > style")) style.remove();
  plotAria(node);
}

/**
 * A container that renders `render(analysis)` into itself whenever `key(analysis)` changes, patched into the
 * previous rendering (see patch), unless `update` shows the change in place (returning true). Its
 * data-render-count attribute counts renders.
 */
export function live(
  store: SensitivityStore,
  key: (a: Analysis) => string,
  render: (a: Analysis) => Node,
  attributes: Record<string, string> = {},
  update?: (a: Analysis, shown: Node) => boolean
): HTMLElement {
  const box = el("div", attributes);
  let last: string | null = null;
  let count = 0;
  store.subscribe((a) => {
    const start = performance.now();
    const k = key(a);
    if (k === last) return;
    last = k;
    if (!(update && box.firstChild && update(a, box.firstChild))) {
      const out = render(a);
      if (out instanceof Element) adoptPlot(out);
      if (box.firstChild) patch(box.firstChild, out);
      else box.replaceChildren(out);
    }
    box.dataset.renderCount = String(++count);
    // User Timing entries, one per render, read by bench/sensitivity.ts.
    if (attributes["data-live"]) performance.measure(`sensitivity:${attributes["data-live"]}`, {start});
  });
  return box;
}

/** A figure in running text that follows the scenario. */
export function liveText(store: SensitivityStore, text: (a: Analysis) => string): HTMLElement {
  const span = el("span", {class: "live"});
  store.subscribe((a) => {
    const t = text(a);
    if (span.textContent !== t) span.textContent = t;
  });
  return span;
}

type PlotChart = ReturnType<typeof Plot.plot>;

/** A drawn chart: its figure, its Plot chart (for the scales), and the layer an overlay draws into. */
export interface Drawn {
  figure: HTMLElement;
  chart: PlotChart;
  layer: SVGGElement;
}

/** One layer over a chart's marks: redrawn when its key changes (and whenever the chart is rendered again). */
export interface Overlay {
  key: (a: Analysis) => string;
  draw: (a: Analysis, drawn: Drawn) => void;
}

/**
 * A chart in parts: a Plot chart re-rendered when `baseKey` changes, and layers over it drawn with the chart's
 * own scales, each redrawn when its own key changes. Moving, say, the PUE then moves a rule instead of
 * rendering the chart again. Both the chart and each layer are patched into what is shown (see patch).
 */
export function layeredChart(
  store: SensitivityStore,
  name: string,
  baseKey: (a: Analysis) => string,
  renderBase: (a: Analysis) => {figure: HTMLElement; chart: PlotChart},
  overlays: Overlay[]
): HTMLElement {
  const box = el("div", {"data-live": name, class: "chart-box"});
  let lastBase: string | null = null;
  let lastKeys: string[] = [];
  let drawn: {figure: HTMLElement; chart: PlotChart; layers: SVGGElement[]} | null = null;
  let count = 0;
  store.subscribe((a) => {
    const start = performance.now();
    const b = baseKey(a);
    const keys = overlays.map((o) => o.key(a));
    const rebase = b !== lastBase || !drawn;
    if (!rebase && keys.every((k, i) => k === lastKeys[i])) return;
    if (rebase) {
      const {figure, chart} = renderBase(a);
      adoptPlot(figure);
      // The layers come off, the new rendering is patched into the one shown, and the layers go back on top.
      const layers = drawn?.layers ?? overlays.map(() => svgEl("g", {class: "overlay"}) as SVGGElement);
      for (const layer of layers) layer.remove();
      if (box.firstChild) patch(box.firstChild, figure);
      else box.append(figure);
      box.querySelector("svg")!.append(...layers);
      drawn = {figure: box.firstElementChild as HTMLElement, chart, layers};
    }
    const {figure, chart, layers} = drawn!;
    overlays.forEach((o, i) => {
      if (!rebase && keys[i] === lastKeys[i]) return;
      const layer = svgEl("g", {class: "overlay"}) as SVGGElement;
      o.draw(a, {figure, chart, layer});
      patch(layers[i], layer);
      if (layer.parentNode) layers[i] = layer; // patch put the new layer in place of the old one
    });
    lastBase = b;
    lastKeys = keys;
    box.dataset.renderCount = String(++count);
    performance.measure(`sensitivity:${name}`, {start});
  });
  return box;
}
