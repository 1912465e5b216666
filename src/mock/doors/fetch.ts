/**
 * The fetch door: a `fetch` that answers from the engine, with no socket. Hand it to the client:
 *
 * ```ts
 * const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch({ stateful: true }) });
 * ```
 */
import { doorParts } from "../lazy.js";
import type { InProcessAccess, OverrideAccess } from "../access.js";
import type { MockOptions } from "../options.js";

/** A `fetch` answered by the mock, with its store, journal and overrides (`mockFetch.state`, `.journal`, `.override`). */
export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & InProcessAccess & OverrideAccess;

export function createMockFetch(options: MockOptions = {}): MockFetch {
  const { engine, overrides, inProcess } = doorParts(options);
  const mockFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    return (await engine()).fetch(request, { overrides: overrides.list });
  };
  return Object.assign(mockFetch, inProcess, overrides.access);
}
