/** An engine built on first use, once, for doors whose setup must be synchronous (MSW's `setupServer(...handlers)`). */
import { Contract } from "../contract.js";
import { loadContract } from "../spec.js";
import { createEngine, type Engine } from "./engine.js";
import type { MockOptions } from "./options.js";
import { fixtureKeys } from "./state.js";

export function lazyEngine(options: MockOptions): () => Promise<Engine> {
  // A stateful fixture is checked now, where the door is set up, not on the first request.
  if (typeof options.stateful === "object" && options.stateful.keys) {
    fixtureKeys(options.document ? new Contract(options.document) : loadContract(), options.stateful.keys);
  }
  let engine: Promise<Engine> | undefined;
  return () => (engine ??= createEngine(options));
}
