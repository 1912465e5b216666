/**
 * `confident-org-api-keys/playwright`: the mock as Playwright routes, for end-to-end tests that mock
 * without MSW. The page's requests to the contract's paths are answered by the engine, in the test's
 * Node process; everything else goes on as usual.
 *
 * ```ts
 * import { mockRoutes } from "confident-org-api-keys/playwright";
 * test.beforeEach(async ({ page }) => { await mockRoutes(page, { stateful: true }); });
 * ```
 *
 * Caveat: with a route installed, Chromium answers CORS preflights itself, so the mock's CORS
 * answers are not what the page sees. To test CORS, run the mock server (`npm start`) instead.
 */
import { doorContract, inProcessAccess, lazyEngine, overrideAccess, overrideChecker } from "../mock/lazy.js";
import type { InProcessAccess, OverrideAccess } from "../mock/access.js";
import type { MockOptions } from "../mock/options.js";
import { doorUrls, type DoorUrlOptions } from "../mock/doors/urls.js";

/** What the door reads of Playwright's `Request`. */
export interface RoutedRequest {
  url(): string;
  method(): string;
  allHeaders(): Promise<Record<string, string>>;
  postDataBuffer(): Buffer | null;
}

/** What the door uses of Playwright's `Route`. */
export interface RoutedRoute {
  request(): RoutedRequest;
  fulfill(response: { status: number; headers: Record<string, string>; body: Buffer }): Promise<void>;
}

/** A Playwright `Page` or `BrowserContext` (from `@playwright/test`, `playwright` or `playwright-core`). */
export interface RouteTarget {
  route(url: (url: URL) => boolean, handler: (route: RoutedRoute) => Promise<void>): Promise<unknown>;
  unroute(url: (url: URL) => boolean, handler?: (route: RoutedRoute) => Promise<void>): Promise<unknown>;
}

export interface MockRoutesOptions extends MockOptions, DoorUrlOptions {}

const BODYLESS = new Set(["GET", "HEAD"]);

/** A Playwright request as a Fetch `Request` (pseudo-headers such as `:authority` left out). */
export async function toFetchRequest(request: RoutedRequest): Promise<Request> {
  const method = request.method().toUpperCase();
  const headers = Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(":"));
  const body = BODYLESS.has(method) ? null : request.postDataBuffer();
  return new Request(request.url(), { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
}

/** What `mockRoutes` gives back: call it to remove the route; `state`, `journal` and `override` work in process. */
export type MockRoutesHandle = (() => Promise<void>) & InProcessAccess & OverrideAccess;

/**
 * Routes the page's (or the context's) requests to the contract's paths to one mock engine.
 * Resolves when the route is installed; the function it gives back removes it.
 */
export async function mockRoutes(target: RouteTarget, options: MockRoutesOptions = {}): Promise<MockRoutesHandle> {
  const { baseUrl, ...engineOptions } = options;
  const contract = doorContract(engineOptions);
  const engine = lazyEngine(engineOptions, contract);
  const overrides = overrideAccess(overrideChecker(contract));
  const urls = doorUrls({ baseUrl, stateful: engineOptions.stateful }, engineOptions.document);
  const matches = (url: URL): boolean => urls.answers(url.href);
  const handler = async (route: RoutedRoute): Promise<void> => {
    const response = await (await engine()).fetch(urls.forEngine(await toFetchRequest(route.request())), { overrides: overrides.list });
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
  };
  await target.route(matches, handler);
  const unroute = async (): Promise<void> => {
    await target.unroute(matches, handler);
  };
  return Object.assign(unroute, inProcessAccess(engine), overrides.access);
}
