// Framework 1.13 fetches a page's data files (FileAttachment("…").json() and the like) only when the cell that
// reads them runs, that is after every module of the page has loaded. A <link rel="preload" as="fetch"> for
// each file a page reads starts that request beside the stylesheet instead; Framework's fetch(url) then takes
// the preloaded response (same URL, mode cors, credentials same-origin: what `crossorigin` asks for).

/** FileAttachment methods that fetch the file's bytes (image() and href/url() do not use fetch). */
const FETCHING = ["arrayBuffer", "blob", "csv", "dsv", "json", "stream", "text", "tsv"];

const READ = new RegExp(`FileAttachment\\(("(?:[^"\\\\]|\\\\.)*")\\)\\.(${FETCHING.join("|")})\\(`, "g");
const REGISTERED = /registerFile\(("(?:[^"\\]|\\.)*"), (\{[^{}]*\})\)/g;

/** The built paths ("./_file/…") of the files a page's cells read with a fetching method, in page order. */
export function fetchedFiles(html: string): string[] {
  const paths = new Map<string, string>();
  for (const [, name, info] of html.matchAll(REGISTERED)) {
    const path = (JSON.parse(info) as {path?: unknown}).path;
    if (typeof path === "string") paths.set(JSON.parse(name) as string, path);
  }
  const out: string[] = [];
  for (const [, name] of html.matchAll(READ)) {
    const key = JSON.parse(name) as string;
    const path = paths.get(key);
    if (!path) throw new Error(`FileAttachment(${name}) is read but not registered in the page`);
    if (/["<>&\s]/.test(path)) throw new Error(`FileAttachment(${name}) has a path that needs escaping: ${path}`);
    if (!out.includes(path)) out.push(path);
  }
  return out;
}

/**
 * The page with a preload link for each file it fetches, placed before its first module preload (or before
 * </head>). A page that reads no file is returned unchanged; a page that already has the links is too.
 */
export function preloadData(html: string): string {
  const links = fetchedFiles(html)
    .filter((path) => !html.includes(`<link rel="preload" as="fetch" crossorigin href="${path}">`))
    .map((path) => `<link rel="preload" as="fetch" crossorigin href="${path}">\n`)
    .join("");
  if (!links) return html;
  const at = html.indexOf('<link rel="modulepreload"');
  const head = at >= 0 ? at : html.indexOf("</head>");
  if (head < 0) throw new Error("the page has no <head> to put its data preloads in");
  return html.slice(0, head) + links + html.slice(head);
}
