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
import { doorParts } from "../lazy.js";
import type { InProcessAccess } from "../access.js";
import type { MockOptions } from "../options.js";
export type { FixtureKey, StatefulOptions } from "../options.js";
import { singleOverride, type DocumentedStatus, type OperationId, type OverrideAnswer, type OverrideOptions, type UncheckedAnswer, type UncheckedOverrideOptions } from "../overrides.js";
import { doorUrls, type DoorUrlOptions } from "./urls.js";

export { urlPattern } from "./urls.js";
export { OffContractAnswerError, type DocumentedStatus, type OperationId, type OverrideAnswer, type OverrideOptions, type UncheckedAnswer, type UncheckedOverrideOptions } from "../overrides.js";

export interface MockHandlersOptions extends MockOptions, DoorUrlOptions {}

/**
 * MSW handlers for the contract's paths (and, when stateful, `POST /__mock/reset`), answered by one
 * engine. With `baseUrl`, every other path under it is answered too (a 404 in the API's envelope),
 * so that no request meant for the mocked API slips through to the network.
 */
export function createHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const { baseUrl, ...engineOptions } = options;
  const { contract, engine, check, inProcess } = doorParts(engineOptions);
  const urls = doorUrls({ baseUrl, stateful: engineOptions.stateful }, engineOptions.document);
  const handlers = urls.patterns.map((pattern) => http.all(pattern, async ({ request }) => (await engine()).fetch(urls.forEngine(request))));
  function override(operationId: string, answer: UncheckedAnswer, overrideOptions: OverrideOptions & { unchecked?: boolean } = {}): HttpHandler {
    const source = singleOverride(check(operationId, answer, overrideOptions));
    const { method, path } = contract().operation(operationId);
    // Used up, it lets the request fall through to the handlers behind it, as MSW's `once` does.
    return http[method as "get"](urls.patternFor(path), async ({ request }) => (source.used ? undefined : (await engine()).fetch(urls.forEngine(request), { overrides: source })));
  }
  return Object.assign(handlers, inProcess, { override: override as MockHandlersOverride });
}

/**
 * A handler for `server.use(...)` that forces one operation's answer, typed by the contract and
 * checked against it now (an off-contract answer throws `OffContractAnswerError`, naming the
 * operation and the field). The request still goes through the engine, which validates it; the
 * answer is this one, `times` times or until `server.resetHandlers()`.
 */
export interface MockHandlersOverride {
  <Op extends OperationId, S extends DocumentedStatus<Op>>(operationId: Op, answer: OverrideAnswer<Op, S>, options?: OverrideOptions): HttpHandler;
  /** A deliberately broken answer, served unchecked. */
  (operationId: OperationId, answer: UncheckedAnswer, options: UncheckedOverrideOptions): HttpHandler;
}

/** MSW handlers (spread them into `setupServer`/`setupWorker`), their engine's store and journal in process, and `override`. */
export type MockHandlers = HttpHandler[] & InProcessAccess & { override: MockHandlersOverride };

/** What MSW does with a request no handler answers. */
export type UnhandledStrategy = "error" | "warn" | "bypass";

/**
 * The unhandled-request strategy as MSW 2 (`onUnhandledRequest`) and MSW 3 (`onUnhandledFrame`)
 * each read it: each version takes its own key and ignores the other's, so one setup works with
 * both. Pass it as is, or spread it: `worker.start({ quiet: true, ...unhandled("bypass") })`.
 */
export function unhandled<S extends UnhandledStrategy>(strategy: S): { readonly onUnhandledRequest: S; readonly onUnhandledFrame: S } {
  return { onUnhandledRequest: strategy, onUnhandledFrame: strategy };
}

/** `unhandled("error")`: `server.listen(unhandledAsError)` fails an unmocked request, in MSW 2 and MSW 3. */
export const unhandledAsError = unhandled("error");

/** Handlers for the contract's examples (static mode, stateless), on any origin; `handlers.override(...)` for `server.use`. */
export const handlers: MockHandlers = createHandlers();
