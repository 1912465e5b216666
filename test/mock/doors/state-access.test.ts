// The stateful store read and reset in process, with no request: through createMockFetch's
// `state`, createHandlers' `state` (with MSW's setupServer) and, refusing, when not stateful.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTION_BASE_URL, createApiKeysClient, mockSession } from "../../../src/index.js";
import { createHandlers } from "../../../src/mock/doors/msw.js";
import { createMockFetch } from "../../../src/mock/index.js";
import { FAKE_KEY } from "../../support/helpers.js";

const FIXTURE = [{ id: 5, name: "Seeded", valid: true, value: "***************eeeeee", created_at: "2025-05-01T00:00:00.000Z", lastUsed: null }];

describe("createMockFetch(...).state", () => {
  it("reads what requests changed, per session, and resets it, with no request", async () => {
    const mockFetch = createMockFetch({ stateful: { keys: FIXTURE } });
    const client = createApiKeysClient({ apiKey: FAKE_KEY, fetch: mockFetch });
    client.use(mockSession("mine"));
    expect(await mockFetch.state.keys("mine")).toEqual(FIXTURE);
    const created = (await client.POST("/v1/organization/api-keys", { body: { name: "made in the test" } })).data?.data.apiKey;
    expect((await mockFetch.state.keys("mine")).map((k) => k.id)).toEqual([5, created?.id]);
    expect(await mockFetch.state.keys()).toEqual(FIXTURE); // the default session is untouched
    await mockFetch.state.reset("mine");
    expect(await mockFetch.state.keys("mine")).toEqual(FIXTURE);
  });

  it("refuses, saying why, when the mock is not stateful", async () => {
    await expect(createMockFetch().state.keys()).rejects.toThrow(/This mock is not stateful: create it with stateful: true/);
  });
});

describe("createHandlers(...).state, with MSW", () => {
  const handlers = createHandlers({ stateful: true });
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("sees the keys the handlers' requests made, and resetAll forgets them", async () => {
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: PRODUCTION_BASE_URL });
    const created = (await client.POST("/v1/organization/api-keys", { body: { name: "through MSW" } })).data?.data.apiKey;
    expect((await handlers.state.keys()).find((k) => k.id === created?.id)).toMatchObject({ name: "through MSW", value: expect.stringMatching(/^\*{15}/) });
    await handlers.state.resetAll();
    expect((await handlers.state.keys()).map((k) => k.id)).toEqual([12, 13]);
  });
});
