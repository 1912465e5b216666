/** An engine built on first use, once, for doors whose setup must be synchronous (MSW's `setupServer(...handlers)`). */
import { closedContractOf } from "../contract/closedDocument.js";
import { Contract } from "../contract/contract.js";
import { loadContract } from "../contract/spec.js";
import type { InProcessAccess, InProcessOverrideOptions, MockJournalAccess, MockState, MockStateAccess, OverrideAccess } from "./access.js";
import { ApiKeysMockError } from "../mockError.js";
import { createEngine, type Engine } from "./engine.js";
import type { MockOptions } from "./options.js";
import { checkOverride, OverrideList, type MockOverride, type OverrideOptions, type UncheckedAnswer } from "./overrides.js";
import { fixtureKeys } from "./state.js";

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

export function journalAccess(engine: () => Promise<Engine>): MockJournalAccess {
  return {
    entries: async (filter) => (await engine()).journal.entries(filter),
    clear: async () => (await engine()).journal.clear(),
  };
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
  // An engine that cannot start fails every request with the mock's own error, never a network one.
  return () => (engine ??= createEngine(options).catch((error: unknown) => Promise.reject(new ApiKeysMockError(error instanceof Error ? error.message : String(error), error))));
}

/** What every in-process door is built from: its contract (shared with its checks), its lazy engine, its overrides, and the store and journal access. */
export interface DoorParts {
  contract: () => Contract;
  engine: () => Promise<Engine>;
  check: CheckOverride;
  overrides: { list: OverrideList; access: OverrideAccess };
  inProcess: InProcessAccess;
}

export function doorParts(options: MockOptions): DoorParts {
  const contract = doorContract(options);
  const engine = lazyEngine(options, contract);
  const check = overrideChecker(contract);
  return { contract, engine, check, overrides: overrideAccess(check), inProcess: inProcessAccess(engine) };
}
