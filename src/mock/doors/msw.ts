/**
 * The MSW door: request handlers that answer the contract's paths from the engine.
 *
 * ```ts
 * import { setupServer } from "msw/node";
 * import { handlers } from "confident-org-api-keys/msw";
 * const server = setupServer(...handlers);
 * ```
 *
 * They match on any origin, so a client pointed at `PRODUCTION_BASE_URL`, `EU_BASE_URL` or
 * `MOCK_BASE_URL` is mocked either way; `baseUrl` narrows them to one. The engine loads on the
 * first request, so `setupServer(...handlers)` stays synchronous.
 */
import { http, type HttpHandler } from "msw";
import { loadDocument } from "../../spec.js";
import { lazyEngine } from "../lazy.js";
import { RESET_PATH, type MockOptions } from "../options.js";

export interface MockHandlersOptions extends MockOptions {
  /**
   * Answer only requests under this URL, e.g. `https://api.confident-ai.com` or
   * `http://localhost:5173/api` (its path is taken off before the contract's paths are matched).
   * Default: the contract's paths on any origin.
   */
  baseUrl?: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const ANY_ORIGIN = "[a-z][a-z0-9+.-]*:\\/\\/[^/]+";

/**
 * The URLs of one path template, as a RegExp for MSW: `{apiKeyId}` matches one segment. No capture
 * groups, so MSW decodes nothing: a malformed `%ff` reaches the engine, which answers 400, instead
 * of throwing in MSW's matcher.
 */
export function urlPattern(prefix: string, template: string): RegExp {
  const path = template
    .split(/\{[^}]+\}/)
    .map(escape)
    .join("[^/]+");
  return new RegExp(`^${prefix}${path}$`);
}

/** The request with the base URL's path taken off, so that the engine sees the contract's path. */
function withoutBasePath(request: Request, basePath: string): Request {
  if (!basePath) return request;
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(basePath.length) || "/";
  return new Request(url, request);
}

/**
 * MSW handlers for the contract's paths (and, when stateful, `POST /__mock/reset`), answered by one
 * engine. With `baseUrl`, every other path under it is answered too (a 404 in the API's envelope),
 * so that no request meant for the mocked API slips through to the network.
 */
export function createHandlers(options: MockHandlersOptions = {}): HttpHandler[] {
  const { baseUrl, ...engineOptions } = options;
  const engine = lazyEngine(engineOptions);
  const base = baseUrl ? new URL(baseUrl) : undefined;
  const basePath = base ? base.pathname.replace(/\/+$/, "") : "";
  const prefix = base ? escape(`${base.origin}${basePath}`) : ANY_ORIGIN;
  const document = engineOptions.document ?? loadDocument();
  const templates = [...Object.keys(document.paths), ...(engineOptions.stateful ? [RESET_PATH] : [])];
  const patterns = templates.map((template) => urlPattern(prefix, template));
  if (base) patterns.push(new RegExp(`^${prefix}(?:/.*)?$`));
  return patterns.map((pattern) => http.all(pattern, async ({ request }) => (await engine()).fetch(withoutBasePath(request, basePath))));
}

/** Handlers for the contract's examples (static mode, stateless), on any origin. */
export const handlers: HttpHandler[] = createHandlers();
