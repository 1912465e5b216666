import { defineConfig } from "vitest/config";

// Browser tests (npm run test:browser): Debian's chromium driven by playwright-core.
// The page tests run twice: with MSW 2 (the repository's) and with MSW 3 (devDependency `msw3`,
// which the page's bundlers put in place of `msw`: see test/browser/mock-page.test.ts).
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest-browser.json" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: "browser", include: ["test/browser/**/*.test.ts"] } },
      { extends: true, test: { name: "browser, MSW 3", include: ["test/browser/mock-page.test.ts"], env: { BROWSER_MSW: "3" } } },
    ],
  },
});
