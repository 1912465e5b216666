// Jest, as a team runs it: the packed package and Jest 30 installed in an empty project. The README's
// scenario coverage setup (Jest's ESM mode, as Jest documents it), and Jest's default CommonJS mode
// with jest-fixed-jsdom (MSW's documented Jest environment), which loads the package's CommonJS
// build (dist/cjs/). Run by `npm run test:matrix` (in CI), not by `npm test`.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoverageMatrix } from "../../src/mock/coverage/matrix.js";
import { readmeBlocks } from "../support/readme.js";
import { nodeBinary } from "../../scripts/lib/node-binary.js";
import { packInto } from "../../scripts/lib/consumer.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const JEST = "30";

const LIST_AND_GET = `import { createMockFetch } from "confident-org-api-keys/mock";
import { createApiKeysClient, mockScenario } from "confident-org-api-keys";
const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch() });
test("lists the keys", async () => expect((await client.GET("/v1/organization/api-keys")).response.status).toBe(200));
test("shows a key that is gone", async () => {
  client.use(mockScenario({ code: 404 }));
  expect((await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } })).response.status).toBe(404);
});
`;
const CREATE = `import { createMockFetch } from "confident-org-api-keys/mock";
import { createApiKeysClient, mockScenario } from "confident-org-api-keys";
const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch() });
client.use(mockScenario({ code: 429 }));
test("says to wait", async () => expect((await client.POST("/v1/organization/api-keys", { body: { name: "CI" } })).response.status).toBe(429));
`;

/** Jest's CommonJS mode with MSW's documented environment; "" drops jsdom's "browser" condition, as MSW's docs say. */
const CJS_CONFIG = `module.exports = {
  testEnvironment: "jest-fixed-jsdom",
  testEnvironmentOptions: { customExportConditions: [""] },
  reporters: ["default", ["confident-org-api-keys/coverage/jest", { require: ["createOrganizationApiKey 429"], outputFile: false }]],
};
`;
const CJS_TEST = `const { createMockFetch } = require("confident-org-api-keys/mock");
const { createApiKeysClient, mockScenario } = require("confident-org-api-keys");
const mockFetch = createMockFetch();
const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: mockFetch });
afterEach(() => mockFetch.resetOverrides());
test("lists the keys", async () => expect((await client.GET("/v1/organization/api-keys")).data.data.apiKeys).toHaveLength(2));
test("shows the empty state, through a checked override", async () => {
  mockFetch.override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [] } } });
  expect((await client.GET("/v1/organization/api-keys")).data.data.apiKeys).toEqual([]);
});
test("refuses an override off the contract", () => {
  expect(() => mockFetch.override("listOrganizationApiKeys", { status: 404, body: { success: false, error: "x" } })).toThrow("404 is not documented for listOrganizationApiKeys");
});
test("says to wait", async () => {
  client.use(mockScenario({ code: 429 }));
  expect((await client.POST("/v1/organization/api-keys", { body: { name: "CI" } })).response.status).toBe(429);
});
`;

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "confident-jest-"));
  const packed = await packInto(root, dir);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run("npm", ["install", packed.tarball, `jest@${JEST}`, `jest-environment-jsdom@${JEST}`, "jest-fixed-jsdom", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
  await writeFile(join(dir, "list-and-get.test.js"), LIST_AND_GET);
  await writeFile(join(dir, "create.test.js"), CREATE);
  await mkdir(join(dir, "cjs"));
  await writeFile(join(dir, "cjs", "package.json"), JSON.stringify({ name: "consumer-cjs", private: true, type: "commonjs" }));
  await writeFile(join(dir, "cjs", "jest.config.cjs"), CJS_CONFIG);
  await writeFile(join(dir, "cjs", "keys.test.cjs"), CJS_TEST);
}, 300_000);
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/** `npx jest` in the consumer with a config: its exit code, output and the matrix it wrote. */
async function jest(config: string): Promise<{ code: number; output: string; matrix: CoverageMatrix & { missing: string[] } }> {
  await writeFile(join(dir, "jest.config.js"), config);
  const env = { ...process.env, NODE_OPTIONS: "--experimental-vm-modules" };
  const result = await run(process.execPath, [join(dir, "node_modules", "jest", "bin", "jest.js")], { cwd: dir, env }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );
  return { ...result, matrix: JSON.parse(await readFile(join(dir, "reports", "scenario-coverage.json"), "utf8")) as CoverageMatrix & { missing: string[] } };
}

describe("the scenario coverage reporter for Jest, as the README sets it up", () => {
  const readmeConfig = async (): Promise<string> => (await readmeBlocks("Which answers did my tests cover?", "js"))[0] ?? "";

  it("gathers the two files' answers across Jest's workers, and passes", async () => {
    const { code, output, matrix } = await jest(await readmeConfig());
    expect(code, output).toBe(0);
    expect(matrix.cells.filter((c) => c.seen).map((c) => `${c.operationId} ${c.status}${c.example ? ` ${c.example}` : ""}`)).toEqual([
      "listOrganizationApiKeys 200",
      "listOrganizationApiKeys 200 twoKeys",
      "createOrganizationApiKey 429",
      "createOrganizationApiKey 429 tooManyRequests",
      "getOrganizationApiKey 404",
      "getOrganizationApiKey 404 notFound",
    ]);
    expect(output).toContain(`Scenario coverage: 6 of ${matrix.total} documented answers seen`);
  }, 120_000);

  it("fails the run when it requires 401, naming each operation", async () => {
    const config = (await readmeConfig()).replace('require: ["createOrganizationApiKey 429"]', 'require: ["401"]');
    expect(config).toContain('require: ["401"]');
    const { code, output, matrix } = await jest(config);
    expect(code).toBe(1);
    expect(matrix.missing).toHaveLength(5);
    expect(output).toContain("Scenario coverage: 5 required answer(s) never shown to the UI: listOrganizationApiKeys 401");
  }, 120_000);
});

describe("Jest in its default CommonJS mode, with jest-fixed-jsdom", () => {
  // On Node 20 (this machine's), 22 and 24: the same project, Jest run by each.
  it.each([20, 22, 24] as const)("on Node %i, loads the package through require() (dist/cjs/), and the reporter too: overrides, steering and coverage work", async (major) => {
    const node = major === 20 ? process.execPath : (await nodeBinary(String(major))).path;
    await rm(join(dir, "cjs", "jest.json"), { force: true });
    const result = await run(node, [join(dir, "node_modules", "jest", "bin", "jest.js"), "--json", "--outputFile=jest.json"], { cwd: join(dir, "cjs") }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    const report = JSON.parse(await readFile(join(dir, "cjs", "jest.json"), "utf8")) as { numPassedTests: number; numFailedTests: number; testResults: { message: string }[] };
    expect({ code: result.code, failed: report.numFailedTests, messages: report.testResults.map((r) => r.message).filter(Boolean) }).toEqual({ code: 0, failed: 0, messages: [] });
    expect(report.numPassedTests).toBe(4);
    expect(result.stdout + result.stderr).toContain("Scenario coverage: 4 of");
  }, 180_000);
});
