/** Prism's configs for the engine's options: one for validating and mocking, one for forwarding (proxy mode). */
import type { IHttpConfig } from "@stoplight/prism-http";
import type { OpenApiDocument } from "../contract/contract.js";

/** What Prism's configs depend on: the mock's options of the same names. */
export interface PrismOptions {
  document?: OpenApiDocument;
  dynamic?: boolean;
  seed?: string;
  upstream?: string;
}

export interface PrismConfigs {
  /** Validating and mocking (every mode). */
  baseConfig: IHttpConfig;
  /** Forwarding a request already validated (proxy mode only). */
  forwardConfig: IHttpConfig | undefined;
}

export function prismConfigs(options: PrismOptions): PrismConfigs {
  const mock = { dynamic: options.dynamic ?? false, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const common = { mock, checkSecurity: true, validateRequest: true, validateResponse: false, errors: false, upstreamProxy: undefined };
  return {
    baseConfig: { ...common, isProxy: false },
    // The proxy forwards only what `validate` and `verdict` let through, so Prism need not validate it again.
    forwardConfig: options.upstream ? { ...common, checkSecurity: false, validateRequest: false, isProxy: true, upstream: new URL(options.upstream) } : undefined,
  };
}
