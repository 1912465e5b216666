import { isMockError } from "./mockError.js";
import createClientImport, { type Client, type ClientOptions, type HeadersOptions, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { EU_BASE_URL, PRODUCTION_BASE_URL } from "../generated/servers.js";
import { ApiKeysRedirectError, fetchWithinOrigin } from "./redirects.js";

// In the CommonJS build (dist/cjs/), a default import of openapi-fetch's CommonJS file is its
// exports object, whose `default` is the function; in ES modules it is the function itself.
const createClient = ((createClientImport as unknown as { default?: typeof createClientImport }).default ?? createClientImport) as typeof createClientImport;

/** The header every request authenticates with, as the contract's security scheme names it. */
export const API_KEY_HEADER = "CONFIDENT_API_KEY";

export interface ApiKeysClientOptions {
  /** An organization API key. Required; sent in the `CONFIDENT_API_KEY` header of every request. */
  apiKey: string;
  /**
   * Where to send requests. Chosen as the official SDK chooses: this, when given; otherwise
   * `EU_BASE_URL` for a key that starts `confident_eu_`, and `PRODUCTION_BASE_URL` (US) for any
   * other key. Use `MOCK_BASE_URL` for `npm start`.
   */
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

/**
 * Thrown when the server cannot be reached at all (refused, reset, DNS). HTTP errors are never
 * thrown: they come back in `error`. Aborts and timeouts (`signal`) throw the platform's own
 * `AbortError` / `TimeoutError`.
 */
export class ApiKeysNetworkError extends Error {
  override readonly name = "ApiKeysNetworkError";
  readonly method: string;
  readonly url: string;
  constructor(method: string, url: string, cause: unknown) {
    const code = (cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    super(`${method} ${url} failed: the server could not be reached${typeof code === "string" ? ` (${code})` : ""}`, { cause });
    this.method = method;
    this.url = url;
  }
}

const isJson = (response: Response): boolean => /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get("content-type") ?? "");

/**
 * Wraps fetch so that failures come back typed: an error answer that is not JSON (a proxy's HTML
 * 502, say) becomes the API's envelope `{ success: false, error }`, and a network failure throws
 * `ApiKeysNetworkError`. Redirects are followed within the origin only; one to another origin
 * throws `ApiKeysRedirectError`, so the key is never sent there. A wrapper rather than a
 * middleware: every registered middleware costs each call several awaits, and this sits on every call.
 */
export function resilientFetch(fetchImpl: (input: Request) => Promise<Response>): (input: Request) => Promise<Response> {
  return async (request) => {
    let response: Response;
    try {
      response = await fetchWithinOrigin(fetchImpl, request);
    } catch (error) {
      const name = (error as { name?: unknown } | undefined)?.name;
      if (name === "AbortError" || name === "TimeoutError" || error instanceof ApiKeysRedirectError || isMockError(error)) throw error;
      throw new ApiKeysNetworkError(request.method, request.url, error);
    }
    return response.ok ? response : ((await toEnvelope(response)) ?? response);
  };
}

async function toEnvelope(response: Response): Promise<Response | undefined> {
  if (isJson(response)) {
    const text = await response.clone().text();
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      // fall through: announced as JSON, but is not
    }
  }
  const type = response.headers.get("content-type") ?? "no content type";
  const error = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: the server answered ${type}, not the API's JSON error envelope`;
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ success: false, error }), { status: response.status, statusText: response.statusText, headers });
}

/**
 * The server for a key, as the official SDK picks it when no base URL is given: `EU_BASE_URL`
 * for keys that start `confident_eu_` (ignoring case and surrounding spaces), otherwise
 * `PRODUCTION_BASE_URL` (US).
 */
export function baseUrlForKey(apiKey: string): string {
  return apiKey.trim().toLowerCase().startsWith("confident_eu_") ? EU_BASE_URL : PRODUCTION_BASE_URL;
}

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
 * const client = createApiKeysClient({ apiKey: process.env.CONFIDENT_ORG_API_KEY! });
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
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths, "application/json">({
    baseUrl: options.baseUrl ?? baseUrlForKey(apiKey),
    // Redirects are followed by resilientFetch, within the origin only; the requests say so already.
    redirect: "manual",
    fetch: resilientFetch(baseFetch),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  client.use(apiKeyMiddleware(apiKey));
  return client;
}
