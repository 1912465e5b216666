// @vitest-environment happy-dom
// A consumer's vitest file under happy-dom, whose fetch sends a CORS preflight that reaches MSW
// without its Origin: the five operations, an error's envelope, and an override, as in jsdom. Run by
// test/package/node-matrix.test.ts (Node 22 and 24, MSW 3).
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { setupServer } from "msw/node";
import { handlers, unhandledAsError } from "confident-org-api-keys/msw";
import { createApiKeysClient, mockScenario, PRODUCTION_BASE_URL } from "confident-org-api-keys";

const server = setupServer(...handlers);
beforeAll(() => server.listen(unhandledAsError));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createApiKeysClient({ apiKey: "confident_org_FAKEKEYFORTESTSONLY000000000000000", baseUrl: PRODUCTION_BASE_URL });
const path = { params: { path: { apiKeyId: 12 } } };

it("runs in happy-dom", () => {
  expect(navigator.userAgent).toContain("HappyDOM");
});

it("answers the five operations from the contract's examples", async () => {
  expect((await client.GET("/v1/organization/api-keys")).data?.data.apiKeys).toHaveLength(2);
  expect((await client.POST("/v1/organization/api-keys", { body: { name: "CI" } })).data?.data.apiKey.value).toMatch(/^confident_/);
  expect((await client.GET("/v1/organization/api-keys/{apiKeyId}", path)).response.status).toBe(200);
  expect((await client.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path, body: { valid: false } })).data?.data.apiKey.valid).toBe(false);
  expect((await client.DELETE("/v1/organization/api-keys/{apiKeyId}", path)).data?.data.deleted).toBe(true);
});

it("gives an error answer with its envelope", async () => {
  const scenario = mockScenario({ code: 404 });
  client.use(scenario);
  const { response, error } = await client.GET("/v1/organization/api-keys/{apiKeyId}", path);
  client.eject(scenario);
  expect(response.status).toBe(404);
  expect(error).toEqual({ success: false, error: expect.any(String) });
});

it("takes a checked override", async () => {
  server.use(handlers.override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [] } } }));
  expect((await client.GET("/v1/organization/api-keys")).data?.data.apiKeys).toEqual([]);
});
