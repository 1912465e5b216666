import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Contract, type OpenApiDocument } from "./contract.js";

/** Absolute path of the bundled contract, `generated/openapi.json` (resolved through the package's own exports). */
export const BUNDLED_CONTRACT_PATH = createRequire(import.meta.url).resolve("confident-org-api-keys/openapi.json");

/** Reads the bundled contract. */
export function loadDocument(): OpenApiDocument {
  return JSON.parse(readFileSync(BUNDLED_CONTRACT_PATH, "utf8")) as OpenApiDocument;
}

let shared: Contract | undefined;
/** The bundled contract with its validators, read once per process. */
export function loadContract(): Contract {
  shared ??= new Contract(loadDocument());
  return shared;
}

/** Prism's operations for the bundled contract, as `npm run generate` prepared them. */
export function loadPrismOperations(): unknown[] {
  return JSON.parse(readFileSync(join(dirname(BUNDLED_CONTRACT_PATH), "prism-operations.json"), "utf8")) as unknown[];
}
