/**
 * What the in-process doors carry beside their answers (the store, the journal, the overrides),
 * as types only: the MSW door's declarations read this file, and none of the engine's.
 */
import type { FixtureKey } from "./options.js";
import type { JournalEntry, JournalFilter } from "./journal.js";
import type { DocumentedStatus, OperationId, OverrideAnswer, OverrideOptions, UncheckedAnswer, UncheckedOverrideOptions } from "./overrides.js";

/** A stateful engine's store, in process. Sessions are named as in `X-Mock-Session` ("default" without one). */
export interface MockState {
  /** A session's keys, as list gives them (values redacted). */
  keys(session?: string): FixtureKey[];
  /** Forgets a session's changes: it starts again from the seed. */
  reset(session?: string): void;
  /** Forgets every session. */
  resetAll(): void;
}

export interface MockJournal {
  entries(filter?: JournalFilter): JournalEntry[];
  clear(): void;
}

/** A lazily built engine's store, in process: each call waits for the engine (Prism loads on first use). */
export interface MockStateAccess {
  keys(session?: string): Promise<ReturnType<MockState["keys"]>>;
  reset(session?: string): Promise<void>;
  resetAll(): Promise<void>;
}

/** A lazily built engine's journal, in process. */
export interface MockJournalAccess {
  entries(filter?: Parameters<MockJournal["entries"]>[0]): Promise<ReturnType<MockJournal["entries"]>>;
  clear(): Promise<void>;
}

/** What every in-process door carries beside its answers: its engine's store and journal. */
export interface InProcessAccess {
  /** Stateful mode's store, read and reset with no request: `await door.state.keys("my-session")`. */
  readonly state: MockStateAccess;
  /** What the door received, oldest first (bounded; the key never recorded): `await door.journal.entries({ operationId })`. */
  readonly journal: MockJournalAccess;
}

/** The options of an in-process door's override. */
export interface InProcessOverrideOptions extends OverrideOptions {
  /** Only this `X-Mock-Session`'s requests. Default: every session's. */
  session?: string;
}

/** An in-process door's forced answers: `mockFetch.override(...)`, `routes.override(...)`. */
export interface OverrideAccess {
  /**
   * Forces the answer of one operation until removed (the function it gives back), reset, or used
   * `times` times. Typed by the contract, and checked against it now: an off-contract answer
   * throws `OffContractAnswerError`, naming the operation and the field.
   */
  override<Op extends OperationId, S extends DocumentedStatus<Op>>(operationId: Op, answer: OverrideAnswer<Op, S>, options?: InProcessOverrideOptions): () => void;
  /** A deliberately broken answer, served unchecked. */
  override(operationId: OperationId, answer: UncheckedAnswer, options: UncheckedOverrideOptions & InProcessOverrideOptions): () => void;
  /** Forgets the overrides of one session, or with none, every override (call it in `afterEach`). */
  resetOverrides(session?: string): void;
}
