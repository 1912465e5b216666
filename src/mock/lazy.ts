/** An engine built on first use, once, for doors whose setup must be synchronous (MSW's `setupServer(...handlers)`). */
import { Contract } from "../contract.js";
import { loadContract } from "../spec.js";
import { createEngine, type Engine, type MockJournal, type MockState } from "./engine.js";
import type { MockOptions } from "./options.js";
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

export function lazyEngine(options: MockOptions): () => Promise<Engine> {
  // A stateful fixture is checked now, where the door is set up, not on the first request.
  if (typeof options.stateful === "object" && options.stateful.keys) {
    fixtureKeys(options.document ? new Contract(options.document) : loadContract(), options.stateful.keys);
  }
  let engine: Promise<Engine> | undefined;
  return () => (engine ??= createEngine(options));
}
