// The stateful mode: an API-key settings page can be built against it, as against a real server.
// Runs through every door.
import { describe, expect, it } from "vitest";
import { mockScenario, mockSession, resetMockSession, type ApiKeysClient } from "../../../src/index.js";
import { loadContract } from "../../../src/contract/spec.js";
import { doorName, openDoor, useDoor, type Door } from "../../support/doors.js";
import { client as doorClient, raw } from "../../support/helpers.js";

const contract = loadContract();
const door = useDoor({ stateful: true });
let sessions = 0;

/** A client in a session of its own, so tests do not see each other's keys. */
function client(session = `test-${++sessions}`): ApiKeysClient {
  const c = doorClient(door());
  c.use(mockSession(session));
  return c;
}

/** Runs `use` with a door of its own, closed after. */
async function withDoor(options: Parameters<typeof openDoor>[1], use: (d: Door) => Promise<void>): Promise<void> {
  const own = await openDoor(doorName(), options);
  try {
    await use(own);
  } finally {
    await own.close();
  }
}

function valid(operationId: string, result: { data?: unknown; error?: unknown; response: Response }): void {
  const violations = contract.validateResponse(operationId, result.response.status, result.data ?? result.error, Object.fromEntries(result.response.headers));
  expect(violations, operationId).toEqual([]);
}

const path = (apiKeyId: number) => ({ params: { path: { apiKeyId } } });

describe("a key's whole life, through createApiKeysClient", () => {
  it("create; list has it redacted; get; deactivate; list shows valid: false; revoke; get is 404; list no longer has it", async () => {
    const c = client();
    const created = await c.POST("/v1/organization/api-keys", { body: { name: "Settings page key" } });
    valid("createOrganizationApiKey", created);
    const key = created.data?.data.apiKey;
    if (!key) throw new Error("create returned no key");
    expect(key.value).toMatch(/^confident_org_[0-9a-f]{32}$/);
    expect(key).toMatchObject({ name: "Settings page key", valid: true, lastUsed: null });
    const redacted = `***************${key.value.slice(-6)}`;

    const listed = await c.GET("/v1/organization/api-keys");
    valid("listOrganizationApiKeys", listed);
    expect(listed.data?.data.apiKeys?.find((k) => k.id === key.id)).toEqual({ ...key, value: redacted });

    const got = await c.GET("/v1/organization/api-keys/{apiKeyId}", path(key.id));
    valid("getOrganizationApiKey", got);
    expect(got.data?.data.apiKey.value).toBe(redacted);

    const deactivated = await c.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path(key.id), body: { valid: false } });
    valid("updateOrganizationApiKey", deactivated);
    expect(deactivated.data?.data.apiKey.valid).toBe(false);
    const afterDeactivate = await c.GET("/v1/organization/api-keys");
    expect(afterDeactivate.data?.data.apiKeys?.find((k) => k.id === key.id)?.valid).toBe(false);

    const revoked = await c.DELETE("/v1/organization/api-keys/{apiKeyId}", path(key.id));
    valid("deleteOrganizationApiKey", revoked);
    expect(revoked.data?.data).toEqual({ id: key.id, deleted: true });

    const gone = await c.GET("/v1/organization/api-keys/{apiKeyId}", path(key.id));
    valid("getOrganizationApiKey", gone);
    expect(gone.response.status).toBe(404);
    expect(gone.error).toEqual({ success: false, error: `API key ${key.id} not found` });
    const finalList = await c.GET("/v1/organization/api-keys");
    expect(finalList.data?.data.apiKeys?.map((k) => k.id)).not.toContain(key.id);
  });

  it("starts from the contract's list example", async () => {
    const example = contract.operation("listOrganizationApiKeys").responses.find((r) => r.status === "200")?.examples["twoKeys"];
    const { data } = await client().GET("/v1/organization/api-keys");
    expect(data).toEqual(example);
  });

  it("answers 404 in the envelope for an unknown id, on get, update and revoke", async () => {
    const c = client();
    const results = [
      await c.GET("/v1/organization/api-keys/{apiKeyId}", path(999)),
      await c.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path(999), body: { valid: true } }),
      await c.DELETE("/v1/organization/api-keys/{apiKeyId}", path(999)),
    ];
    expect(results.map((r) => r.response.status)).toEqual([404, 404, 404]);
    for (const r of results) expect(r.error).toEqual({ success: false, error: "API key 999 not found" });
  });

  it("reactivates a key", async () => {
    const c = client();
    await c.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path(12), body: { valid: false } });
    const { data } = await c.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path(12), body: { valid: true } });
    expect(data?.data.apiKey.valid).toBe(true);
  });
});

describe("validation, auth and errors in stateful mode", () => {
  it("are exactly as in stateless mode, and a refused request changes nothing", async () => {
    const session = `strict-${++sessions}`;
    const noKey = await raw("POST", "/v1/organization/api-keys", { door: door(), key: null, headers: { "content-type": "application/json", "x-mock-session": session }, body: '{"name":"x"}' });
    expect(noKey.status).toBe(401);
    expect(noKey.json).toEqual({ success: false, error: "Missing API key: send an organization API key in the CONFIDENT_API_KEY header" });
    const badBody = await raw("POST", "/v1/organization/api-keys", { door: door(), headers: { "content-type": "application/json", "x-mock-session": session }, body: '{"name":5}' });
    expect(badBody.status).toBe(400);
    expect(badBody.json).toEqual({ success: false, error: "Invalid request: body property name must be string" });
    const badId = await raw("GET", "/v1/organization/api-keys/abc", { door: door(), headers: { "x-mock-session": session } });
    expect(badId.status).toBe(400);
    const { data } = await client(session).GET("/v1/organization/api-keys");
    expect(data?.data.apiKeys?.map((k) => k.id)).toEqual([12, 13]);
  });

  it("still answers what Prefer asks for, without touching the store", async () => {
    const c = client();
    c.use(mockScenario({ code: 500 }));
    const { response } = await c.DELETE("/v1/organization/api-keys/{apiKeyId}", path(12));
    expect(response.status).toBe(500);
    const plain = client(`prefer-check-${sessions}`);
    expect((await plain.GET("/v1/organization/api-keys/{apiKeyId}", path(12))).response.status).toBe(200);
  });
});

describe("keys that stop working, as the API refuses a deactivated key", () => {
  /** A request made with `key` as the credential, in `session`. */
  const usingKey = (session: string, key: string, headers: Record<string, string> = {}) => raw("GET", "/v1/organization/api-keys", { door: door(), key, headers: { "x-mock-session": session, ...headers } });

  it("a key the mock created works; deactivated, it gets 401 in the envelope, even when the request asks for an answer; reactivated, it works again", async () => {
    const session = `auth-${++sessions}`;
    const c = client(session);
    const created = await c.POST("/v1/organization/api-keys", { body: { name: "used as the credential" } });
    const key = created.data?.data.apiKey;
    if (!key) throw new Error("create failed");
    expect((await usingKey(session, key.value)).status).toBe(200);
    expect((await c.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path(key.id), body: { valid: false } })).response.status).toBe(200);
    const refused = await usingKey(session, key.value);
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ success: false, error: expect.stringMatching(/^Invalid API key: this key was deactivated/) });
    expect(contract.validateResponse("listOrganizationApiKeys", 401, refused.json)).toEqual([]);
    expect((await usingKey(session, key.value, { prefer: "code=200" })).status).toBe(401);
    expect((await c.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path(key.id), body: { valid: true } })).response.status).toBe(200);
    expect((await usingKey(session, key.value)).status).toBe(200);
  });

  it("a key the mock revoked gets 401; a key it never issued, and another session's key, are accepted as before", async () => {
    const session = `auth-${++sessions}`;
    const c = client(session);
    const key = (await c.POST("/v1/organization/api-keys", { body: { name: "revoked" } })).data?.data.apiKey;
    if (!key) throw new Error("create failed");
    expect((await c.DELETE("/v1/organization/api-keys/{apiKeyId}", path(key.id))).response.status).toBe(200);
    const refused = await usingKey(session, key.value);
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ success: false, error: "Invalid API key: this key was revoked" });
    expect((await usingKey(session, "confident_org_NEVERISSUEDBYTHEMOCK000000000")).status).toBe(200);
    expect((await usingKey(`auth-${++sessions}`, key.value)).status).toBe(200);
  });
});

describe("GET /__mock/state", () => {
  it("gives the caller's session's keys as list gives them, and only to GET", async () => {
    const session = `state-${++sessions}`;
    const c = client(session);
    const key = (await c.POST("/v1/organization/api-keys", { body: { name: "seen in the state" } })).data?.data.apiKey;
    const state = await raw("GET", "/__mock/state", { door: door(), headers: { "x-mock-session": session } });
    expect(state.status).toBe(200);
    const listed = await c.GET("/v1/organization/api-keys");
    expect(state.json).toEqual({ success: true, data: { session, apiKeys: listed.data?.data.apiKeys } });
    expect((state.json as { data: { apiKeys: { id: number; value: string }[] } }).data.apiKeys.find((k) => k.id === key?.id)?.value).toMatch(/^\*{15}/);
    const posted = await raw("POST", "/__mock/state", { door: door() });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET");
  });
});

describe("a session seeded from a fixture", () => {
  const FIXTURE = [
    { id: 1, name: "Production", valid: true, value: "***************aaaaaa", created_at: "2025-01-01T00:00:00.000Z", lastUsed: null },
    { id: 7, valid: false, value: "confident_org_FIXTUREFULLVALUE0000000000000bbbbbb", created_at: "2025-02-01T00:00:00.000Z" },
  ];

  it("lists exactly the fixture, a full value redacted, and goes on from it", async () => {
    await withDoor({ stateful: { keys: FIXTURE } }, async (own) => {
      const listed = await raw("GET", "/v1/organization/api-keys", { door: own });
      expect(listed.json).toEqual({
        success: true,
        data: { apiKeys: [FIXTURE[0], { ...FIXTURE[1], value: "***************bbbbbb" }] },
      });
      const created = await raw("POST", "/v1/organization/api-keys", { door: own, headers: { "content-type": "application/json" }, body: '{"name":"next"}' });
      expect((created.json as { data: { apiKey: { id: number } } }).data.apiKey.id).toBe(8);
    });
  });

  it("starts with no keys from an empty fixture, and refuses a deactivated fixture key given in full", async () => {
    await withDoor({ stateful: { keys: [] } }, async (own) => {
      expect((await raw("GET", "/v1/organization/api-keys", { door: own })).json).toEqual({ success: true, data: { apiKeys: [] } });
    });
    await withDoor({ stateful: { keys: FIXTURE } }, async (own) => {
      expect((await raw("GET", "/v1/organization/api-keys", { door: own, key: FIXTURE[1]?.value ?? "" })).status).toBe(401);
    });
  });

  it("refuses a fixture that is not the contract's, naming the key and the field, when the door is set up", async () => {
    await expect(openDoor(doorName(), { stateful: { keys: [{ ...FIXTURE[0], name: 5 } as unknown as (typeof FIXTURE)[0]] } })).rejects.toThrow(/stateful\.keys\[0\] is not an ApiKey of the contract: \/name must be/);
    await expect(openDoor(doorName(), { stateful: { keys: [FIXTURE[0], FIXTURE[0]] as typeof FIXTURE } })).rejects.toThrow(/stateful\.keys\[1\]: id 1 appears twice/);
  });
});

describe("isolation", () => {
  it("keeps sessions apart", async () => {
    const a = client();
    const b = client();
    const created = await a.POST("/v1/organization/api-keys", { body: { name: "only in a" } });
    const id = created.data?.data.apiKey.id ?? 0;
    expect((await a.GET("/v1/organization/api-keys/{apiKeyId}", path(id))).response.status).toBe(200);
    expect((await b.GET("/v1/organization/api-keys/{apiKeyId}", path(id))).response.status).toBe(404);
  });

  it("resets a session with POST /__mock/reset", async () => {
    const session = `reset-${++sessions}`;
    const c = client(session);
    await c.DELETE("/v1/organization/api-keys/{apiKeyId}", path(12));
    expect((await c.GET("/v1/organization/api-keys")).data?.data.apiKeys?.map((k) => k.id)).toEqual([13]);
    await resetMockSession(door().baseUrl, session, door().fetch);
    expect((await c.GET("/v1/organization/api-keys")).data?.data.apiKeys?.map((k) => k.id)).toEqual([12, 13]);
  });

  it("keeps the reset route apart from the contract: POST only, and absent without --stateful", async () => {
    expect((await raw("GET", "/__mock/reset", { door: door() })).status).toBe(405);
    await withDoor({}, async (stateless) => {
      const answer = await raw("POST", "/__mock/reset", { door: stateless });
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ success: false, error: expect.stringMatching(/--stateful/) });
    });
  });

  it("forgets everything on restart", async () => {
    await withDoor({ stateful: true }, async (first) => {
      const c = doorClient(first);
      await c.POST("/v1/organization/api-keys", { body: { name: "before restart" } });
      expect((await c.GET("/v1/organization/api-keys")).data?.data.apiKeys).toHaveLength(3);
    });
    await withDoor({ stateful: true }, async (again) => {
      expect((await doorClient(again).GET("/v1/organization/api-keys")).data?.data.apiKeys).toHaveLength(2);
    });
  });
});

describe("concurrency", () => {
  it("100 parallel creates give 100 distinct ids and values, all in the list", async () => {
    const c = client();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => c.POST("/v1/organization/api-keys", { body: { name: `parallel ${i}` } })));
    for (const r of results) valid("createOrganizationApiKey", r);
    const keys = results.map((r) => r.data?.data.apiKey);
    expect(new Set(keys.map((k) => k?.id)).size).toBe(100);
    expect(new Set(keys.map((k) => k?.value)).size).toBe(100);
    const { data } = await c.GET("/v1/organization/api-keys");
    expect(data?.data.apiKeys).toHaveLength(102);
  });
});

