// Hostile traffic, generated with fast-check: odd methods, paths, headers and bodies, per operation.
// Invariants for every answer: it arrives within a bound; its status is documented for the matched
// operation (404/405 when none matches); it is JSON valid against the contract's schema for that
// status; it is never a 5xx unless one was asked for; it never echoes the key; and the server
// still serves a good request afterwards.
//
// FUZZ_RUNS (default 1000 per operation) and FUZZ_SEED (default below) steer the run; on failure
// fast-check prints the seed and the counterexample path to replay it.
import { Agent, METHODS, request } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractOperation } from "../src/contract.js";
import { startMockServer, type MockServer } from "../src/mock/index.js";
import { loadContract } from "../src/spec.js";
import { FAKE_KEY } from "./helpers.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 1000);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261128);
const ANSWER_WITHIN_MS = 2_000;
const KEY_HEADER = "CONFIDENT_API_KEY";

const contract = loadContract();

/** A request body, printed by fast-check as a short label rather than every byte. */
interface Body {
  bytes: Uint8Array;
  [fc.toStringMethod](): string;
}

function body(bytes: Uint8Array, label?: string): Body {
  const text = Buffer.from(bytes).toString("utf8");
  const shown = label ?? (text.length > 80 ? `${text.slice(0, 60)}… (${bytes.length} bytes)` : text);
  return { bytes, [fc.toStringMethod]: () => `body(${JSON.stringify(shown)})` };
}

interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Body | undefined;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  ms: number;
}

let server: MockServer;
const logLines: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
afterAll(() => agent.destroy());

/** The modes fuzzed: the default one at full strength, the stateful one (issue #8) lighter. */
const MODES: { name: string; options: { stateful?: boolean }; runs: number }[] = [
  { name: "stateless", options: {}, runs: RUNS },
  { name: "stateful", options: { stateful: true }, runs: Math.max(1, Math.round(RUNS / 4)) },
];

function send(c: FuzzCase): Promise<Answer> {
  const url = new URL(server.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: c.method, path: c.path, headers: c.headers, agent, timeout: ANSWER_WITHIN_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    req.on("error", reject);
    // Framed with Content-Length: node would send a GET's body unframed, which is another test.
    if (c.body) req.setHeader("content-length", String(c.body.bytes.length));
    req.end(c.body?.bytes);
  });
}

/**
 * Which operation the contract has for this method and raw path, if any; or why none: 404 (no
 * path), 405 (no method), or 400 for a method node's HTTP parser does not know (malformed HTTP).
 */
function match(method: string, path: string): ContractOperation | 400 | 404 | 405 {
  if (!METHODS.includes(method)) return 400;
  const pathname = path.split(/[?#]/)[0] ?? "";
  const candidates = contract.operations.filter((op) => {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return pattern.test(pathname);
  });
  if (candidates.length === 0) return 404;
  return candidates.find((op) => op.method.toUpperCase() === method) ?? 405;
}

// ---- generators -------------------------------------------------------------------------------

const hexByte = fc.integer({ min: 0, max: 255 }).map((n) => `%${n.toString(16).padStart(2, "0").toUpperCase()}`);
const idSegment = fc.oneof(
  fc.integer({ min: 1, max: 1_000_000 }).map(String),
  fc.constantFrom("9007199254740991", "9007199254740992", "99999999999999999999999999", "0", "-1", "1e3", "0x10", "12.0"),
  fc.integer({ min: -1_000_000, max: 0 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => encodeURIComponent(String(n))),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.array(hexByte, { minLength: 1, maxLength: 8 }).map((bytes) => bytes.join("")),
  fc.constantFrom("%zz", "%", "%e2%82", "%C0%AF", "null", "true", "[]", "%7B%7D"),
);
const suffix = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom("/", "?x=1", "?CONFIDENT_API_KEY=leak", "/extra", "%2F", "#frag") },
);
const otherPath = fc.oneof(
  fc.constantFrom("/", "/v1", "/v1/organization", "/v1/organization/api-key", "/V1/ORGANIZATION/API-KEYS", "/v2/organization/api-keys", "//v1/organization/api-keys", "/v1/organization/api-keys/1/2"),
  fc.array(fc.string({ minLength: 1, maxLength: 8 }).map(encodeURIComponent), { minLength: 1, maxLength: 5 }).map((s) => `/${s.join("/")}`),
);
const anyMethod = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO");

const keyHeaders = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Record<string, string>>({ [KEY_HEADER]: FAKE_KEY }) },
  fc.constant<Record<string, string>>({}),
  fc.constant<Record<string, string>>({ [KEY_HEADER]: "" }),
  fc.constantFrom("confident_api_key", "Confident_Api_Key", "CONFIDENT-API-KEY", "X-CONFIDENT-API-KEY").map((name) => ({ [name]: FAKE_KEY })),
  fc.constantFrom(`Bearer ${FAKE_KEY}`, `Basic ${Buffer.from(`user:${FAKE_KEY}`).toString("base64")}`).map((value) => ({ authorization: value })),
);
const contentType = fc.option(
  fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/vnd.api+json", "", "*/*"),
  { nil: undefined },
);
const accept = fc.option(fc.constantFrom("*/*", "application/json", "application/xml", "text/html", "application/problem+json", ""), { nil: undefined });
const prefer = fc.option(
  fc.constantFrom("code=200", "code=400", "code=404", "code=418", "code=500", "code=abc", "example=notFound", "example=nope", "dynamic=true", "dynamic=maybe", "code=429, dynamic=true", ";;==,,", "respond-async, wait=10"),
  { nil: undefined },
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
function bodies(op: ContractOperation | undefined): fc.Arbitrary<Body | undefined> {
  const valid =
    op?.method === "post"
      ? fc.string({ minLength: 1, maxLength: 100 }).filter((s) => /\S/.test(s)).map((name) => ({ name }))
      : fc.boolean().map((valid) => ({ valid }));
  const json = fc.oneof(
    { weight: 4, arbitrary: valid },
    jsonValue,
    fc.record({ name: jsonValue, valid: jsonValue }, { requiredKeys: [] }),
    fc.tuple(valid, fc.dictionary(fc.string({ maxLength: 10 }), jsonValue, { maxKeys: 3 })).map(([v, extra]) => ({ ...extra, ...v })),
    fc.constantFrom({ __proto__: { valid: true } }, JSON.parse('{"__proto__":{"polluted":true},"name":"x"}') as object, { constructor: { prototype: { x: 1 } } }),
  );
  const encode = (value: unknown): Body => body(Buffer.from(JSON.stringify(value) ?? "null"));
  return fc.oneof(
    { weight: 6, arbitrary: json.map(encode) },
    fc.constant(undefined),
    fc.integer({ min: 1, max: 30_000 }).map((depth) => body(Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth)}`), `[ nested ${depth} deep ]`)),
    fc.integer({ min: 1_000, max: 120_000 }).map((n) => body(Buffer.from(JSON.stringify({ name: "x".repeat(n) })), `{"name": ${n} x}`)),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => body(bytes, `bytes ${Buffer.from(bytes).toString("hex")}`)),
    fc.constantFrom(
      body(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "invalid UTF-8 in JSON"),
      body(Buffer.from("{")),
      body(Buffer.from("name=x")),
      body(Buffer.from("")),
    ),
    fc.string({ maxLength: 50 }).map((s) => body(Buffer.from(s))),
  );
}

/** Cases aimed at one operation: mostly its own method and path, sometimes mutated. */
function casesFor(op: ContractOperation): fc.Arbitrary<FuzzCase> {
  const path = op.path.includes("{apiKeyId}")
    ? fc.tuple(idSegment, suffix).map(([id, s]) => `${op.path.replace("{apiKeyId}", id)}${s}`)
    : suffix.map((s) => `${op.path}${s}`);
  const method = fc.oneof({ weight: 5, arbitrary: fc.constant(op.method.toUpperCase()) }, anyMethod);
  return fc
    .record({
      method,
      path: fc.oneof({ weight: 9, arbitrary: path }, otherPath),
      key: keyHeaders,
      contentType,
      accept,
      prefer,
      body: bodies(op),
    })
    .map(({ method, path, key, contentType, accept, prefer, body }) => {
      const headers: Record<string, string> = { ...key };
      if (contentType !== undefined) headers["content-type"] = contentType;
      if (accept !== undefined) headers["accept"] = accept;
      if (prefer !== undefined) headers["prefer"] = prefer;
      return { method, path, headers, body };
    });
}

// ---- the invariants ---------------------------------------------------------------------------

async function checkInvariants(c: FuzzCase): Promise<void> {
  const answer = await send(c);
  const where = `${c.method} ${c.path} -> ${answer.status}`;
  expect(answer.ms, where).toBeLessThan(ANSWER_WITHIN_MS);
  expect(answer.text, `${where}: the key was echoed`).not.toContain(FAKE_KEY);

  const matched = match(c.method, c.path);
  const preflight = c.method === "OPTIONS" && answer.status === 204;
  if (typeof matched === "number") {
    if (!preflight) expect(answer.status, where).toBe(matched);
  } else {
    const documented = matched.responses.map((r) => Number(r.status));
    expect(documented, where).toContain(answer.status);
  }
  if (answer.status >= 500) {
    expect(c.headers["prefer"] ?? "", `${where}: a 5xx nobody asked for`).toMatch(/code=5\d\d/);
  }
  if (c.method === "HEAD" || preflight) return;

  expect(String(answer.headers["content-type"]), where).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(answer.text);
  const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
  const violations =
    typeof matched === "number"
      ? contract.validateSchema("ErrorResponse", body)
      : contract.validateResponse(matched.operationId, answer.status, body, headers);
  expect(violations, `${where}: ${answer.text.slice(0, 300)}`).toEqual([]);
  if (typeof matched !== "number" && matched.operationId !== "createOrganizationApiKey" && answer.status === 200) {
    expect(answer.text, `${where}: unredacted value`).not.toMatch(/confident_(?:[a-z]{2}_)?org_/);
  }
}

async function stillServes(): Promise<void> {
  const answer = await send({ method: "GET", path: "/v1/organization/api-keys", headers: { [KEY_HEADER]: FAKE_KEY }, body: undefined });
  expect(answer.status, "the server stopped serving good requests").toBe(200);
}

for (const mode of MODES) {
  describe(`hostile traffic (${mode.name})`, () => {
    beforeAll(async () => {
      logLines.length = 0;
      server = await startMockServer({ port: 0, log: (line) => logLines.push(line), ...mode.options });
    });
    afterAll(() => server.close());

    for (const op of contract.operations) {
      it(`${op.operationId}: ${mode.runs} generated requests keep every invariant`, async () => {
        await fc.assert(
          fc.asyncProperty(casesFor(op), async (c) => {
            await checkInvariants(c);
            await stillServes();
          }),
          { numRuns: mode.runs, seed: SEED, endOnFailure: true },
        );
      }, 300_000);
    }

    it(`routes the contract lacks: ${mode.runs} generated requests get 404/405 in the envelope`, async () => {
      const cases = fc
        .record({ method: anyMethod, path: otherPath, key: keyHeaders, body: bodies(undefined) })
        .map(({ method, path, key, body }) => ({ method, path, headers: key, body }));
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          await checkInvariants(c);
          await stillServes();
        }),
        { numRuns: mode.runs, seed: SEED, endOnFailure: true },
      );
    }, 300_000);

    it("never wrote the key to the log", () => {
      expect(logLines.length).toBeGreaterThan(mode.runs);
      expect(logLines.filter((line) => line.includes(FAKE_KEY))).toEqual([]);
    });
  });
}
