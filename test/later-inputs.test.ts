// Bad rows in the later-model files: each case edits one line of a copy of data/ and must fail with a
// DataError naming the file, the line and the column.
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {DataError} from "../loaders/errors.js";
import {loadInputs} from "../loaders/inputs.js";
import {dataCopies, dataErrorOf, lineOf} from "./data-copy.js";

const copy = dataCopies("later-inputs-");
/** A copy of data/ with one line of `file` (found by its first field) replaced. */
const withLine = (file: string, startsWith: string, replacement: string) =>
  copy(file, (text) => {
    const lines = text.split("\n");
    const k = lines.findIndex((l) => l.startsWith(startsWith));
    if (k < 0) throw new Error(`no line starting with ${startsWith} in ${file}`);
    lines[k] = replacement;
    return lines.join("\n");
  });
const dataError = (dir: string) => dataErrorOf(() => loadInputs(dir));

describe("later-inputs", () => {
  test("loadInputs reads the accelerators, later models and their printed values", () => {
    const inputs = loadInputs("data");
    expect(inputs.accelerators.find((a) => a.id === "A100")).toMatchObject({watts: 400, powerBasis: "nameplate"});
    expect(inputs.accelerators.find((a) => a.id === "TPUv4")).toMatchObject({watts: 170, powerBasis: "measured"});
    expect(inputs.laterModels.find((m) => m.id === "bloom")).toMatchObject({
      acceleratorHours: 1082990,
      energyKwh: 433196
    });
    expect(
      inputs.laterPublished.find((c) => c.table === "patterson-t4" && c.row === "t5" && c.column === "mwh")
    ).toMatchObject({value: 85.7, step: 0.1});
    for (const a of inputs.accelerators) expect(a.source.length * a.locator.length, a.id).toBeGreaterThan(0);
  });

  test("loadInputs rejects a later model with both power and energy", () => {
    const dir = withLine(
      "later_models.v2.csv",
      "meena,",
      'meena,Meena,TPUv3,1024,30,,289,1000,1.09,0.415,0.415,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4,Google,2021,,'
    );
    const e = dataError(dir);
    expect(e.file).toMatch(/(^|\/)later_models.v2.csv$/);
    expect(e.line).toBe(lineOf("later_models.v2.csv", "meena,"));
    expect(e.column).toBe("energy_kwh");
    expect(e.message).toMatch(/either watts_per_chip .* or energy_kwh, not both/);
  });

  test("loadInputs rejects a power without chips and days", () => {
    const dir = withLine(
      "later_models.v2.csv",
      "meena,",
      'meena,Meena,TPUv3,1024,,,289,,1.09,0.415,0.415,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4,Google,2021,,'
    );
    const e = dataError(dir);
    expect(e.column).toBe("days");
    expect(e.message).toMatch(/needs chips and days, or accelerator_hours/);
  });

  test("loadInputs rejects an unknown processor, naming the known ones", () => {
    const dir = withLine(
      "later_models.v2.csv",
      "t5,",
      't5,T5,TPUv9,512,20,,310,,1.12,0.545,0.545,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4,Google,2021,,'
    );
    const e = dataError(dir);
    expect(e.line).toBe(lineOf("later_models.v2.csv", "t5,"));
    expect(e.column).toBe("processor");
    expect(e.message).toMatch(/unknown accelerator "TPUv9"; known: P100, V100/);
  });

  test("loadInputs rejects an inferred_by_source naming an input the row does not give", () => {
    const dir = withLine(
      "later_models.v2.csv",
      "t5,",
      't5,T5,TPUv3,512,20,,310,,1.12,0.545,0.545,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4,Google,2021,energy_kwh,'
    );
    const e = dataError(dir);
    expect(e.column).toBe("inferred_by_source");
    expect(e.message).toMatch(/"energy_kwh" is not an input this row gives; allowed: chips, days, watts_per_chip/);
  });

  test("loadInputs rejects a PUE outside 1–3 in a later model", () => {
    const dir = withLine(
      "later_models.v2.csv",
      "t5,",
      't5,T5,TPUv3,512,20,,310,,0.9,0.545,0.545,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4,Google,2021,,'
    );
    expect(dataError(dir).column).toBe("pue");
  });

  test("loadInputs rejects a printed value of an unknown model or column", () => {
    const bad = withLine(
      "later_published.v2.csv",
      "patterson-t4,meena,mwh,",
      'patterson-t4,mena,mwh,232,232,1,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4'
    );
    const e = dataError(bad);
    expect(e.file).toMatch(/(^|\/)later_published.v2.csv$/);
    expect(e.column).toBe("row");
    expect(e.message).toMatch(/unknown later model "mena"/);
    const col = withLine(
      "later_published.v2.csv",
      "patterson-t4,meena,mwh,",
      'patterson-t4,meena,gwh,232,232,1,"Patterson et al. 2021 (arXiv:2104.10350)",Table 4'
    );
    expect(dataError(col).message).toMatch(/unknown column "gwh"; known: mwh, mwh_hardware/);
  });

  test("loadInputs rejects a net CO2e for a model without a net intensity", () => {
    const dir = withLine(
      "later_published.v2.csv",
      "luccioni-comparison,bloom,co2e_t_gross,",
      'luccioni-comparison,bloom,co2e_t_net,30,30,1,"Luccioni, Viguier & Ligozat 2022 (arXiv:2211.02001)",x'
    );
    expect(dataError(dir).message).toMatch(/"bloom" has no net_kg_per_kwh/);
  });

  test("loadInputs rejects an accelerator whose hardware id is unknown", () => {
    const dir = withLine(
      "accelerators.csv",
      "H100,",
      "H100,NVIDIA H100,gpu,SXM5,700,nameplate,H200,NVIDIA H100 Tensor Core GPU datasheet,specs,"
    );
    const e = dataError(dir);
    expect(e.file).toMatch(/(^|\/)accelerators.csv$/);
    expect(e.column).toBe("hardware");
    expect(e.message).toMatch(/unknown hardware "H200"/);
  });
});
