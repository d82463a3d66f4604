import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {LedgerUsageError, runLedger} from "../cli/ledger-cli.js";

const COLUMNS = ["gpu_hours", "power_w", "mwh", "co2e_t", "co2e_t_market", "water_l"];
const STATUSES = ["input", "reproduced", "calibrated", "differs"];

describe("ledger-cli", () => {
  test("runLedger --format json prints {rows: [{id, model, organisation, year, source, locator, cells: [{column, printed, recomputed, status, errata}]}]}", () => {
    const json = JSON.parse(runLedger(["--format", "json"]).output);
    expect(json.rows.length).toBeGreaterThanOrEqual(29);
    for (const r of json.rows) {
      for (const k of ["id", "model", "organisation", "source", "locator"])
        expect(typeof r[k], `${r.id}.${k}`).toBe("string");
      expect(Number.isInteger(r.year)).toBe(true);
      for (const c of r.cells) {
        expect(COLUMNS).toContain(c.column);
        expect(typeof c.printed).toBe("string");
        expect(typeof c.recomputed).toBe("number");
        expect(STATUSES).toContain(c.status);
        expect(Array.isArray(c.errata)).toBe(true);
        if (c.status === "differs") expect(c.errata.length, `${r.id}.${c.column}`).toBeGreaterThan(0);
      }
    }
    const llama = json.rows.find((r: {id: string}) => r.id === "llama3_1_405b");
    expect(llama.cells.map((c: {column: string}) => c.column)).toEqual([
      "gpu_hours",
      "power_w",
      "co2e_t",
      "co2e_t_market"
    ]);
    const ids = new Set(json.errata.map((e: {id: string}) => e.id));
    for (const r of json.rows) for (const c of r.cells) for (const e of c.errata) expect(ids.has(e)).toBe(true);
  });

  test("runLedger --format json carries no binary noise", () => {
    const text = runLedger(["--format", "json"]).output;
    expect(text).not.toMatch(/\d\.\d*(0000000|9999999)\d/);
  });

  test("runLedger --format csv prints one line per printed value with a header", () => {
    const lines = runLedger(["--format", "csv"]).output.trim().split("\n");
    expect(lines[0]).toBe("id,model,organisation,year,column,quantity,printed,recomputed,status,errata,source,locator");
    const json = JSON.parse(runLedger(["--format", "json"]).output);
    const n = json.rows.reduce((a: number, r: {cells: unknown[]}) => a + r.cells.length, 0);
    expect(lines.length - 1).toBe(n);
  });

  test("runLedger --help describes the subcommand; a bad format is a usage error naming the allowed ones", () => {
    expect(runLedger(["--help"]).output).toMatch(/^Usage: npm run report -- ledger/);
    expect(() => runLedger(["--format", "xml"])).toThrow(LedgerUsageError);
    expect(() => runLedger(["--format", "xml"])).toThrow(/one of text, json, csv, md/);
  });

  test("runLedger under a scenario moves only the scenario columns: --pue 1 --intensity 0g gives 0 t", () => {
    const json = JSON.parse(runLedger(["--format", "json", "--pue", "1", "--intensity", "0g"]).output);
    // A row whose source prints only its CO2e has no energy to put under the scenario: null, not 0.
    expect(json.rows.filter((r: {co2e_only: boolean}) => r.co2e_only).length).toBeGreaterThanOrEqual(2);
    for (const r of json.rows) expect(r.co2e_t_scenario, r.id).toBe(r.co2e_only ? null : 0);
    const paper = JSON.parse(runLedger(["--format", "json"]).output);
    expect(json.rows.map((r: {cells: unknown}) => r.cells)).toEqual(paper.rows.map((r: {cells: unknown}) => r.cells));
  });

  test("runLedger --accounting market: market-based rows take the source's share, the others keep location-based with a note", () => {
    type Row = {
      id: string;
      co2e_t_scenario: number;
      co2e_t_scenario_location: number;
      accounting: string;
      accounting_note: string | null;
      market_share: number | null;
    };
    const json = JSON.parse(runLedger(["--format", "json", "--accounting", "market"]).output);
    const location = JSON.parse(runLedger(["--format", "json"]).output);
    const row = (rows: Row[], id: string) => rows.find((r) => r.id === id)!;
    expect(json.scenario).toMatchObject({accounting: "market", query: "accounting=market"});
    // Llama 3.1 405B: the card's market-based 0 t.
    expect(row(json.rows, "llama3_1_405b")).toMatchObject({co2e_t_scenario: 0, accounting: "market", market_share: 0});
    // GShard-600B: net 0.177 of gross 0.201 kg/kWh.
    const gshard = row(json.rows, "gshard_600b");
    expect(gshard.co2e_t_scenario).toBeCloseTo((gshard.co2e_t_scenario_location * 0.177) / 0.201, 9);
    // Llama 2 and BLOOM print no market-based figure: location-based kept, and said.
    for (const id of ["llama2_70b", "bloom"]) {
      expect(row(json.rows, id)).toMatchObject({
        accounting: "location",
        accounting_note: "the source prints no market-based figure: location-based kept"
      });
      expect(row(json.rows, id).co2e_t_scenario).toBe(row(location.rows, id).co2e_t_scenario);
    }
    // The text form says how many rows keep location-based.
    const kept = (json.rows as Row[]).filter((r) => r.accounting === "location").length;
    expect(runLedger(["--accounting", "market"]).output).toContain(
      `${kept} of ${json.rows.length} rows print no market-based figure and keep location-based`
    );
    expect(runLedger([]).output).not.toMatch(/Market-based accounting/);
    // Under location-based accounting (the default) every row's scenario CO2e is its location-based one.
    // (A row whose source prints only its CO2e has neither, and its note says so.)
    for (const r of location.rows as Array<Row & {co2e_only: boolean}>) {
      expect(r.co2e_t_scenario, r.id).toBe(r.co2e_t_scenario_location);
      if (r.co2e_only) {
        expect(r.co2e_t_scenario, r.id).toBeNull();
        expect(r.accounting_note, r.id).toMatch(/prints only its CO2e .*: there is nothing to recompute/);
      } else expect(r.accounting_note, r.id).toBeNull();
    }
  });

  test("cli ledger --accounting: a bad value exits 2 naming the parameter and what is allowed; --help lists it (child process)", () => {
    const run = (...args: string[]) =>
      spawnSync(join("node_modules", ".bin", "tsx"), ["cli/cli.ts", "ledger", ...args], {encoding: "utf8"});
    const bad = run("--accounting", "net");
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/--accounting "net" is not allowed: one of location, market/);
    const help = run("--help");
    expect(help.stdout).toMatch(/--accounting +location-based \(grid average\) or market-based/);
    expect(help.stdout).toMatch(/one of location, market/);
    const good = run("--accounting", "market", "--format", "json");
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).scenario.accounting).toBe("market");
  });
});
