/**
 * The fetch door: a `fetch` that answers from the engine, with no socket. Hand it to the client:
 *
 * ```ts
 * const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch({ stateful: true }) });
 * ```
 */
import { doorContract, inProcessAccess, lazyEngine, overrideAccess, overrideChecker } from "../lazy.js";
import type { InProcessAccess, OverrideAccess } from "../access.js";
import type { MockOptions } from "../options.js";

/** A `fetch` answered by the mock, with its store, journal and overrides (`mockFetch.state`, `.journal`, `.override`). */
export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & InProcessAccess & OverrideAccess;

export function createMockFetch(options: MockOptions = {}): MockFetch {
  const contract = doorContract(options);
  const engine = lazyEngine(options, contract);
  const overrides = overrideAccess(overrideChecker(contract));
  const mockFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    return (await engine()).fetch(request, { overrides: overrides.list });
  };
  return Object.assign(mockFetch, inProcessAccess(engine), overrides.access);
}
