// Byte-for-byte comparison of two built sites, and a scan for build-time stamps (dates and epoch times of
// the build itself) that would make the next build differ. Used by scripts/verify-reproducible.ts and
// test/reproducible.test.ts.
import {spawnSync} from "node:child_process";
import {readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative, sep} from "node:path";

/** Every file under `dir`, as sorted "/"-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

export interface ByteDifference {
  file: string;
  /** First differing byte offset, and a little context from each side (JSON-escaped text). */
  offset: number;
  a: string;
  b: string;
  bytesA: number;
  bytesB: number;
}

export interface TreeComparison {
  files: number;
  bytes: number;
  onlyInA: string[];
  onlyInB: string[];
  differing: ByteDifference[];
  identical: boolean;
}

function excerpt(bytes: Buffer, offset: number): string {
  return JSON.stringify(bytes.subarray(Math.max(0, offset - 40), offset + 80).toString("utf8"));
}

/** Compares two folders file by file: names, then bytes; reports the first differing byte of each file. */
export function compareTrees(dirA: string, dirB: string): TreeComparison {
  const a = listFiles(dirA);
  const b = listFiles(dirB);
  const inB = new Set(b);
  const inA = new Set(a);
  const differing: ByteDifference[] = [];
  let bytes = 0;
  for (const file of a) {
    if (!inB.has(file)) continue;
    const x = readFileSync(join(dirA, file));
    const y = readFileSync(join(dirB, file));
    bytes += x.length;
    if (x.equals(y)) continue;
    let offset = 0;
    while (offset < x.length && offset < y.length && x[offset] === y[offset]) offset++;
    differing.push({file, offset, a: excerpt(x, offset), b: excerpt(y, offset), bytesA: x.length, bytesB: y.length});
  }
  const onlyInA = a.filter((f) => !inB.has(f));
  const onlyInB = b.filter((f) => !inA.has(f));
  return {
    files: a.length,
    bytes,
    onlyInA,
    onlyInB,
    differing,
    identical: !onlyInA.length && !onlyInB.length && !differing.length
  };
}

export interface Stamp {
  file: string;
  text: string;
  kind: "date" | "epoch-ms" | "epoch-s";
}

const TEXT_FILE = /\.(html|js|ts|json|css|csv|txt|md|svg|xml|cff|bib|yml|yaml)$/;

/** Stamps in the given files' text: dates of `nowMs` or the day before, epoch ms or s within two days. */
function scan(dir: string, files: string[], nowMs: number): Stamp[] {
  const day = 86400000;
  const dates = [nowMs, nowMs - day].map((t) => new Date(t).toISOString().slice(0, 10));
  const stamps: Stamp[] = [];
  for (const file of files) {
    if (!TEXT_FILE.test(file)) continue;
    const text = readFileSync(join(dir, file), "utf8");
    for (const date of dates) if (text.includes(date)) stamps.push({file, text: date, kind: "date"});
    for (const m of text.matchAll(/(?<![0-9.])([0-9]{13}|[0-9]{10})(?![0-9])/g)) {
      const n = Number(m[1]);
      const ms = m[1].length === 13 ? n : n * 1000;
      if (Math.abs(ms - nowMs) < 2 * day)
        stamps.push({file, text: m[1], kind: m[1].length === 13 ? "epoch-ms" : "epoch-s"});
    }
  }
  return stamps;
}

/** Files of the checkout that are sources (not dependencies, builds or caches). */
function sourceFiles(root: string): string[] {
  return listFilesUnder(
    root,
    (rel) =>
      !/^(node_modules|dist|\.git|\.test-dist|\.dist-staging-[^/]*|\.build-src-[^/]*|\.build\.lock|src\/\.observablehq)(\/|$)/.test(
        rel
      )
  );
}

function listFilesUnder(dir: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(dir, path).split(sep).join("/");
      if (!keep(rel)) continue;
      const st = statSync(path, {throwIfNoEntry: false});
      if (st?.isDirectory()) walk(path);
      else if (st?.isFile()) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Finds stamps of the build time in a built site's text files: today's or yesterday's date (YYYY-MM-DD,
 * UTC) and epoch milliseconds or seconds within two days of `nowMs`. Any of these would change with every
 * build, unless it was copied from a source file of `sourceRoot` (e.g. a date-released typed into
 * CITATION.cff today): those are not reported.
 */
export function findBuildStamps(dir: string, nowMs = Date.now(), sourceRoot: string | null = "."): Stamp[] {
  const inSources = new Set(
    sourceRoot == null ? [] : scan(sourceRoot, sourceFiles(sourceRoot), nowMs).map((s) => s.text)
  );
  return scan(dir, listFiles(dir), nowMs).filter((s) => !inSources.has(s.text));
}

/** Runs `npx tsx scripts/build.ts` into `distDir`; returns its exit status and its stderr. */
export function buildInto(distDir: string, env: NodeJS.ProcessEnv = {}): {status: number | null; stderr: string} {
  const result = spawnSync("npx", ["tsx", "scripts/build.ts"], {
    env: {...process.env, ...env, DIST_DIR: distDir},
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"]
  });
  return {status: result.status, stderr: `${result.stdout ?? ""}${result.stderr ?? ""}`};
}

/** A short human summary of a comparison: counts, then the first differences. */
export function describeComparison(c: TreeComparison, limit = 5): string {
  const lines = [
    `${c.files} files, ${c.bytes} bytes compared: ` +
      (c.identical
        ? "identical"
        : `${c.differing.length} differ, ${c.onlyInA.length} only in the first build, ${c.onlyInB.length} only in the second`)
  ];
  for (const f of c.onlyInA.slice(0, limit)) lines.push(`  only in the first build: ${f}`);
  for (const f of c.onlyInB.slice(0, limit)) lines.push(`  only in the second build: ${f}`);
  for (const d of c.differing.slice(0, limit)) {
    lines.push(`  ${d.file} (${d.bytesA} vs ${d.bytesB} bytes) first differs at byte ${d.offset}:`);
    lines.push(`    first:  ${d.a}`);
    lines.push(`    second: ${d.b}`);
  }
  return lines.join("\n");
}
