/** An engine built on first use, once, for doors whose setup must be synchronous (MSW's `setupServer(...handlers)`). */
import { createEngine, type Engine } from "./engine.js";
import type { MockOptions } from "./options.js";

export function lazyEngine(options: MockOptions): () => Promise<Engine> {
  let engine: Promise<Engine> | undefined;
  return () => (engine ??= createEngine(options));
}
