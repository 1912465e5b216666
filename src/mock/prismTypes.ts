/**
 * Prism as the engine holds it. The runtime carries it as an opaque `prism` (a loader) (so that the package's
 * declarations never reach Prism's own, which need pino's types); `prismOf` gives it typed to the
 * stages that call Prism.
 */
import type { IHttpConfig } from "@stoplight/prism-http";
import type { Runtime } from "./context.js";
import type { PrismOperations, createInstance } from "./prism.js";

/** Prism, and the operations it serves: each keyed "get /path", so the request goes to the one routed. */
export interface PrismEngine {
  instance: ReturnType<typeof createInstance>;
  operations: PrismOperations;
  operationFor: Map<string, PrismOperations>;
}

/** What the runtime's `prism` is: the engine, its config for mocking and validating, and the proxy's for forwarding. */
export interface PrismState {
  engine: PrismEngine;
  /** Prism's config for validating and mocking (every mode). */
  baseConfig: IHttpConfig;
  /** Prism's config for forwarding a request already validated (proxy mode only). */
  forwardConfig: IHttpConfig | undefined;
}

/** The runtime's Prism, loaded on first call. */
export const prismOf = (runtime: Pick<Runtime, "prism">): Promise<PrismState> => runtime.prism() as Promise<PrismState>;
