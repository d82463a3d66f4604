// Observable Framework configuration: https://observablehq.com/framework/config
export default {
  title: "Strubell 2019, replicated",
  root: "src",
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
        {name: "Later models", path: "/later-models"},
        {name: "Estimate your own run", path: "/estimate"}
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
  head: `<link rel="icon" href="data:,">`,
  search: false,
  linkCheck: "error",
  footer: "Replication of Strubell, Ganesh &amp; McCallum (ACL 2019). Code: MIT. Data: CC BY 4.0.",
  preserveExtension: true
};
