import type { components } from "../../generated/schema.js";
import type { OpenApiDocument } from "../contract/contract.js";
import type { CoverageSink } from "./coverage/record.js";

/** A key for a stateful session to start with: as list returns it, its value redacted or in full (a full value is stored redacted). */
export type FixtureKey = components["schemas"]["ApiKey"];

/** Stateful mode with a fixture instead of the contract's list example. */
export interface StatefulOptions {
  /**
   * The keys every session starts with, e.g. `[]` for "no keys yet". Validated against the
   * contract's `ApiKey` when the engine starts; ids must be unique. A full value is stored
   * redacted, as a real server holds it, and once deactivated or revoked it stops working as a key.
   */
  keys?: readonly FixtureKey[];
}

/** What the mock does, whichever door it is reached through. */
export interface MockOptions {
  /** Generate answers from the schemas instead of returning the contract's examples. */
  dynamic?: boolean;
  /** Seed for generated answers and injected faults: the same seed gives the same answers. */
  seed?: string;
  /** The contract to serve. Default: the bundled `generated/openapi.json`. */
  document?: OpenApiDocument;
  /** Largest accepted request body in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Stateful mode: an in-memory store, per `X-Mock-Session`, seeded from the contract's list
   * example, or from `{ keys }`. Create, update and revoke change what later requests see.
   */
  stateful?: boolean | StatefulOptions;
  /** Delay every answer: `250` or `100-400` (ms). Per request: `Prefer: latency=…`. */
  latency?: string;
  /** Share of answers (0..1) replaced by the operation's documented 429 or 500. Per request: `Prefer: fail-rate=…`. */
  failRate?: number;
  /**
   * Proxy mode: forward valid requests to this server (Prism's proxy) and report every answer
   * that breaks the contract through `onViolation`, passing the answer on unchanged.
   */
  upstream?: string;
  /** Proxy mode: the key to send upstream on requests that carry no `CONFIDENT_API_KEY` header. */
  upstreamApiKey?: string;
  /** Where proxy mode reports contract violations, one line each. Default: stderr. */
  onViolation?: (line: string) => void;
  /**
   * Origins of pages allowed to call the mock's own routes (`POST /__mock/reset`) across sites,
   * e.g. `["http://localhost:5173"]`. A request to them from any other page's origin is refused
   * with 403, so that no web page can wipe the store. Requests without an `Origin` (curl, tests,
   * Node) and from the mock's own origin are always allowed.
   */
  allowOrigins?: readonly string[];
  /**
   * Where to send scenario coverage (operation, status, example, how it came about). Default: the
   * files of a coverage reporter's run, when one is running (see `confident-org-api-keys/coverage`).
   */
  coverage?: CoverageSink;
}

/** Request bodies above this many bytes are refused with 400. The largest valid body is about 420 bytes. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** The header that keeps stateful sessions apart. Absent: the session "default". */
export const SESSION_HEADER = "X-Mock-Session";
/** A request's stateful session: its `X-Mock-Session`, or "default". */
export const sessionOf = (headers: Readonly<Record<string, string>>): string => headers[SESSION_HEADER.toLowerCase()] ?? "default";
/** The stateful mode's reset route: outside the contract's paths, which may never start with /__mock/. */
export const RESET_PATH = "/__mock/reset";
/** The stateful mode's state route: `GET /__mock/state` gives a session's keys (redacted), as list would. */
export const STATE_PATH = "/__mock/state";
/** The journal route, in every mode: `GET /__mock/journal` gives what the mock received, `DELETE` clears it. */
export const JOURNAL_PATH = "/__mock/journal";
/** The overrides route, in mock mode: `POST /__mock/overrides` forces an answer for the caller's session, `DELETE` forgets them. */
export const OVERRIDES_PATH = "/__mock/overrides";
