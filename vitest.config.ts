import {defineConfig} from "vitest/config";

// Fixed time zone and locale-independent formatting: tests give the same result on every machine.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 180000
  }
});
