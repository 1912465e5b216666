// Each class of hostile input the mock was attacked with, as a property where the class is a
// grammar: headers parse in bounded time, ids are integers or a 400, names stay within the store's
// budget, framing that cannot end is answered and closed, names from a request never reach
// Object.prototype, and no other site's page can reset the store.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnListening, type ListeningProcess } from "../../../scripts/lib/processes.js";
import { createEngine, type Engine } from "../../../src/mock/engine.js";
import { httpListener } from "../../../src/mock/doors/http.js";
import { createMockFetch, startMockServer, type MockServer } from "../../../src/mock/index.js";
import { OverrideList } from "../../../src/mock/overrides.js";
import { KeyStore, MAX_SESSION_BYTES, MAX_STORE_BYTES, seedKeys } from "../../../src/mock/state.js";
import { MAX_PREFER_LENGTH, parsePrefer } from "../../../src/mock/stages/preferences.js";
import { loadContract } from "../../../src/contract/spec.js";
import { FAKE_KEY } from "../../support/helpers.js";
import { SIZES } from "../../support/sizes.js";

const contract = loadContract();
const KEY = { CONFIDENT_API_KEY: FAKE_KEY };
const RUNS = { numRuns: SIZES.propertyRuns, seed: 20261203 };

/** The longest the event loop stood still while `work` ran, in ms (perf_hooks, not wall-clock time). */
async function longestStall(work: () => void | Promise<void>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  return histogram.max / 1e6;
}

/** Writes raw bytes to a server and resolves with what it sent back once it closed, or "open" at the deadline. */
function rawExchange(server: Pick<MockServer, "url">, bytes: string, deadlineMs = 3_000): Promise<string> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    let reply = "";
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`open: ${reply}`);
    }, deadlineMs);
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(reply);
    });
  });
}

describe("Prefer, of any shape", () => {
  const shapes = fc.oneof(
    fc.string({ maxLength: MAX_PREFER_LENGTH }),
    fc.array(fc.constantFrom(" ", "\t", '"', "=", ",", ";", "a", "x", "code", "example", "\\"), { maxLength: MAX_PREFER_LENGTH }).map((parts) => parts.join("")),
  );

  it("parses to known names only, in a record with no prototype", () => {
    fc.assert(
      fc.property(shapes, (header) => {
        const parsed = parsePrefer(header);
        expect(Object.getPrototypeOf(parsed)).toBeNull();
        expect(Object.keys(parsed).every((name) => ["code", "example", "dynamic", "latency", "fail-rate"].includes(name))).toBe(true);
      }),
      RUNS,
    );
  });

  it("never stalls the event loop, the shapes that made the old parser cubic included", async () => {
    const hostile = [
      `a=${" ".repeat(MAX_PREFER_LENGTH - 7)}"x"y`,
      `example=${'"'.repeat(MAX_PREFER_LENGTH - 8)}`,
      `${"a= ".repeat(Math.floor(MAX_PREFER_LENGTH / 3))}`,
      `code=404;${";".repeat(MAX_PREFER_LENGTH - 9)}`,
      `a=${" ".repeat(200_000)}"x"y`, // over the cap: not read at all
    ];
    const stall = await longestStall(() => {
      for (let i = 0; i < 200; i++) for (const header of hostile) parsePrefer(header);
    });
    expect(stall).toBeLessThan(250);
  });

  it("a header over the cap is ignored whole, and the answer says so", async () => {
    const mockFetch = createMockFetch();
    const response = await mockFetch("https://api.confident-ai.com/v1/organization/api-keys", { headers: { ...KEY, prefer: `code=500, x=${"y".repeat(MAX_PREFER_LENGTH)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-mock-warning")).toMatch(new RegExp(`the whole header \\(\\d+ characters; the mock reads at most ${MAX_PREFER_LENGTH}\\)`));
  });
});

describe("names from a request, looked up as own properties only", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ stateful: true });
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("Prefer: example=%s is ignored with a warning, not a 500", async (name) => {
    const response = await engine.fetch(new Request("https://api.confident-ai.com/v1/organization/api-keys", { headers: { ...KEY, prefer: `example=${name}` } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-mock-warning")).toContain(`example=${name} (listOrganizationApiKeys has`);
  });

  it.each(["__proto__", "constructor", "toString"])("a session named %s is a session like any other", async (session) => {
    const created = await engine.fetch(new Request("https://api.confident-ai.com/v1/organization/api-keys", { method: "POST", headers: { ...KEY, "content-type": "application/json", "x-mock-session": session }, body: '{"name":"x"}' }));
    expect(created.status).toBe(200);
    const { data } = (await created.json()) as { data: { apiKey: { id: number } } };
    const got = await engine.fetch(new Request(`https://api.confident-ai.com/v1/organization/api-keys/${data.apiKey.id}`, { headers: { ...KEY, "x-mock-session": session } }));
    expect(got.status).toBe(200);
  });
});

describe("ids in the path", () => {
  let engine: Engine;
  let stateful: Engine;
  beforeAll(async () => {
    engine = await createEngine();
    stateful = await createEngine({ stateful: true });
  });
  const get = (e: Engine, id: string): Promise<Response> => e.fetch(new Request(`https://api.confident-ai.com/v1/organization/api-keys/${id}`, { headers: KEY }));
  const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

  it.each(["0x0c", "1.2e1", "12.0", "+12", "%2012", "12%20", "012", "1e400", "-0x1", "１２", "Infinity", "NaN", "12n"])("%s is a 400 naming apiKeyId", async (id) => {
    const response = await get(engine, id);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/path parameter apiKeyId must be integer/);
  });

  it("any string is a 400 unless it is an integer as JSON writes one", async () => {
    await fc.assert(
      // "." and ".." are not ids but path segments, which the URL itself resolves away.
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.bigInt().map(String)).filter((t) => t !== "." && t !== ".."), async (text) => {
        const response = await get(engine, encodeURIComponent(text));
        // An integer above the contract's maximum (2^53 - 1) is a 400 too.
        expect({ text, status: response.status }).toEqual({ text, status: INTEGER.test(text) && BigInt(text) <= BigInt(Number.MAX_SAFE_INTEGER) ? 200 : 400 });
      }),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });

  it("an id past 2^53 is never confused with another: above the maximum a 400, below -2^53 not found under its own digits", async () => {
    for (const id of ["9007199254740992", "9007199254740993", `1${"0".repeat(30)}`]) {
      const response = await get(stateful, id);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ success: false, error: "Invalid request: path parameter apiKeyId must be <= 9007199254740991" });
    }
    const below = await get(stateful, "-9007199254740993");
    expect(below.status).toBe(404);
    expect(await below.json()).toEqual({ success: false, error: "API key -9007199254740993 not found" });
  });
});

describe("the store, whatever the names", () => {
  it("keeps every session within its budget in bytes, and answers 429 in the envelope when one is full", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 64 * 1024 }), { minLength: 1, maxLength: 60 }), (lengths) => {
        const store = new KeyStore(seedKeys(contract));
        for (const length of lengths) {
          const answer = store.handle("s", "createOrganizationApiKey", undefined, { name: "n".repeat(length) });
          expect([200, 429]).toContain(answer?.status);
          if (answer?.status === 429) {
            expect(answer.body).toEqual({ success: false, error: expect.stringMatching(/bytes of keys per session/) });
            expect(answer.headers?.["retry-after"]).toBe("60");
          }
        }
        const list = store.handle("s", "listOrganizationApiKeys", undefined, undefined);
        expect(JSON.stringify(list?.body).length).toBeLessThan(MAX_SESSION_BYTES + 1024);
      }),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 4) },
    );
  });

  it("keeps all sessions together within the store's budget, dropping the least recently used", () => {
    const store = new KeyStore(seedKeys(contract));
    const name = "n".repeat(60 * 1024);
    const sessions = Math.ceil(MAX_STORE_BYTES / MAX_SESSION_BYTES) + 8;
    for (let s = 0; s < sessions; s++) {
      for (let k = 0; k < 20; k++) store.handle(`s${s}`, "createOrganizationApiKey", undefined, { name });
    }
    let total = 0;
    for (let s = 0; s < sessions; s++) total += JSON.stringify(store.handle(`s${s}`, "listOrganizationApiKeys", undefined, undefined)?.body).length;
    // Reading the dropped sessions made them anew from the seed: small. The kept ones are within the budget.
    expect(total).toBeLessThan(MAX_STORE_BYTES + sessions * 2048);
    const newest = store.handle(`s${sessions - 1}`, "listOrganizationApiKeys", undefined, undefined)?.body as { data: { apiKeys: unknown[] } };
    expect(newest.data.apiKeys.length).toBeGreaterThan(2);
  });
});

describe("framing that cannot end", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, log: false });
  });
  afterAll(() => server.close());
  const head = (te: string, extra = ""): string =>
    `POST /v1/organization/api-keys HTTP/1.1\r\nHost: x\r\nCONFIDENT_API_KEY: ${FAKE_KEY}\r\ncontent-type: application/json\r\nTransfer-Encoding: ${te}\r\n${extra}\r\n`;

  it.each([
    ["a chunk size that is not hex", `${head("chunked")}zz\r\n{}\r\n`],
    ["a chunk size of 18 F's", `${head("chunked")}${"F".repeat(18)}\r\n{}\r\n`],
    ["a negative chunk size", `${head("chunked")}-5\r\n{}\r\n`],
    ["Transfer-Encoding: xchunked", `${head("xchunked")}{"name":"x"}`],
    ["Transfer-Encoding: chunked, gzip", `${head("chunked, gzip")}{"name":"x"}`],
  ])("%s gets a 400 in the envelope, then the connection closes", async (_what, bytes) => {
    const reply = await rawExchange(server, bytes);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toMatch(/\r\n\r\n\{"success":false,"error":"[^"]+"\}$/);
  });

  it(`the server still answers after ${SIZES.brokenConnections} such connections, each closed`, async () => {
    const replies = await Promise.all(Array.from({ length: SIZES.brokenConnections }, () => rawExchange(server, `${head("chunked")}zz\r\n`, 10_000)));
    expect(replies.filter((reply) => !reply.startsWith("HTTP/1.1 400 "))).toEqual([]);
    const response = await fetch(`${server.url}/v1/organization/api-keys`, { headers: KEY });
    expect(response.status).toBe(200);
  }, 60_000);
});

describe("request lines and headers RFC 9112 asks about", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, log: false });
  });
  afterAll(() => server.close());
  const line = (reply: string): string => reply.split("\r\n")[0] ?? "";
  const body = (reply: string): unknown => JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));

  it("accepts the absolute form of the target", async () => {
    const reply = await rawExchange(server, `GET http://api.confident-ai.com/v1/organization/api-keys/12 HTTP/1.1\r\nHost: x\r\nCONFIDENT_API_KEY: ${FAKE_KEY}\r\nConnection: close\r\n\r\n`);
    expect(line(reply)).toBe("HTTP/1.1 200 OK");
    expect(body(reply)).toMatchObject({ success: true, data: { apiKey: { id: 12 } } });
  });

  it("answers an HTTP/1.1 request without Host with 400 in the envelope (HTTP/1.0 needs none)", async () => {
    const reply = await rawExchange(server, `GET /v1/organization/api-keys HTTP/1.1\r\nCONFIDENT_API_KEY: ${FAKE_KEY}\r\n\r\n`);
    expect(line(reply)).toBe("HTTP/1.1 400 Bad Request");
    expect(body(reply)).toEqual({ success: false, error: "Malformed HTTP request: HTTP/1.1 requires a Host header" });
    expect(line(await rawExchange(server, `GET /v1/organization/api-keys HTTP/1.0\r\nCONFIDENT_API_KEY: ${FAKE_KEY}\r\n\r\n`))).toBe("HTTP/1.1 200 OK");
  });

  it("answers a request line of another version with 505 in the envelope", async () => {
    const reply = await rawExchange(server, `GET /v1/organization/api-keys HTTP/2.0\r\nHost: x\r\nCONFIDENT_API_KEY: ${FAKE_KEY}\r\n\r\n`);
    expect(line(reply)).toBe("HTTP/1.1 505 HTTP Version Not Supported");
    expect(body(reply)).toEqual({ success: false, error: "HTTP/2.0 is not supported: send HTTP/1.1" });
  });
});

describe("an answer the door cannot write", () => {
  it("is a 500 in the envelope, and the process goes on", async () => {
    const engine: Engine = { handle: async () => ({ status: 200, body: { tooBig: 1n } }), fetch: async () => new Response(), journal: { entries: () => [], clear: () => undefined }, overrides: new OverrideList() };
    const server: Server = createServer(httpListener(engine));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/organization/api-keys`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ success: false, error: "The mock failed to answer this request" });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the mock's own routes, from other sites' pages", () => {
  let server: MockServer;
  let allowing: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, log: false, stateful: true });
    allowing = await startMockServer({ port: 0, log: false, stateful: true, allowOrigins: ["http://localhost:5173"] });
  });
  afterAll(async () => {
    await server.close();
    await allowing.close();
  });
  const reset = (target: MockServer, headers: Record<string, string>): Promise<Response> =>
    fetch(`${target.url}/__mock/reset?all=true`, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: "x" });

  it("refuse a reset from another site's page with 403, and keep the store", async () => {
    const created = await fetch(`${server.url}/v1/organization/api-keys`, { method: "POST", headers: { ...KEY, "content-type": "application/json" }, body: '{"name":"kept"}' });
    const { data } = (await created.json()) as { data: { apiKey: { id: number } } };
    for (const origin of ["https://evil.example", "null", "http://localhost:5173"]) {
      const refused = await reset(server, { origin });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toMatch(/--allow-origin/);
    }
    expect((await reset(server, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await fetch(`${server.url}/v1/organization/api-keys/${data.apiKey.id}`, { headers: KEY })).status).toBe(200);
  });

  it("allow one without an Origin (curl, Node), one from the mock's own origin, and an allowed origin", async () => {
    expect((await reset(server, {})).status).toBe(200);
    expect((await reset(server, { origin: new URL(server.url).origin })).status).toBe(200);
    expect((await reset(allowing, { origin: "http://localhost:5173" })).status).toBe(200);
    expect((await reset(allowing, { origin: "https://evil.example" })).status).toBe(403);
  });
});

describe("in its own process, with a deadline", () => {
  let mock: ListeningProcess;
  beforeAll(async () => {
    mock = await spawnListening(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--port", "0", "--quiet", "--stateful"]);
  });
  afterAll(() => mock.stop());
  const within = (ms: number): AbortSignal => AbortSignal.timeout(ms);

  it("the mock answers each hostile request within 2 s and is still there after them all", async () => {
    const url = mock.url;
    const cubic = `a=${" ".repeat(4_000)}"x"y`;
    for (const prefer of [cubic, cubic.slice(0, MAX_PREFER_LENGTH), "example=__proto__", "example=constructor"]) {
      const response = await fetch(`${url}/v1/organization/api-keys`, { headers: { ...KEY, prefer }, signal: within(2_000) });
      expect(response.status).toBe(200);
    }
    for (const id of ["0x0c", "1e400", "9007199254740993"]) expect([400, 404]).toContain((await fetch(`${url}/v1/organization/api-keys/${id}`, { headers: KEY, signal: within(2_000) })).status);
    const chunked = await rawExchange({ url }, `POST /v1/organization/api-keys HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, 2_000);
    expect(chunked).toMatch(/^HTTP\/1\.1 400 /);
    expect(mock.child.exitCode).toBeNull();
    expect((await fetch(`${url}/v1/organization/api-keys`, { headers: KEY, signal: within(2_000) })).status).toBe(200);
  }, 30_000);

  it("--allow-origin lets that page reset the store, and no other; a value that is not an origin is a usage error", async () => {
    const allowing = await spawnListening(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--port", "0", "--quiet", "--stateful", "--allow-origin", "http://localhost:5173"]);
    try {
      const reset = (origin: string): Promise<Response> => fetch(`${allowing.url}/__mock/reset`, { method: "POST", headers: { origin }, signal: within(2_000) });
      expect((await reset("http://localhost:5173")).status).toBe(200);
      expect((await reset("https://evil.example")).status).toBe(403);
    } finally {
      await allowing.stop();
    }
    const refused = await promisify(execFile)(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--port", "0", "--allow-origin", "localhost:5173/app"]).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-origin takes an origin such as http://localhost:5173, got "localhost:5173/app"');
  }, 30_000);

  it("the checker exits 3 with its own message when it fails inside, and still writes a report", async () => {
    const dir = await mkdtemp(join(tmpdir(), "confident-internal-"));
    try {
      await writeFile(join(dir, "contract.json"), JSON.stringify({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/v1/x": { get: { responses: { "200": { $ref: "#/components/responses/Nope" } } } } } }));
      const result = await promisify(execFile)(process.execPath, ["bin/confident-org-api-keys.js", "contract", "--target", mock.url, "--contract", join(dir, "contract.json"), "--output", join(dir, "report.json")], {
        env: { ...process.env, CONFIDENT_API_KEY: FAKE_KEY },
        timeout: 20_000,
      }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/^contract: internal error, the run did not finish: /);
      expect(JSON.parse(await readFile(join(dir, "report.json"), "utf8"))).toMatchObject({ passed: false, internalError: expect.any(String) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
