import {defineConfig} from "vitest/config";

// Fixed time zone and locale-independent formatting: tests give the same result on every machine.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    // Sized for a loaded 2-core machine (browser tests share it with Chromium, the build and other work): a test
    // that passes alone in 4 s took over 30 s there. Waits inside tests are conditions, never sleeps.
    testTimeout: 120000,
    hookTimeout: 180000,
    // Browser tests share two cores with Chromium: keep files from starving each other.
    maxWorkers: 2,
    // The JSON results let .ci/run print a plain "N passed, N failed" closing line.
    reporters: ["default", ["json", {outputFile: ".vitest-results.json"}]]
  }
});
