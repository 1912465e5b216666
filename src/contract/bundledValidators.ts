/**
 * The bundled contract's validators, from Ajv's standalone code (generated/response-validators.ts,
 * written by `npm run generate`), open and closed: an override or a stateful fixture is checked with
 * no Ajv loaded. Only what was not compiled ahead goes to Ajv: the first-error mode, for answers too
 * large to list every error of (in the browser, which has no Ajv, every error is listed instead).
 */
import { closedValidators, openValidators } from "../../generated/response-validators.js";
import { ajvValidators } from "./ajvValidators.js";
import { closedDocument } from "./closedDocument.js";
import type { OpenApiDocument } from "./contract.js";
import type { SchemaValidate, SchemaValidators } from "./schemaValidators.js";

function fromTable(table: Readonly<Record<string, SchemaValidate>>, document: () => object): SchemaValidators {
  let atRunTime: SchemaValidators | undefined;
  return {
    get(pointer, mode) {
      const compiled = Object.hasOwn(table, pointer) ? table[pointer] : undefined;
      if (compiled && mode === "all") return compiled;
      try {
        return (atRunTime ??= ajvValidators(document())).get(pointer, mode);
      } catch (error) {
        if (compiled) return compiled;
        throw error;
      }
    },
  };
}

/** Validators for `document`, which must be the bundled contract (generated/openapi.json). */
export function bundledValidators(document: OpenApiDocument): SchemaValidators {
  return { ...fromTable(openValidators, () => document), closed: fromTable(closedValidators, () => closedDocument(document)) };
}
