import createClient, { type Client, type ClientOptions, type HeadersOptions, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { PRODUCTION_BASE_URL } from "../generated/servers.js";

/** The header every request authenticates with, as the contract's security scheme names it. */
export const API_KEY_HEADER = "CONFIDENT_API_KEY";

export interface ApiKeysClientOptions {
  /** An organization API key. Required; sent in the `CONFIDENT_API_KEY` header of every request. */
  apiKey: string;
  /** Defaults to the production server, `PRODUCTION_BASE_URL`. Use `MOCK_BASE_URL` for `npm start`. */
  baseUrl?: string;
  /** A fetch implementation, e.g. for tests. Defaults to `globalThis.fetch`. */
  fetch?: ClientOptions["fetch"];
  /** Headers sent with every request. `CONFIDENT_API_KEY` set here is replaced by `apiKey`. */
  headers?: HeadersOptions;
}

/** A fetch client typed by the contract's `paths`. HTTP errors come back in `error`, never thrown. */
export type ApiKeysClient = Client<paths, "application/json">;

// A header value may hold visible ASCII only; anything else would make fetch throw with the value
// in its message, so we refuse it here, without echoing it.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** The middleware that authenticates every request. The key lives only in this closure. */
export function apiKeyMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set(API_KEY_HEADER, apiKey);
      return request;
    },
  };
}

/**
 * Creates a typed client for the organization API key endpoints.
 *
 * ```ts
 * const client = createApiKeysClient({ apiKey: process.env.CONFIDENT_API_KEY! });
 * const { data, error } = await client.GET("/v1/organization/api-keys");
 * ```
 */
export function createApiKeysClient(options: ApiKeysClientOptions): ApiKeysClient {
  const apiKey: unknown = (options as Partial<ApiKeysClientOptions> | undefined)?.apiKey;
  if (typeof apiKey !== "string" || apiKey.length === 0) {
    throw new TypeError(
      "createApiKeysClient: `apiKey` is required: pass an organization API key, which is sent in the CONFIDENT_API_KEY header.",
    );
  }
  if (!HEADER_SAFE.test(apiKey)) {
    throw new TypeError(
      "createApiKeysClient: `apiKey` must be printable ASCII without spaces or line breaks (check for a stray newline).",
    );
  }
  const client = createClient<paths, "application/json">({
    baseUrl: options.baseUrl ?? PRODUCTION_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  client.use(apiKeyMiddleware(apiKey));
  return client;
}
