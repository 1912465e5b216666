/**
 * The MSW door: request handlers that answer the contract's paths from the engine.
 *
 * ```ts
 * import { setupServer } from "msw/node";      // or setupWorker from "msw/browser"
 * import { handlers } from "confident-org-api-keys/msw";
 * const server = setupServer(...handlers);
 * ```
 *
 * They match on any origin, so a client pointed at `PRODUCTION_BASE_URL`, `EU_BASE_URL` or
 * `MOCK_BASE_URL` is mocked either way; `baseUrl` narrows them to one (see urls.ts). The engine
 * loads on the first request, so `setupServer(...handlers)` stays synchronous. In a browser bundle
 * the `browser` export condition serves dist/browser/msw.js: this file, the engine and Prism in one.
 */
import { http, type HttpHandler } from "msw";
import { inProcessAccess, lazyEngine, type InProcessAccess } from "../lazy.js";
import type { MockOptions } from "../options.js";
import { doorUrls, type DoorUrlOptions } from "./urls.js";

export { urlPattern } from "./urls.js";

export interface MockHandlersOptions extends MockOptions, DoorUrlOptions {}

/**
 * MSW handlers for the contract's paths (and, when stateful, `POST /__mock/reset`), answered by one
 * engine. With `baseUrl`, every other path under it is answered too (a 404 in the API's envelope),
 * so that no request meant for the mocked API slips through to the network.
 */
export function createHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const { baseUrl, ...engineOptions } = options;
  const engine = lazyEngine(engineOptions);
  const urls = doorUrls({ baseUrl, stateful: engineOptions.stateful }, engineOptions.document);
  const handlers = urls.patterns.map((pattern) => http.all(pattern, async ({ request }) => (await engine()).fetch(urls.forEngine(request))));
  return Object.assign(handlers, inProcessAccess(engine));
}

/** MSW handlers (spread them into `setupServer`/`setupWorker`), and their engine's store, in process. */
export type MockHandlers = HttpHandler[] & InProcessAccess;

/** Handlers for the contract's examples (static mode, stateless), on any origin. */
export const handlers: HttpHandler[] = createHandlers();
