import type { Middleware } from "openapi-fetch";
import type { operations } from "../generated/schema.js";

/** Every status the contract documents, across the operations. */
export type DocumentedStatus = { [K in keyof operations]: keyof operations[K]["responses"] }[keyof operations];

/** A scenario to ask the mock for, sent as a `Prefer` header (RFC 7240). */
export interface MockScenario {
  /** A status the contract documents for the operation, e.g. 404. */
  code?: DocumentedStatus;
  /** The name of one of the contract's examples, e.g. "noKeys" (it selects its status too). */
  example?: string;
  /** Generate the answer from the schema instead of returning an example. */
  dynamic?: boolean;
}

/** The `Prefer` header value for a scenario, e.g. `code=404, dynamic=true`. */
export function preferHeader(scenario: MockScenario): string {
  const parts: string[] = [];
  if (scenario.code !== undefined) parts.push(`code=${scenario.code}`);
  if (scenario.example !== undefined) {
    if (!/^[A-Za-z0-9_.-]+$/.test(scenario.example)) {
      throw new TypeError(`preferHeader: example names are letters, digits, "_", "." and "-"; got ${JSON.stringify(scenario.example)}`);
    }
    parts.push(`example=${scenario.example}`);
  }
  if (scenario.dynamic !== undefined) parts.push(`dynamic=${scenario.dynamic}`);
  return parts.join(", ");
}

/**
 * An openapi-fetch middleware that asks the mock for a scenario on every request:
 *
 * ```ts
 * client.use(mockScenario({ code: 404 }));
 * ```
 *
 * Remove it with `client.eject(middleware)`. Real servers ignore the header.
 */
export function mockScenario(scenario: MockScenario): Middleware {
  const value = preferHeader(scenario);
  return {
    onRequest({ request }) {
      if (value) request.headers.set("Prefer", value);
      return request;
    },
  };
}
