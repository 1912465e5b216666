import { describe, expectTypeOf, it } from "vitest";
import {
  createApiKeysClient,
  type ApiKey,
  type ErrorResponse,
  type NewApiKey,
  type components,
  type operations,
  type paths,
} from "../../src/index.js";

const client = createApiKeysClient({ apiKey: "confident_org_FAKEKEYFORTESTSONLY000000000000000" });

describe("createApiKeysClient types", () => {
  it("requires apiKey", () => {
    // @ts-expect-error apiKey is required
    createApiKeysClient({});
    // @ts-expect-error apiKey must be a string
    createApiKeysClient({ apiKey: 42 });
  });

  it("exports the contract's types", () => {
    expectTypeOf<ApiKey>().toEqualTypeOf<components["schemas"]["ApiKey"]>();
    expectTypeOf<NewApiKey["lastUsed"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NewApiKey["valid"]>().toEqualTypeOf<true>();
    expectTypeOf<ApiKey["lastUsed"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ApiKey["id"]>().toEqualTypeOf<number>();
    expectTypeOf<ApiKey["value"]>().toEqualTypeOf<string>();
    expectTypeOf<ErrorResponse["success"]>().toEqualTypeOf<false>();
    expectTypeOf<paths["/v1/organization/api-keys"]["get"]>().toEqualTypeOf<operations["listOrganizationApiKeys"]>();
  });

  it("types name and lastUsed as optional and nullable, as the published spec does", () => {
    expectTypeOf<ApiKey>().toHaveProperty("name");
    expectTypeOf<ApiKey["name"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NewApiKey["name"]>().toEqualTypeOf<string | null | undefined>();
    const key = {} as ApiKey;
    // @ts-expect-error name may be null or absent: it must be narrowed before use as a string
    key.name.toUpperCase();
    // A key without name and lastUsed is a complete ApiKey.
    expectTypeOf({ id: 1, valid: true, value: "***************a1b2c3", created_at: "2024-12-04T23:00:00.000Z" }).toMatchTypeOf<ApiKey>();
  });

  it("has no index signatures: the answer types stay exact", () => {
    // @ts-expect-error ApiKey names its fields; an unknown one is not part of the type
    void ({} as ApiKey).secret;
    // @ts-expect-error the envelope names its fields too
    void ({} as components["schemas"]["ApiKeyResponse"]).extra;
  });

  it("rejects unknown paths and undocumented methods", () => {
    // @ts-expect-error no such path
    void client.GET("/v1/organization/api-key");
    // @ts-expect-error PATCH is not documented
    void client.PATCH("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 1 } } });
    // @ts-expect-error DELETE on the collection is not documented
    void client.DELETE("/v1/organization/api-keys");
  });
});

describe("listOrganizationApiKeys", () => {
  it("narrows data to the list envelope once error is ruled out", async () => {
    const { data, error } = await client.GET("/v1/organization/api-keys");
    if (error) {
      expectTypeOf(error).toEqualTypeOf<ErrorResponse>();
      expectTypeOf(data).toEqualTypeOf<undefined>();
      return;
    }
    // The published spec does not require apiKeys; the official SDK reads an absent list as empty.
    expectTypeOf(data.data.apiKeys).toEqualTypeOf<ApiKey[] | undefined>();
    const first = (data.data.apiKeys ?? [])[0];
    // noUncheckedIndexedAccess: an element may be missing
    expectTypeOf(first).toEqualTypeOf<ApiKey | undefined>();
  });

  it("rejects a body or a path parameter", () => {
    // @ts-expect-error list takes no path parameters
    void client.GET("/v1/organization/api-keys", { params: { path: { apiKeyId: 1 } } });
  });
});

describe("getOrganizationApiKey", () => {
  it("takes a numeric apiKeyId and returns a redacted ApiKey", async () => {
    const { data } = await client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    expectTypeOf(data?.data.apiKey).toEqualTypeOf<ApiKey | undefined>();
  });

  it("rejects a string apiKeyId and a missing one", () => {
    // @ts-expect-error apiKeyId is a number
    void client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: "12" } } });
    // @ts-expect-error apiKeyId is required
    void client.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: {} } });
  });
});

describe("createOrganizationApiKey", () => {
  it("returns a NewApiKey with the full value, lastUsed included", async () => {
    const { data } = await client.POST("/v1/organization/api-keys", { body: { name: "CI/CD key" } });
    expectTypeOf(data?.data.apiKey).toEqualTypeOf<NewApiKey | undefined>();
    expectTypeOf(data?.data.apiKey.lastUsed).toEqualTypeOf<string | null | undefined>();
  });

  it("rejects a missing name, a wrong type and a missing body", () => {
    // @ts-expect-error name is required
    void client.POST("/v1/organization/api-keys", { body: {} });
    // @ts-expect-error name is a string
    void client.POST("/v1/organization/api-keys", { body: { name: 5 } });
    // @ts-expect-error a body is required
    void client.POST("/v1/organization/api-keys");
  });
});

describe("updateOrganizationApiKey", () => {
  it("takes { valid: boolean } and returns a redacted ApiKey", async () => {
    const { data } = await client.PUT("/v1/organization/api-keys/{apiKeyId}", {
      params: { path: { apiKeyId: 12 } },
      body: { valid: false },
    });
    expectTypeOf(data?.data.apiKey).toEqualTypeOf<ApiKey | undefined>();
  });

  it("rejects a string valid, a missing valid and a string apiKeyId", () => {
    // @ts-expect-error valid is a boolean
    void client.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 1 } }, body: { valid: "false" } });
    // @ts-expect-error valid is required
    void client.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 1 } }, body: {} });
    // @ts-expect-error apiKeyId is a number
    void client.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: "1" } }, body: { valid: true } });
  });
});

describe("deleteOrganizationApiKey", () => {
  it("returns { id?, deleted?: true }, both optional as in the published spec", async () => {
    const { data, error } = await client.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    if (data) expectTypeOf(data.data).toEqualTypeOf<{ id?: number; deleted?: true }>();
    if (error) expectTypeOf(error.error).toEqualTypeOf<string>();
  });

  it("rejects a string apiKeyId and a body", () => {
    // @ts-expect-error apiKeyId is a number
    void client.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: "12" } } });
    // @ts-expect-error revoke takes no body
    void client.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } }, body: { valid: true } });
  });
});
