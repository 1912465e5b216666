// Overrides as data: checked against the closed contract when made, held newest first and bounded,
// and the server's route to them (`POST /__mock/overrides`), each without a socket.
import { describe, expect, it } from "vitest";
import { closedContractOf } from "../../../src/contract/closedDocument.js";
import { createEngine } from "../../../src/mock/engine.js";
import { checkOverride, MAX_OVERRIDES, MAX_OVERRIDES_PER_SESSION, OffContractAnswerError, OverrideList, singleOverride, type MockOverride } from "../../../src/mock/overrides.js";
import { loadContract } from "../../../src/contract/spec.js";
import { FAKE_KEY } from "../../support/helpers.js";

const closed = closedContractOf(loadContract());
const NOT_FOUND = { success: false, error: "API key not found" };

/** The violations an override is refused with (none: it was made). */
function refusal(operationId: string, answer: { status: number; body?: unknown; headers?: Record<string, string> }, options: { times?: number; unchecked?: boolean } = {}): { path: string; message: string }[] {
  try {
    checkOverride(closed, operationId, answer, options);
    return [];
  } catch (error) {
    if (!(error instanceof OffContractAnswerError)) throw error;
    expect(error.operationId).toBe(operationId);
    return [...error.violations];
  }
}

describe("checkOverride", () => {
  it("makes a documented answer, headers in lower case, its body copied and frozen", () => {
    const body = { success: false, error: "Too many requests" };
    const made = checkOverride(closed, "listOrganizationApiKeys", { status: 429, body, headers: { "Retry-After": "3" } }, { times: 2 });
    body.error = "changed";
    expect(made).toEqual({ operationId: "listOrganizationApiKeys", status: 429, body: { success: false, error: "Too many requests" }, headers: { "retry-after": "3" }, times: 2 });
    expect(Object.isFrozen(made)).toBe(true);
  });

  it("refuses, by field: an unknown property (the closed schema), a wrong type, a missing required property", () => {
    expect(refusal("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [], total: 1 } } })).toEqual([{ path: "/data", message: 'has an unknown property "total"' }]);
    expect(refusal("getOrganizationApiKey", { status: 404, body: { success: false, error: 404 } })).toEqual([{ path: "/error", message: "must be string" }]);
    expect(refusal("getOrganizationApiKey", { status: 404, body: { success: false } })).toEqual([{ path: "", message: 'is missing the required property "error"' }]);
  });

  it("refuses the envelope's success flag the wrong way round, and a 2xx body on an error status", () => {
    expect(refusal("getOrganizationApiKey", { status: 404, body: { success: true, error: "x" } })).toEqual([{ path: "/success", message: "must be false" }]);
  });

  it("refuses an undocumented status, and a documented header left out", () => {
    expect(refusal("deleteOrganizationApiKey", { status: 204 })).toEqual([{ path: "status", message: expect.stringMatching(/^204 is not documented for deleteOrganizationApiKey \(documented: 200, /) }]);
    expect(refusal("getOrganizationApiKey", { status: 429, body: { success: false, error: "x" } })).toEqual([{ path: "header:retry-after", message: "is required but missing" }]);
  });

  it("refuses a full key value outside create, under any field name, and asks create for one", () => {
    expect(refusal("getOrganizationApiKey", { status: 404, body: { success: false, error: `key ${FAKE_KEY} not found` } })).toEqual([{ path: "/error", message: expect.stringContaining("carries a full key value") }]);
    expect(refusal("createOrganizationApiKey", { status: 200, body: { success: true, data: { apiKey: { id: 1, name: null, valid: true, value: "***************abcdef", created_at: "2026-01-01T00:00:00Z" } } } })).toContainEqual({ path: "/data/apiKey/value", message: expect.stringContaining("must be the full secret") });
  });

  it("names the operation and each field in its message, and never the key", () => {
    const error = (() => {
      try {
        checkOverride(closed, "getOrganizationApiKey", { status: 404, body: { success: false, error: FAKE_KEY } });
      } catch (e) {
        return e as Error;
      }
      throw new Error("made");
    })();
    expect(error.message).toMatch(/^The override of getOrganizationApiKey \(404\) is off the contract: body\/error carries a full key value/);
    expect(error.message).not.toContain(FAKE_KEY);
  });

  it("with unchecked: true, serves any body, but still refuses what no answer can be", () => {
    expect(refusal("getOrganizationApiKey", { status: 418, body: { anything: 1 } }, { unchecked: true })).toEqual([]);
    expect(refusal("noSuchOperation", { status: 200 }, { unchecked: true })).toEqual([{ path: "operationId", message: expect.stringContaining("is not an operation of the contract") }]);
    expect(refusal("getOrganizationApiKey", { status: 99 }, { unchecked: true })).toEqual([{ path: "status", message: "must be an HTTP status from 200 to 599" }]);
    expect(refusal("getOrganizationApiKey", { status: 200, headers: { "x-a": "1\r\nset-cookie: a=b" } }, { unchecked: true })).toEqual([{ path: "header:x-a", message: expect.stringContaining("no line break") }]);
    expect(refusal("getOrganizationApiKey", { status: 200 }, { unchecked: true, times: 0 })).toEqual([{ path: "times", message: expect.stringContaining("at least 1") }]);
  });
});

const override = (operationId: string, times?: number): MockOverride => ({ operationId, status: 500, body: undefined, headers: {}, times });

describe("OverrideList", () => {
  it("answers with the newest override of the operation, for every session or only its own", () => {
    const list = new OverrideList();
    const older = override("getOrganizationApiKey");
    const newer = override("getOrganizationApiKey");
    const mine = override("listOrganizationApiKeys");
    list.add(older);
    const removeNewer = list.add(newer);
    list.add(mine, "s1");
    expect(list.take("getOrganizationApiKey", "default")).toBe(newer);
    expect(list.take("listOrganizationApiKeys", "default")).toBeUndefined();
    expect(list.take("listOrganizationApiKeys", "s1")).toBe(mine);
    removeNewer();
    expect(list.take("getOrganizationApiKey", "s2")).toBe(older);
  });

  it("drops an override once its times are used, and clears one session or all", () => {
    const list = new OverrideList();
    list.add(override("getOrganizationApiKey", 2));
    expect([list.take("getOrganizationApiKey", "a"), list.take("getOrganizationApiKey", "b"), list.take("getOrganizationApiKey", "c")].map((o) => o?.status)).toEqual([500, 500, undefined]);
    list.add(override("getOrganizationApiKey"), "s1");
    list.add(override("getOrganizationApiKey"), "s2");
    list.clear("s1");
    expect([list.take("getOrganizationApiKey", "s1"), list.take("getOrganizationApiKey", "s2")].map((o) => o?.status)).toEqual([undefined, 500]);
    list.clear();
    expect(list.take("getOrganizationApiKey", "s2")).toBeUndefined();
  });

  it("holds at most MAX_OVERRIDES_PER_SESSION per session and MAX_OVERRIDES in all", () => {
    const list = new OverrideList();
    for (let i = 0; i < MAX_OVERRIDES_PER_SESSION; i++) list.add(override("getOrganizationApiKey"), "full");
    expect(() => list.add(override("getOrganizationApiKey"), "full")).toThrow(RangeError);
    for (let i = MAX_OVERRIDES_PER_SESSION; i < MAX_OVERRIDES; i++) list.add(override("getOrganizationApiKey"), `s${i % 50}`);
    expect(() => list.add(override("getOrganizationApiKey"), "another")).toThrow(/at most 1000 overrides/);
  });
});

describe("singleOverride", () => {
  it("answers its own operation `times` times, in any session, then says it is used", () => {
    const source = singleOverride(override("getOrganizationApiKey", 1));
    expect(source.take("listOrganizationApiKeys", "default")).toBeUndefined();
    expect(source.used).toBe(false);
    expect(source.take("getOrganizationApiKey", "s9")?.status).toBe(500);
    expect(source.used).toBe(true);
    expect(source.take("getOrganizationApiKey", "s9")).toBeUndefined();
  });
});

describe("POST /__mock/overrides", () => {
  const post = async (engine: Awaited<ReturnType<typeof createEngine>>, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: { success: boolean; error?: string } }> => {
    const response = await engine.fetch(new Request("http://mock.test/__mock/overrides", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));
    return { status: response.status, json: (await response.json()) as { success: boolean; error?: string } };
  };
  const get12 = (engine: Awaited<ReturnType<typeof createEngine>>, session?: string): Promise<Response> =>
    engine.fetch(new Request("http://mock.test/v1/organization/api-keys/12", { headers: { CONFIDENT_API_KEY: FAKE_KEY, ...(session ? { "x-mock-session": session } : {}) } }));

  it("holds an override for the caller's session only", async () => {
    const engine = await createEngine();
    expect((await post(engine, JSON.stringify({ operationId: "getOrganizationApiKey", status: 404, body: NOT_FOUND }), { "x-mock-session": "s1" })).status).toBe(201);
    expect((await get12(engine, "s1")).status).toBe(404);
    expect((await get12(engine, "s2")).status).toBe(200);
    expect((await get12(engine)).status).toBe(200);
  });

  it("answers a body that is not an override with 400 in the envelope, and holds nothing", async () => {
    const engine = await createEngine();
    const bodies = [
      ["[]", "Invalid override: the body must be a JSON object"],
      ['{"operationId":"getOrganizationApiKey","status":404,"__proto__":{}}', 'Invalid override: unknown field "__proto__"'],
      ['{"operationId":1,"status":404}', "Invalid override: operationId must be a string"],
      ['{"operationId":"getOrganizationApiKey","status":"404"}', "Invalid override: status must be a number"],
      ['{"operationId":"getOrganizationApiKey","status":404,"headers":[]}', "Invalid override: headers must be an object of strings"],
      ['{"operationId":"getOrganizationApiKey","status":404,"body":{"success":false,"error":"x"},"times":"1"}', "Invalid override: times must be a number"],
      ["{", "Malformed JSON in request body"],
      ['{"operationId":"getOrganizationApiKey","status":404,"body":{}}', "The override of getOrganizationApiKey (404) is off the contract"],
    ] as const;
    for (const [body, error] of bodies) {
      const answer = await post(engine, body);
      expect(answer.status, body).toBe(400);
      expect(answer.json.success).toBe(false);
      expect(answer.json.error, body).toContain(error);
    }
    expect((await get12(engine)).status).toBe(200);
  });

  it("DELETE forgets the caller's session's overrides, or with ?all=true every session's", async () => {
    const engine = await createEngine();
    const make = JSON.stringify({ operationId: "getOrganizationApiKey", status: 404, body: NOT_FOUND });
    await post(engine, make, { "x-mock-session": "s1" });
    await post(engine, make, { "x-mock-session": "s2" });
    await engine.fetch(new Request("http://mock.test/__mock/overrides", { method: "DELETE", headers: { "x-mock-session": "s1" } }));
    expect([(await get12(engine, "s1")).status, (await get12(engine, "s2")).status]).toEqual([200, 404]);
    await engine.fetch(new Request("http://mock.test/__mock/overrides?all=true", { method: "DELETE" }));
    expect((await get12(engine, "s2")).status).toBe(200);
  });
});
