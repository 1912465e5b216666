/**
 * What each build's Prism provides: node.ts (dist/src/, Prism required from node_modules), bundle.ts
 * (dist/bundle/, Prism bundled in) and browser.ts (dist/browser/). `importPrism` (importPrism.ts)
 * is the one place that loads it.
 */
import type * as PrismHttp from "@stoplight/prism-http";

export type PrismOperations = Awaited<ReturnType<typeof PrismHttp.getHttpOperationsFromSpec>>;
type PrismLogger = Parameters<typeof PrismHttp.createInstance>[1]["logger"];

export interface PrismVariant {
  /** Prism's HTTP instance, composed as `@stoplight/prism-http`'s `createInstance` composes it (shared.ts). */
  createInstance: typeof PrismHttp.createInstance;
  /** Prism's operations for an OpenAPI document (its OpenAPI reader, loaded on first use; refused in the browser). */
  getHttpOperationsFromSpec: typeof PrismHttp.getHttpOperationsFromSpec;
  /** A logger that says nothing: the mock reports in its own words. */
  silentLogger: () => PrismLogger;
  /** Prism's own sampler (json-schema-faker, as Prism calls it): a value for a schema, the same for the same seed. */
  sampleSchema: (schema: Record<string, unknown>, seed: string) => unknown;
}
