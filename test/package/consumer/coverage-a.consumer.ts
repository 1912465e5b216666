// A consumer's first test file for the scenario coverage proof (test/package/package.test.ts):
// it shows the UI list's 200 and get's 404.
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupServer } from "msw/node";
import { handlers, unhandledAsError } from "confident-org-api-keys/msw";
import { createApiKeysClient, mockScenario, PRODUCTION_BASE_URL } from "confident-org-api-keys";

const server = setupServer(...handlers);
beforeAll(() => server.listen(unhandledAsError));
afterAll(() => server.close());
const client = createApiKeysClient({ apiKey: "confident_org_FAKE", baseUrl: PRODUCTION_BASE_URL });

it("lists the keys", async () => {
  expect((await client.GET("/v1/organization/api-keys")).response.status).toBe(200);
});

it("shows a key that is gone", async () => {
  const scenario = mockScenario({ code: 404 });
  client.use(scenario);
  expect((await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } })).response.status).toBe(404);
  client.eject(scenario);
});
