/**
 * The browser build's ajvValidators.ts: no Ajv in the page. The bundled contract's validators are
 * compiled ahead (bundledValidators.ts); a contract given at run time needs Node, as Prism's
 * operations for it do (src/prism/browser.ts).
 */
import type { SchemaValidators } from "./schemaValidators.js";

export function ajvValidators(): SchemaValidators {
  return {
    get() {
      throw new Error("In the browser the mock checks answers against the bundled contract only: a `document` option needs Node");
    },
  };
}
