/** Prism as the engine holds it (loader.ts builds it; the mock's runtime carries it opaquely: mock/prismOf.ts). */
import type { IHttpConfig } from "@stoplight/prism-http";
import type { PrismOperations, PrismVariant } from "./variant.js";

/** Prism, and the operations it serves: each keyed "get /path", so the request goes to the one routed. */
export interface PrismEngine {
  instance: ReturnType<PrismVariant["createInstance"]>;
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
