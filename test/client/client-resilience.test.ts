// What a caller gets when things go wrong below HTTP: each outcome is typed and documented.
//   network failure -> throws ApiKeysNetworkError
//   the mock failing -> throws ApiKeysMockError (never reported as the network's fault)
//   timeout/abort   -> throws the platform's TimeoutError / AbortError
//   non-JSON error  -> returns { error: { success: false, error: "HTTP 502 ..." } }, never throws
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeysMockError, ApiKeysNetworkError, createApiKeysClient } from "../../src/index.js";
import { createMockFetch } from "../../src/mock/index.js";
import { loadDocument } from "../../src/contract/spec.js";
import { FAKE_KEY } from "../support/helpers.js";

let server: Server;
let baseUrl = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.endsWith("/12")) return; // never answers: for the timeout
    if (req.url?.endsWith("/13")) {
      res.writeHead(502, { "content-type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
      return;
    }
    if (req.url?.endsWith("/14")) {
      res.writeHead(503, { "content-type": "application/json" }).end("{not json");
      return;
    }
    res.writeHead(500, { "content-type": "application/json" }).end('{"success":false,"error":"Internal server error"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe("client resilience", () => {
  it("a network failure throws ApiKeysNetworkError naming the request, not the key", async () => {
    const url = await closedPortUrl();
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: url });
    const error: unknown = await client.GET("/v1/organization/api-keys").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiKeysNetworkError);
    expect((error as Error).message).toBe(`GET ${url}/v1/organization/api-keys failed: the server could not be reached (ECONNREFUSED)`);
    expect(inspect(error, { depth: 10 })).not.toContain(FAKE_KEY);
  });

  it("a mock that cannot start throws ApiKeysMockError with its reason, not ApiKeysNetworkError", async () => {
    // A contract the engine refuses when it starts (a path under /__mock/): the in-process door's own failure.
    const document = loadDocument();
    document.paths["/__mock/mine"] = { get: { operationId: "mine", responses: { "200": { description: "mine" } } } };
    const client = createApiKeysClient({ apiKey: FAKE_KEY, fetch: createMockFetch({ document }) });
    const error: unknown = await client.GET("/v1/organization/api-keys").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiKeysMockError);
    expect(error).not.toBeInstanceOf(ApiKeysNetworkError);
    expect((error as Error).message).toBe("The mock failed, not the network: The contract may not have paths under /__mock/: the mock's own routes live there");
  });

  it("a timeout throws TimeoutError, as fetch does", async () => {
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl });
    const started = Date.now();
    const error: unknown = await client
      .GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } }, signal: AbortSignal.timeout(200) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(inspect(error, { depth: 10 })).not.toContain(FAKE_KEY);
  });

  it("a non-JSON 502 returns a typed error envelope instead of throwing", async () => {
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl });
    const { data, error, response } = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 13 } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(502);
    expect(error).toEqual({
      success: false,
      error: "HTTP 502 Bad Gateway: the server answered text/html, not the API's JSON error envelope",
    });
  });

  it("an error that claims JSON but is not gets the same envelope", async () => {
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl });
    const { error } = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 14 } } });
    expect(error?.error).toMatch(/^HTTP 503 Service Unavailable: the server answered application\/json, not the API's JSON error envelope$/);
  });

  it("a JSON error envelope passes through untouched", async () => {
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl });
    const { error } = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 15 } } });
    expect(error).toEqual({ success: false, error: "Internal server error" });
  });
});
