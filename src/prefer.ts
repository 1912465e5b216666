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
  /** Delay the answer: milliseconds, or a `[min, max]` range. */
  latency?: number | readonly [number, number];
  /** Share of answers (0..1) replaced by the operation's documented 429 or 500. */
  failRate?: number;
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
  if (scenario.latency !== undefined) {
    parts.push(`latency=${typeof scenario.latency === "number" ? scenario.latency : `${scenario.latency[0]}-${scenario.latency[1]}`}`);
  }
  if (scenario.failRate !== undefined) parts.push(`fail-rate=${scenario.failRate}`);
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

/** The header that keeps the stateful mock's sessions apart. */
export const MOCK_SESSION_HEADER = "X-Mock-Session";

/**
 * An openapi-fetch middleware that puts every request in its own session of the stateful mock
 * (`--stateful`): what one test creates, another does not see.
 *
 * ```ts
 * client.use(mockSession(crypto.randomUUID()));
 * ```
 */
export function mockSession(session: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set(MOCK_SESSION_HEADER, session);
      return request;
    },
  };
}

/**
 * Resets a session of the stateful mock to the contract's example keys (`POST /__mock/reset`).
 * Pass the mock's `fetch` (say, `createMockFetch(...)`) when it is not reached over the network.
 */
export async function resetMockSession(
  baseUrl: string,
  session = "default",
  fetchImpl: (input: string, init?: RequestInit) => Promise<Response> = fetch,
): Promise<void> {
  const response = await fetchImpl(`${baseUrl.replace(/\/+$/, "")}/__mock/reset`, { method: "POST", headers: { [MOCK_SESSION_HEADER]: session } });
  if (!response.ok) throw new Error(`resetting the mock session failed: ${response.status} ${await response.text()}`);
}
