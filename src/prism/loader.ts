/**
 * Prism, loaded when a request first needs it: a generated answer, a request the compiled contract
 * does not judge valid (Prism's own words name its violations), a contract given at run time, or
 * the proxy. The static path answers from the compiled contract (stage `compiled`) with no Prism
 * module loaded.
 */
import { closedDocument } from "../contract/closedDocument.js";
import { importPrism } from "./importPrism.js";
import type { PrismOperations } from "./variant.js";
import { prismConfigs, type PrismOptions } from "./config.js";
import type { PrismEngine, PrismState } from "./types.js";

/** Loads Prism and prepares the contract's operations for it. */
export async function loadPrism(options: PrismOptions): Promise<PrismState> {
  const { createInstance, getHttpOperationsFromSpec, silentLogger } = await importPrism();
  const { loadPrismOperations } = await import("./operations.js");
  // The bundled contract's operations were prepared by `npm run generate`; another contract is read
  // now. Prism resolves $refs in place: it gets a copy, so the contract keeps its named schemas. The
  // copy is closed (no field the contract does not name), so that Prism never generates one.
  const operations = options.document
    ? await getHttpOperationsFromSpec(closedDocument(options.document) as unknown as Parameters<typeof getHttpOperationsFromSpec>[0])
    : (loadPrismOperations() as PrismOperations);
  const { baseConfig, forwardConfig } = prismConfigs(options);
  const engine: PrismEngine = {
    instance: createInstance(baseConfig, { logger: silentLogger() }),
    operations,
    // Routing happens here: Prism gets only the matched operation, which spares it matching every
    // path template again (its router was the largest cost per request).
    operationFor: new Map(operations.map((o) => [`${o.method.toLowerCase()} ${o.path}`, [o]])),
  };
  return { engine, baseConfig, forwardConfig };
}

/** Prism for one engine: loaded once, on first call. */
export function prismOnDemand(options: PrismOptions): () => Promise<PrismState> {
  let loading: Promise<PrismState> | undefined;
  return () => (loading ??= loadPrism(options));
}
