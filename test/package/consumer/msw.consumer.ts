// A consumer's vitest file: the README's "Mocking in tests" recipe, run by test/package/package.test.ts
// (Node 20, MSW 2) and test/package/node-matrix.test.ts (Node 22 and 24, MSW 3) in an empty project that
// installed the packed package. It also counts the ports opened: there must be none.
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setupServer } from "msw/node";
import { http, HttpResponse } from "msw";
import { handlers, createHandlers, unhandledAsError } from "confident-org-api-keys/msw";
import { createApiKeysClient, resetMockSession, PRODUCTION_BASE_URL } from "confident-org-api-keys";

const listening: unknown[] = [];
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  listening.push(args);
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;

const server = setupServer(...handlers);
beforeAll(() => server.listen(unhandledAsError));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createApiKeysClient({ apiKey: "confident_org_FAKEKEYFORTESTSONLY000000000000000", baseUrl: PRODUCTION_BASE_URL });
const path = { params: { path: { apiKeyId: 12 } } };

describe("the five operations through MSW", () => {
  it("answer from the contract's examples", async () => {
    expect((await client.GET("/v1/organization/api-keys")).data?.data.apiKeys?.[0]?.value).toBe("***************a1b2c3");
    expect((await client.POST("/v1/organization/api-keys", { body: { name: "CI" } })).data?.data.apiKey.value).toMatch(/^confident_/);
    expect((await client.GET("/v1/organization/api-keys/{apiKeyId}", path)).response.status).toBe(200);
    expect((await client.PUT("/v1/organization/api-keys/{apiKeyId}", { ...path, body: { valid: false } })).data?.data.apiKey.valid).toBe(false);
    expect((await client.DELETE("/v1/organization/api-keys/{apiKeyId}", path)).data?.data.deleted).toBe(true);
  });

  it("let a test override one answer with server.use", async () => {
    server.use(http.get("*/v1/organization/api-keys", () => HttpResponse.json({ success: true, data: { apiKeys: [] } })));
    expect((await client.GET("/v1/organization/api-keys")).data?.data.apiKeys).toEqual([]);
  });
});

describe("stateful, through createHandlers({ stateful: true })", () => {
  it("creates, lists and revokes, and resets", async () => {
    server.use(...createHandlers({ stateful: true }));
    const created = await client.POST("/v1/organization/api-keys", { body: { name: "lifecycle" } });
    const id = created.data?.data.apiKey.id ?? -1;
    expect((await client.GET("/v1/organization/api-keys")).data?.data.apiKeys?.map((k) => k.id)).toContain(id);
    expect((await client.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: id } } })).response.status).toBe(200);
    expect((await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: id } } })).response.status).toBe(404);
    await resetMockSession(PRODUCTION_BASE_URL);
    expect((await client.GET("/v1/organization/api-keys")).data?.data.apiKeys?.map((k) => k.id)).toEqual([12, 13]);
  });
});

it("fails a request no handler answers, with MSW 2 and MSW 3 (unhandledAsError), instead of sending it on", async () => {
  // A server of the test's own, listening through the real listen, so that the port count below stays ours.
  const real = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 4\r\nconnection: close\r\n\r\nreal"));
  await new Promise<void>((resolve) => (listen as (...args: unknown[]) => net.Server).call(real, 0, "127.0.0.1", () => resolve()));
  try {
    const { port } = real.address() as net.AddressInfo;
    await expect(fetch(`http://127.0.0.1:${port}/not-mocked`)).rejects.toThrow();
  } finally {
    real.close();
  }
});

it("opened no port", () => {
  expect(listening).toEqual([]);
});
