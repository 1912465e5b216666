// A consumer's second test file for the scenario coverage proof: create's 429, through mockScenario.
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupServer } from "msw/node";
import { handlers, unhandledAsError } from "confident-org-api-keys/msw";
import { createApiKeysClient, mockScenario, PRODUCTION_BASE_URL } from "confident-org-api-keys";

const server = setupServer(...handlers);
beforeAll(() => server.listen(unhandledAsError));
afterAll(() => server.close());
const client = createApiKeysClient({ apiKey: "confident_org_FAKE", baseUrl: PRODUCTION_BASE_URL });
client.use(mockScenario({ code: 429 }));

it("says to wait when there were too many requests", async () => {
  const { response } = await client.POST("/v1/organization/api-keys", { body: { name: "CI" } });
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).not.toBeNull();
});
