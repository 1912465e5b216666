import { defineConfig } from "vitest/config";

/** `npm run test:matrix`: what needs another Node major (binaries from the npm registry): the packed package with MSW 3, with Jest, with Next.js, and the client generators. */
export default defineConfig({
  test: {
    include: ["test/package/node-matrix.test.ts", "test/package/jest-coverage.test.ts", "test/package/nextjs.test.ts", "test/client/generators.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest-matrix.json" },
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
