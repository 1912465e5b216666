/** Prism's configs for the engine's options: one for validating and mocking, one for forwarding (proxy mode). */
import type { IHttpConfig } from "@stoplight/prism-http";
import type { MockOptions } from "./options.js";

export interface PrismConfigs {
  /** Validating and mocking (every mode). */
  baseConfig: IHttpConfig;
  /** Forwarding a request already validated (proxy mode only). */
  forwardConfig: IHttpConfig | undefined;
}

export function prismConfigs(options: MockOptions): PrismConfigs {
  const mock = { dynamic: options.dynamic ?? false, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const common = { mock, checkSecurity: true, validateRequest: true, validateResponse: false, errors: false, upstreamProxy: undefined };
  return {
    baseConfig: { ...common, isProxy: false },
    // The proxy forwards only what `validate` and `verdict` let through, so Prism need not validate it again.
    forwardConfig: options.upstream ? { ...common, checkSecurity: false, validateRequest: false, isProxy: true, upstream: new URL(options.upstream) } : undefined,
  };
}
