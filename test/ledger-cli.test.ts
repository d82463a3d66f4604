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
    for (const r of json.rows) expect(r.co2e_t_scenario).toBe(0);
    const paper = JSON.parse(runLedger(["--format", "json"]).output);
    expect(json.rows.map((r: {cells: unknown}) => r.cells)).toEqual(paper.rows.map((r: {cells: unknown}) => r.cells));
  });
});
