// The validating proxy: a frontend points at it instead of the real server; answers pass on
// unchanged, and every contract violation is reported readably.
import { afterEach, describe, expect, it, vi } from "vitest";
import { spawnListening } from "../../scripts/lib/processes.js";
import { createApiKeysClient } from "../../src/index.js";
import { startMockServer, type MockServer } from "../../src/mock/index.js";
import { HOSTILE_NAME, startUpstream, type Break, type Upstream } from "../support/upstream.js";

const KEY = "confident_org_PROXYTESTKEY00000000000000000000";
let upstream: Upstream | undefined;
let proxy: MockServer | undefined;
const violations: string[] = [];

async function start(breaks: Break[]): Promise<ReturnType<typeof createApiKeysClient>> {
  violations.length = 0;
  upstream = await startUpstream(breaks);
  proxy = await startMockServer({ port: 0, log: false, upstream: upstream.url, onViolation: (line) => violations.push(line) });
  return createApiKeysClient({ apiKey: KEY, baseUrl: proxy.url });
}

afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = upstream = undefined;
});

describe("the validating proxy", () => {
  it("passes a conforming server's answers on unchanged and reports nothing", async () => {
    const client = await start([]);
    const direct = await (await fetch(`${upstream?.url}/v1/organization/api-keys`, { headers: { CONFIDENT_API_KEY: KEY } })).json();
    const { data, response } = await client.GET("/v1/organization/api-keys");
    expect(response.status).toBe(200);
    expect(data).toEqual(direct);
    const created = await client.POST("/v1/organization/api-keys", { body: { name: "via proxy" } });
    expect(created.data?.data.apiKey.name).toBe("via proxy");
    expect(violations).toEqual([]);
  });

  it("reports a leaked key and a wrong type, naming operation, request, status and field", async () => {
    const client = await start(["leakInList", "stringId"]);
    const list = await client.GET("/v1/organization/api-keys");
    expect(list.data?.data.apiKeys?.[0]?.value).toMatch(/^confident_org_/); // passed on as the server sent it
    await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    expect(violations).toEqual([
      "contract violation: listOrganizationApiKeys GET /v1/organization/api-keys → 200: /data/apiKeys/0/value must be redacted: 15 '*' followed by the key's last 6 characters, never the full secret",
      "contract violation: getOrganizationApiKey GET /v1/organization/api-keys/12 → 200: /data/apiKey/id must be integer",
    ]);
  });

  it("reports an undocumented status", async () => {
    const client = await start(["undocumentedStatus"]);
    const { response } = await client.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    expect(response.status).toBe(204);
    expect(violations).toEqual([
      "contract violation: deleteOrganizationApiKey DELETE /v1/organization/api-keys/12 → 204: (body) is not JSON (content-type none)",
      "contract violation: deleteOrganizationApiKey DELETE /v1/organization/api-keys/12 → 204: status 204 is not documented for deleteOrganizationApiKey (documented: 200, 400, 401, 403, 404, 429, 500, 503)",
    ]);
  });

  it("answers an invalid request itself, naming the field, and never forwards it", async () => {
    const client = await start([]);
    const { error, response } = await client.POST("/v1/organization/api-keys", { body: { name: 5 as unknown as string } });
    expect(response.status).toBe(400);
    expect(error?.error).toMatch(/name must be string/);
    const unknownField = await client.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } }, body: { valid: false, extra: 1 } as { valid: boolean } });
    expect(unknownField.response.status).toBe(400);
    expect(upstream?.received()).toEqual([]);
  });

  it("answers a request without a key with 401 itself, and never forwards it", async () => {
    await start([]);
    const response = await fetch(`${proxy?.url}/v1/organization/api-keys`);
    expect(response.status).toBe(401);
    expect(upstream?.received()).toEqual([]);
  });

  it("forwards a valid request once", async () => {
    const client = await start([]);
    expect((await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } })).response.status).toBe(200);
    expect(upstream?.received()).toEqual(["GET /v1/organization/api-keys/12"]);
  });

  it("answers 502 in the envelope when the upstream does not answer", async () => {
    const client = await start([]);
    await upstream?.close();
    const { error, response } = await client.GET("/v1/organization/api-keys");
    expect(response.status).toBe(502);
    expect(error).toEqual({ success: false, error: expect.stringMatching(/^The upstream http:\/\/127\.0\.0\.1:\d+ did not answer/) });
    expect(violations[0]).toMatch(/^upstream error: listOrganizationApiKeys GET \/v1\/organization\/api-keys: /);
    upstream = undefined;
  });

  it("reports a full key value under any field name, and passes harmless new fields without a word", async () => {
    const client = await start(["leakUnderOtherName", "addedFields"]);
    await client.GET("/v1/organization/api-keys");
    const got = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    expect(got.response.status).toBe(200);
    expect(violations).toEqual([
      "contract violation: getOrganizationApiKey GET /v1/organization/api-keys/12 → 200: /data/apiKey/secret carries a full key value: only create may return one, every other answer must redact it",
    ]);
  });

  it("writes what the upstream controls to stderr with its control characters escaped", async () => {
    upstream = await startUpstream(["leakUnderHostileName"]);
    const running = await spawnListening(process.execPath, ["bin/confident-org-api-keys.js", "proxy", "--target", upstream.url, "--port", "0", "--quiet"], {
      env: { ...process.env, CONFIDENT_ORG_API_KEY: KEY, CONFIDENT_API_KEY: "" },
    });
    try {
      expect((await fetch(`${running.url}/v1/organization/api-keys/12`)).status).toBe(200);
      await vi.waitFor(() => expect(running.output()).toContain("/data/apiKey/\\x1b]0;owned\\x07\\x1b[2J carries a full key value"));
      expect(HOSTILE_NAME).toContain("\u001b");
      // eslint-disable-next-line no-control-regex
      expect(running.output().match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)).toBeNull();
    } finally {
      await running.stop();
    }
  });

  it("runs as `confident-org-api-keys proxy --target`, violations on stderr, adding the key from CONFIDENT_ORG_API_KEY to requests without one", async () => {
    upstream = await startUpstream(["stringId"]);
    const running = await spawnListening(process.execPath, ["bin/confident-org-api-keys.js", "proxy", "--target", upstream.url, "--port", "0", "--quiet"], {
      env: { ...process.env, CONFIDENT_ORG_API_KEY: KEY, CONFIDENT_API_KEY: "" },
    });
    try {
      // No key in the request: the proxy sends the one from the environment (the upstream answers 401 without one).
      const response = await fetch(`${running.url}/v1/organization/api-keys/12`);
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(running.output()).toContain("getOrganizationApiKey GET /v1/organization/api-keys/12 → 200: /data/apiKey/id must be integer"));
      expect(running.output()).not.toContain(KEY);
    } finally {
      await running.stop();
    }
  });
});
