// A package about API keys must never leak one: not the caller's key (in errors, logs or
// answers), and not a key's full value in any answer but create's, in any mode of the mock.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeysClient, mockScenario, type ApiKeysClient, type DocumentedStatus } from "../../src/index.js";
import { startMockServer, type MockServer } from "../../src/mock/index.js";
import { FULL_KEY_PATTERN } from "../../src/contract/secrets.js";
import { loadContract } from "../../src/contract/spec.js";
import { SIZES } from "../support/sizes.js";

const contract = loadContract();
const SECRET = "confident_org_SECRETUNDERTEST0123456789abcdef";
const FULL_VALUE = FULL_KEY_PATTERN;

/** Calls one operation through the typed client. */
function call(client: ApiKeysClient, operationId: string) {
  const path = { params: { path: { apiKeyId: 12 } } };
  switch (operationId) {
    case "listOrganizationApiKeys":
      return client.GET("/v1/organization/api-keys");
    case "getOrganizationApiKey":
      return client.GET("/v1/organization/api-keys/{apiKeyId}", path);
    case "createOrganizationApiKey":
      return client.POST("/v1/organization/api-keys", { body: { name: "CI/CD key" } });
    case "updateOrganizationApiKey":
      return client.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path, body: { valid: false } });
    case "deleteOrganizationApiKey":
      return client.DELETE("/v1/organization/api-keys/{apiKeyId}", path);
    default:
      throw new Error(`no call for ${operationId}`);
  }
}

describe("the caller's key", () => {
  let server: MockServer;
  const log: string[] = [];
  beforeAll(async () => {
    server = await startMockServer({ port: 0, log: (line) => log.push(line) });
  });
  afterAll(() => server.close());

  it("never appears in any answer, error object or log line, for every operation and documented status", async () => {
    let calls = 0;
    for (const op of contract.operations) {
      for (const response of op.responses) {
        for (const dynamic of [false, true]) {
          const client = createApiKeysClient({ apiKey: SECRET, baseUrl: server.url });
          client.use(mockScenario({ code: Number(response.status) as DocumentedStatus, dynamic }));
          const { data, error, response: raw } = await call(client, op.operationId);
          calls++;
          expect(raw.status).toBe(Number(response.status));
          const seen = JSON.stringify({ data, error, headers: [...raw.headers] });
          expect(seen).not.toContain(SECRET);
        }
      }
    }
    expect(log.length).toBeGreaterThanOrEqual(calls);
    expect(log.filter((line) => line.includes(SECRET))).toEqual([]);
  });

  it("never appears in what the client throws", async () => {
    const client = createApiKeysClient({ apiKey: SECRET, baseUrl: "http://127.0.0.1:1" });
    const thrown: unknown = await client.GET("/v1/organization/api-keys").catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Error);
    expect(inspect(thrown, { depth: 10 })).not.toContain(SECRET);
    expect(() => createApiKeysClient({ apiKey: `${SECRET} ` })).toThrow();
    try {
      createApiKeysClient({ apiKey: `${SECRET} ` });
    } catch (error) {
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    }
  });
});

describe("a key's full value", () => {
  const SAMPLES = Math.ceil(SIZES.dynamicAnswers / 2);
  const modes: [string, { dynamic?: boolean; seed?: string }, string | undefined][] = [
    ["static", {}, undefined],
    ["--dynamic", { dynamic: true }, undefined],
    ["--seed", { dynamic: true, seed: "secrets" }, undefined],
    ["Prefer: dynamic=true", {}, "dynamic=true"],
  ];
  const redacting = contract.operations.filter((op) => !op.revealsSecret);

  for (const [mode, options, prefer] of modes) {
    it(`never appears in a list, get or update answer (${mode})`, async () => {
      const server = await startMockServer({ port: 0, log: false, ...options });
      try {
        for (const op of redacting) {
          for (let i = 0; i < SAMPLES; i++) {
            const client = createApiKeysClient({ apiKey: SECRET, baseUrl: server.url });
            if (prefer) client.use(mockScenario({ dynamic: true }));
            const { data, response } = await call(client, op.operationId);
            expect(response.status).toBe(200);
            expect(JSON.stringify(data)).not.toMatch(FULL_VALUE);
            if (!options.dynamic && !prefer) break; // static answers do not vary
          }
          for (const example of op.responses.flatMap((r) => Object.values(r.examples))) {
            expect(JSON.stringify(example)).not.toMatch(FULL_VALUE);
          }
        }
      } finally {
        await server.close();
      }
    });
  }
});
