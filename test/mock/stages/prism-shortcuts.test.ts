// What the engine spares Prism (src/prism/shortcuts.ts) changes no answer: every operation,
// under every status and example it documents, and under bad requests and seeded generation, gets
// the same bytes as from Prism's own, unmodified `createInstance`, on the first request and on
// every one answered from memory after it.
import { prismOf } from "../../../src/mock/prismOf.js";
import { createInstance } from "@stoplight/prism-http";
import { beforeAll, describe, expect, it } from "vitest";
import { serializeAnswer } from "../../../src/mock/answer.js";
import type { Runtime } from "../../../src/mock/context.js";
import { createRuntime, handleRequest } from "../../../src/mock/engine.js";
import { silentLogger } from "../../../src/prism/shared.js";
import { rememberStaticAnswers, rememberUriTemplates, routeGiven, staticAnswerKey } from "../../../src/prism/shortcuts.js";
import type { MockRequest } from "../../../src/mock/request.js";
import { loadContract } from "../../../src/contract/spec.js";
import { FAKE_KEY, concretePath } from "../../support/helpers.js";

const contract = loadContract();
const BODIES: Record<string, string> = { createOrganizationApiKey: '{"name":"CI/CD key"}', updateOrganizationApiKey: '{"valid":false}' };

function request(method: string, path: string, headers: Record<string, string>, text?: string): MockRequest {
  const bytes = new TextEncoder().encode(text ?? "");
  return { method, path, search: "", headers, readBody: async () => ({ kind: "bytes", bytes }), discardBody: () => undefined };
}

/** The bytes a runtime answers: status, headers and payload, as every door serializes them. */
/** The same runtime with unmodified Prism (prism-http's own createInstance) in place of ours. */
async function withStockPrism(rt: Runtime): Promise<Runtime> {
  const state = await prismOf(rt);
  const stockState = { ...state, engine: { ...state.engine, instance: createInstance(state.baseConfig, { logger: silentLogger() }) } };
  return { ...rt, prism: () => Promise.resolve(stockState) };
}

async function bytesOf(rt: Runtime, req: MockRequest): Promise<string> {
  return JSON.stringify(serializeAnswer(await handleRequest(rt, req, { onError: (error) => { throw error; } })));
}

// The stock instance shares Prism's modules with ours, uri-template-lite's parsed templates
// included; `rememberUriTemplates` is held to a fresh parse on its own, below.
let ours: Runtime;
let stock: Runtime;
beforeAll(async () => {
  // Both through Prism (not the compiled contract), so that its shortcuts are what differs.
  ours = await createRuntime({ failRate: 0 }, { compiled: false });
  const base = await createRuntime({ failRate: 0 }, { compiled: false });
  stock = await withStockPrism(base);
});

/** Every operation, under no steering and under each documented status and named example. */
const steered = contract.operations.flatMap((op) => {
  const headers = { confident_api_key: FAKE_KEY, "content-type": "application/json" };
  const base = { op, method: op.method.toUpperCase(), path: concretePath(op.path), body: BODIES[op.operationId] };
  return [
    { ...base, name: `${op.operationId}, unsteered`, headers },
    ...op.responses.flatMap((r) => [
      { ...base, name: `${op.operationId}, Prefer code=${r.status}`, headers: { ...headers, prefer: `code=${r.status}` } },
      ...Object.keys(r.examples).map((example) => ({ ...base, name: `${op.operationId}, Prefer code=${r.status}, example=${example}`, headers: { ...headers, prefer: `code=${r.status}, example=${example}` } })),
    ]),
  ];
});

describe("answers from memory", () => {
  it.each(steered.map((s) => [s.name, s] as const))("%s: the same bytes as unmodified Prism, first and from memory", async (_name, s) => {
    const expected = await bytesOf(stock, request(s.method, s.path, s.headers, s.body));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await bytesOf(ours, request(s.method, s.path, s.headers, s.body)));
    expect(answers).toEqual([expected, expected, expected]);
  });

  it("covers every documented status and example of every operation", () => {
    const examples = contract.operations.reduce((n, op) => n + op.responses.reduce((m, r) => m + 1 + Object.keys(r.examples).length, 1), 0);
    expect(steered.length).toBe(examples);
    expect(steered.length).toBeGreaterThan(40);
  });

  const bad = [
    ["no key", "GET", "/v1/organization/api-keys", {}, undefined],
    ["an id that is not a number", "GET", "/v1/organization/api-keys/abc", { confident_api_key: FAKE_KEY }, undefined],
    ["a name that is not a string", "POST", "/v1/organization/api-keys", { confident_api_key: FAKE_KEY, "content-type": "application/json" }, '{"name":5}'],
    ["a field the contract does not name", "PUT", "/v1/organization/api-keys/12", { confident_api_key: FAKE_KEY, "content-type": "application/json" }, '{"valid":true,"extra":1}'],
  ] as const;
  it.each(bad)("a request with %s is validated in full every time, as by unmodified Prism", async (_name, method, path, headers, body) => {
    const expected = await bytesOf(stock, request(method, path, headers, body));
    // Once after a valid request to the same operation has been remembered, once more after that.
    await bytesOf(ours, request(method, path.replace("abc", "12"), { confident_api_key: FAKE_KEY, "content-type": "application/json" }, body && "{}"));
    for (let i = 0; i < 2; i++) expect(await bytesOf(ours, request(method, path, headers, body))).toBe(expected);
    expect(JSON.parse(expected)).toMatchObject({ status: expect.any(Number) as number });
    expect([400, 401]).toContain((JSON.parse(expected) as { status: number }).status);
  });

  it("generated answers (Prefer: dynamic=true, seeded) are the same as unmodified Prism's, and never remembered", async () => {
    const seeded = await createRuntime({ seed: "shortcuts", failRate: 0 });
    const seededStock = await withStockPrism(seeded);
    const ask = (rt: Runtime, id: number): Promise<string> => bytesOf(rt, request("GET", `/v1/organization/api-keys/${id}`, { confident_api_key: FAKE_KEY, prefer: "dynamic=true" }));
    const mine = [await ask(seeded, 1), await ask(seeded, 2)];
    expect(mine).toEqual([await ask(seededStock, 1), await ask(seededStock, 2)]);
  });
});

describe("rememberStaticAnswers", () => {
  const resource = {};
  const args = (config: Record<string, unknown>, validations: unknown[] = []) => ({ resource, input: { data: { headers: { accept: "application/json" } }, validations }, config });
  function counting() {
    let calls = 0;
    const mock = () => () => ({ _tag: "Right" as const, right: { statusCode: 200, body: { n: ++calls } } });
    return { remembered: rememberStaticAnswers(mock), calls: () => calls };
  }

  it("asks Prism once per operation and steering in static mode", () => {
    const { remembered, calls } = counting();
    for (let i = 0; i < 3; i++) remembered(args({ code: "200" }))(undefined);
    remembered(args({ code: "200", exampleKey: "other" }))(undefined);
    expect(calls()).toBe(2);
  });

  it("asks Prism every time for a request with violations, and in dynamic mode", () => {
    const { remembered, calls } = counting();
    for (let i = 0; i < 2; i++) remembered(args({}, [{ code: 401, severity: 0 }]))(undefined);
    for (let i = 0; i < 2; i++) remembered(args({ dynamic: true }))(undefined);
    expect(calls()).toBe(4);
    expect(staticAnswerKey(args({}, [{ severity: 1 }]))).toBeUndefined();
    expect(staticAnswerKey(args({ dynamic: true }))).toBeUndefined();
  });

  it("hands out a frozen answer, so that no reader can change what the next request gets", () => {
    const { remembered } = counting();
    remembered(args({}))(undefined);
    const again = remembered(args({}))(undefined) as { right: { body: { n: number } } };
    expect(() => (again.right.body.n = 99)).toThrow(TypeError);
  });
});

describe("routeGiven", () => {
  it("takes the one operation the engine routed to, and leaves several to Prism's router", () => {
    const prismRouter = () => ({ _tag: "Left" as const, left: "routed by Prism" });
    expect(routeGiven(prismRouter)({ resources: ["only"], input: {} })).toEqual({ _tag: "Right", right: "only" });
    expect(routeGiven(prismRouter)({ resources: ["a", "b"], input: {} })).toEqual({ _tag: "Left", left: "routed by Prism" });
  });
});

describe("rememberUriTemplates", () => {
  it("parses a template once, and the one parse matches as a fresh one does", () => {
    let parses = 0;
    const uri = {
      Template: class {
        constructor(readonly template: string) {
          parses++;
        }
        match = (path: string) => ({ path, template: this.template });
      } as new (template: string) => { match(path: string): unknown },
    };
    rememberUriTemplates(uri);
    const a = new uri.Template("/v1/organization/api-keys/{apiKeyId}");
    const b = new uri.Template("/v1/organization/api-keys/{apiKeyId}");
    expect(a).toBe(b);
    expect(parses).toBe(1);
    expect(b.match("/v1/organization/api-keys/7")).toEqual({ path: "/v1/organization/api-keys/7", template: "/v1/organization/api-keys/{apiKeyId}" });
  });
});
