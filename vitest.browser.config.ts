import { defineConfig } from "vitest/config";

// Browser tests (npm run test:browser): Debian's chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest-browser.json" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
