import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {loadPeerDefaults, loadPeerLocations} from "../loaders/peer-inputs.js";
import {buildLaterReport} from "../src/lib/later/later-report.js";
import {
  greenAlgorithms,
  mlCo2Impact,
  laterPeerRows,
  ledgerPeerRows,
  peerFigures,
  PEER_TOOLS,
  strubellPeerRows,
  trackerEstimate,
  twoDigits,
  type PeerDefault
} from "../src/lib/peers/peers.js";
import {computeLedger} from "../src/lib/later/ledger.js";
import {energyKwh} from "../src/lib/formulas/energy.js";
import {buildReport} from "../src/lib/paper/report.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";

// Worked examples from each tool's own code (the files and lines data/peer_defaults.csv cites).
let defaults: PeerDefault[];
beforeAll(() => {
  defaults = loadPeerDefaults("data");
});

describe("peers", () => {
  test("mlCo2Impact: js/grayscale.js's arithmetic, Tesla V100 (300 W) 100 h in gcp us-central1 (566.3 g) = 30 kWh × 0.57 = 17.1 kg", () => {
    // energy = twoDigits(300 × 100 / 1000) = 30; impact = twoDigits(566.3 / 1000) = 0.57; co2 = twoDigits(30 × 0.57).
    expect(mlCo2Impact(300, 100, 0.5663)).toEqual({kwh: 30, co2e_kg: 17.1});
    // Every step rounds to hundredths: 250 W × 12.345 h = 3.08625 → 3.09 kWh; 0.4327 → 0.43; 3.09 × 0.43 = 1.3287 → 1.33.
    expect(mlCo2Impact(250, 12.345, 0.4327)).toEqual({kwh: 3.09, co2e_kg: 1.33});
  });

  test("greenAlgorithms: the documented formula (methodology_layout.py lines 70-76) as form_blueprint.py computes it, 4 GPUs of 250 W at usage 1, 16 GB memory, PUE 1.56, 12 h, 423.94 g/kWh", () => {
    // power = 1.56 × (4 × 250 × 1 + 16 × 0.3725) = 1.56 × 1005.96 = 1569.2976 W; energy = 12 × 1569.2976 / 1000 kWh.
    const r = greenAlgorithms(250, 4, 12, 1, 16 * 0.3725, 1.56, 423.94);
    expect(r.kwh).toBeCloseTo((12 * 1.56 * 1005.96) / 1000, 12);
    expect(r.co2e_kg).toBeCloseTo(((12 * 1.56 * 1005.96) / 1000) * 0.42394, 12);
  });

  test("trackerEstimate: CodeCarbon's energy × pue (emissions_tracker.py `energy *= self._pue`) × g/kWh / 1000", () => {
    expect(trackerEstimate(10, 1.58, 369.47318).kwh).toBeCloseTo(15.8, 12);
    expect(trackerEstimate(10, 1, 369.473).co2e_kg).toBeCloseTo(3.69473, 12);
  });

  test("trackerEstimate with CodeCarbon's defaults gives its own tests' values (tests/test_emissions.py at v3.2.1)", () => {
    const value = (key: string) => defaults.find((d) => d.tool === "codecarbon" && d.key === key)!.value;
    const pue = value("pue");
    // test_get_emissions_PRIVATE_INFRA_FRA: 1 kWh in France → 56.04 / 1000 kg (assertAlmostEqual, places=2).
    expect(trackerEstimate(1, pue, value("intensity:FR")).co2e_kg).toBeCloseTo(56.04 / 1000, 4);
    // test_get_emissions_PRIVATE_INFRA_USA_WITHOUT_REGION: 0.3 kWh → 0.115 kg to 2 places (0.3 × 0.369473 = 0.1108).
    expect(Math.abs(trackerEstimate(0.3, pue, value("intensity:US")).co2e_kg - 0.115)).toBeLessThan(0.005);
  });

  test("trackerEstimate gives the figures of Carbontracker's README example (Energy 0.000041 kWh, 82.00 g/kWh → 0.003357 g)", () => {
    // README.md lines 124-129: the energy (with PUE) is printed to 6 decimals, so 0.0000405 to 0.0000415 kWh.
    const pue = defaults.find((d) => d.tool === "carbontracker" && d.key === "pue")!.value;
    const low = trackerEstimate(0.0000405 / pue, pue, 82).co2e_kg * 1000;
    const high = trackerEstimate(0.0000415 / pue, pue, 82).co2e_kg * 1000;
    expect(0.003357).toBeGreaterThanOrEqual(low);
    expect(0.003357).toBeLessThanOrEqual(high);
    expect(trackerEstimate(0.000041 / pue, pue, 82).kwh).toBeCloseTo(0.000041, 12);
  });

  test("loadPeerDefaults: every default has a source at a commit and a locator; the tools' documented values", () => {
    for (const d of defaults) {
      expect(d.source).toMatch(/@[0-9a-fv]/);
      expect(d.locator).not.toBe("");
      expect(PEER_TOOLS.map((t) => t.id)).toContain(d.tool);
    }
    const value = (tool: string, key: string) => defaults.find((d) => d.tool === tool && d.key === key)?.value;
    expect(value("green_algorithms", "pue")).toBe(1.56);
    expect(value("carbontracker", "pue")).toBe(1.58);
    expect(value("codecarbon", "pue")).toBe(1);
    expect(value("experiment_impact_tracker", "intensity:US")).toBeUndefined();
    expect(value("experiment_impact_tracker", "pue")).toBe(1.58);
    expect(value("experiment_impact_tracker", "intensity:FR")).toBe(55.99820113119911);
    expect(value("experiment_impact_tracker", "zone:US")).toBe(325);
  });

  test("trackerEstimate reproduces experiment-impact-tracker's own worked examples", () => {
    const value = (key: string) => defaults.find((d) => d.tool === "experiment_impact_tracker" && d.key === key)!.value;
    // tests/test_carbon_impact_statement_generator.py: its rough estimator for a GTX 1080 Ti at utilisation 1.0 for
    // 12 h in Portland, Oregon gives gpu_kWh == 3 and kg_carbon == 0.381018 (TDP × hours / 1000, no PUE, × the
    // zone US-OR's g/kWh / 1000).
    const rough = trackerEstimate(energyKwh(value("tdp:GTX 1080 Ti"), 12, 1), 1, value("intensity:US-OR"));
    expect(rough.kwh).toBe(3);
    expect(rough.co2e_kg).toBeCloseTo(0.381018, 12);
    // tests/test_scripts.py: with OVERRIDE_PUE=1.11 the kWh and kg are 1.11 / 1.58 of the default's (rtol 1e-2).
    const base = trackerEstimate(10, value("pue"), value("intensity:FR"));
    const override = trackerEstimate(10, 1.11, value("intensity:FR"));
    expect(override.kwh / base.kwh).toBeCloseTo(1.11 / 1.58, 12);
    expect(override.co2e_kg / base.co2e_kg).toBeCloseTo(1.11 / 1.58, 12);
  });

  test("peerFigures for Transformer (base): each tool's figure from its defaults, and the trackers' reasons for TPU rows", () => {
    const inputs = loadInputs("data");
    const rows = strubellPeerRows(
      buildReport(inputs, paperScenario(inputs)),
      loadPeerLocations("data"),
      inputs.accelerators
    );
    const base = rows.find((r) => r.id === "transformer_base")!;
    // 8 P100 for 12 h at 1415.78 W measured: 16.98936 kWh at the hardware.
    expect(base.hardwareKwh).toBeCloseTo(16.98936, 9);
    const f = Object.fromEntries(peerFigures(base, defaults).map((x) => [x.tool, x]));
    // ML CO2 Impact: 250 W × 96 GPU-hours = 24 kWh × 0.43 = 10.32 kg.
    expect(f.ml_co2_impact).toMatchObject({kwh: 24, co2e_kg: 10.32});
    // Green Algorithms: 12 h × 1.56 × 8 × 250 W = 37.44 kWh × 0.42394.
    expect(f.green_algorithms.kwh).toBeCloseTo(37.44, 12);
    expect(f.green_algorithms.co2e_kg).toBeCloseTo(37.44 * 0.42394, 12);
    expect(f.codecarbon.co2e_kg).toBeCloseTo(16.98936 * 0.369473, 12);
    expect(f.carbontracker.co2e_kg).toBeCloseTo(16.98936 * 1.58 * 0.36947318, 12);
    expect(f.experiment_impact_tracker.co2e_kg).toBeNull();
    // It looks intensities up by grid zone: its zone "US" is, by its own comment, only for imports to California.
    expect(f.experiment_impact_tracker.reason).toMatch(
      /^no default for this location \(US\): not a US average, so not used: its own comment says "Only for imports to California!"/
    );
    expect(f.experiment_impact_tracker.used).toEqual(["PUE 1.58"]);
    const gpt2 = Object.fromEntries(
      peerFigures(
        rows.find((r) => r.id === "gpt2")!,
        defaults
      ).map((x) => [x.tool, x])
    );
    expect(gpt2.codecarbon.reason).toBe("it measures power with NVML and RAPL, which cannot read a TPU");
    // ML CO2 Impact lists TPUv3 chips at 283 W (average draw from Patterson et al., as its gpus.csv says).
    expect(gpt2.ml_co2_impact.kwh).toBe(twoDigits((283 * rows.find((r) => r.id === "gpt2")!.acceleratorHours!) / 1000));
  });

  test("laterPeerRows: BLOOM in France by every tool with a French default; TPU and country-less rows say why", () => {
    const inputs = loadInputs("data");
    const rows = laterPeerRows(
      buildLaterReport(inputs, paperScenario(inputs)),
      loadPeerLocations("data"),
      inputs.accelerators
    );
    const figures = (id: string) =>
      Object.fromEntries(
        peerFigures(
          rows.find((r) => r.id === id)!,
          defaults
        ).map((x) => [x.tool, x])
      );
    const bloom = figures("bloom");
    // 1,082,990 A100-hours: ML CO2 Impact 400 W → 433,196 kWh, × twoDigits(0.057) = 0.06 kg/kWh.
    expect(bloom.ml_co2_impact).toMatchObject({kwh: 433196, co2e_kg: 25991.76});
    // Green Algorithms lists the A100 only as PCIe cards (250 and 300 W): not the SXM4 that BLOOM used.
    expect(bloom.green_algorithms.reason).toBe("no A100 in its TDP table");
    // CodeCarbon: the 433,196 kWh measured at PUE 1 × 56.039 g/kWh; Carbontracker at PUE 1.58 × 56.03859 g/kWh.
    expect(bloom.codecarbon.co2e_kg).toBeCloseTo(433196 * 0.056039, 6);
    expect(bloom.carbontracker.co2e_kg).toBeCloseTo(433196 * 1.58 * 0.05603859, 6);
    // experiment-impact-tracker: PUE 1.58 × its zone FR's 55.998… g/kWh (ElectricityMap average 2019).
    expect(bloom.experiment_impact_tracker.kwh).toBeCloseTo(433196 * 1.58, 6);
    expect(bloom.experiment_impact_tracker.co2e_kg).toBeCloseTo(433196 * 1.58 * 0.05599820113119911, 6);
    expect(figures("t5").codecarbon.reason).toBe("it measures power with NVML and RAPL, which cannot read a TPU");
    expect(figures("gpt3").codecarbon.reason).toBe(
      "no source names the country it ran in, so no country default applies"
    );
    expect(figures("gopher").ml_co2_impact.reason).toBe("the source names no accelerator and hours to take a TDP from");
  });

  test("ledgerPeerRows: every ledger model row, under its own intensity; no country named, so the country tools say why", () => {
    const inputs = loadInputs("data");
    const computed = computeLedger(inputs);
    const rows = ledgerPeerRows(
      inputs.ledgerRows,
      inputs.ledgerPublished,
      computed,
      loadPeerLocations("data"),
      inputs.accelerators
    );
    const models = inputs.ledgerRows.filter((r) => r.kind === "model");
    expect(rows.map((r) => r.id)).toEqual(models.map((r) => r.id));
    const l70 = rows.find((r) => r.id === "llama2_70b")!;
    const c70 = computed.find((c) => c.id === "llama2_70b")!;
    // Llama 2 70B: 1,720,320 A100 GPU-hours at 400 W, printed 291.42 t.
    expect(l70).toMatchObject({
      accelerator: "A100",
      acceleratorHours: 1720320,
      hardwareKwh: null,
      location: null,
      tpu: false,
      printedKg: 291420
    });
    expect(l70.kgPerKwh).toBe(c70.kg_per_kwh);
    expect(l70.recomputedKg).toBeCloseTo(c70.co2e_t * 1000, 9);
    const figures = Object.fromEntries(peerFigures(l70, defaults).map((f) => [f.tool, f]));
    // ML CO2 Impact: its A100 at 400 W × 1,720,320 h = 688,128 kWh, at the row's intensity rounded to hundredths.
    expect(figures.ml_co2_impact).toMatchObject({kwh: 688128, co2e_kg: twoDigits(688128 * twoDigits(l70.kgPerKwh!))});
    expect(figures.codecarbon.reason).toBe("no source names the country it ran in, so no country default applies");
    expect(figures.carbontracker.reason).toBe("no source names the country it ran in, so no country default applies");
    // An H100 row: ML CO2 Impact's table at the recorded commit has no H100.
    const l405 = Object.fromEntries(
      peerFigures(
        rows.find((r) => r.id === "llama3_1_405b")!,
        defaults
      ).map((f) => [f.tool, f])
    );
    expect(l405.ml_co2_impact.reason).toBe("no H100 in its GPU table");
  });

  test("ledgerPeerRows throws on a row the ledger did not compute", () => {
    const inputs = loadInputs("data");
    expect(() =>
      ledgerPeerRows(inputs.ledgerRows, inputs.ledgerPublished, [], loadPeerLocations("data"), inputs.accelerators)
    ).toThrow(/ledger row "llama2_7b" has no recomputed CO2e/);
  });

  test("cli peers --format json|csv|md prints one line per row and tool (child process)", () => {
    const run = (format: string) =>
      spawnSync(join("node_modules", ".bin", "tsx"), ["cli/cli.ts", "peers", "--format", format], {
        encoding: "utf8"
      });
    const json = JSON.parse(run("json").stdout);
    // 8 Table 3 rows, 9 later models and the ledger's model rows.
    const runs = 17 + loadInputs("data").ledgerRows.filter((r) => r.kind === "model").length;
    expect(json.rows).toHaveLength(runs * PEER_TOOLS.length);
    expect(json.rows.filter((r: {id: string}) => r.id === "llama4_maverick")).toHaveLength(PEER_TOOLS.length);
    expect(json.rows[0]).toMatchObject({id: "transformer_base", tool: "ml_co2_impact", kwh: 24, co2e_kg: 10.32});
    const csv = run("csv").stdout.split("\n");
    expect(csv[0]).toBe("id,model,printed_kg,recomputed_kg,tool,tool_name,kwh,co2e_kg,ratio_to_recomputed,used,reason");
    expect(csv).toHaveLength(runs * PEER_TOOLS.length + 2);
    expect(run("md").stdout).toMatch(/^\| Model \| Printed kg \|/);
    const bad = run("pdf");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format "pdf" is not allowed: one of json, csv, md/);
  });

  test("ledgerPeerRows: a row that prints only its CO2e is printed, not recomputed, and every tool says there is nothing to start from", () => {
    const inputs = loadInputs("data");
    const rows = ledgerPeerRows(
      inputs.ledgerRows,
      inputs.ledgerPublished,
      computeLedger(inputs),
      loadPeerLocations("data"),
      inputs.accelerators
    );
    const g = rows.find((r) => r.id === "gemma1_pretraining")!;
    expect(g).toMatchObject({printedKg: 131000, recomputedKg: null, kgPerKwh: null, acceleratorHours: null});
    const figures = peerFigures(g, defaults);
    expect(figures).toHaveLength(PEER_TOOLS.length);
    for (const f of figures) {
      expect(f, f.tool).toMatchObject({kwh: null, co2e_kg: null});
      expect(f.reason, f.tool).toMatch(/prints only its CO2e .*: there is nothing to recompute/);
    }
  });
});
