// Observable Framework configuration: https://observablehq.com/framework/config

/** The scenario's query parameters (src/lib/scenario/scenario.ts SCENARIO_PARAMS; test/config.test.ts keeps them equal). */
export const SCENARIO_QUERY = [
  "pue",
  "grid",
  "intensity",
  "factors",
  "factor",
  "unassigned",
  "mix",
  "price",
  "units",
  "accounting",
  "embodied",
  "server",
  "wue",
  "gridwater"
];

/** The pages that read the scenario from their address: navigation to them carries it. */
export const SCENARIO_PAGES = ["sensitivity", "later-models", "estimate", "cite", "report"];

/**
 * Scenarios travel: a link of the sidebar or the previous/next pager to a page that honours the scenario gets
 * the scenario's parameters of the current address (read when the link is shown, hovered, focused or
 * clicked, since the sensitivity page rewrites its address as its controls change). Other parameters stay.
 */
const carryScenario = `(() => {
  const params = ${JSON.stringify(SCENARIO_QUERY)};
  const pages = ${JSON.stringify(SCENARIO_PAGES)};
  const nav = "#observablehq-sidebar a[href], footer nav a[rel][href], a[data-scenario-link]";
  const update = (a) => {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== location.origin) return;
    const page = url.pathname.split("/").pop().replace(/\\.html$/, "");
    if (!pages.includes(page)) return;
    const here = new URLSearchParams(location.search);
    for (const name of params) {
      if (here.has(name)) url.searchParams.set(name, here.get(name));
      else url.searchParams.delete(name);
    }
    a.setAttribute("href", url.pathname + url.search + url.hash);
  };
  const all = () => document.querySelectorAll(nav).forEach(update);
  for (const type of ["click", "auxclick", "focusin", "pointerover", "contextmenu"])
    document.addEventListener(type, (event) => {
      const a = event.target instanceof Element ? event.target.closest(nav) : null;
      if (a) update(a);
    }, true);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();`;

export default {
  title: "Strubell 2019, replicated",
  // scripts/build.ts builds from a copy of src/ whose data loaders are replaced by their outputs (BUILD_ROOT).
  root: process.env.BUILD_ROOT ?? "src",
  // scripts/build.ts builds into a staging folder and renames it, so dist/ is written whole or not at all.
  output: process.env.BUILD_OUTPUT ?? "dist",
  pages: [
    {
      name: "The paper's tables",
      pages: [
        {name: "Table 1: CO2e in context", path: "/table1"},
        {name: "Table 2: energy mix", path: "/table2"},
        {name: "Table 3: cost of training", path: "/table3"},
        {name: "Table 4: LISA case study", path: "/table4"}
      ]
    },
    {name: "Methods and provenance", path: "/methods"},
    {name: "Errata", path: "/errata"},
    {name: "Sensitivity analysis", path: "/sensitivity"},
    {
      name: "Beyond 2019",
      pages: [
        {name: "Ledger of training footprints", path: "/later-models"},
        {name: "Estimate your own run", path: "/estimate"},
        {name: "What other tools would say", path: "/peers"}
      ]
    },
    {name: "Glossary", path: "/glossary"},
    {name: "Cite and download", path: "/cite"},
    {name: "Printable report", path: "/report"}
  ],
  // No Google Fonts (the default global stylesheet): every asset is served by the site itself.
  globalStylesheets: [],
  style: "style.css",
  // An empty icon: browsers otherwise ask for /favicon.ico, which a static host may not have.
  head: `<link rel="icon" href="data:,"><script>${carryScenario}</script>`,
  search: false,
  linkCheck: "error",
  footer: "Replication of Strubell, Ganesh &amp; McCallum (ACL 2019). Code: MIT. Data: CC BY 4.0.",
  preserveExtension: true
};
