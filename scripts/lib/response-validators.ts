/**
 * generated/response-validators.ts: the bundled contract's schemas (every documented answer's, and
 * every named one), as Ajv's standalone code writes them, for the contract as written and for its
 * closed copy (src/contract/closedDocument.ts). With them the bundled contract checks an answer (an override,
 * a stateful fixture) with no Ajv loaded. Ajv compiles them here with the options the contract's own
 * Ajv uses (src/contract/schemaValidators.ts), listing every error; the formats are ajv-formats' own functions.
 */
import { createRequire } from "node:module";
import { closedDocument } from "../../src/contract/closedDocument.js";
import { Contract, type OpenApiDocument } from "../../src/contract/contract.js";
import { CONTRACT_AJV_OPTIONS, DOC_ID } from "../../src/contract/schemaValidators.js";

const require = createRequire(import.meta.url);

/** The pointers of the schemas the contract validates against: each documented answer's, and each named schema. */
function schemaPointers(document: OpenApiDocument): string[] {
  const contract = new Contract(document);
  const answers = contract.operations.flatMap((o) => o.responses.map((r) => r.schemaPointer).filter((p): p is string => p !== undefined));
  const named = Object.keys(document.components?.["schemas"] ?? {}).map((name) => `/components/schemas/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  return [...new Set([...answers, ...named])];
}

/** One document's validators: Ajv's standalone module, wrapped so that it is one expression, and its table of pointers. */
function variant(document: OpenApiDocument, name: string): string {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const addFormats = require("ajv-formats") as (ajv: unknown) => unknown;
  const standaloneCode = (require("ajv/dist/standalone/index.js") as { default: (ajv: unknown, refs: Record<string, string>) => string }).default;
  const ajv = new Ajv2020({ ...CONTRACT_AJV_OPTIONS, allErrors: true, code: { source: true, esm: true, lines: false } });
  addFormats(ajv);
  ajv.addSchema(document as object, DOC_ID);
  const pointers = schemaPointers(document);
  const refs = Object.fromEntries(pointers.map((p, i) => [`v${i}`, `${DOC_ID}#${p}`]));
  const code = standaloneCode(ajv, refs)
    .replace(/^"use strict";/, "")
    .replaceAll('require("ajv-formats/dist/formats").fullFormats', "fullFormats")
    .replace(/export const (v\d+) = /g, "const $1 = ");
  if (/\brequire\(/.test(code)) throw new Error(`generated/response-validators.ts: Ajv's code requires a module this generator does not import: ${/require\([^)]*\)/.exec(code)?.[0]}`);
  const table = pointers.map((p, i) => `${JSON.stringify(p)}: v${i}`).join(", ");
  return `export const ${name}: Readonly<Record<string, SchemaValidate>> = (() => {${code}\nreturn { ${table} };\n})();\n`;
}

export function responseValidatorsModule(document: OpenApiDocument, banner: string): string {
  return (
    banner +
    "// @ts-nocheck: Ajv's standalone code, as Ajv writes it; the tables are typed.\n" +
    'import { fullFormats } from "ajv-formats/dist/formats.js";\n' +
    'import type { SchemaValidate } from "../src/contract/schemaValidators.js";\n\n' +
    "/** The contract's schemas, by JSON pointer, as written (answers may carry fields it does not name). */\n" +
    variant(document, "openValidators") +
    "\n/** The same, closed: no field the contract does not name. */\n" +
    variant(closedDocument(document), "closedValidators")
  );
}
