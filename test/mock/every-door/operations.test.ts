// The contract's promises, one describe per operation, checked through each door of the mock
// (the HTTP server, the fetch function, MSW handlers).
// Cases for statuses and examples are generated from the contract, so a new response is covered
// without editing this file.
import { describe, expect, it } from "vitest";
import type { ContractOperation } from "../../../src/contract/contract.js";
import { mockScenario } from "../../../src/index.js";
import { loadContract } from "../../../src/contract/spec.js";
import { useDoor } from "../../support/doors.js";
import { client, closedContract, concretePath, raw } from "../../support/helpers.js";
import { SIZES } from "../../support/sizes.js";

const contract = loadContract();
const door = useDoor();
/** The contract with every object closed: the mock's answers never carry a field it does not name. */
const closed = closedContract();
const DYNAMIC_SAMPLES = SIZES.dynamicAnswers;
const REDACTED = /^\*{15}[A-Za-z0-9_]{6}$/;

/** A valid request body for the operation, taken from the contract's own request example. */
function validBody(op: ContractOperation): string | undefined {
  if (!op.hasRequestBody) return undefined;
  const item = contract.document.paths[op.path] as Record<string, { requestBody?: unknown }>;
  const requestBody = contract.resolve(item[op.method]?.requestBody, "").value as {
    content: { "application/json": { examples: Record<string, { value: unknown }> } };
  };
  const [first] = Object.values(requestBody.content["application/json"].examples);
  return JSON.stringify(first?.value);
}

function request(op: ContractOperation, headers: Record<string, string> = {}) {
  const body = validBody(op);
  return raw(op.method.toUpperCase(), concretePath(op.path), {
    door: door(),
    headers: body ? { "content-type": "application/json", ...headers } : headers,
    ...(body ? { body } : {}),
  });
}

/** Every `value` of every key in an answer. */
function keyValues(body: unknown): unknown[] {
  const data = (body as { data?: { apiKeys?: { value?: unknown }[]; apiKey?: { value?: unknown } } }).data;
  return [...(data?.apiKeys ?? []), ...(data?.apiKey ? [data.apiKey] : [])].map((k) => k.value);
}

describe("listOrganizationApiKeys", () => {
  it("lists keys through the typed client, each value redacted", async () => {
    const { data, error, response } = await client(door()).GET("/v1/organization/api-keys");
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.data.apiKeys?.length).toBeGreaterThan(0);
    for (const key of data?.data.apiKeys ?? []) expect(key.value).toMatch(REDACTED);
  });
});

describe("getOrganizationApiKey", () => {
  it("gets one key through the typed client, value redacted", async () => {
    const { data, error } = await client(door()).GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    expect(error).toBeUndefined();
    expect(data?.data.apiKey.value).toMatch(REDACTED);
  });

  it("answers 404 in the error envelope when asked for an unknown key", async () => {
    const c = client(door());
    c.use(mockScenario({ code: 404 }));
    const { data, error, response } = await c.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 999 } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual({ success: false, error: expect.any(String) });
  });
});

describe("createOrganizationApiKey", () => {
  it("creates a key through the typed client and returns its full value once", async () => {
    const { data, error } = await client(door()).POST("/v1/organization/api-keys", { body: { name: "CI/CD key" } });
    expect(error).toBeUndefined();
    expect(data?.data.apiKey.value).toMatch(/^confident_/);
    expect(data?.data.apiKey.lastUsed).toBeNull();
  });
});

describe("updateOrganizationApiKey", () => {
  it("deactivates a key through the typed client, value redacted", async () => {
    const { data, error } = await client(door()).PUT("/v1/organization/api-keys/{apiKeyId}", {
      params: { path: { apiKeyId: 12 } },
      body: { valid: false },
    });
    expect(error).toBeUndefined();
    expect(data?.data.apiKey.value).toMatch(REDACTED);
  });
});

describe("deleteOrganizationApiKey", () => {
  it("revokes a key through the typed client", async () => {
    const { data, error } = await client(door()).DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    expect(error).toBeUndefined();
    expect(data?.data.deleted).toBe(true);
  });
});

for (const op of contract.operations) {
  describe(op.operationId, () => {
    for (const response of op.responses) {
      it(`answers a documented ${response.status} when asked with Prefer: code=${response.status}, valid against the contract, with no unnamed field`, async () => {
        const answer = await request(op, { prefer: `code=${response.status}` });
        expect(answer.status).toBe(Number(response.status));
        expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
        expect(closed.validateResponse(op.operationId, answer.status, answer.json, Object.fromEntries(answer.headers))).toEqual([]);
      });

      for (const [name, value] of Object.entries(response.examples)) {
        it(`returns the named example "${name}" (${response.status}) when asked with Prefer: example=${name}`, async () => {
          const answer = await request(op, { prefer: `example=${name}` });
          expect(answer.status).toBe(Number(response.status));
          expect(answer.json).toEqual(value);
          expect(answer.headers.get("preference-applied")).toBe(`example=${name}`);
          expect(contract.validateResponse(op.operationId, answer.status, answer.json, Object.fromEntries(answer.headers))).toEqual([]);
        });
      }
    }

    it(`generates ${DYNAMIC_SAMPLES} valid answers with Prefer: dynamic=true, no unnamed field, none with an unredacted value where redaction applies`, async () => {
      const redacts = !op.revealsSecret;
      const bodies = new Set<string>();
      for (let i = 0; i < DYNAMIC_SAMPLES; i++) {
        const answer = await request(op, { prefer: "dynamic=true" });
        expect(answer.status).toBe(200);
        expect(closed.validateResponse(op.operationId, 200, answer.json)).toEqual([]);
        for (const value of keyValues(answer.json)) {
          if (redacts) expect(value).toMatch(REDACTED);
          else expect(value).not.toMatch(/^\*/);
        }
        bodies.add(answer.text);
      }
      // Generated, not a fixed example: answers vary.
      expect(bodies.size).toBeGreaterThan(DYNAMIC_SAMPLES / 2);
    });

    it("generates a valid answer for every documented status with Prefer: dynamic=true", async () => {
      for (const response of op.responses) {
        const answer = await request(op, { prefer: `code=${response.status}, dynamic=true` });
        expect(answer.status).toBe(Number(response.status));
        expect(closed.validateResponse(op.operationId, answer.status, answer.json, Object.fromEntries(answer.headers))).toEqual([]);
      }
    });
  });
}

describe("dynamic answers meet the published spec's optional and nullable fields", () => {
  it("sometimes give a key a null name, sometimes none at all, and sometimes a string", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < DYNAMIC_SAMPLES && seen.size < 3; i++) {
      const answer = await raw("GET", "/v1/organization/api-keys/12", { door: door(), headers: { prefer: "dynamic=true" } });
      const key = (answer.json as { data: { apiKey: Record<string, unknown> } }).data.apiKey;
      seen.add(!("name" in key) ? "absent" : key["name"] === null ? "null" : typeof key["name"]);
    }
    expect([...seen].sort()).toEqual(["absent", "null", "string"]);
  });
});

describe("the mock never emits a field the contract does not name", () => {
  it("is checked against a closed copy of the contract, which does reject an unnamed field", () => {
    const answer = { success: true, data: { apiKey: { id: 1, valid: true, value: "***************a1b2c3", created_at: "2024-12-04T23:00:00.000Z", extra: 1 } } };
    expect(contract.validateResponse("getOrganizationApiKey", 200, answer)).toEqual([]);
    expect(closed.validateResponse("getOrganizationApiKey", 200, answer)).toEqual([{ kind: "unknown-property", path: "/data/apiKey", message: 'has an unknown property "extra"' }]);
  });
});
