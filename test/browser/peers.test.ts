// The peers page: the figure and the table hold what `npm run report -- peers` computes, one line per run and tool.
import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../../loaders/inputs.js";
import {loadPeerDefaults, loadPeerLocations} from "../../loaders/peer-inputs.js";
import {buildLaterReport} from "../../src/lib/later/later-report.js";
import {formatSignificant} from "../../src/lib/present/format.js";
import {computeLedger} from "../../src/lib/later/ledger.js";
import {laterPeerRows, ledgerPeerRows, peerLines, strubellPeerRows, type PeerLine} from "../../src/lib/peers/peers.js";
import {buildReport} from "../../src/lib/paper/report.js";
import {paperScenario} from "../../src/lib/scenario/scenario.js";
import type {Watched} from "../../browser/harness.js";
import {siteSession} from "./session.js";

const site = siteSession();
let lines: PeerLine[];

beforeAll(() => {
  const inputs = loadInputs("data");
  const locations = loadPeerLocations("data");
  const scenario = paperScenario(inputs);
  lines = peerLines(
    [
      ...strubellPeerRows(buildReport(inputs, scenario), locations, inputs.accelerators),
      ...laterPeerRows(buildLaterReport(inputs, scenario), locations, inputs.accelerators),
      ...ledgerPeerRows(
        inputs.ledgerRows,
        inputs.ledgerPublished,
        computeLedger(inputs),
        locations,
        inputs.accelerators
      )
    ],
    loadPeerDefaults("data")
  );
});

const open = (): Promise<Watched> => site.open("peers.html", '[data-figure="peers-co2e"] svg');

describe("peers page", () => {
  test("shows a figure and a table of every run by every tool, with the CLI's figures", async () => {
    const {page, external, errors} = await open();
    const table = page.locator('table:has(caption:text("What each tool would report"))');
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(rows).toHaveLength(lines.length);
    rows.forEach((cells, k) => {
      expect(cells[0]).toBe(lines[k].model);
      expect(cells[1]).toBe(lines[k].tool_name);
      expect(cells[5]).toBe(formatSignificant(lines[k].co2e_kg, 4));
    });
    // Every tool that has a figure appears in the chart's legend.
    const legend = await page.locator('[data-figure="peers-co2e"]').textContent();
    for (const name of [
      "ML CO2 Impact",
      "Green Algorithms",
      "CodeCarbon",
      "Carbontracker",
      "experiment-impact-tracker"
    ])
      expect(legend).toContain(name);
    // experiment-impact-tracker by grid zone: BLOOM in zone FR has a figure; a US run says in words why it has none.
    const eit = (id: string) => lines.findIndex((l) => l.id === id && l.tool === "experiment_impact_tracker");
    expect(rows[eit("bloom")][5]).toBe(formatSignificant(lines[eit("bloom")].co2e_kg, 4));
    expect(lines[eit("bloom")].co2e_kg).not.toBeNull();
    expect(rows[eit("transformer_base")][7]).toMatch(/^no default for this location \(US\): not a US average/);
    expect(await page.locator('table:has(caption:text("Every default used above")) tbody tr').count()).toBe(
      loadPeerDefaults("data").length
    );
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
