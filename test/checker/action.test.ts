// The GitHub Action (action.yml): its step runs as GitHub would run it, inputs substituted, and
// every input reaches the checker's command line, seen in the report it writes.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { CheckReport } from "../../src/checker/index.js";
import { startMockServer, type MockServer } from "../../src/mock/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const KEY = "confident_org_ACTIONTESTKEY0000000000000000";

interface Step {
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>;
  runs: { using: string; steps: Step[] };
}

/** `${{ inputs.x }}` as GitHub substitutes it. */
const substitute = (text: string, inputs: Record<string, string>): string => text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? "");

let action: Action;
let mock: MockServer;
let dir: string;
beforeAll(async () => {
  action = parse(await readFile(join(root, "action.yml"), "utf8")) as Action;
  mock = await startMockServer({ port: 0, log: false, stateful: true });
  dir = await mkdtemp(join(tmpdir(), "confident-action-"));
});
afterAll(async () => {
  await mock?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runStep(inputs: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const step = action.runs.steps.find((s) => s.run);
  const env = Object.fromEntries(Object.entries(step?.env ?? {}).map(([k, v]) => [k, substitute(v, inputs)]));
  return promisify(execFile)("bash", ["-c", step?.run ?? "false"], {
    cwd: dir,
    env: { ...process.env, ...env, GITHUB_ACTION_PATH: root, CONFIDENT_CLI: `${process.execPath} ${join(root, "bin", "confident-org-api-keys.js")}` },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

describe("action.yml", () => {
  it("is a composite action with the inputs target, api-key, writes, accepts-any-key, fuzz, seed and reporter", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["target", "api-key", "writes", "accepts-any-key", "fuzz", "seed", "reporter"]));
    expect(action.inputs["target"]?.required).toBe(true);
    expect(action.inputs["api-key"]?.required).toBe(true);
  });

  it("hands every input to the checker: the report shows the target, writes, fuzz, seed and format, and the key worked", async () => {
    const reportPath = join(dir, "report.json");
    // The mock takes any key it did not issue: accepts-any-key, as its README says.
    const inputs = { target: mock.url, "api-key": KEY, writes: "true", "accepts-any-key": "true", fuzz: "2", seed: "4242", reporter: "json", "report-path": reportPath };
    const result = await runStep(inputs);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(await readFile(reportPath, "utf8")) as CheckReport;
    expect(report).toMatchObject({ target: mock.url, writes: true, fuzz: 2, seed: 4242, passed: true });
    expect(report.failures).toEqual([]); // with no key, every positive case would have got 401
    expect(report.skipped).toContain("ignored_auth: the unknown and malformed keys, as --accepts-any-key says the target takes any key");
    expect(result.stdout + result.stderr + JSON.stringify(report)).not.toContain(KEY);
  }, 120_000);

  it("takes its defaults: read-only, five per operation, a JUnit report", async () => {
    const result = await runStep({ target: mock.url, "api-key": KEY, writes: "false", "accepts-any-key": "true", fuzz: "5", seed: "", reporter: "junit", "report-path": "contract-report.xml" });
    expect(result.code, result.stderr).toBe(0);
    const junit = await readFile(join(dir, "contract-report.xml"), "utf8");
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toContain('<property name="writes" value="false"/>');
    expect(junit).toContain('<property name="fuzz" value="5"/>');
  }, 120_000);

  it("uploads the report it wrote, even when the check fails", () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    expect(upload?.if).toBe("always()");
    expect(upload?.with?.["path"]).toBe("${{ inputs.report-path }}");
  });
});

describe(".github/workflows/contract.yml", () => {
  it("uses the action, with the key from a secret", async () => {
    const workflow = parse(await readFile(join(root, ".github", "workflows", "contract.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.includes("confident-org-api-keys"));
    expect(uses?.with?.["api-key"]).toBe("${{ secrets.CONFIDENT_ORG_API_KEY }}");
    expect(uses?.with?.["target"]).toBeDefined();
  });
});
