/**
 * How the contract gets a validator for one of its schemas: from Ajv at run time (ajvValidators.ts,
 * any contract), or from Ajv's standalone code, compiled by `npm run generate` (bundledValidators.ts,
 * the bundled contract, with no Ajv loaded).
 */
import type { ErrorObject } from "ajv";

/** A compiled schema: true when the value is valid; what was wrong, in `errors`, when not. */
export type SchemaValidate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** `all`: every error (what the contract reports); `first`: the first one only (an answer too large to list every one of). */
export type ValidationMode = "all" | "first";

export interface SchemaValidators {
  /** The validator of the schema at a JSON pointer within the document. */
  get(pointer: string, mode: ValidationMode): SchemaValidate;
  /** The same contract's validators for its closed copy, where they are known ahead (the bundled contract's). */
  readonly closed?: SchemaValidators;
}

/** The id the document is added to Ajv under: a schema is `${DOC_ID}#${pointer}`. */
export const DOC_ID = "urn:confident-org-api-keys:openapi";

/**
 * Ajv's options for the contract, in both modes. `validateSchema: false`, because checking the
 * document against JSON Schema's meta-schema on every start cost 70 ms of the mock's cold start;
 * Redocly lints the contract, and a schema Ajv cannot compile still fails when it is compiled.
 */
export const CONTRACT_AJV_OPTIONS = { strict: false, validateSchema: false } as const;
export const allErrorsFor = (mode: ValidationMode): boolean => mode === "all";
