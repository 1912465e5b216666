// Scenario coverage, piece by piece, with no socket: the record of one answer (which status and
// example, and how it came about), the matrix and its hints, the requirements, the files the
// engines write and the reporter reads, and a run from start to finish.
import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/mock/engine.js";
import { formatMatrix, matrixJUnit, matrixMarkdown } from "../../../src/mock/coverage/format.js";
import { coverageMatrix, requiredCells, unseenRequired } from "../../../src/mock/coverage/matrix.js";
import { memorySink, type CoverageRecord } from "../../../src/mock/coverage/record.js";
import { CoverageRun } from "../../../src/mock/coverage/run.js";
import { COVERAGE_DIR_ENV, fileSink, parseRecord, readRecords } from "../../../src/mock/coverage/sink.js";
import type { MockOptions } from "../../../src/mock/options.js";
import { loadContract } from "../../../src/contract/spec.js";
import { FAKE_KEY } from "../../support/helpers.js";

const contract = loadContract();

/** The records an engine with these options makes for these requests (method, path, headers). */
async function recordsOf(options: MockOptions, requests: [string, string, Record<string, string>?][]): Promise<CoverageRecord[]> {
  const sink = memorySink();
  const engine = await createEngine({ ...options, coverage: sink });
  for (const [method, path, headers = {}] of requests) {
    const body = method === "POST" || method === "PUT" ? JSON.stringify(method === "POST" ? { name: "x" } : { valid: false }) : undefined;
    await engine.fetch(new Request(`http://mock.test${path}`, { method, headers: { CONFIDENT_API_KEY: FAKE_KEY, "content-type": "application/json", ...headers }, ...(body ? { body } : {}) }));
  }
  return sink.records();
}

describe("the record of one answer", () => {
  it("names the status and the example served, and how: the mock's own, steered with Prefer, injected as a fault", async () => {
    expect(
      await recordsOf({}, [
        ["GET", "/v1/organization/api-keys"],
        ["GET", "/v1/organization/api-keys/12", { prefer: "example=unnamedKey" }],
        ["DELETE", "/v1/organization/api-keys/12", { prefer: "code=404" }],
        ["GET", "/v1/organization/api-keys", { prefer: "fail-rate=1" }],
      ]),
    ).toEqual([
      { operationId: "listOrganizationApiKeys", status: 200, example: "twoKeys", via: "answer" },
      { operationId: "getOrganizationApiKey", status: 200, example: "unnamedKey", via: "prefer" },
      { operationId: "deleteOrganizationApiKey", status: 404, example: "notFound", via: "prefer" },
      { operationId: "listOrganizationApiKeys", status: expect.any(Number), example: expect.any(String), via: "fault" },
    ]);
  });

  it("names no example for what is not one: a validation 401, the store's answer, a generated one", async () => {
    expect(await recordsOf({}, [["GET", "/v1/organization/api-keys", { CONFIDENT_API_KEY: "" }]])).toEqual([{ operationId: "listOrganizationApiKeys", status: 401, via: "answer" }]);
    expect(await recordsOf({ stateful: true }, [["GET", "/v1/organization/api-keys/99"]])).toEqual([{ operationId: "getOrganizationApiKey", status: 404, via: "answer" }]);
    expect(await recordsOf({ dynamic: true, seed: "1" }, [["GET", "/v1/organization/api-keys/12"]])).toEqual([{ operationId: "getOrganizationApiKey", status: 200, via: "answer" }]);
  });

  it("records nothing for a path outside the contract, nor for the mock's own routes", async () => {
    expect(await recordsOf({ stateful: true }, [["GET", "/v1/nope"], ["GET", "/__mock/state"]])).toEqual([]);
  });

  it("holds no key, body or header value: only operation, status, example and how", async () => {
    const records = await recordsOf({ stateful: true }, [["POST", "/v1/organization/api-keys", { "x-mock-session": "secret-session" }]]);
    expect(records).toEqual([{ operationId: "createOrganizationApiKey", status: 200, via: "answer" }]);
  });
});

describe("coverageMatrix", () => {
  const matrix = coverageMatrix(contract, [
    { operationId: "listOrganizationApiKeys", status: 200, example: "twoKeys", via: "answer" },
    { operationId: "getOrganizationApiKey", status: 404, via: "override" },
    { operationId: "getOrganizationApiKey", status: 404, example: "notFound", via: "prefer" },
  ]);

  it("has a cell per documented status and per named example of each operation", () => {
    const documented = contract.operations.reduce((n, op) => n + op.responses.reduce((m, r) => m + 1 + Object.keys(r.examples).length, 0), 0);
    expect(matrix.total).toBe(documented);
    expect(matrix.cells.filter((c) => c.operationId === "listOrganizationApiKeys" && c.status === 200).map((c) => c.example)).toEqual([undefined, "twoKeys", "noKeys", "unnamedKeys"]);
  });

  it("marks exactly the cells the records name as seen, with how they came about", () => {
    expect(matrix.cells.filter((c) => c.seen).map((c) => [c.operationId, c.status, c.example, c.via])).toEqual([
      ["listOrganizationApiKeys", 200, undefined, ["answer"]],
      ["listOrganizationApiKeys", 200, "twoKeys", ["answer"]],
      ["getOrganizationApiKey", 404, undefined, ["override", "prefer"]],
      ["getOrganizationApiKey", 404, "notFound", ["prefer"]],
    ]);
    expect(matrix.seen).toBe(4);
  });

  it("names the mockScenario and Prefer value that produce each cell", () => {
    expect(matrix.cells.find((c) => c.operationId === "createOrganizationApiKey" && c.status === 429 && c.example === undefined)).toMatchObject({ scenario: "mockScenario({ code: 429 })", prefer: "code=429", seen: false });
    expect(matrix.cells.find((c) => c.example === "noKeys")).toMatchObject({ scenario: 'mockScenario({ code: 200, example: "noKeys" })', prefer: "code=200, example=noKeys" });
  });
});

describe("requirements", () => {
  const matrix = coverageMatrix(contract, [{ operationId: "getOrganizationApiKey", status: 401, via: "answer" }]);

  it("name a status of every operation, one operation's status, or one example", () => {
    expect(requiredCells(matrix, "401").map((c) => c.operationId)).toEqual(contract.operations.map((o) => o.operationId));
    expect(requiredCells(matrix, "getOrganizationApiKey 404")).toHaveLength(1);
    expect(requiredCells(matrix, "listOrganizationApiKeys 200 noKeys")).toMatchObject([{ example: "noKeys" }]);
  });

  it("give the required cells unseen, naming each operation", () => {
    expect(unseenRequired(matrix, ["401"]).map((c) => c.operationId)).toEqual(["listOrganizationApiKeys", "createOrganizationApiKey", "updateOrganizationApiKey", "deleteOrganizationApiKey"]);
    expect(unseenRequired(matrix, ["getOrganizationApiKey 401"])).toEqual([]);
  });

  it("refuse one that names no cell, so that a typo cannot pass as covered", () => {
    for (const typo of ["418", "getApiKey 404", "listOrganizationApiKeys 404", "listOrganizationApiKeys 200 nokeys", "", "401 402"]) {
      expect(() => requiredCells(matrix, typo), typo).toThrow(RangeError);
    }
  });
});

describe("the matrix written out", () => {
  const matrix = coverageMatrix(contract, [{ operationId: "listOrganizationApiKeys", status: 200, example: "twoKeys", via: "answer" }]);
  const required = new Set(requiredCells(matrix, "listOrganizationApiKeys 401"));

  it("for a terminal: seen and how, unseen and its hint, a required one marked MISSING", () => {
    const text = formatMatrix(matrix, required);
    expect(text.split("\n")[0]).toBe(`Scenario coverage: 2 of ${matrix.total} documented answers seen`);
    expect(text).toMatch(/^ {2}seen {4}200 +\(answer\)$/m);
    expect(text).toMatch(/^ {2}MISSING 401 +mockScenario\(\{ code: 401 \}\) {2}or {2}Prefer: code=401$/m);
    expect(text).toMatch(/^ {2}unseen {4}200 noKeys +mockScenario\(\{ code: 200, example: "noKeys" \}\)/m);
  });

  it("as JUnit XML that parses: a case per cell, unseen skipped, required and unseen a failure", () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(matrixJUnit(matrix, required)) as { testsuites: { "@_tests": string; testsuite: { "@_name": string; "@_failures": string; testcase: { "@_name": string; failure?: unknown; skipped?: unknown }[] }[] } };
    expect(Number(xml.testsuites["@_tests"])).toBe(matrix.total);
    const list = xml.testsuites.testsuite.find((s) => s["@_name"] === "listOrganizationApiKeys");
    expect(list?.["@_failures"]).toBe("1");
    expect(list?.testcase.find((c) => c["@_name"] === "401")?.failure).toBeDefined();
    expect(list?.testcase.find((c) => c["@_name"] === "200 twoKeys")).toEqual({ "@_classname": "listOrganizationApiKeys", "@_name": "200 twoKeys" });
    expect(list?.testcase.find((c) => c["@_name"] === "200 noKeys")?.skipped).toBeDefined();
  });

  it("as Markdown: a table per operation", () => {
    const markdown = matrixMarkdown(matrix, required);
    expect(markdown).toContain("### listOrganizationApiKeys (GET /v1/organization/api-keys)");
    expect(markdown).toContain("| 200 | twoKeys | yes (answer) | `mockScenario({ code: 200, example: \"twoKeys\" })` |");
    expect(markdown).toContain("| 401 |  | **missing (required)** | `mockScenario({ code: 401 })` |");
  });
});

describe("the files between the engines and the reporter", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "confident-sink-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("hold each distinct record once per engine, and are read back across engines", async () => {
    const one = fileSink(dir);
    const two = fileSink(dir);
    const record: CoverageRecord = { operationId: "getOrganizationApiKey", status: 404, via: "prefer" };
    one.record(record);
    one.record(record);
    two.record({ ...record, via: "answer" });
    expect(readRecords(dir)).toEqual(expect.arrayContaining([record, { ...record, via: "answer" }]));
    expect(readRecords(dir)).toHaveLength(2);
  });

  it("skip what is not a record: a torn line, another shape, an unknown source", async () => {
    await appendFile(join(dir, "junk.ndjson"), '{"operationId":"x","status":200,"via":"answer"\n[1]\n{"operationId":"x","status":200,"via":"magic"}\n{"operationId":"x","status":2.5,"via":"answer"}\n');
    expect(parseRecord('{"operationId":"x","status":200,"via":"answer","example":"e","extra":1}')).toEqual({ operationId: "x", status: 200, example: "e", via: "answer" });
    expect(readRecords(dir)).toHaveLength(2);
  });

  it("never throw from the engine's side, when the run's directory is gone", () => {
    const sink = fileSink(join(dir, "gone", "deeper"));
    expect(() => sink.record({ operationId: "x", status: 200, via: "answer" })).not.toThrow();
  });
});

describe("CoverageRun", () => {
  it("names its directory to the engines, gathers what they wrote, writes the JSON, and fails on a required cell unseen", async () => {
    const out = await mkdtemp(join(tmpdir(), "confident-run-"));
    const previous = process.env[COVERAGE_DIR_ENV];
    delete process.env[COVERAGE_DIR_ENV];
    const run = new CoverageRun({ require: ["getOrganizationApiKey 404", "401"], outputFile: join(out, "coverage.json"), junit: join(out, "coverage.xml"), markdown: join(out, "coverage.md") });
    try {
      const dir = process.env[COVERAGE_DIR_ENV] ?? "";
      expect(existsSync(dir)).toBe(true);
      const engine = await createEngine(); // reads the directory from the environment, as a worker's engine does
      await engine.fetch(new Request("http://mock.test/v1/organization/api-keys/12", { headers: { CONFIDENT_API_KEY: FAKE_KEY, prefer: "code=404" } }));
      const printed: string[] = [];
      const outcome = outcomeOf(run, printed);
      expect(outcome.missing.map((c) => `${c.operationId} ${c.status}`)).toEqual(contract.operations.map((o) => `${o.operationId} 401`));
      expect(outcome.error?.message).toMatch(/^Scenario coverage: 5 required answer\(s\) never shown to the UI: listOrganizationApiKeys 401 \(mockScenario\(\{ code: 401 \}\)\)/);
      expect(printed.join("")).toContain("Scenario coverage: 2 of");
      const written = JSON.parse(await readFile(join(out, "coverage.json"), "utf8")) as { seen: number; missing: string[] };
      expect(written.seen).toBe(2);
      expect(written.missing).toContain("deleteOrganizationApiKey 401");
      expect(await readFile(join(out, "coverage.xml"), "utf8")).toContain("<testsuites");
      expect(await readFile(join(out, "coverage.md"), "utf8")).toContain("## Scenario coverage");
      run.restart();
      expect(outcomeOf(run, []).matrix.seen).toBe(0);
      run.close();
      expect(existsSync(dir)).toBe(false);
      expect(process.env[COVERAGE_DIR_ENV]).toBeUndefined();
    } finally {
      run.close();
      if (previous !== undefined) process.env[COVERAGE_DIR_ENV] = previous;
      await rm(out, { recursive: true, force: true });
    }
  });

  it("refuses a requirement that names no cell when it is made", () => {
    expect(() => new CoverageRun({ require: ["getOrganizationApiKey 418"] })).toThrow(/names no documented cell/);
  });
});

function outcomeOf(run: CoverageRun, printed: string[]): ReturnType<CoverageRun["finish"]> {
  return run.finish((text) => void printed.push(text));
}
