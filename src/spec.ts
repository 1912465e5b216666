/**
 * The bundled contract, and Prism's operations for it, as `npm run generate` wrote them into
 * generated/contract.ts: a module, so that nothing here reads a file (a bundler such as Turbopack
 * rewrites file reads of package paths, and a browser has no files). The same in Node and in the
 * browser build.
 */
import { documentText, prismOperationsText } from "../generated/contract.js";
import { Contract, type OpenApiDocument } from "./contract.js";

/** The bundled contract (a fresh copy each time). */
export function loadDocument(): OpenApiDocument {
  return JSON.parse(documentText) as OpenApiDocument;
}

let shared: Contract | undefined;
/** The bundled contract with its validators, built once per process (or page). */
export function loadContract(): Contract {
  shared ??= new Contract(loadDocument());
  return shared;
}

/** Prism's operations for the bundled contract, as `npm run generate` prepared them. */
export function loadPrismOperations(): unknown[] {
  return JSON.parse(prismOperationsText) as unknown[];
}
