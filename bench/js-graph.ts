// The JavaScript a built page loads: its static module graph, from the built HTML's modulepreload links and
// module scripts, followed through each file's static imports (import() targets are listed apart); and
// libraries shipped twice. Used by bench/run.ts (sizes) and test/js-graph.test.ts (no duplicates).
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, posix, relative, sep} from "node:path";
import {gzipSync} from "node:zlib";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// JavaScript each page loads: the static graph from the built HTML (modulepreload links and module scripts'
// imports), followed through each file's static imports. Dynamic import() targets are listed apart.

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+\.js)["']\s*\)/g;

function resolveIn(fromFile: string, spec: string): string | null {
  if (/^[a-z]+:/i.test(spec) || spec.startsWith("//")) return null; // external: none should exist
  const base = posix.dirname(fromFile);
  const path = spec.startsWith("/") ? spec.slice(1) : posix.normalize(posix.join(base, spec));
  return path;
}

export interface PageJs {
  files: string[];
  raw: number;
  gzip: number;
  missing: string[];
  dynamic: string[];
}

export function pageJs(dist: string, htmlFile: string): PageJs {
  const html = readFileSync(join(dist, htmlFile), "utf8");
  const queue: string[] = [];
  for (const m of html.matchAll(/<link\s+rel="modulepreload"\s+href="([^"]+)"/g)) queue.push(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[0]);
    if (src) queue.push(src[1]);
    for (const i of m[1].matchAll(STATIC_IMPORT)) queue.push(i[1]);
  }
  const seen = new Set<string>();
  const missing: string[] = [];
  const dynamic = new Set<string>();
  const pending = queue.map((s) => resolveIn(htmlFile, s)).filter((s): s is string => !!s);
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(join(dist, file))) {
      missing.push(file);
      continue;
    }
    const js = readFileSync(join(dist, file), "utf8");
    for (const m of js.matchAll(STATIC_IMPORT)) {
      const next = resolveIn(file, m[1]);
      if (next && !seen.has(next)) pending.push(next);
    }
    for (const m of js.matchAll(DYNAMIC_IMPORT)) {
      const next = resolveIn(file, m[1]);
      if (next) dynamic.add(next);
    }
  }
  const files = [...seen].filter((f) => existsSync(join(dist, f))).sort();
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes).length; // zlib's default level (6), file by file as a server would send them
  }
  return {files, raw, gzip, missing, dynamic: [...dynamic].filter((d) => !seen.has(d)).sort()};
}

/** The npm package a built file belongs to ("_node/d3-array@3.2.5/index.js" → "d3-array"), or null. */
export function packageOf(file: string): {name: string; version: string} | null {
  const m = /^_(?:node|npm)\/((?:@[^/]+\/)?[^/@]+)@([^/]+)\//.exec(file);
  return m ? {name: m[1], version: m[2]} : null;
}

/** Libraries shipped twice: one package in two versions or in both _node and _npm, or Plot/Inputs bundled twice. */
export function duplicateLibraries(dist: string): string[] {
  const files = walk(dist).map((f) => relative(dist, f).split(sep).join("/"));
  const byName = new Map<string, Set<string>>();
  for (const f of files) {
    const p = packageOf(f);
    if (!p) continue;
    const where = `${f.split("/")[0]}/${p.name}@${p.version}`;
    byName.set(p.name, (byName.get(p.name) ?? new Set()).add(where));
  }
  const problems = [...byName].filter(([, w]) => w.size > 1).map(([n, w]) => `${n}: ${[...w].join(", ")}`);
  // Plot and Inputs stamp their CSS class prefix into their code: a second copy (another version, or one
  // inlined into another bundle) shows up as a second file carrying such a prefix.
  for (const [lib, marker] of [
    ["@observablehq/plot", /"plot-[0-9a-f]{6}"/],
    ["@observablehq/inputs", /"inputs-[0-9a-f]{6}"/]
  ] as const) {
    const carriers = files.filter((f) => f.endsWith(".js") && marker.test(readFileSync(join(dist, f), "utf8")));
    if (carriers.length > 1) problems.push(`${lib} code in ${carriers.length} files: ${carriers.join(", ")}`);
  }
  return problems;
}
