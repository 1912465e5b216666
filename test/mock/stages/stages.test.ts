// Each stage of the mock engine on its own, without a socket: a request as plain data in, a
// context or an early answer out. The order of the stages is held here by what it decides: a
// request that breaks the rules of two stages gets the earlier stage's answer.
import { beforeAll, describe, expect, it } from "vitest";
import type { Context, Runtime } from "../../../src/mock/context.js";
import { STAGES, createContext, createEngine, createRuntime, firstAnswer, handleRequest } from "../../../src/mock/engine.js";
import { fromFetchRequest, type MockRequest, type RawBody } from "../../../src/mock/request.js";
import { body, parseJsonBody } from "../../../src/mock/stages/body.js";
import { faults } from "../../../src/mock/stages/faults.js";
import { mockAnswer } from "../../../src/mock/stages/mockAnswer.js";
import { mockRoutes } from "../../../src/mock/stages/mockRoutes.js";
import { preflight } from "../../../src/mock/stages/preflight.js";
import { parsePrefer, preferences, steer } from "../../../src/mock/stages/preferences.js";
import { prism } from "../../../src/mock/stages/prism.js";
import { route } from "../../../src/mock/stages/route.js";
import { state } from "../../../src/mock/stages/state.js";
import { verdict, verdictFor } from "../../../src/mock/stages/verdict.js";
import { loadContract, loadDocument } from "../../../src/contract/spec.js";
import { FAKE_KEY } from "../../support/helpers.js";

const contract = loadContract();
const KEY = { confident_api_key: FAKE_KEY };

/** A request as the stages see it; `body` is what reading it gives. */
function request(method: string, path: string, headers: Record<string, string> = {}, raw?: string | RawBody): MockRequest & { discarded: boolean } {
  const bytes: RawBody = typeof raw === "string" ? { kind: "bytes", bytes: new TextEncoder().encode(raw) } : (raw ?? { kind: "bytes", bytes: new Uint8Array() });
  const [pathOnly = path, query] = path.split("?");
  const req = {
    method,
    path: pathOnly,
    search: query ? `?${query}` : "",
    headers,
    discarded: false,
    readBody: async () => bytes,
    discardBody: () => void (req.discarded = true),
  };
  return req;
}

let runtime: Runtime;
let stateful: Runtime;
beforeAll(async () => {
  runtime = await createRuntime();
  stateful = await createRuntime({ stateful: true, failRate: 0 });
});

/** Runs the stages before `stage` (which must not answer) and returns the context. */
async function contextBefore(stage: string, req: MockRequest, rt: Runtime = runtime): Promise<Context> {
  const ctx = createContext(rt, req);
  const stages = STAGES[rt.mode];
  const at = stages.findIndex(([name]) => name === stage);
  if (at < 0) throw new Error(`no stage ${stage}`);
  const early = await firstAnswer(ctx, stages.slice(0, at));
  if (early) throw new Error(`a stage answered ${early.status} before ${stage}`);
  return ctx;
}

/** The status and error message the engine gives a request. */
async function answerOf(rt: Runtime, req: MockRequest): Promise<{ status: number; error?: string }> {
  const answer = await handleRequest(rt, req);
  const error = (answer.body as { error?: string } | undefined)?.error;
  return { status: answer.status, ...(error !== undefined ? { error } : {}) };
}

describe("fromFetchRequest", () => {
  it("gives header names in lower case even when the runtime's Headers keeps their case (happy-dom does)", () => {
    const headers = { forEach: (fn: (value: string, name: string) => void) => [["CONFIDENT_API_KEY", FAKE_KEY], ["Prefer", "code=404"], ["prefer", "dynamic=true"]].forEach(([n, v]) => fn(v ?? "", n ?? "")) };
    const req = fromFetchRequest({ url: "https://api.confident-ai.com/v1/organization/api-keys?x=1", method: "get", headers, body: null } as unknown as Request);
    expect(req).toMatchObject({ method: "GET", path: "/v1/organization/api-keys", search: "?x=1", headers: { confident_api_key: FAKE_KEY, prefer: "code=404, dynamic=true" } });
  });
});

describe("the stage order (mock mode)", () => {
  const json = { "content-type": "application/json" };
  it("the mock's own reset route before routing: POST /__mock/reset is the mock's, not a 404 of the API", async () => {
    expect(await answerOf(stateful, request("POST", "/__mock/reset"))).toEqual({ status: 200 });
  });

  it("a preflight before routing: a browser's preflight to a path the API lacks still gets its 204", async () => {
    expect(await answerOf(runtime, request("OPTIONS", "/v1/nope", { origin: "http://localhost:5173", "access-control-request-method": "GET" }))).toEqual({ status: 204 });
  });

  it("routing before the body: a malformed body to a path the API lacks is a 404", async () => {
    expect((await answerOf(runtime, request("POST", "/v1/nope", { ...KEY, ...json }, "{"))).status).toBe(404);
  });

  it("the body before the key: malformed JSON without a key is a 400 that names the JSON", async () => {
    expect(await answerOf(runtime, request("POST", "/v1/organization/api-keys", json, "{"))).toEqual({ status: 400, error: expect.stringMatching(/^Malformed JSON/) });
  });

  it("the key before the fields: a wrong field without a key is a 401", async () => {
    expect((await answerOf(runtime, request("POST", "/v1/organization/api-keys", json, '{"name":5}'))).status).toBe(401);
  });

  it("the verdict before the store: a stateful request without a key is a 401, not the session's keys", async () => {
    expect((await answerOf(stateful, request("GET", "/v1/organization/api-keys/13"))).status).toBe(401);
  });

  it("an asked-for answer before the store: Prefer code=404 for a stored key is a 404", async () => {
    expect((await answerOf(stateful, request("GET", "/v1/organization/api-keys/13", { ...KEY, prefer: "code=404", "x-mock-session": "order" }))).status).toBe(404);
  });

  it("an injected fault before the store: fail-rate=1 on a revoke answers 429 or 500 and leaves the key", async () => {
    const session = { ...KEY, "x-mock-session": "order-fault" };
    expect([429, 500]).toContain((await answerOf(stateful, request("DELETE", "/v1/organization/api-keys/13", { ...session, prefer: "fail-rate=1" }))).status);
    expect((await answerOf(stateful, request("GET", "/v1/organization/api-keys/13", session))).status).toBe(200);
  });

  it("a key the store issued and deactivated before an asked-for answer: Prefer code=404 with it is a 401", async () => {
    const session = { "x-mock-session": "order-credentials" };
    const made = await handleRequest(stateful, request("POST", "/v1/organization/api-keys", { ...KEY, ...session, "content-type": "application/json" }, '{"name":"x"}'));
    const { id, value } = (made.body as { data: { apiKey: { id: number; value: string } } }).data.apiKey;
    await handleRequest(stateful, request("PUT", `/v1/organization/api-keys/${id}`, { ...KEY, ...session, "content-type": "application/json" }, '{"valid":false}'));
    expect((await answerOf(stateful, request("GET", "/v1/organization/api-keys", { confident_api_key: value, ...session, prefer: "code=404" }))).status).toBe(401);
  });

  it("the store before Prism's answer: a key the session revoked is a 404, though Prism's example has it", async () => {
    const session = { ...KEY, "x-mock-session": "order-store" };
    expect((await answerOf(stateful, request("DELETE", "/v1/organization/api-keys/13", session))).status).toBe(200);
    expect((await answerOf(stateful, request("GET", "/v1/organization/api-keys/13", session))).status).toBe(404);
    expect((await answerOf(runtime, request("GET", "/v1/organization/api-keys/13", KEY))).status).toBe(200);
  });
});

describe("stage mockRoutes", () => {
  it("leaves every other path to the next stages", async () => {
    expect((await mockRoutes(createContext(stateful, request("POST", "/v1/organization/api-keys"))))).toBeUndefined();
  });

  it("answers POST /__mock/reset only in stateful mode, and only to POST", async () => {
    expect((await mockRoutes(createContext(runtime, request("POST", "/__mock/reset"))))?.status).toBe(404);
    expect((await mockRoutes(createContext(stateful, request("GET", "/__mock/reset"))))).toMatchObject({ status: 405, headers: { allow: "POST" } });
    expect((await mockRoutes(createContext(stateful, request("POST", "/__mock/reset", { "x-mock-session": "s1" }))))).toEqual({ status: 200, body: { success: true, data: { reset: "s1" } } });
    expect((await mockRoutes(createContext(stateful, request("POST", "/__mock/reset?all=true"))))?.body).toEqual({ success: true, data: { reset: "all sessions" } });
  });

  it("lets a browser's preflight to the reset route through to the preflight stage", async () => {
    expect((await mockRoutes(createContext(stateful, request("OPTIONS", "/__mock/reset", { origin: "http://localhost:5173" }))))).toBeUndefined();
  });
});

describe("stage preflight", () => {
  it("answers a CORS preflight with the route's methods", () => {
    const answer = preflight(createContext(runtime, request("OPTIONS", "/v1/organization/api-keys/12", { origin: "http://localhost:5173", "access-control-request-method": "PUT" })));
    expect(answer).toMatchObject({ status: 204, headers: { "access-control-allow-methods": "GET, PUT, DELETE" } });
  });

  it("answers an OPTIONS without Origin on a contract path (HTTP's own, and happy-dom's preflight as an in-process door sees it) with 204, Allow and CORS for any origin", () => {
    expect(preflight(createContext(runtime, request("OPTIONS", "/v1/organization/api-keys")))).toEqual({
      status: 204,
      headers: { allow: "GET, POST", "access-control-allow-origin": "*", "access-control-allow-methods": "GET, POST", "access-control-allow-headers": "CONFIDENT_API_KEY, Content-Type, Prefer, X-Mock-Session", "access-control-max-age": "600" },
    });
  });

  it("leaves an OPTIONS request that is no preflight to the next stages: on another path, or with an Origin but no method asked", () => {
    expect(preflight(createContext(runtime, request("OPTIONS", "/v1/nope")))).toBeUndefined();
    expect(preflight(createContext(runtime, request("OPTIONS", "/v1/organization/api-keys", { origin: "http://localhost:5173" })))).toBeUndefined();
  });
});

describe("stage route", () => {
  it("finds the operation and its raw path parameters", () => {
    const ctx = createContext(runtime, request("PUT", "/v1/organization/api-keys/12"));
    expect(route(ctx)).toBeUndefined();
    expect({ operationId: ctx.match?.op.operationId, params: ctx.match?.params }).toEqual({ operationId: "updateOrganizationApiKey", params: ["12"] });
  });

  it("answers 404 for a path, 405 with Allow for a method, 400 for bad percent-encoding", () => {
    expect(route(createContext(runtime, request("GET", "/v1/nope")))?.status).toBe(404);
    expect(route(createContext(runtime, request("PATCH", "/v1/organization/api-keys")))).toMatchObject({ status: 405, headers: { allow: "GET, POST" } });
    expect(route(createContext(runtime, request("GET", "/v1/organization/api-keys/%ff")))?.status).toBe(400);
  });

  it("answers 400 for an integer parameter not written as JSON writes an integer, which Prism's Number() would take", () => {
    for (const id of ["0x0c", "1.2e1", "12.0", "+12", "%2012", "abc"]) {
      expect(route(createContext(runtime, request("GET", `/v1/organization/api-keys/${id}`)))).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^Invalid request: path parameter apiKeyId must be integer/) } });
    }
    expect(route(createContext(runtime, request("GET", "/v1/organization/api-keys/-12")))).toBeUndefined();
  });
});

describe("stage body", () => {
  it("parses the JSON body of an operation that takes one", async () => {
    const ctx = await contextBefore("body", request("POST", "/v1/organization/api-keys", { "content-type": "application/json" }, '{"name":"x"}'));
    expect(await body(ctx)).toBeUndefined();
    expect(ctx.body).toEqual({ name: "x" });
  });

  it("lets the body of an operation that takes none go unread", async () => {
    const req = request("DELETE", "/v1/organization/api-keys/12", {}, "ignored");
    expect(await body(await contextBefore("body", req))).toBeUndefined();
    expect(req.discarded).toBe(true);
  });

  it("answers 400 for a body too large (and closes), one it could not read, and one that is not JSON", async () => {
    const post = (raw: string | RawBody, type = "application/json") => contextBefore("body", request("POST", "/v1/organization/api-keys", { "content-type": type }, raw));
    expect(await body(await post({ kind: "tooLarge" }))).toMatchObject({ status: 400, close: true });
    expect(await body(await post({ kind: "unreadable" }))).toMatchObject({ status: 400, close: true });
    expect(await body(await post("{"))).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^Malformed JSON/) } });
  });

  it("parseJsonBody: an empty body is none; JSON needs a JSON content type and UTF-8", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(parseJsonBody(new Uint8Array(), "application/json")).toBeUndefined();
    expect(parseJsonBody(bytes("{}"), "application/vnd.api+json; charset=utf-8")).toEqual({ value: {} });
    expect(parseJsonBody(bytes("{}"), "text/plain")).toEqual({ error: 'Content-Type must be application/json, got "text/plain"' });
    expect(parseJsonBody(new Uint8Array([0x22, 0xff, 0x22]), "application/json")).toEqual({ error: "Malformed request body: it is not valid UTF-8" });
  });
});

describe("stage preferences", () => {
  it("parsePrefer reads RFC 7240 preferences as Prism's server does: names in lower case, a ; starting a parameter", () => {
    expect({ ...parsePrefer('code=404, Example="noKeys", dynamic') }).toEqual({ code: "404", example: "noKeys", dynamic: "" });
    expect({ ...parsePrefer("example=noKeys; dynamic=true, fail-rate=0.5") }).toEqual({ example: "noKeys", "fail-rate": "0.5" });
    expect({ ...parsePrefer(undefined) }).toEqual({});
  });

  it("steer keeps what the operation can honour and reports the rest", () => {
    const list = contract.operation("listOrganizationApiKeys");
    expect(steer(list, { code: "429", dynamic: "true" })).toMatchObject({ mock: { code: 429, dynamic: true }, applied: ["code=429", "dynamic=true"], ignored: [] });
    expect(steer(list, { example: "noKeys" }).mock).toEqual({ code: 200, exampleKey: "noKeys" });
    expect(steer(list, { code: "404", dynamic: "maybe", latency: "fast" }).ignored).toEqual([
      "code=404 (listOrganizationApiKeys documents 200, 401, 403, 429, 500, 503)",
      "dynamic=maybe (true or false)",
      expect.stringMatching(/^latency=fast \(latency must be/),
    ]);
  });

  it("puts what it applied and ignored in the answer's headers", async () => {
    const ctx = await contextBefore("preferences", request("GET", "/v1/organization/api-keys", { prefer: "code=429, example=nope" }));
    preferences(ctx);
    expect(ctx.asked).toBe(true);
    expect(ctx.headers).toEqual({ "preference-applied": "code=429", "x-mock-warning": expect.stringMatching(/^Ignored Prefer: example=nope/) });
  });
});

describe("stage faults", () => {
  it("injects the operation's documented 429 or 500 as data, unless the request asked for an answer", async () => {
    const injected = await contextBefore("faults", request("GET", "/v1/organization/api-keys", { prefer: "fail-rate=1, latency=5" }));
    faults(injected);
    expect(injected.delayMs).toBe(5);
    expect([429, 500]).toContain(injected.injected);
    expect(injected.headers["x-mock-fault"]).toBe(`injected ${injected.injected}`);
    const asked = await contextBefore("faults", request("GET", "/v1/organization/api-keys", { prefer: "fail-rate=1, code=200" }));
    faults(asked);
    expect(asked.injected).toBeUndefined();
  });
});

describe("stage prism", () => {
  it("records Prism's answer and the request's violations: none for a good request, a 401 for a missing key", async () => {
    const good = await contextBefore("prism", request("GET", "/v1/organization/api-keys", KEY));
    expect(await prism(good)).toBeUndefined();
    expect({ status: good.prism?.output.statusCode, failed: good.prism?.failed }).toEqual({ status: 200, failed: [] });
    const noKey = await contextBefore("prism", request("GET", "/v1/organization/api-keys"));
    await prism(noKey);
    expect(noKey.prism?.failed.map((v) => v.code)).toContain(401);
  });
});

describe("stage verdict", () => {
  it("verdictFor: a security failure is 401 before any other failure; others are a 400 naming the fields", () => {
    const security = { message: "Invalid security scheme used", code: 401, severity: 0 };
    const field = { message: "Request body property name must be string", code: "type", severity: 0 };
    expect(verdictFor([field, security], {}, [])?.status).toBe(401);
    expect(verdictFor([field], {}, [])).toEqual({ status: 400, body: { success: false, error: "Invalid request: body property name must be string" } });
    expect(verdictFor([], {}, [])).toBeUndefined();
  });

  it("answers from the context Prism left", async () => {
    const ctx = await contextBefore("verdict", request("POST", "/v1/organization/api-keys", { ...KEY, "content-type": "application/json" }, '{"name":5}'));
    expect(verdict(ctx)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/name must be string/) } });
  });
});

describe("stage state", () => {
  it("answers a valid request from the session's store", async () => {
    const ctx = await contextBefore("state", request("GET", "/v1/organization/api-keys/13", { ...KEY, "x-mock-session": "stage-test" }), stateful);
    expect(state(ctx)).toMatchObject({ status: 200, body: { data: { apiKey: { id: 13 } } } });
  });

  it("leaves a request that asked for an answer to Prism", async () => {
    const ctx = await contextBefore("state", request("GET", "/v1/organization/api-keys/13", { ...KEY, prefer: "code=404" }), stateful);
    expect(state(ctx)).toBeUndefined();
  });
});

describe("stage mockAnswer", () => {
  it("answers Prism's output with its headers when the status is documented, else 500", async () => {
    const ctx = await contextBefore("mockAnswer", request("DELETE", "/v1/organization/api-keys/12", { ...KEY, prefer: "code=429" }));
    expect(mockAnswer(ctx)).toMatchObject({ status: 429, headers: { "retry-after": expect.any(String) } });
    if (ctx.prism) ctx.prism.output = { ...ctx.prism.output, statusCode: 418 };
    expect(mockAnswer(ctx)).toMatchObject({ status: 500, body: { error: "The mock produced status 418, which the contract does not document" } });
  });
});

describe("the engine with a contract given at run time", () => {
  it("serves an operation the bundled contract lacks, read by Prism then", async () => {
    const document = structuredClone(loadDocument());
    const list = document.paths["/v1/organization/api-keys"] ?? {};
    document.paths["/v1/organization/api-keys-copy"] = { get: list["get"] };
    const engine = await createEngine({ document });
    const response = await engine.fetch(new Request("http://x/v1/organization/api-keys-copy", { headers: KEY }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, data: { apiKeys: expect.any(Array) } });
  });

  it("refuses a contract with paths under /__mock/", async () => {
    const document = structuredClone(loadDocument());
    document.paths["/__mock/things"] = document.paths["/v1/organization/api-keys"] ?? {};
    await expect(createEngine({ document })).rejects.toThrow(/may not have paths under \/__mock\//);
  });
});
