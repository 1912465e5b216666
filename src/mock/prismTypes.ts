/** Prism as the engine holds it, and Prism's answer, as types only: the stages' context reads them here. */
import type { PrismOperations, createInstance } from "./prism.js";

export interface PrismOutput {
  statusCode: number;
  headers?: Record<string, string | number>;
  body?: unknown;
}

/** Prism, and the operations it serves: each keyed "get /path", so the request goes to the one routed. */
export interface PrismEngine {
  instance: ReturnType<typeof createInstance>;
  operations: PrismOperations;
  operationFor: Map<string, PrismOperations>;
}
