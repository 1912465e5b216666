// The package as a consumer gets it: `npm pack`, install the tarball into an empty project (with
// msw and vitest, as a frontend team has them), type-check an import there, run the installed
// bin, and run a vitest file that mocks through MSW without opening a port.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnListening } from "../../scripts/lib/processes.js";
import { linkConsumer, npmInstallConsumer, writeConsumerManifest } from "../support/consumer.js";
import { readmeBlocks } from "../support/readme.js";
import { SIZES } from "../support/sizes.js";
import { readFileSync } from "node:fs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
/** The versions this repository tests with, so that the consumer's install comes from npm's cache. */
const versionOf = (name: string): string => (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

/** A consumer's vitest file: the README's MSW recipe, and a count of ports opened. */
const MSW_CONSUMER = readFileSync(join(root, "test", "package", "consumer", "msw.consumer.ts"), "utf8");

const CONSUMER = `
import { createApiKeysClient, mockScenario, MOCK_BASE_URL, type ApiKey, type NewApiKey, type ErrorResponse } from "confident-org-api-keys";
import spec from "confident-org-api-keys/openapi.json" with { type: "json" };

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
    const packed = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: root });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info?.filename ?? "");
    files = (info?.files ?? []).map((f) => f.path);
    await writeConsumerManifest(dir);
    // The stress tier installs with npm; the quick tier links (test/support/consumer.ts says what that keeps).
    if (SIZES.tier === "stress") await npmInstallConsumer(dir, tarball, [`msw@${versionOf("msw")}`, `vitest@${versionOf("vitest")}`]);
    else await linkConsumer(root, dir, tarball, ["msw", "vitest"]);
  }, 240_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("ships only what a consumer needs", () => {
    expect(files).toContain("generated/openapi.json");
    expect(files).toContain("dist/src/index.js");
    expect(files).toContain("dist/generated/schema.d.ts");
    expect(files).toContain("bin/confident-org-api-keys.js");
    expect(files.filter((f) => /^(openapi|test|scripts|src)\//.test(f) || f.endsWith(".map"))).toEqual([]);
  });

  it("passes publint, strict: 0 errors, warnings and suggestions", async () => {
    const { stdout } = await run(process.execPath, [join(root, "node_modules", "publint", "src", "cli.js"), "run", tarball, "--strict"], { cwd: dir });
    expect(stdout).toMatch(/All good!/);
  }, 60_000);

  it("passes @arethetypeswrong/cli with the ESM-only profile: every entry's types resolve for node16 (ESM) and bundlers", async () => {
    // ESM-only, on purpose ("type": "module", engines Node 20.19+): require() and the node10
    // resolution are the two attw checks that do not apply, and --profile esm-only leaves out
    // exactly those. Every other problem fails this test.
    const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    const { stdout } = await run(process.execPath, [attw, tarball, "--profile", "esm-only", "--format", "json"], { cwd: dir });
    const result = JSON.parse(stdout) as { problems: Record<string, { kind: string; entrypoint: string; resolutionKind?: string }[]> };
    const ignored = ["node10", "node16-cjs"];
    const problems = Object.values(result.problems).flat();
    expect(problems.filter((p) => !ignored.includes(p.resolutionKind ?? ""))).toEqual([]);
    // What the profile leaves out is exactly those two, for every entry point.
    expect(new Set(problems.map((p) => p.resolutionKind))).toEqual(new Set(ignored));
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
    expect(report.numPassedTests).toBe(4);
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
