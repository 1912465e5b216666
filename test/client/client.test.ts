import { describe, expect, it } from "vitest";
import { EU_BASE_URL, MOCK_BASE_URL, PRODUCTION_BASE_URL, baseUrlForKey, createApiKeysClient } from "../../src/index.js";
import { loadDocument } from "../../src/contract/spec.js";

const FAKE_KEY = "confident_org_FAKEKEYFORTESTSONLY000000000000000";

/** A fetch that records each request and answers with the given status and JSON body. */
function recordingFetch(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, requests };
}

describe("createApiKeysClient", () => {
  it("requires an API key at construction, without echoing what it was given", () => {
    for (const apiKey of [undefined, "", 42]) {
      expect(() => createApiKeysClient({ apiKey } as never)).toThrow(/`apiKey` is required/);
    }
    const withNewline = `${FAKE_KEY}\n`;
    let message = "";
    try {
      createApiKeysClient({ apiKey: withNewline });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/printable ASCII/);
    expect(message).not.toContain(FAKE_KEY);
  });

  it("sends the key in the CONFIDENT_API_KEY header of every request", async () => {
    const { fetch, requests } = recordingFetch(200, { success: true, data: { apiKeys: [] } });
    const client = createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: "http://127.0.0.1:1", fetch });
    await client.GET("/v1/organization/api-keys");
    await client.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 7 } } });
    expect(requests.map((r) => r.headers.get("CONFIDENT_API_KEY"))).toEqual([FAKE_KEY, FAKE_KEY]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET http://127.0.0.1:1/v1/organization/api-keys",
      "DELETE http://127.0.0.1:1/v1/organization/api-keys/7",
    ]);
  });

  it("lets the configured key win over a CONFIDENT_API_KEY passed in headers, and keeps other headers", async () => {
    const { fetch, requests } = recordingFetch(200, { success: true, data: { apiKeys: [] } });
    const client = createApiKeysClient({
      apiKey: FAKE_KEY,
      fetch,
      headers: { CONFIDENT_API_KEY: "other", "x-request-id": "abc" },
    });
    await client.GET("/v1/organization/api-keys");
    expect(requests[0]?.headers.get("CONFIDENT_API_KEY")).toBe(FAKE_KEY);
    expect(requests[0]?.headers.get("x-request-id")).toBe("abc");
  });

  it("defaults to the production server", async () => {
    const { fetch, requests } = recordingFetch(200, { success: true, data: { apiKeys: [] } });
    await createApiKeysClient({ apiKey: FAKE_KEY, fetch }).GET("/v1/organization/api-keys");
    expect(requests[0]?.url).toBe("https://api.confident-ai.com/v1/organization/api-keys");
  });
});

describe("the base URL, chosen as the official SDK chooses it", () => {
  const urlFor = async (apiKey: string, baseUrl?: string): Promise<string | undefined> => {
    const { fetch, requests } = recordingFetch(200, { success: true, data: { apiKeys: [] } });
    await createApiKeysClient({ apiKey, fetch, ...(baseUrl ? { baseUrl } : {}) }).GET("/v1/organization/api-keys");
    return requests[0]?.url;
  };

  it("sends a key that starts confident_eu_ to the EU server", async () => {
    expect(await urlFor("confident_eu_org_FAKEKEYFORTESTSONLY0000")).toBe("https://eu.api.confident-ai.com/v1/organization/api-keys");
  });

  it("sends confident_us_ keys and every other key to the US server", async () => {
    expect(await urlFor("confident_us_org_FAKEKEYFORTESTSONLY0000")).toBe("https://api.confident-ai.com/v1/organization/api-keys");
    expect(await urlFor("confident_org_FAKEKEYFORTESTSONLY0000")).toBe("https://api.confident-ai.com/v1/organization/api-keys");
    expect(await urlFor("not_a_confident_eu_key")).toBe("https://api.confident-ai.com/v1/organization/api-keys");
  });

  it("lets an explicit baseUrl win over the key's region", async () => {
    expect(await urlFor("confident_eu_org_FAKEKEYFORTESTSONLY0000", MOCK_BASE_URL)).toBe("http://127.0.0.1:4010/v1/organization/api-keys");
  });

  it("reads the prefix as the SDK does: ignoring case and surrounding spaces", () => {
    expect(baseUrlForKey("CONFIDENT_EU_ORG_FAKE")).toBe(EU_BASE_URL);
    expect(baseUrlForKey("  confident_eu_org_FAKE")).toBe(EU_BASE_URL);
    expect(baseUrlForKey("confident_org_FAKE")).toBe(PRODUCTION_BASE_URL);
  });

  it("exports the server URLs as the contract's servers list them", () => {
    const urls = loadDocument().servers?.map((s) => s.url);
    expect([PRODUCTION_BASE_URL, EU_BASE_URL, MOCK_BASE_URL]).toEqual(urls);
  });

  it("returns HTTP errors in `error` instead of throwing", async () => {
    const body = { success: false, error: "API key not found" };
    const { fetch } = recordingFetch(404, body);
    const client = createApiKeysClient({ apiKey: FAKE_KEY, fetch });
    const result = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 999 } } });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(body);
    expect(result.response.status).toBe(404);
  });

  it("sends create and update bodies as JSON", async () => {
    const { fetch, requests } = recordingFetch(200, {});
    const client = createApiKeysClient({ apiKey: FAKE_KEY, fetch });
    await client.POST("/v1/organization/api-keys", { body: { name: "CI/CD key" } });
    await client.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } }, body: { valid: false } });
    expect(await Promise.all(requests.map((r) => r.text()))).toEqual(['{"name":"CI/CD key"}', '{"valid":false}']);
    expect(requests.map((r) => r.headers.get("content-type"))).toEqual(["application/json", "application/json"]);
  });
});
