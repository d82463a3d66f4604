import {describe, expect, test} from "vitest";
import config, {SCENARIO_PAGES, SCENARIO_QUERY} from "../observablehq.config.js";
import {SCENARIO_PARAMS} from "../src/lib/scenario/scenario.js";

describe("observablehq.config", () => {
  test("SCENARIO_QUERY names exactly the scenario's parameters", () => {
    expect([...SCENARIO_QUERY].sort()).toEqual(SCENARIO_PARAMS.map((p) => p.name).sort());
  });
  test("SCENARIO_PAGES are pages of the site that read the scenario from their address", async () => {
    const {readFileSync} = await import("node:fs");
    const paths = JSON.stringify(config.pages);
    for (const page of SCENARIO_PAGES) {
      expect(paths).toContain(`"/${page}"`);
      expect(readFileSync(`src/${page}.md`, "utf8")).toMatch(/location\.search/);
    }
  });
  test("the head carries the scenario script with both lists", () => {
    expect(config.head).toContain("<script>");
    expect(config.head).toContain(JSON.stringify(SCENARIO_QUERY));
    expect(config.head).toContain(JSON.stringify(SCENARIO_PAGES));
  });
});
