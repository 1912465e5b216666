/**
 * The fetch door: a `fetch` that answers from the engine, with no socket. Hand it to the client:
 *
 * ```ts
 * const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch({ stateful: true }) });
 * ```
 */
import { lazyEngine } from "../lazy.js";
import type { MockOptions } from "../options.js";

export type MockFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createMockFetch(options: MockOptions = {}): MockFetch {
  const engine = lazyEngine(options);
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    return (await engine()).fetch(request);
  };
}
