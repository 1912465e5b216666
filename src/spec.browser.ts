/**
 * The browser build's `spec.ts`: the bundled contract and Prism's operations for it are part of
 * the bundle, read by no file system. scripts/lib/browser-build.ts puts this file in place of spec.ts.
 */
import document from "../generated/openapi.json" with { type: "json" };
import prismOperations from "../generated/prism-operations.json" with { type: "json" };
import { Contract, type OpenApiDocument } from "./contract.js";

/** The bundled contract (a fresh copy each time, as spec.ts reads it afresh). */
export function loadDocument(): OpenApiDocument {
  return structuredClone(document) as unknown as OpenApiDocument;
}

let shared: Contract | undefined;
/** The bundled contract with its validators, built once per page. */
export function loadContract(): Contract {
  shared ??= new Contract(loadDocument());
  return shared;
}

/** Prism's operations for the bundled contract, as `npm run generate` prepared them. */
export function loadPrismOperations(): unknown[] {
  return structuredClone(prismOperations) as unknown[];
}
