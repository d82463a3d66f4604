// Which Chromium the PDF report, the browser tests and the benchmarks launch (browser/chromium.ts).
import {existsSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {chooseChromium, chromiumOverride} from "../browser/chromium.js";

describe("chromiumOverride", () => {
  test("chromiumOverride takes CHROMIUM_PATH first, and refuses one that does not exist", () => {
    expect(chromiumOverride({CHROMIUM_PATH: process.execPath, CHROMIUM: "npm"})).toEqual({
      executablePath: process.execPath,
      origin: "CHROMIUM_PATH",
      env: {}
    });
    expect(() => chromiumOverride({CHROMIUM_PATH: "/nowhere/chromium"})).toThrow(
      /CHROMIUM_PATH=\/nowhere\/chromium does not exist/
    );
  });

  test("chromiumOverride with CHROMIUM=npm leaves the choice to the npm-shipped Chromium", () => {
    expect(chromiumOverride({CHROMIUM: "npm"})).toBeUndefined();
  });

  test("chromiumOverride takes /usr/bin/chromium only where it exists", () => {
    const choice = chromiumOverride({});
    if (existsSync("/usr/bin/chromium")) expect(choice?.origin).toBe("system");
    else expect(choice).toBeUndefined();
  });

  test("chromiumOverride names what CHROMIUM allows", () => {
    expect(() => chromiumOverride({CHROMIUM: "chrome"})).toThrow("CHROMIUM=chrome: allowed are npm and system");
  });
});

describe("chooseChromium", () => {
  test("chooseChromium returns an executable that exists", async () => {
    const choice = await chooseChromium();
    expect(existsSync(choice.executablePath), choice.executablePath).toBe(true);
  });
});
