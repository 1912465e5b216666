// The contract checker, proven against servers we control: one that follows the contract, one
// that breaks it in one subtle way at a time, the project's own mock in every mode, and a contract
// with an operation more than ours.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { CHECK_NAMES, checkServer, renderJunit, renderText, type CheckReport } from "../../src/checker/index.js";
import type { OpenApiDocument } from "../../src/contract/contract.js";
import { createMockFetch, type MockOptions } from "../../src/mock/index.js";
import { loadDocument } from "../../src/contract/spec.js";
import { CONTRACT, MOCK, PROXY } from "../../src/cli/options.js";
import { startUpstream, type Break, type Upstream } from "../support/upstream.js";
import { SIZES } from "../support/sizes.js";

const KEY = "confident_org_CHECKERTESTKEY000000000000000000";
const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const found = (report: CheckReport) => [...report.failures, ...report.warnings].map((f) => `${f.check} ${f.operationId}: ${f.messages[0] ?? ""}`);

/** Runs a failure's `curl` reproduction in a shell, with the key in the environment; gives the status line's code. */
async function reproduce(curl: string): Promise<number> {
  const { stdout } = await run("sh", ["-c", curl], { env: { ...process.env, CONFIDENT_API_KEY: KEY }, maxBuffer: 8 * 1024 * 1024 });
  return Number(/^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1]);
}

describe("against a server that follows the contract", () => {
  it("finds nothing wrong, writes included, and leaves no key behind", async () => {
    upstream = await startUpstream([], { keys: [KEY] });
    const before = upstream.ids();
    const report = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 5, seed: 7 });
    expect(found(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.leftovers).toEqual({ before: 2, after: 2, left: [], leftCount: 0, verified: true });
    expect(upstream.ids()).toEqual(before);
    expect(report.sequences[0]?.steps).toEqual([
      "createOrganizationApiKey → 200",
      "getOrganizationApiKey → 200",
      "listOrganizationApiKeys → 200",
      "updateOrganizationApiKey → 200",
      "getOrganizationApiKey → 200",
      "deleteOrganizationApiKey → 200",
      "getOrganizationApiKey → 404",
      "listOrganizationApiKeys → 200",
    ]);
    const kinds = new Set(report.coverage.flatMap((row) => Object.keys(row.kinds)));
    expect([...kinds].sort()).toEqual(["exploratory", "negative", "positive", "probe", "sequence"]);
  });

  it("sends only GETs without --writes, and says what it skipped", async () => {
    upstream = await startUpstream([], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, fuzz: 3, seed: 7 });
    expect(report.passed).toBe(true);
    expect(report.coverage.filter((row) => Object.keys(row.statuses).length).map((row) => row.operationId)).toEqual(["listOrganizationApiKeys", "getOrganizationApiKey"]);
    expect(report.skipped).toHaveLength(4);
    expect(report.skipped).toContain("unsupported_method: probed only on a key the run made (--writes); a path that holds keys it did not make is never sent a method that could write");
  });
});

describe(`the project's own mock, in every mode, ${SIZES.checkerSeeds} seeds each`, () => {
  const MODES: [string, MockOptions, boolean][] = [
    ["static", {}, false],
    ["dynamic", { dynamic: true }, false],
    ["seeded", { dynamic: true, seed: "checker" }, false],
    ["stateful", { stateful: true }, true],
  ];
  it.each(MODES)("%s: no false failure", async (_name, options, writes) => {
    const mock = createMockFetch(options);
    const failed: string[] = [];
    for (let seed = 1; seed <= SIZES.checkerSeeds; seed++) {
      // The mock takes any key it did not issue (its README says so): --accepts-any-key.
      const report = await checkServer({ target: "https://api.confident-ai.com", apiKey: KEY, writes, acceptsAnyKey: true, fuzz: 2, seed, strict: true, fetch: (r) => mock(r) });
      if (!report.passed) failed.push(`seed ${seed}: ${found(report).join("; ")}`);
    }
    expect(failed).toEqual([]);
  }, 120_000);
});

/** Each break, and the check named for it. */
const BREAKS: [Break, string, { writes?: boolean; maxResponseTimeMs?: number }?][] = [
  ["redacted14", "redaction"],
  ["badCreatedAt", "response_schema"],
  ["leakUnderOtherName", "redaction"],
  ["created201", "status_documented", { writes: true }],
  ["notFoundSuccessTrue", "json_envelope"],
  ["tooManyWithoutRetryAfter", "required_headers"],
  ["serverErrorOnNegativeId", "no_server_error"],
  ["acceptsUnknownField", "negative_rejected", { writes: true }],
  ["survivesRevoke", "stateful_consistency", { writes: true }],
  ["echoesKeyOn404", "no_key_echo"],
  ["slowList", "response_time", { maxResponseTimeMs: 150 }],
  ["htmlNotFound", "json_envelope"],
  ["undocumentedStatus", "status_documented", { writes: true }],
  ["stringId", "response_schema"],
  ["okWithoutKey", "negative_rejected"],
  ["failUpdate", "no_server_error", { writes: true }],
  ["acceptsAnyKey", "ignored_auth"],
  ["deactivatedKeyWorks", "ignored_auth", { writes: true }],
  ["patchAccepted", "unsupported_method", { writes: true }],
  ["noAllowHeader", "unsupported_method", { writes: true }],
  ["hugeIdAccepted", "negative_rejected"],
];

describe("against a server broken in one subtle way", () => {
  it.each(BREAKS)("%s: caught by %s, with a curl that reproduces it", async (brk, check, options = {}) => {
    upstream = await startUpstream([brk], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, fuzz: 5, seed: 3, ...options });
    const failure = report.failures.find((f) => f.check === check);
    expect(failure, found(report).join("\n")).toBeDefined();
    expect(report.passed).toBe(false);
    // The run's own key as "$CONFIDENT_API_KEY"; a probe's stand-in (a fake key, or "$DEACTIVATED_KEY") as itself.
    expect(failure?.curl).toContain(`"CONFIDENT_API_KEY: ${failure?.request.keyShown ?? "$CONFIDENT_API_KEY"}"`.repeat(failure?.request.withKey ? 1 : 0));
    expect(JSON.stringify(report)).not.toContain(KEY);
    expect(await reproduce(failure?.curl ?? "")).toBe(failure?.status);
  });

  it("survivesRevoke also leaves a key behind, and says so", async () => {
    upstream = await startUpstream(["survivesRevoke"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 2, seed: 3 });
    expect(report.failures.map((f) => f.check)).toContain("no_leftovers");
    expect(report.leftovers?.left.length).toBeGreaterThan(0);
    expect(renderText(report)).toMatch(/Leftovers: \d+ key\(s\) the run made are still there/);
  });

  it("shrinks a failing request: the unknown field is all that is left of the body", async () => {
    upstream = await startUpstream(["acceptsUnknownField"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 10, seed: 5 });
    const failure = report.failures.find((f) => f.check === "negative_rejected" && f.operationId === "createOrganizationApiKey");
    expect(failure?.rule).toBe("body has a property the schema does not allow");
    expect(Object.keys(JSON.parse(failure?.request.body ?? "{}") as object).sort()).toEqual(["name", "unexpectedProperty"]);
  });
});

describe("drift and breakage", () => {
  it("reports a harmless undocumented property as a warning, which fails the run only with --strict", async () => {
    upstream = await startUpstream(["addedFields"], { keys: [KEY] });
    const lenient = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 2, seed: 1 });
    expect(lenient.failures).toEqual([]);
    expect(lenient.warnings.map((w) => w.check)).toContain("undocumented_property");
    expect(lenient.warnings.flatMap((w) => w.messages)).toContain('/data/apiKeys/0 has an unknown property "scopes"');
    expect(lenient.passed).toBe(true);
    const strict = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 2, seed: 1, strict: true });
    expect(strict.passed).toBe(false);
  });

  it("fails a full key value under an undocumented name, next to the warning for the harmless one", async () => {
    upstream = await startUpstream(["leakUnderOtherName", "addedFields"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, fuzz: 2, seed: 1 });
    expect(report.failures.map((f) => `${f.check}: ${f.messages[0]}`)).toContain("redaction: /data/apiKey/secret carries a full key value: only create may return one, every other answer must redact it");
    expect(report.warnings.map((w) => w.check)).toEqual(["undocumented_property", "undocumented_property"]);
  });
});

describe("driven by the contract", () => {
  it("covers an operation the bundled contract does not have, with no code change", async () => {
    const document = loadDocument() as OpenApiDocument & { paths: Record<string, Record<string, unknown>> };
    document.paths["/v1/organization/usage"] = {
      get: {
        operationId: "getOrganizationUsage",
        summary: "Usage",
        security: [{ organizationApiKey: [] }],
        responses: {
          "200": {
            description: "Usage",
            content: { "application/json": { schema: { type: "object", required: ["success", "data"], properties: { success: { const: true }, data: { type: "object", required: ["calls"], properties: { calls: { type: "integer" } } } } }, example: { success: true, data: { calls: 3 } } } },
          },
          "401": { $ref: "#/components/responses/Unauthorized" },
        },
      },
    };
    const mock = createMockFetch({ document });
    const report = await checkServer({ target: "https://api.confident-ai.com", apiKey: KEY, fuzz: 2, seed: 1, document, acceptsAnyKey: true, fetch: (r) => mock(r) });
    const usage = report.coverage.find((row) => row.operationId === "getOrganizationUsage");
    expect(usage?.statuses).toEqual({ "200": 1, "401": 1 });
    expect(report.passed).toBe(true);
  });
});

describe("reports", () => {
  it("end with the coverage table, operation × statuses seen × check, in text, JSON and JUnit", async () => {
    upstream = await startUpstream(["stringId"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, fuzz: 2, seed: 1 });
    const text = renderText(report);
    expect(text).toMatch(/^operation +statuses seen +answer_received/m);
    expect(text).toMatch(/^getOrganizationApiKey +200×\d+.*\d+ ✖ \/ \d+/m);
    expect(report.coverage.find((r) => r.operationId === "getOrganizationApiKey")?.checks["response_schema"]?.failed).toBeGreaterThan(0);
    const junit = renderJunit(report);
    expect(junit).toMatch(/<testcase classname="getOrganizationApiKey" name="response_schema">\n {6}<failure message="1 failure\(s\): \/data\/apiKey\/id must be integer">/);
    expect(junit).toContain("reproduce: curl -sS -i -X GET");
    expect(junit).toContain("<system-out>Contract check of");
  });
});

describe("npx confident-org-api-keys contract", () => {
  const bin = ["bin/confident-org-api-keys.js", "contract"];
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [...bin, ...args], { cwd: root, env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("lists its checks, and runs only those named", async () => {
    const listed = await cli(["--list-checks"]);
    expect(listed.stdout.split("\n").filter(Boolean).map((line) => line.split(" ")[0])).toEqual(CHECK_NAMES);
    upstream = await startUpstream(["stringId", "redacted14"], { keys: [KEY] });
    const only = await cli(["--target", upstream.url, "--checks", "redaction", "--fuzz", "2", "--seed", "1", "--reporter", "json"], { CONFIDENT_API_KEY: KEY });
    const report = JSON.parse(only.stdout) as CheckReport;
    expect(report.checks).toEqual(["redaction"]);
    expect(new Set(report.failures.map((f) => f.check))).toEqual(new Set(["redaction"]));
    const unknown = await cli(["--target", upstream.url, "--checks", "schema"], { CONFIDENT_API_KEY: KEY });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown check schema; the checks are answer_received/);
  });

  it("exits 0 on a conforming server, reading the key from CONFIDENT_ORG_API_KEY, and never prints it", async () => {
    upstream = await startUpstream([], { keys: [KEY] });
    const result = await cli(["--target", upstream.url, "--writes", "--fuzz", "2", "--seed", "9"], { CONFIDENT_ORG_API_KEY: KEY, CONFIDENT_API_KEY: "" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--fuzz 2 --seed 9/);
    expect(result.stdout).toMatch(/^passed: \d+ exchanges, 0 failures, 0 warnings$/m);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("exits 1 on a broken server, naming the check, the operation and the field, with a curl", async () => {
    upstream = await startUpstream(["leakInList"], { keys: [KEY] });
    const result = await cli(["--target", upstream.url, "--api-key", KEY, "--fuzz", "2"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✖ redaction: listOrganizationApiKeys, positive case\n {4}\/data\/apiKeys\/0\/value must be redacted/m);
    expect(result.stdout).toContain(`reproduce: curl -sS -i -X GET '${upstream.url}/v1/organization/api-keys' -H "CONFIDENT_API_KEY: $CONFIDENT_API_KEY"`);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it("explains a missing key or target, and bad numbers, instead of running", async () => {
    const noKey = await cli(["--target", "http://127.0.0.1:1"], { CONFIDENT_API_KEY: "", CONFIDENT_ORG_API_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/needs an organization API key/);
    const noTarget = await cli([], { CONFIDENT_API_KEY: KEY });
    expect(noTarget.stderr).toMatch(/needs --target/);
    const badFuzz = await cli(["--target", "http://127.0.0.1:1", "--fuzz", "many"], { CONFIDENT_API_KEY: KEY });
    expect(badFuzz.code).toBe(2);
    expect(badFuzz.stderr).toMatch(/--fuzz must be a whole number from 1, got "many"/);
    const unknownFlag = await cli(["--target", "http://127.0.0.1:1", "--write"], { CONFIDENT_API_KEY: KEY });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/unknown option '--write'\n\(Did you mean --writes\?\)/);
  });
});

describe("checks as units", () => {
  it("--checks with one stateful check runs only that one: its failures, no other check's", async () => {
    upstream = await startUpstream(["survivesRevoke", "redacted14"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 2, seed: 3, checks: ["stateful_consistency"] });
    expect(report.checks).toEqual(["stateful_consistency"]);
    expect(new Set(report.failures.map((f) => f.check))).toEqual(new Set(["stateful_consistency"]));
    expect(report.failures.flatMap((f) => f.violations.map((v) => v.kind))).toContain("state-wrong");
  });

  it("a check deselected with --checks never fails the run", async () => {
    upstream = await startUpstream(["survivesRevoke"], { keys: [KEY] });
    const all = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 2, seed: 3 });
    expect(all.failures.map((f) => f.check)).toEqual(expect.arrayContaining(["stateful_consistency", "no_leftovers"]));
    const without = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 2, seed: 3, checks: ["response_schema", "redaction"] });
    expect(without.failures).toEqual([]);
    expect(without.passed).toBe(true);
  });

  it("types every failure: a violation's kind says what, without reading its message", async () => {
    upstream = await startUpstream(["acceptsAnyKey", "hugeIdAccepted"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, fuzz: 5, seed: 3 });
    const kinds = new Map(report.failures.map((f) => [f.check, f.violations.map((v) => v.kind)]));
    expect(kinds.get("ignored_auth")).toEqual(["key-accepted"]);
    expect(kinds.get("negative_rejected")).toEqual(["invalid-accepted"]);
    expect(report.failures.find((f) => f.check === "negative_rejected")?.rule).toBe('path parameter "apiKeyId" is above its maximum');
  });

  it("ignored_auth sends only the deactivated key to a target that takes any key", async () => {
    upstream = await startUpstream(["acceptsAnyKey"], { keys: [KEY] });
    const report = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, acceptsAnyKey: true, fuzz: 1, seed: 3, checks: ["ignored_auth"] });
    expect(report.passed).toBe(true);
    expect(report.skipped).toContain("ignored_auth: the unknown and malformed keys, as --accepts-any-key says the target takes any key");
    expect(upstream.received().filter((line) => line.startsWith("PUT "))).toHaveLength(1); // the deactivation of its own key
  });

  it("unsupported_method writes to no key the run did not make, and takes 405 with the documented Allow", async () => {
    upstream = await startUpstream([], { keys: [KEY] });
    const before = upstream.ids();
    const report = await checkServer({ target: upstream.url, apiKey: KEY, writes: true, fuzz: 1, seed: 3, checks: ["unsupported_method"] });
    expect(report.passed).toBe(true);
    const probes = upstream.received().filter((line) => /^(PATCH|POST) \/v1\/organization\/api-keys\/\d+$/.test(line));
    expect(probes).toHaveLength(2);
    expect(probes.every((line) => !before.some((id) => line.endsWith(`/${id}`)))).toBe(true);
    expect(upstream.ids()).toEqual(before);
  });
});

describe("the command line, from its option tables", () => {
  it.each([
    ["mock", MOCK],
    ["contract", CONTRACT],
    ["proxy", PROXY],
  ] as const)("%s --help lists every option of its table, with its default, and exits 0", async (command, spec) => {
    const { stdout } = await run(process.execPath, [join(root, "bin", "confident-org-api-keys.js"), command, "--help"]);
    for (const option of spec.options) {
      expect(stdout).toContain(`--${option.name}${option.value ? ` ${option.value}` : ""}`);
      if (option.default !== undefined) expect(stdout.replace(/\s+/g, " ")).toContain(`(default: ${option.default})`);
    }
  });

  it("names the closest real flag for a mistyped one, on every command", async () => {
    for (const [command, wrong, right] of [["mock", "--statefull", "--stateful"], ["proxy", "--targt", "--target"], ["contract", "--seeds", "--seed"]]) {
      const result = await run(process.execPath, [join(root, "bin", "confident-org-api-keys.js"), command ?? "", wrong ?? ""]).catch((e: { code: number; stderr: string }) => e);
      expect((result as { code: number }).code, command).toBe(2);
      expect((result as { stderr: string }).stderr).toContain(`(Did you mean ${right}?)`);
    }
  });
});
