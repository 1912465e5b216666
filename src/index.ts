export { createApiKeysClient, apiKeyMiddleware, baseUrlForKey, resilientFetch, ApiKeysNetworkError, API_KEY_HEADER } from "./client.js";
export type { ApiKeysClient, ApiKeysClientOptions } from "./client.js";
export { EU_BASE_URL, MOCK_BASE_URL, PRODUCTION_BASE_URL } from "../generated/servers.js";
export { FULL_KEY_PATTERN, findFullKeyValues } from "./contract/secrets.js";
export { ApiKeysRedirectError } from "./redirects.js";
export { ApiKeysMockError } from "./mockError.js";
export type { paths, components, operations } from "../generated/schema.js";
import type { components } from "../generated/schema.js";

type Schemas = components["schemas"];
/** A key as list, get and update return it: `value` redacted. */
export type ApiKey = Schemas["ApiKey"];
/** A key as create returns it: the full `value`, shown once. */
export type NewApiKey = Schemas["NewApiKey"];
/** The body of every error answer. */
export type ErrorResponse = Schemas["ErrorResponse"];
export type CreateApiKeyRequest = Schemas["CreateApiKeyRequest"];
export type UpdateApiKeyRequest = Schemas["UpdateApiKeyRequest"];
export type ApiKeyListResponse = Schemas["ApiKeyListResponse"];
export type ApiKeyResponse = Schemas["ApiKeyResponse"];
export type NewApiKeyResponse = Schemas["NewApiKeyResponse"];
export type ApiKeyRevokedResponse = Schemas["ApiKeyRevokedResponse"];
export { mockScenario, preferHeader, mockSession, resetMockSession, MOCK_SESSION_HEADER } from "./prefer.js";
export type { DocumentedStatus, MockScenario } from "./prefer.js";
