#!/usr/bin/env -S npx tsx
// `npm run verify:reproducible`: builds the site twice from scratch into two temporary folders and checks
// that both have the same file names and the same bytes, and that no output carries a stamp of the build
// time. The second build runs from a copy of the checkout at another path, in another time zone and
// locale, so output that depends on where or when it was built is caught too (--same-checkout: build both
// from this checkout). Prints a JSON summary and the first differences; exits 1 on any difference.
//   npx tsx scripts/verify-reproducible.ts [--same-checkout] [--keep]
import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {buildInto, compareTrees, describeComparison, findBuildStamps} from "./reproducible.js";

const root = process.cwd();
const args = new Set(process.argv.slice(2));
for (const a of args)
  if (a !== "--same-checkout" && a !== "--keep") {
    process.stderr.write(`verify-reproducible: unknown option "${a}": allowed are --same-checkout, --keep\n`);
    process.exit(2);
  }

const work = mkdtempSync(join(tmpdir(), "verify-reproducible-"));
const distA = join(work, "a");
const distB = join(work, "b");

/** A copy of the checkout's files (tracked and untracked, not ignored) at another path, sharing node_modules. */
function copyCheckout(): string | null {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8"
  });
  if (listed.status !== 0) return null;
  const copy = join(work, "checkout");
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (file === "node_modules" || !existsSync(join(root, file))) continue; // linked below; deleted, not staged
    mkdirSync(dirname(join(copy, file)), {recursive: true});
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

function build(label: string, dist: string, cwd: string, env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const here = process.cwd();
  process.chdir(cwd);
  try {
    const {status, stderr} = buildInto(dist, env);
    if (status !== 0) {
      process.stderr.write(stderr);
      throw new Error(`the ${label} build failed (exit ${status})`);
    }
  } finally {
    process.chdir(here);
  }
  process.stderr.write(`[verify] ${label} build: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

let failed = false;
try {
  build("first", distA, root, {});
  const elsewhere = args.has("--same-checkout") ? null : copyCheckout();
  build(
    elsewhere ? "second (copy of the checkout, TZ=Pacific/Chatham, LANG=de_DE.UTF-8)" : "second",
    distB,
    elsewhere ?? root,
    elsewhere ? {TZ: "Pacific/Chatham", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8"} : {}
  );
  const comparison = compareTrees(distA, distB);
  const stamps = findBuildStamps(distA);
  failed = !comparison.identical || stamps.length > 0;
  process.stdout.write(
    JSON.stringify(
      {
        reproducible: !failed,
        files: comparison.files,
        bytes: comparison.bytes,
        secondBuild: elsewhere ? "copy of the checkout at another path, other TZ and locale" : "same checkout",
        onlyInFirst: comparison.onlyInA,
        onlyInSecond: comparison.onlyInB,
        differing: comparison.differing.map((d) => d.file),
        firstDifference: comparison.differing[0] ?? null,
        buildTimeStamps: stamps
      },
      null,
      2
    ) + "\n"
  );
  process.stderr.write(describeComparison(comparison) + "\n");
  for (const s of stamps.slice(0, 5)) process.stderr.write(`  build-time stamp (${s.kind}) in ${s.file}: ${s.text}\n`);
  process.stderr.write(failed ? "verify-reproducible: NOT reproducible\n" : "verify-reproducible: byte-identical\n");
} catch (error) {
  failed = true;
  process.stderr.write(`verify-reproducible: ${(error as Error).message}\n`);
} finally {
  if (args.has("--keep")) process.stderr.write(`[verify] builds kept in ${work}\n`);
  else rmSync(work, {recursive: true, force: true});
}
process.exitCode = failed ? 1 : 0;
