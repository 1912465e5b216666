/**
 * The fetch door: a `fetch` that answers from the engine, with no socket. Hand it to the client:
 *
 * ```ts
 * const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch({ stateful: true }) });
 * ```
 */
import { journalAccess, lazyEngine, stateAccess, type MockJournalAccess, type MockStateAccess } from "../lazy.js";
import type { MockOptions } from "../options.js";

export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  /** Stateful mode's store, read and reset in process, with no request: `await mockFetch.state.keys("my-session")`. */
  readonly state: MockStateAccess;
  /** What this fetch received, oldest first: `await mockFetch.journal.entries({ operationId: "updateOrganizationApiKey" })`. */
  readonly journal: MockJournalAccess;
};

export function createMockFetch(options: MockOptions = {}): MockFetch {
  const engine = lazyEngine(options);
  const mockFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    return (await engine()).fetch(request);
  };
  return Object.assign(mockFetch, { state: stateAccess(engine), journal: journalAccess(engine) });
}
