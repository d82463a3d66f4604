import {spawnSync} from "node:child_process";
import {describe, expect, test} from "vitest";

describe("cli", () => {
  test("cli.ts ends quietly with status 0 when its reader closes the pipe early (| head)", () => {
    const r = spawnSync(
      "bash",
      ["-o", "pipefail", "-c", "node_modules/.bin/tsx cli/cli.ts ledger --format json | head -c 10 >/dev/null"],
      {encoding: "utf8", env: {...process.env, TZ: "UTC"}}
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60000);
});
