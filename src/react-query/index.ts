/**
 * `confident-org-api-keys/react-query`: TanStack Query hooks over the contract's paths, made by
 * openapi-react-query (the openapi-fetch family's own), and typed query keys to invalidate with.
 *
 * ```tsx
 * const client = createApiKeysClient({ apiKey });
 * const $api = createApiKeysHooks(client);
 * const { data } = $api.useQuery("get", "/v1/organization/api-keys");
 * const create = $api.useMutation("post", "/v1/organization/api-keys", {
 *   onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKeys.list() }),
 * });
 * ```
 */
import createQueryHooks, { type OpenapiQueryClient } from "openapi-react-query";
import type { ApiKeysClient } from "../client.js";
import type { paths } from "../../generated/schema.js";

/** The hooks: `useQuery`, `useSuspenseQuery`, `useMutation`, `queryOptions`, typed by the contract's paths. */
export type ApiKeysHooks = OpenapiQueryClient<paths, "application/json">;

/** TanStack Query hooks for a client made by `createApiKeysClient`. */
export function createApiKeysHooks(client: ApiKeysClient): ApiKeysHooks {
  return createQueryHooks(client);
}

const LIST = "/v1/organization/api-keys";
const ONE = "/v1/organization/api-keys/{apiKeyId}";

/**
 * The query keys the hooks use (openapi-react-query's `[method, path, init]`), to invalidate or
 * prefetch without spelling them out: after a create, update or revoke, invalidate `list()`;
 * after an update or revoke, also `detail(id)`.
 */
export const apiKeysQueryKeys = {
  /** The list of keys: `useQuery("get", "/v1/organization/api-keys")`. */
  list: () => ["get", LIST] as const,
  /** Every cached `get` of a single key, whatever its id. */
  details: () => ["get", ONE] as const,
  /** One key: `useQuery("get", "/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId } } })`. */
  detail: (apiKeyId: number) => ["get", ONE, { params: { path: { apiKeyId } } }] as const,
};
