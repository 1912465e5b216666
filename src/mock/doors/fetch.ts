/**
 * The fetch door: a `fetch` that answers from the engine, with no socket. Hand it to the client:
 *
 * ```ts
 * const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch({ stateful: true }) });
 * ```
 */
import { inProcessAccess, lazyEngine, type InProcessAccess } from "../lazy.js";
import type { MockOptions } from "../options.js";

/** A `fetch` answered by the mock, with its store and journal (`mockFetch.state`, `mockFetch.journal`). */
export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & InProcessAccess;

export function createMockFetch(options: MockOptions = {}): MockFetch {
  const engine = lazyEngine(options);
  const mockFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    return (await engine()).fetch(request);
  };
  return Object.assign(mockFetch, inProcessAccess(engine));
}
