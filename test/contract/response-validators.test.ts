// The bundled contract's validators, compiled ahead by Ajv's standalone code generation
// (generated/response-validators.ts), judge every value as Ajv does at run time: the same verdict
// and the same violations, for every schema the contract checks answers against, open and closed,
// over the contract's own examples, generated values, and examples with a field changed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedValidators, openValidators } from "../../generated/response-validators.js";
import { ajvValidators } from "../../src/contract/ajvValidators.js";
import { closedDocument } from "../../src/contract/closedDocument.js";
import { toViolations } from "../../src/contract/contract.js";
import type { SchemaValidate } from "../../src/contract/schemaValidators.js";
import { loadContract, loadDocument } from "../../src/contract/spec.js";
import { SIZES } from "../support/sizes.js";

const contract = loadContract();
const examples = contract.operations.flatMap((op) => op.responses.flatMap((r) => Object.values(r.examples)));
const value = fc.oneof(
  fc.constantFrom(...examples),
  fc.jsonValue({ maxDepth: 4 }),
  // An example with one field set to something else, at the top or in `data`.
  fc.tuple(fc.constantFrom(...examples), fc.constantFrom("success", "data", "error", "link", "deprecated", "id", "name", "valid", "created_at", "value", "lastUsed", "extra"), fc.jsonValue({ maxDepth: 2 }), fc.boolean()).map(([example, field, replacement, inData]) => {
    const copy = structuredClone(example) as Record<string, unknown>;
    const data = copy["data"];
    const target = inData && data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : copy;
    target[field] = replacement;
    return copy;
  }),
);

const verdict = (validate: SchemaValidate, v: unknown): { valid: boolean; violations: ReturnType<typeof toViolations> } => {
  const valid = validate(v);
  return { valid, violations: valid ? [] : toViolations(validate.errors) };
};

describe("the compiled response validators", () => {
  for (const [variant, table, document] of [
    ["open", openValidators, loadDocument()],
    ["closed", closedValidators, closedDocument(loadDocument())],
  ] as const) {
    const atRunTime = ajvValidators(document);
    it(`cover every schema the contract checks answers against (${variant})`, () => {
      const pointers = contract.operations.flatMap((op) => op.responses.flatMap((r) => (r.schemaPointer ? [r.schemaPointer] : [])));
      for (const pointer of pointers) expect(Object.hasOwn(table, pointer), pointer).toBe(true);
    });

    it(`give Ajv's verdict and violations at run time, for every schema (${variant})`, () => {
      const pointers = Object.keys(table);
      fc.assert(
        fc.property(fc.constantFrom(...pointers), value, (pointer, v) => {
          expect(verdict(table[pointer] as SchemaValidate, v), pointer).toEqual(verdict(atRunTime.get(pointer, "all"), v));
        }),
        { numRuns: SIZES.propertyRuns * 5, seed: 20261204 },
      );
    });
  }
});
