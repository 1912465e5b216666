import { describe, expectTypeOf, it } from "vitest";
import { createApiKeysClient, type ApiKeyListResponse, type ErrorResponse, type NewApiKeyResponse } from "../../src/index.js";
import { apiKeysQueryKeys, createApiKeysHooks } from "../../src/react-query/index.js";

const api = createApiKeysHooks(createApiKeysClient({ apiKey: "confident_org_FAKEKEYFORTESTSONLY000000000000000" }));
const LIST = "/v1/organization/api-keys";
const ONE = "/v1/organization/api-keys/{apiKeyId}";

describe("createApiKeysHooks types", () => {
  it("types data and error from the contract", () => {
    const list = api.useQuery("get", LIST);
    expectTypeOf(list.data).toEqualTypeOf<ApiKeyListResponse | undefined>();
    expectTypeOf(list.error).toEqualTypeOf<ErrorResponse | null>();
    const create = api.useMutation("post", LIST);
    expectTypeOf(create.data).toEqualTypeOf<NewApiKeyResponse | undefined>();
    expectTypeOf(api.useSuspenseQuery("get", ONE, { params: { path: { apiKeyId: 12 } } }).data.data.apiKey.value).toEqualTypeOf<string>();
  });

  it("rejects a wrong path, a wrong method, a string id and a missing id", () => {
    // @ts-expect-error no such path
    api.useQuery("get", "/v1/organization/api-key");
    // @ts-expect-error POST is not a query on a key
    api.useMutation("post", ONE);
    // @ts-expect-error apiKeyId is a number
    api.useQuery("get", ONE, { params: { path: { apiKeyId: "12" } } });
    // @ts-expect-error apiKeyId is required
    api.queryOptions("get", ONE, { params: { path: {} } });
  });

  it("rejects a wrong body, a missing body field and an extra body field", () => {
    const create = api.useMutation("post", LIST);
    // @ts-expect-error name is a string
    create.mutate({ body: { name: 5 } });
    // @ts-expect-error name is required
    create.mutate({ body: {} });
    // @ts-expect-error the contract names no such field
    create.mutate({ body: { name: "CI/CD key", extra: true } });
    const update = api.useMutation("put", ONE);
    // @ts-expect-error valid is a boolean
    update.mutate({ params: { path: { apiKeyId: 12 } }, body: { valid: "false" } });
  });

  it("types the query keys as the hooks build them", () => {
    expectTypeOf(apiKeysQueryKeys.list()).toEqualTypeOf<readonly ["get", "/v1/organization/api-keys"]>();
    expectTypeOf(apiKeysQueryKeys.detail(12)).toEqualTypeOf<readonly ["get", "/v1/organization/api-keys/{apiKeyId}", { readonly params: { readonly path: { readonly apiKeyId: number } } }]>();
    // @ts-expect-error an id is a number
    apiKeysQueryKeys.detail("12");
  });
});
