import { defineConfig } from "vitest/config";

/**
 * Two tiers, one suite. `vitest run` (what `npm test` runs) is the everyday tier;
 * `TEST_TIER=stress vitest run` (`npm run test:stress`) runs every file again at the full sizes.
 * The sizes live in test/support/sizes.ts, which reads TEST_TIER; the workers inherit it.
 *
 * The contract suite in test/mock/every-door/ runs once per door of the mock (the node:http
 * server, the fetch function, MSW handlers, Playwright routes), each run its own project, so that
 * no suite is copied per door.
 */
const EVERY_DOOR = "test/mock/every-door/**/*.test.ts";
const DOORS = ["http", "fetch", "msw", "playwright"] as const;
/** What needs another Node major or a browser: `npm run test:matrix`, `npm run test:browser`. */
const ELSEWHERE = ["test/browser/**", "test/package/node-matrix.test.ts", "test/package/jest-coverage.test.ts", "test/package/nextjs.test.ts", "test/client/generators.test.ts"];

const stress = process.env["TEST_TIER"] === "stress";

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: stress ? "reports/vitest-stress.json" : "reports/vitest.json" },
    // vitest's default is one worker fewer than the cores: one, on the 2-core machines this runs
    // on. Most files wait on child processes and sockets, so two run side by side.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "package",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: ["node_modules/**", EVERY_DOOR, ...ELSEWHERE],
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            // The type tests and what they import: `npm run typecheck` checks the whole project already.
            tsconfig: "./tsconfig.typetests.json",
          },
          globalSetup: ["test/support/global-setup.ts"],
          isolate: false,
        },
      },
      ...DOORS.map((door) => ({
        extends: true as const,
        // The door suites share a worker's modules (Prism, Ajv and the contract load once per
        // worker, not once per file; none mocks a module or stubs a global): 86 -> 71 s of CPU.
        test: { name: `door:${door}`, include: [EVERY_DOOR], provide: { door }, isolate: false },
      })),
    ],
  },
});
