// The key never leaves for another origin: a server that redirects elsewhere gets the client, the
// checker and the proxy to stop there, while a second server, the redirect's target, records every
// request it receives. Redirects within the origin keep working.
// Prism's own index first, as another import in the same worker may load it: its forwarder then
// holds node-fetch before the mock's guard is installed, and the guard must hold all the same.
import "@stoplight/prism-http";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkServer } from "../../src/checker/index.js";
import { ApiKeysRedirectError, createApiKeysClient } from "../../src/index.js";
import { startMockServer, type MockServer } from "../../src/mock/index.js";
import { loadContract } from "../../src/contract/spec.js";
import { FAKE_KEY } from "../support/helpers.js";

const KEY_HEADER = "confident_api_key";
const key = { id: 12, valid: true, value: "***************a1b2c3", created_at: "2024-12-04T23:00:00.000Z" };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The redirect's target: records what it receives, answers like the API would. */
const received: IncomingHttpHeaders[] = [];
const elsewhere = createServer((req, res) => {
  received.push(req.headers);
  req.resume();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ success: true, data: { apiKeys: [key] } }));
});

/**
 * The API, gone wrong: the list redirects to another origin (302, or 307 for a create), a key's
 * `get` redirects within the origin (to key 12), and everything else answers as the contract says.
 */
let elsewhereUrl = "";
const redirecting = createServer((req, res) => {
  req.resume();
  const path = req.url ?? "/";
  if (!req.headers[KEY_HEADER]) return void res.writeHead(401, { "content-type": "application/json" }).end('{"success":false,"error":"no key"}');
  if (path === "/v1/organization/api-keys") {
    return void res.writeHead(req.method === "POST" ? 307 : 302, { location: `${elsewhereUrl}${path}` }).end();
  }
  if (path === "/v1/organization/api-keys/13") return void res.writeHead(301, { location: "/v1/organization/api-keys/12" }).end();
  if (path === "/v1/organization/api-keys/12") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ success: true, data: { apiKey: key } }));
  res.writeHead(404, { "content-type": "application/json" }).end('{"success":false,"error":"API key not found"}');
});

let target = "";
beforeAll(async () => {
  elsewhereUrl = await listen(elsewhere);
  target = await listen(redirecting);
});
afterAll(() => {
  elsewhere.closeAllConnections();
  redirecting.closeAllConnections();
  elsewhere.close();
  redirecting.close();
});

const withKey = (): IncomingHttpHeaders[] => received.filter((h) => h[KEY_HEADER] !== undefined);

describe("createApiKeysClient", () => {
  const client = () => createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: target });

  it("throws ApiKeysRedirectError on a redirect to another origin, and sends nothing there", async () => {
    const thrown = await client().GET("/v1/organization/api-keys").catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ApiKeysRedirectError);
    expect(thrown).toMatchObject({ from: target, to: elsewhereUrl });
    const create = await client().POST("/v1/organization/api-keys", { body: { name: "x" } }).catch((error: unknown) => error);
    expect(create).toBeInstanceOf(ApiKeysRedirectError);
    expect(received).toEqual([]);
  });

  it("follows a redirect within the origin, key and all", async () => {
    const { data, response } = await client().GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 13 } } });
    expect(response.status).toBe(200);
    expect(data?.data.apiKey.id).toBe(12);
  });
});

describe("contract --target", () => {
  it("reports a redirect to another origin as a named failure, and sends the key nowhere else", async () => {
    const report = await checkServer({ target, apiKey: FAKE_KEY, writes: true, fuzz: 1, seed: 1 });
    const redirects = report.failures.filter((f) => f.check === "answer_received");
    expect(redirects.length).toBeGreaterThan(0);
    expect(redirects[0]?.messages[0]).toBe(`${target} redirected to ${elsewhereUrl}: not followed, so that the API key is never sent to another origin`);
    expect(withKey()).toEqual([]);
  });
});

describe("the validating proxy", () => {
  let proxy: MockServer;
  const violations: string[] = [];
  beforeAll(async () => {
    proxy = await startMockServer({ port: 0, log: false, upstream: target, onViolation: (line) => violations.push(line) });
  });
  afterAll(() => proxy.close());

  it("answers 502 for a redirect to another origin and reports it, sending the key nowhere else", async () => {
    const { error, response } = await createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: proxy.url }).GET("/v1/organization/api-keys");
    expect(response.status).toBe(502);
    expect(error?.error).toContain("not followed, so that the API key is never sent to another origin");
    expect(violations.join("\n")).toContain(`redirected to ${elsewhereUrl}`);
    expect(withKey()).toEqual([]);
  });

  it("follows a redirect within the upstream's origin", async () => {
    const { data, response } = await createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: proxy.url }).GET("/v1/organization/api-keys/{apiKeyId}", {
      params: { path: { apiKeyId: 13 } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.apiKey.id).toBe(12);
  });
});

describe("the target server", () => {
  it("recorded no request that carried the key, from any of the three", () => {
    expect(withKey()).toEqual([]);
  });
});
