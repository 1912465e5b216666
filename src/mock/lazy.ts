/** An engine built on first use, once, for doors whose setup must be synchronous (MSW's `setupServer(...handlers)`). */
import { closedContractOf } from "../closedDocument.js";
import { Contract } from "../contract.js";
import { loadContract } from "../spec.js";
import { createEngine, type Engine, type MockJournal, type MockState } from "./engine.js";
import type { MockOptions } from "./options.js";
import {
  checkOverride,
  OverrideList,
  type DocumentedStatus,
  type MockOverride,
  type OperationId,
  type OverrideAnswer,
  type OverrideOptions,
  type UncheckedAnswer,
  type UncheckedOverrideOptions,
} from "./overrides.js";
import { fixtureKeys } from "./state.js";

/** A lazily built engine's store, in process: each call waits for the engine (Prism loads on first use). */
export interface MockStateAccess {
  keys(session?: string): Promise<ReturnType<MockState["keys"]>>;
  reset(session?: string): Promise<void>;
  resetAll(): Promise<void>;
}

/** The store of a lazily built engine; a call fails, saying why, when the engine is not stateful. */
export function stateAccess(engine: () => Promise<Engine>): MockStateAccess {
  const state = async (): Promise<MockState> => {
    const built = (await engine()).state;
    if (!built) throw new Error("This mock is not stateful: create it with stateful: true (or { keys }) to read or reset its state");
    return built;
  };
  return {
    keys: async (session) => (await state()).keys(session),
    reset: async (session) => (await state()).reset(session),
    resetAll: async () => (await state()).resetAll(),
  };
}

/** A lazily built engine's journal, in process. */
export interface MockJournalAccess {
  entries(filter?: Parameters<MockJournal["entries"]>[0]): Promise<ReturnType<MockJournal["entries"]>>;
  clear(): Promise<void>;
}

export function journalAccess(engine: () => Promise<Engine>): MockJournalAccess {
  return {
    entries: async (filter) => (await engine()).journal.entries(filter),
    clear: async () => (await engine()).journal.clear(),
  };
}

/** What every in-process door carries beside its answers: its engine's store and journal. */
export interface InProcessAccess {
  /** Stateful mode's store, read and reset with no request: `await door.state.keys("my-session")`. */
  readonly state: MockStateAccess;
  /** What the door received, oldest first (bounded; the key never recorded): `await door.journal.entries({ operationId })`. */
  readonly journal: MockJournalAccess;
}

export const inProcessAccess = (engine: () => Promise<Engine>): InProcessAccess => ({ state: stateAccess(engine), journal: journalAccess(engine) });

/** The contract a door serves, built when first asked for (the bundled one is shared). */
export function doorContract(options: MockOptions): () => Contract {
  let contract: Contract | undefined;
  return () => (contract ??= options.document ? new Contract(options.document) : loadContract());
}

/** Checks an override against a door's contract, closed: what every door's `override` does first. */
export type CheckOverride = (operationId: string, answer: UncheckedAnswer, options?: OverrideOptions & { unchecked?: boolean }) => MockOverride;

export function overrideChecker(contract: () => Contract): CheckOverride {
  return (operationId, answer, options) => checkOverride(closedContractOf(contract()), operationId, answer, options);
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

/** A door's override list and the access to it. */
export function overrideAccess(check: CheckOverride): { list: OverrideList; access: OverrideAccess } {
  const list = new OverrideList();
  function override(operationId: string, answer: UncheckedAnswer, options: InProcessOverrideOptions & { unchecked?: boolean } = {}): () => void {
    return list.add(check(operationId, answer, options), options.session);
  }
  return { list, access: { override: override as OverrideAccess["override"], resetOverrides: (session) => list.clear(session) } };
}

export function lazyEngine(options: MockOptions, contract: () => Contract = doorContract(options)): () => Promise<Engine> {
  // A stateful fixture is checked now, where the door is set up, not on the first request.
  if (typeof options.stateful === "object" && options.stateful.keys) fixtureKeys(contract(), options.stateful.keys);
  let engine: Promise<Engine> | undefined;
  return () => (engine ??= createEngine(options));
}
