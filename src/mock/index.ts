/** `confident-org-api-keys/mock`: the mock engine and its doors (the HTTP server and `fetch`). */
export { createEngine, STAGES, type Engine, type MockJournal, type MockState, type Stage } from "./engine.js";
export type { InProcessAccess, InProcessOverrideOptions, MockJournalAccess, MockStateAccess, OverrideAccess } from "./access.js";
export {
  checkOverride,
  OffContractAnswerError,
  type DocumentedStatus,
  type MockOverride,
  type OperationId,
  type OverrideAnswer,
  type OverrideOptions,
  type UncheckedAnswer,
  type UncheckedOverrideOptions,
} from "./overrides.js";
export type { JournalEntry, JournalFilter } from "./journal.js";
export { createMockFetch, type MockFetch } from "./doors/fetch.js";
export {
  createMockHandler,
  startMockServer,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type MockServer,
  type MockServerOptions,
} from "./doors/http.js";
export { DEFAULT_MAX_BODY_BYTES, OVERRIDES_PATH, RESET_PATH, SESSION_HEADER, type FixtureKey, type MockOptions, type StatefulOptions } from "./options.js";
export type { MockAnswer } from "./answer.js";
export type { MockRequest } from "./request.js";
