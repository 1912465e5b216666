// The contract checker, proven against servers we control: one that follows the contract, one
// that breaks it in distinct ways, and the project's own mock.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { runContractChecks, type CheckReport } from "../src/checker/checks.js";
import { loadContract } from "../src/spec.js";
import { mockUrl } from "./helpers.js";
import { startUpstream, type Upstream } from "./upstream.js";

const contract = loadContract();
const KEY = "confident_org_CHECKERTESTKEY000000000000000000";
const root = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const violationsOf = (report: CheckReport) => report.results.flatMap((r) => r.violations.map((v) => `${r.operationId} ${v.path}: ${v.message}`));

describe("the contract checker", () => {
  it("finds nothing wrong with a server that follows the contract, writes included, and leaves no key behind", async () => {
    upstream = await startUpstream();
    const before = upstream.ids();
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY, writes: true });
    expect(violationsOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.skipped)).toEqual([]);
    expect(report.results.map((r) => r.operationId)).toEqual([
      "listOrganizationApiKeys",
      "getOrganizationApiKey",
      "listOrganizationApiKeys",
      "getOrganizationApiKey",
      "createOrganizationApiKey",
      "createOrganizationApiKey",
      "getOrganizationApiKey",
      "updateOrganizationApiKey",
      "deleteOrganizationApiKey",
    ]);
    expect(upstream.ids()).toEqual(before);
  });

  it("passes against the project's own mock", async () => {
    const report = await runContractChecks(contract, { target: mockUrl(), apiKey: KEY, writes: true });
    expect(violationsOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.skipped)).toEqual([]);
  });

  it("reports each way a broken server breaks the contract, naming the field", async () => {
    upstream = await startUpstream(["leakInList", "stringId", "missingField", "undocumentedStatus", "wrongEnvelope", "okWithoutKey"]);
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY, writes: true });
    const found = violationsOf(report);
    const leak = "listOrganizationApiKeys /data/apiKeys/0/value: must be redacted: 15 '*' followed by the key's last 6 characters, never the full secret";
    expect(found).toEqual([
      leak, // a full key leaked in list
      "getOrganizationApiKey /data/apiKey/id: must be integer", // a wrong type
      "listOrganizationApiKeys status: expected 401, got 200", // a 200 on a missing key
      leak,
      'getOrganizationApiKey : is missing the required property "success"', // a wrong error envelope
      "getOrganizationApiKey /error: must be string",
      "getOrganizationApiKey /data/apiKey/id: must be integer",
      'updateOrganizationApiKey /data/apiKey: is missing the required property "created_at"', // a missing field
      "deleteOrganizationApiKey status: expected 200, got 204", // an undocumented status
      "deleteOrganizationApiKey status: 204 is not documented for deleteOrganizationApiKey (documented: 200, 400, 401, 403, 404, 429, 500, 503)",
    ]);
    expect(report.violations).toBe(found.length);
  });

  it("accepts fields a newer server adds, in a key, in data and in the revoke answer: the API promises them", async () => {
    upstream = await startUpstream(["addedFields"]);
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY, writes: true });
    expect(violationsOf(report)).toEqual([]);
    expect(report.results.filter((r) => r.skipped)).toEqual([]);
  });

  it("flags a full key value under another field name in a get answer", async () => {
    upstream = await startUpstream(["leakUnderOtherName"]);
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY, writes: true });
    const leak = "getOrganizationApiKey /data/apiKey/secret: carries a full key value: only create may return one, every other answer must redact it";
    expect(violationsOf(report)).toEqual([leak, leak]); // the listed key's get, and the created key's get
  });

  it("reports an answer that is not JSON", async () => {
    upstream = await startUpstream(["htmlNotFound"]);
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY });
    expect(violationsOf(report)).toEqual(['getOrganizationApiKey : is not JSON: "<h1>Not Found</h1>"']);
  });

  it("cleans up the throwaway key when a step fails", async () => {
    upstream = await startUpstream(["failUpdate"]);
    const before = upstream.ids();
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY, writes: true });
    expect(violationsOf(report)).toEqual(["updateOrganizationApiKey status: expected 200, got 500"]);
    expect(upstream.ids()).toEqual(before);
  });

  it("is read-only without --writes", async () => {
    upstream = await startUpstream();
    const report = await runContractChecks(contract, { target: upstream.url, apiKey: KEY });
    expect(report.results.map((r) => `${r.request.method} ${r.operationId}`)).toEqual([
      "GET listOrganizationApiKeys",
      "GET getOrganizationApiKey",
      "GET listOrganizationApiKeys",
      "GET getOrganizationApiKey",
      "POST createOrganizationApiKey", // the bad body, which a conforming server refuses
    ]);
    expect(violationsOf(report)).toEqual([]);
  });

  it("reports a server that cannot be reached", async () => {
    const report = await runContractChecks(contract, { target: "http://127.0.0.1:1", apiKey: KEY, timeoutMs: 2_000 });
    expect(report.results[0]?.violations[0]).toEqual({ path: "request", message: expect.stringMatching(/^request failed/) });
  });
});

describe("npx confident-org-api-keys contract", () => {
  const bin = ["bin/confident-org-api-keys.js", "contract"];
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [...bin, ...args], { cwd: root, env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("exits 0 on a conforming server, reading the key from CONFIDENT_ORG_API_KEY as the official SDK does, and never prints it", async () => {
    upstream = await startUpstream();
    const result = await cli(["--target", upstream.url, "--writes"], { CONFIDENT_ORG_API_KEY: KEY, CONFIDENT_API_KEY: "" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/9 checks, 0 failed, 0 violations/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("still accepts the key from CONFIDENT_API_KEY", async () => {
    upstream = await startUpstream();
    const result = await cli(["--target", upstream.url, "--writes"], { CONFIDENT_API_KEY: KEY, CONFIDENT_ORG_API_KEY: "" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✔ listOrganizationApiKeys: list answers 200 with every value redacted$/m);
    expect(result.stdout).toMatch(/9 checks, 0 failed, 0 violations/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("exits 1 on a broken server, with a readable report naming operation, request, status and field", async () => {
    upstream = await startUpstream(["leakInList"]);
    const result = await cli(["--target", upstream.url, "--api-key", KEY]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✖ listOrganizationApiKeys: list answers 200 with every value redacted");
    expect(result.stdout).toMatch(/GET \/v1\/organization\/api-keys → 200 \(\d+ ms\)\n {4}\/data\/apiKeys\/0\/value: must be redacted/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("writes JUnit and JSON for CI systems", async () => {
    upstream = await startUpstream(["stringId"]);
    const junit = await cli(["--target", upstream.url, "--api-key", KEY, "--reporter", "junit"]);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="contract" tests="5" failures="1" skipped="0"/);
    expect(junit.stdout).toContain("/data/apiKey/id: must be integer</failure>");
    const json = await cli(["--target", upstream.url, "--api-key", KEY, "--reporter", "json"]);
    const report = JSON.parse(json.stdout) as CheckReport;
    expect(report.violations).toBe(1);
    expect(json.stdout).not.toContain(KEY);
  });

  it("explains a missing key or target instead of running", async () => {
    const noKey = await cli(["--target", "http://127.0.0.1:1"], { CONFIDENT_API_KEY: "", CONFIDENT_ORG_API_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/needs an organization API key/);
    const noTarget = await cli([], { CONFIDENT_API_KEY: KEY });
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/needs --target/);
    const badTimeout = await cli(["--target", "http://127.0.0.1:1", "--timeout", "soon"], { CONFIDENT_API_KEY: KEY });
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toMatch(/--timeout must be a whole number of milliseconds, got soon/);
    const unknownFlag = await cli(["--target", "http://127.0.0.1:1", "--write"], { CONFIDENT_API_KEY: KEY });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/Unknown option '--write'/);
  });
});
