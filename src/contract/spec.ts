/**
 * The bundled contract, as `npm run generate` wrote it into generated/contract.ts (Prism's
 * operations for it are in generated/prism-operations.ts, read by prismOperations.ts): a module, so
 * that nothing here reads a file (a bundler such as Turbopack rewrites file reads of package paths,
 * and a browser has no files). The same in Node and in the browser build.
 */
import { documentText } from "../../generated/contract.js";
import { bundledValidators } from "./bundledValidators.js";
import { Contract, type OpenApiDocument } from "./contract.js";

/** The bundled contract (a fresh copy each time). */
export function loadDocument(): OpenApiDocument {
  return JSON.parse(documentText) as OpenApiDocument;
}

let shared: Contract | undefined;
/** The bundled contract with its validators (compiled ahead: bundledValidators.ts), built once per process (or page). */
export function loadContract(): Contract {
  if (!shared) {
    const document = loadDocument();
    shared = new Contract(document, bundledValidators(document));
  }
  return shared;
}
