import { defineConfig } from "vitest/config";

/**
 * The contract suite: run once per door of the mock (the node:http server, the fetch function,
 * MSW handlers, Playwright routes), each run its own project, so that no suite is copied per door.
 */
const DOOR_SUITES = ["test/operations.test.ts", "test/envelope.test.ts", "test/stateful.test.ts", "test/stateful-model.test.ts", "test/faults.test.ts"];
const DOORS = ["http", "fetch", "msw", "playwright"] as const;

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
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
          exclude: ["test/browser/**", "node_modules/**", "test/node-matrix.test.ts", "test/generators.test.ts", ...DOOR_SUITES],
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
          },
          globalSetup: ["test/global-setup.ts"],
        },
      },
      ...DOORS.map((door) => ({
        extends: true as const,
        // The door suites share a worker's modules (Prism, Ajv and the contract load once per
        // worker, not once per file; none mocks a module or stubs a global): 86 -> 71 s of CPU.
        test: { name: `door:${door}`, include: DOOR_SUITES, provide: { door }, isolate: false },
      })),
    ],
  },
});
