/**
 * A contract's validators from Ajv, compiled on first use. Ajv is loaded by Node's own `require`
 * when the first schema is compiled, not when this module is imported: a mock that answers from the
 * bundled contract (bundledValidators.ts) never loads it. The browser build has its own variant.
 */
import { createRequire } from "node:module";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { allErrorsFor, CONTRACT_AJV_OPTIONS, DOC_ID, type SchemaValidate, type SchemaValidators, type ValidationMode } from "./schemaValidators.js";

const require = createRequire(import.meta.url);

function newAjv(document: object, mode: ValidationMode): Ajv2020 {
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  // ajv-formats is CommonJS: its module is the function.
  const addFormats = require("ajv-formats") as (ajv: Ajv2020) => Ajv2020;
  const ajv = new Ajv({ ...CONTRACT_AJV_OPTIONS, allErrors: allErrorsFor(mode) });
  addFormats(ajv);
  ajv.addSchema(document, DOC_ID);
  return ajv;
}

export function ajvValidators(document: object): SchemaValidators {
  const instances: Partial<Record<ValidationMode, Ajv2020>> = {};
  const compiled = new Map<string, SchemaValidate>();
  return {
    get(pointer, mode) {
      const key = `${mode} ${pointer}`;
      let fn = compiled.get(key);
      if (!fn) {
        fn = (instances[mode] ??= newAjv(document, mode)).getSchema(`${DOC_ID}#${pointer}`);
        if (!fn) throw new Error(`No schema at #${pointer}`);
        compiled.set(key, fn);
      }
      return fn;
    },
  };
}
