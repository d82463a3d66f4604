import {defineConfig} from "vitest/config";

// Fixed time zone and locale-independent formatting: tests give the same result on every machine.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    testTimeout: 30000,
    hookTimeout: 180000,
    // Browser tests share two cores with Chromium: keep files from starving each other.
    maxWorkers: 2,
    // The JSON results let .ci/run print a plain "N passed, N failed" closing line.
    reporters: ["default", ["json", {outputFile: ".vitest-results.json"}]]
  }
});
