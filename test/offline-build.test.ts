// Offline build: `npx tsx scripts/build.ts` inside a network namespace with no network at all (`unshare -n`,
// root only) must succeed and must not try to fetch anything (CDN, npm registry).
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, test} from "vitest";

const probe = spawnSync("unshare", ["-n", "true"], {encoding: "utf8"});
const permitted = probe.status === 0;
const reason = permitted
  ? ""
  : ` (SKIPPED: "unshare -n true" is not permitted here: ${(probe.stderr || probe.error?.message || "").trim()})`;

// Created when a test of this file runs (a filtered run that skips them all leaves nothing behind).
let work = "";
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "offline-build-"));
});
afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true});
});

/** Output of a build or a fetch that reached for the network. */
const NETWORK =
  /unable to fetch|failed to fetch|fetch failed|ENOTFOUND|EAI_AGAIN|ENETUNREACH|ECONNREFUSED|getaddrinfo|registry\.npmjs|cdn\.jsdelivr|esm\.sh|api\.observablehq/i;

describe.skipIf(!permitted)(`scripts/build.ts without network${reason}`, () => {
  test("unshare -n leaves no network: a fetch inside the namespace fails", () => {
    // The check below is only meaningful if the namespace really has no network.
    const r = spawnSync(
      "unshare",
      [
        "-n",
        process.execPath,
        "-e",
        "fetch('https://registry.npmjs.org/').then(() => process.exit(0), () => process.exit(3))"
      ],
      {encoding: "utf8", timeout: 60000}
    );
    expect(r.status).toBe(3);
  });

  test("scripts/build.ts builds every page with no network and never tries to fetch", () => {
    const dist = join(work, "dist");
    const r = spawnSync("unshare", ["-n", "npx", "tsx", "scripts/build.ts"], {
      env: {...process.env, DIST_DIR: dist, BUILD_VERBOSE: "1", npm_config_offline: "true"},
      encoding: "utf8",
      timeout: 280000
    });
    const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    // The lines that say what went wrong, then the end of the output.
    const lines = output.split("\n");
    const why = [...lines.filter((l) => /error|fail|fetch/i.test(l)).slice(0, 20), "…", ...lines.slice(-15)].join("\n");
    expect(r.status, why).toBe(0);
    expect(output.match(NETWORK)?.[0] ?? null, why).toBeNull();
    expect(existsSync(join(dist, "index.html"))).toBe(true);
    expect(existsSync(join(dist, "provenance.json"))).toBe(true);
    // Every library is bundled from node_modules, none fetched into _npm/ from a CDN.
    expect(existsSync(join(dist, "_npm")) ? readdirSync(join(dist, "_npm")) : []).toEqual([]);
  }, 300000);
});
