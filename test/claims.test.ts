import {beforeAll, describe, expect, test} from "vitest";
import {loadInputs} from "../loaders/inputs.js";
import {claims, DAYS_PER_MONTH, type Claim} from "../src/lib/paper/claims.js";
import {paperScenario} from "../src/lib/scenario/scenario.js";
import {computeTables} from "../src/lib/paper/tables.js";
import type {Inputs} from "../src/lib/inputs/types.js";

let inputs: Inputs;
let paper: Claim[];
const byId = (list: Claim[], id: string) => list.find((c) => c.id === id)!;

beforeAll(() => {
  inputs = loadInputs("data");
  paper = claims(inputs, computeTables(inputs, paperScenario(inputs)));
});

describe("claims", () => {
  test("DAYS_PER_MONTH is an average Gregorian month", () => {
    expect(DAYS_PER_MONTH).toBeCloseTo(30.436875, 12);
  });

  test("claims returns the three press claims", () => {
    expect(paper.map((c) => c.id)).toEqual(["nas-cars", "bert-flight", "lisa-project"]);
    for (const c of paper) expect(c.quote.length).toBeGreaterThan(20);
  });

  test("claims nas-cars: 626,155 lbs is about five cars' lifetimes", () => {
    // 1.58 × 274,120 h × 1515.43 W / 1000 × 0.954 = 626,155.3 lbs; / 126,000 lbs = 4.9695.
    const c = byId(paper, "nas-cars");
    expect(c.co2eLbs).toBeCloseTo(((1.58 * 274120 * 1515.43) / 1000) * 0.954, 6);
    expect(c.co2eLbs).toBeCloseTo(626155.31, 2);
    expect(c.referenceLbs).toBe(126000);
    expect(c.ratio).toBeCloseTo(4.9695, 4);
    expect(c.referenceLabel).toMatch(/Car/);
  });

  test("claims bert-flight: 1,437.5 lbs against one passenger's 1,984 lbs NY↔SF round trip", () => {
    // 1.58 × 79.2 h × 12,041.51 W / 1000 × 0.954 = 1437.51 lbs; / 1984 = 0.7246.
    const c = byId(paper, "bert-flight");
    expect(c.co2eLbs).toBeCloseTo(1437.5124, 4);
    expect(c.referenceLbs).toBe(1984);
    expect(c.ratio).toBeCloseTo(0.72455, 5);
  });

  test("claims lisa-project: 4,789 models over 172 days (5.65 months), 78,468 lbs", () => {
    // 239,942 h × 216.96 W × 1.58 / 1000 × 0.954 = 78,467.79 lbs (calibrated to Table 1's 78,468).
    const c = byId(paper, "lisa-project");
    expect(c.co2eLbs).toBeCloseTo(78467.7877, 4);
    expect(c.extra.models).toBe(4789);
    expect(c.extra.days).toBe(172);
    expect(c.extra.months).toBeCloseTo(172 / 30.436875, 12);
    expect(c.extra.months).toBeCloseTo(5.651, 3);
    expect(c.ratio).toBeCloseTo(78467.7877 / 126000, 8);
  });

  test("claims scale with the scenario's PUE", () => {
    const s = {...paperScenario(inputs), pue: 1.1};
    const other = claims(inputs, computeTables(inputs, s));
    for (const id of ["nas-cars", "bert-flight", "lisa-project"]) {
      expect(byId(other, id).co2eLbs).toBeCloseTo((byId(paper, id).co2eLbs * 1.1) / 1.58, 6);
    }
    // The reference consumptions are inputs and do not move.
    expect(byId(other, "nas-cars").referenceLbs).toBe(126000);
  });
});
