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
import { doorParts } from "../mock/lazy.js";
import type { InProcessAccess, OverrideAccess } from "../mock/access.js";
import type { MockOptions } from "../mock/options.js";
import { doorUrls, type DoorUrlOptions } from "../mock/doors/urls.js";

/** What the door reads of Playwright's `Request`. */
export interface RoutedRequest {
  url(): string;
  method(): string;
  allHeaders(): Promise<Record<string, string>>;
  /** Playwright gives a Buffer, which is a Uint8Array: the types name no Node global. */
  postDataBuffer(): Uint8Array | null;
}

/**
 * What the door uses of Playwright's `Route`. `Body` is what its `fulfill` takes, inferred from the
 * Page or context given (Playwright's `string | Buffer`); the door hands it a Buffer. Generic, so
 * that these types name no Node global: a project without @types/node type-checks them.
 */
export interface RoutedRoute<Body = Uint8Array> {
  request(): RoutedRequest;
  fulfill(response: { status: number; headers: Record<string, string>; body: Body }): Promise<void>;
}

/** A Playwright `Page` or `BrowserContext` (from `@playwright/test`, `playwright` or `playwright-core`). */
export interface RouteTarget<Body = Uint8Array> {
  route(url: (url: URL) => boolean, handler: (route: RoutedRoute<Body>) => Promise<void>): Promise<unknown>;
  unroute(url: (url: URL) => boolean, handler?: (route: RoutedRoute<Body>) => Promise<void>): Promise<unknown>;
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
export async function mockRoutes<Body>(target: RouteTarget<Body>, options: MockRoutesOptions = {}): Promise<MockRoutesHandle> {
  const { baseUrl, ...engineOptions } = options;
  const { engine, overrides, inProcess } = doorParts(engineOptions);
  const urls = doorUrls({ baseUrl, stateful: engineOptions.stateful }, engineOptions.document);
  const matches = (url: URL): boolean => urls.answers(url.href);
  const handler = async (route: RoutedRoute<Body>): Promise<void> => {
    const response = await (await engine()).fetch(urls.forEngine(await toFetchRequest(route.request())), { overrides: overrides.list });
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) as unknown as Body });
  };
  await target.route(matches, handler);
  const unroute = async (): Promise<void> => {
    await target.unroute(matches, handler);
  };
  return Object.assign(unroute, inProcess, overrides.access);
}
