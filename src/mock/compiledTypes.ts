/**
 * The compiled contract's shape: what `npm run generate` works out ahead of time for each operation
 * of the bundled contract (generated/compiled-contract.ts), so that the static path answers with
 * no Prism module loaded. Prism remains the engine of record: the validators are Ajv's standalone
 * code for the very schemas Prism's validator compiles, and the answers are Prism's own.
 */
import type { PrismOutput } from "../prism/output.js";

/** An Ajv standalone validator: true when the value is valid. */
export type CompiledValidator = (value: unknown) => boolean;

export interface CompiledOperation {
  /** Prism's security alternatives for the operation: any one list of header names (lower-case), each sent and not empty. */
  security: readonly (readonly string[])[];
  /** The request body, where the operation takes one: whether it is required, and Prism's schema for it. */
  body?: { required: boolean; validate: CompiledValidator };
  /** The path parameters, where the operation has any: [name in the template, the key Prism validates it under], and Prism's schema for them. */
  path?: { names: readonly (readonly [name: string, key: string])[]; validate: CompiledValidator };
  /** Prism's static answers, keyed by `staticAnswerKey(code, exampleKey)`. */
  answers: Readonly<Record<string, PrismOutput>>;
}

/** One path of the contract, routed: its template, the pattern that matches it (`{name}` one segment, captured), and its methods' operations. */
export interface CompiledRoute {
  template: string;
  pattern: RegExp;
  parameterNames: readonly string[];
  /** [upper-case method, operationId], in the contract's order. */
  operations: readonly (readonly [method: string, operationId: string])[];
}

/** Operations keyed "get /v1/organization/api-keys" (method lower-case, the path template). */
export type CompiledContract = Readonly<Record<string, CompiledOperation>>;

/** The key of Prism's static answer for a steering: the status and the example asked for, if any. */
export const staticAnswerKey = (code: number | undefined, exampleKey: string | undefined): string => JSON.stringify([code ?? null, exampleKey ?? null]);
