// Per-test overrides, through every door, each its own way (MSW: `server.use(handlers.override(...))`;
// fetch and Playwright: `.override(...)`; the server: `POST /__mock/overrides`): the answer is the
// test's, checked against the closed contract when the override is made, while the request is
// still validated by the engine.
import { afterEach, describe, expect, it } from "vitest";
import { useDoor } from "../../support/doors.js";
import { FAKE_KEY, raw } from "../../support/helpers.js";

const door = useDoor({ stateful: true });
afterEach(() => door().resetOverrides());

const LIST = "/v1/organization/api-keys";
const KEY_12 = "/v1/organization/api-keys/12";
const REDACTED_KEY = { id: 40, name: "Storybook key", valid: false, value: "***************abc123", created_at: "2026-01-02T03:04:05Z", lastUsed: null };

describe("an override made the door's own way", () => {
  it("answers its operation with the test's answer, and leaves the other operations alone", async () => {
    await door().override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [REDACTED_KEY] } } });
    const list = await raw("GET", LIST, { door: door() });
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ success: true, data: { apiKeys: [REDACTED_KEY] } });
    expect((await raw("GET", KEY_12, { door: door() })).json).toMatchObject({ success: true, data: { apiKey: { id: 12 } } });
  });

  it("still lets the engine validate the request: no key is a 401, not the override", async () => {
    await door().override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [] } } });
    expect((await raw("GET", LIST, { door: door(), key: null })).status).toBe(401);
    expect((await raw("GET", LIST, { door: door() })).json).toEqual({ success: true, data: { apiKeys: [] } });
  });

  it("answers `times` requests, then the mock answers again", async () => {
    await door().override("getOrganizationApiKey", { status: 404, body: { success: false, error: "API key not found" } }, { times: 1 });
    expect((await raw("GET", KEY_12, { door: door() })).status).toBe(404);
    expect((await raw("GET", KEY_12, { door: door() })).status).toBe(200);
  });

  it("carries the headers it documents: a 429 with Retry-After", async () => {
    await door().override("getOrganizationApiKey", { status: 429, body: { success: false, error: "Too many requests" }, headers: { "Retry-After": "7" } });
    const answer = await raw("GET", KEY_12, { door: door() });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("7");
  });

  it("leaves the stateful store alone: an overridden create adds no key", async () => {
    const before = (await raw("GET", LIST, { door: door() })).json;
    await door().override("createOrganizationApiKey", { status: 403, body: { success: false, error: "Your plan does not allow more keys" } });
    const create = await raw("POST", LIST, { door: door(), headers: { "content-type": "application/json" }, body: '{"name":"x"}' });
    expect(create.status).toBe(403);
    expect((await raw("GET", LIST, { door: door() })).json).toEqual(before);
  });

  it("is gone after a reset", async () => {
    await door().override("getOrganizationApiKey", { status: 500, body: { success: false, error: "Internal server error" } });
    await door().resetOverrides();
    expect((await raw("GET", KEY_12, { door: door() })).status).toBe(200);
  });
});

describe("an off-contract override", () => {
  it("is refused when made, naming the operation and the field", async () => {
    const made = door().override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [{ ...REDACTED_KEY, name: 5 }] } } });
    await expect(made).rejects.toThrow(/^The override of listOrganizationApiKeys \(200\) is off the contract: body\/data\/apiKeys\/0\/name must be string,null\./);
  });

  it("is refused for a field the contract does not name, a full key outside create, an undocumented status, a missing Retry-After", async () => {
    const refusals = [
      door().override("getOrganizationApiKey", { status: 200, body: { success: true, data: { apiKey: { ...REDACTED_KEY, secret: "x" } } } }),
      door().override("getOrganizationApiKey", { status: 200, body: { success: true, data: { apiKey: { ...REDACTED_KEY, value: FAKE_KEY } } } }),
      door().override("getOrganizationApiKey", { status: 418, body: { success: false, error: "teapot" } }),
      door().override("getOrganizationApiKey", { status: 429, body: { success: false, error: "slow down" } }),
    ];
    const messages = await Promise.all(refusals.map((made) => made.then(() => "made", (error: Error) => error.message)));
    expect(messages[0]).toContain('body/data/apiKey has an unknown property "secret"');
    expect(messages[1]).toContain("body/data/apiKey/value must be redacted");
    expect(messages[1]).not.toContain(FAKE_KEY);
    expect(messages[2]).toContain("status 418 is not documented for getOrganizationApiKey");
    expect(messages[3]).toContain("header:retry-after is required but missing");
    // None of them answers anything.
    expect((await raw("GET", KEY_12, { door: door() })).status).toBe(200);
  });

  it("is served as given with unchecked: true, for a deliberately broken answer", async () => {
    await door().override("getOrganizationApiKey", { status: 200, body: { success: true, data: { id: "twelve" } } }, { unchecked: true });
    expect((await raw("GET", KEY_12, { door: door() })).json).toEqual({ success: true, data: { id: "twelve" } });
  });
});
