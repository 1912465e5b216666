import { defineConfig } from "vitest/config";

/** `npm run test:matrix`: the packed package on other Node majors (binaries from the npm registry). */
export default defineConfig({
  test: {
    include: ["test/node-matrix.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest-matrix.json" },
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
