// The package as a consumer gets it: `npm pack`, install the tarball into an empty project (with
// msw and vitest, as a frontend team has them), type-check an import there, run the installed
// bin, and run a vitest file that mocks through MSW without opening a port.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnListening } from "../../scripts/lib/processes.js";
import type { CoverageMatrix } from "../../src/mock/coverage/matrix.js";
import { installedVersion, packInto, linkConsumer, npmInstallConsumer, writeConsumerManifest } from "../../scripts/lib/consumer.js";
import { readmeBlocks } from "../support/readme.js";
import { SIZES } from "../support/sizes.js";
import { readFileSync } from "node:fs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
/** The versions this repository tests with, so that the consumer's install comes from npm's cache. */
const versionOf = (name: string): string => installedVersion(root, name);

/** A consumer's vitest file: the README's MSW recipe, and a count of ports opened. */
const MSW_CONSUMER = readFileSync(join(root, "test", "package", "consumer", "msw.consumer.ts"), "utf8");

const CONSUMER = `
import { createApiKeysClient, mockScenario, MOCK_BASE_URL, type ApiKey, type NewApiKey, type ErrorResponse } from "confident-org-api-keys";
import spec from "confident-org-api-keys/openapi.json" with { type: "json" };
// Their types too, with no @types/node and no skipLibCheck: a page's project has neither.
import type { MockRoutesHandle } from "confident-org-api-keys/playwright";
import type { MockHandlers } from "confident-org-api-keys/msw";
export type { MockRoutesHandle, MockHandlers };

const client = createApiKeysClient({ apiKey: "confident_org_FAKEKEYFORTESTSONLY000000000000000", baseUrl: MOCK_BASE_URL });
client.use(mockScenario({ code: 404 }));
const { data, error } = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
const key: ApiKey | undefined = data?.data.apiKey;
const message: ErrorResponse["error"] | undefined = error?.error;
const created: NewApiKey["value"] = "x";
const title: string = spec.info.title;
// @ts-expect-error apiKeyId is a number
await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: "12" } } });
export { key, message, created, title };
`;

describe("the packed package", () => {
  let dir = "";
  let tarball = "";
  let files: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "confident-consumer-"));
    // --ignore-scripts: npm test has built dist/ already; rebuilding it here would race the other
    // test files that run dist/ at the same time.
    const packed = await packInto(root, dir);
    ({ tarball, files } = packed);
    await writeConsumerManifest(dir);
    // The stress tier installs with npm; the quick tier links (scripts/lib/consumer.ts says what that keeps).
    if (SIZES.tier === "stress") await npmInstallConsumer(dir, tarball, [`msw@${versionOf("msw")}`, `vitest@${versionOf("vitest")}`, `@types/node@${versionOf("@types/node")}`]);
    else await linkConsumer(root, dir, tarball, ["msw", "vitest", "@types/node"]);
  }, 240_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("ships only what a consumer needs", () => {
    expect(files).toContain("generated/openapi.json");
    expect(files).toContain("dist/esm/index.js");
    expect(files).toContain("dist/src/index.d.ts");
    expect(files).toContain("dist/generated/schema.d.ts");
    expect(files).toContain("bin/confident-org-api-keys.js");
    expect(files.filter((f) => /^(openapi|test|scripts|src)\//.test(f) || f.endsWith(".map"))).toEqual([]);
  });

  it("reads no file of its own to load the contract, as bundlers such as Turbopack need (it is a module: generated/contract.js)", async () => {
    const installed = join(dir, "node_modules", "confident-org-api-keys");
    for (const file of ["dist/src/contract/spec.js", "dist/esm/mock.js", "dist/esm/msw.js", "dist/cjs/mock.cjs", "dist/cjs/msw.cjs"]) {
      const text = await readFile(join(installed, file), "utf8");
      expect(text, file).not.toMatch(/readFileSync\([^)]*(openapi|prism-operations|BUNDLED)/);
      expect(text, file).not.toContain('resolve("confident-org-api-keys/openapi.json")');
    }
    expect(files).toContain("dist/generated/contract.js");
  });

  it("installs with no install script (npm warns of none) and no source map comment pointing at a map it lacks", async () => {
    const installed = join(dir, "node_modules", "confident-org-api-keys");
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => ["preinstall", "install", "postinstall", "prepare"].includes(name))).toEqual([]);
    const withMapComment: string[] = [];
    for (const file of files.filter((f) => /\.(c|m)?js$/.test(f))) {
      if ((await readFile(join(installed, file), "utf8")).includes("//# sourceMappingURL=")) withMapComment.push(file);
    }
    expect(withMapComment).toEqual([]);
  });

  it("passes publint, strict: 0 errors, warnings and suggestions", async () => {
    const { stdout } = await run(process.execPath, [join(root, "node_modules", "publint", "src", "cli.js"), "run", tarball, "--strict"], { cwd: dir });
    expect(stdout).toMatch(/All good!/);
  }, 60_000);

  it("passes @arethetypeswrong/cli with the node16 profile: every entry's types resolve for ES modules, CommonJS (dist/cjs/) and bundlers", async () => {
    // node16, on purpose: node10 resolution (no exports map at all) is the one attw check that does
    // not apply to a package with exports and engines Node 20.19+; --profile node16 leaves out exactly that.
    const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    // Through a file: attw exits before a large JSON report has drained into a pipe.
    const out = join(dir, "attw.json");
    await run("sh", ["-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(attw)} ${JSON.stringify(tarball)} --format json > ${JSON.stringify(out)} || true`], { cwd: dir });
    const result = JSON.parse(await readFile(out, "utf8")) as { problems: Record<string, { kind: string; entrypoint: string; resolutionKind?: string }[]> };
    const problems = Object.values(result.problems).flat();
    expect(problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
    // What the profile leaves out is exactly node10, for every entry point.
    expect(new Set(problems.map((p) => p.resolutionKind))).toEqual(new Set(["node10"]));
    await run(process.execPath, [attw, tarball, "--profile", "node16", "--format", "json"], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).then(
      () => undefined,
      (error: { code: number }) => expect(error.code, "attw --profile node16 fails").toBe(0),
    );
  }, 60_000);

  it("can be require()d, every subpath, as CommonJS toolchains do (dist/cjs/)", async () => {
    // Every subpath but /react-query, whose optional peers (react, @tanstack/react-query) this consumer has not installed.
    const subpaths = ["", "/mock", "/msw", "/playwright", "/coverage", "/coverage/jest", "/openapi.json"];
    const script = `const names = ${JSON.stringify(subpaths)}.map((s) => Object.keys(require("confident-org-api-keys" + s)).length);
const { createMockFetch } = require("confident-org-api-keys/mock");
const { createApiKeysClient } = require("confident-org-api-keys");
// One copy of the package's modules across the entries: the same class from /msw and /mock.
const shared = require("confident-org-api-keys/msw").OffContractAnswerError === require("confident-org-api-keys/mock").OffContractAnswerError;
createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch() }).GET("/v1/organization/api-keys").then((r) => console.log(JSON.stringify({ names, shared, status: r.response.status })));`;
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: dir });
    const { names, shared, status } = JSON.parse(stdout) as { names: number[]; shared: boolean; status: number };
    expect(names.every((n) => n > 0)).toBe(true);
    expect(shared).toBe(true);
    expect(status).toBe(200);
  }, 60_000);

  // One compiler run over two files: the consumer as the README writes it, which must be clean,
  // and the same with one type error, which must be reported (so the check can fail).
  let diagnostics: Promise<string[]> | undefined;
  const typeCheck = (): Promise<string[]> =>
    (diagnostics ??= (async () => {
      await writeFile(join(dir, "index.ts"), CONSUMER);
      await writeFile(join(dir, "keys.test.ts"), (await readmeBlocks("Testing your UI")).join("\n"));
      await writeFile(join(dir, "wrong.ts"), `${CONSUMER}\nconst wrong: ApiKey["id"] = "12";\n`);
      const compilerOptions = {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: [],
        strict: true,
        noUncheckedIndexedAccess: true,
        resolveJsonModule: true,
        noEmit: true,
      };
      await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["index.ts", "wrong.ts", "keys.test.ts"] }));
      const result = await run(process.execPath, [tsc, "-p", "."], { cwd: dir }).then(
        () => ({ stdout: "" }),
        (error: { stdout: string }) => error,
      );
      return result.stdout.split("\n").filter((line) => line.trim() !== "");
    })());

  it("type-checks an import of the client, its types and the bundled contract", async () => {
    // Everything but the other two files: index.ts, and the package's own .d.ts files (no skipLibCheck).
    expect((await typeCheck()).filter((line) => !line.startsWith("wrong.ts(") && !line.startsWith("keys.test.ts("))).toEqual([]);
  }, 60_000);

  it("type-checks the README's \"Testing your UI\" file, its @ts-expect-error on a wrong override included", async () => {
    expect((await typeCheck()).filter((line) => line.startsWith("keys.test.ts("))).toEqual([]);
  }, 60_000);

  it("type-checks /mock, the Node entry (the HTTP server), with @types/node and no skipLibCheck: none of Prism's declarations reached", async () => {
    await writeFile(join(dir, "mock.ts"), `import { createMockFetch, startMockServer, STAGES, type MockServer } from "confident-org-api-keys/mock";\nexport const mockFetch = createMockFetch();\nexport const start: (port: number) => Promise<MockServer> = (port) => startMockServer({ port });\nexport const stages = STAGES.mock.map(([name]) => name);\n`);
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: ["node"], strict: true, noEmit: true };
    await writeFile(join(dir, "tsconfig.mock.json"), JSON.stringify({ compilerOptions, files: ["mock.ts"] }));
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.mock.json"], { cwd: dir }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("");
  }, 60_000);

  it("a type error in the consumer fails the check (the check can fail)", async () => {
    expect((await typeCheck()).filter((line) => !line.startsWith("keys.test.ts("))).toEqual([expect.stringMatching(/^wrong\.ts\(\d+,\d+\): error TS2322/)]);
  }, 60_000);

  it("runs a consumer's vitest file: the five operations and a stateful lifecycle through MSW, no port opened", async () => {
    await writeFile(join(dir, "msw.test.ts"), MSW_CONSUMER);
    const vitest = join(dir, "node_modules", "vitest", "vitest.mjs");
    const result = await run(process.execPath, [vitest, "run", "msw.test.ts", "--reporter=json"], { cwd: dir }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    const report = JSON.parse(result.stdout) as { numPassedTests: number; numFailedTests: number; testResults: { message: string }[] };
    expect({ failed: report.numFailedTests, messages: report.testResults.map((r) => r.message).filter(Boolean) }).toEqual({ failed: 0, messages: [] });
    expect(report.numPassedTests).toBe(5);
  }, 120_000);

  it("runs the README's \"Testing your UI\" file with vitest and MSW: fixture, overrides, journal, keys that stop working", async () => {
    await typeCheck(); // writes keys.test.ts
    const vitest = join(dir, "node_modules", "vitest", "vitest.mjs");
    const result = await run(process.execPath, [vitest, "run", "keys.test.ts", "--reporter=json"], { cwd: dir }).catch((error: { stdout: string }) => error);
    const report = JSON.parse(result.stdout) as { numPassedTests: number; numFailedTests: number; testResults: { message: string; assertionResults: { title: string; status: string }[] }[] };
    const outcomes = report.testResults.flatMap((r) => r.assertionResults.map((a) => [a.title, a.status]));
    expect({ failed: report.numFailedTests, messages: report.testResults.map((r) => r.message).filter(Boolean) }).toEqual({ failed: 0, messages: [] });
    expect(outcomes).toEqual([
      ["lists exactly the fixture", "passed"],
      ["shows the empty state", "passed"],
      ["refuses an answer the API never gives", "passed"],
      ["survives a broken server, on purpose", "passed"],
      ["sends PUT {valid: true} to reactivate key 7", "passed"],
      ["refuses a key once deactivated, and takes it again once reactivated", "passed"],
    ]);
  }, 120_000);

  describe("scenario coverage, with the README's vitest config", () => {
    const consumerFile = (name: string): string => readFileSync(join(root, "test", "package", "consumer", name), "utf8");
    /** Runs the two coverage files with a config: its exit code, output, and the matrix it wrote. */
    const runCoverage = async (config: string): Promise<{ code: number; output: string; matrix: CoverageMatrix & { missing: string[] } }> => {
      const folder = await mkdtemp(join(dir, "coverage-"));
      await writeFile(join(folder, "vitest.config.ts"), config);
      await writeFile(join(folder, "list-and-get.test.ts"), consumerFile("coverage-a.consumer.ts"));
      await writeFile(join(folder, "create.test.ts"), consumerFile("coverage-b.consumer.ts"));
      const vitest = join(dir, "node_modules", "vitest", "vitest.mjs");
      const result = await run(process.execPath, [vitest, "run"], { cwd: folder }).then(
        (r) => ({ code: 0, output: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
      );
      const matrix = JSON.parse(await readFile(join(folder, "reports", "scenario-coverage.json"), "utf8")) as CoverageMatrix & { missing: string[] };
      return { ...result, matrix };
    };
    const readmeConfig = async (): Promise<string> => {
      const [config] = await readmeBlocks("Which answers did my tests cover?");
      return config ?? "";
    };

    it("shows exactly the cells two test files covered as seen, every other one unseen with its hint, and passes", async () => {
      const { code, output, matrix } = await runCoverage(await readmeConfig());
      expect(code, output).toBe(0);
      expect(matrix.cells.filter((c) => c.seen).map((c) => `${c.operationId} ${c.status}${c.example ? ` ${c.example}` : ""} (${c.via.join()})`)).toEqual([
        "listOrganizationApiKeys 200 (answer)",
        "listOrganizationApiKeys 200 twoKeys (answer)",
        "createOrganizationApiKey 429 (prefer)",
        "createOrganizationApiKey 429 tooManyRequests (prefer)",
        "getOrganizationApiKey 404 (prefer)",
        "getOrganizationApiKey 404 notFound (prefer)",
      ]);
      const unseen = matrix.cells.filter((c) => !c.seen);
      expect(unseen).toHaveLength(matrix.total - 6);
      for (const cell of unseen) expect(cell.scenario).toBe(cell.example === undefined ? `mockScenario({ code: ${cell.status} })` : `mockScenario({ code: ${cell.status}, example: ${JSON.stringify(cell.example)} })`);
      expect(output).toContain(`Scenario coverage: 6 of ${matrix.total} documented answers seen`);
      expect(output).toMatch(/^ {2}unseen {2}401 +mockScenario\(\{ code: 401 \}\) {2}or {2}Prefer: code=401$/m);
    }, 120_000);

    it("fails the run when it requires 401, naming each operation", async () => {
      const config = (await readmeConfig()).replace('require: ["createOrganizationApiKey 429"]', 'require: ["401"]');
      expect(config).toContain('require: ["401"]');
      const { code, output, matrix } = await runCoverage(config);
      expect(code).toBe(1);
      expect(matrix.missing).toEqual(["listOrganizationApiKeys 401", "createOrganizationApiKey 401", "getOrganizationApiKey 401", "updateOrganizationApiKey 401", "deleteOrganizationApiKey 401"]);
      expect(output).toContain("Scenario coverage: 5 required answer(s) never shown to the UI: listOrganizationApiKeys 401 (mockScenario({ code: 401 }))");
    }, 120_000);
  });

  it("runs the installed bin: `confident-org-api-keys mock` serves the contract", async () => {
    const bin = join(dir, "node_modules", ".bin", "confident-org-api-keys");
    expect(await readdir(join(dir, "node_modules", ".bin"))).toContain("confident-org-api-keys");
    const mock = await spawnListening(bin, ["mock", "--port", "0", "--quiet"], { cwd: dir });
    try {
      const response = await fetch(`${mock.url}/v1/organization/api-keys`, { headers: { CONFIDENT_API_KEY: "confident_org_FAKE" } });
      expect(response.status).toBe(200);
    } finally {
      await mock.stop();
    }
  }, 60_000);
});
