/**
 * Per-test overrides: an answer a test forces for one operation ("list is empty", "get gives 404"),
 * typed by the contract's operationIds and checked against it when the override is made: a
 * documented status, the closed schema (no field the contract does not name), the envelope, the
 * documented headers, and the redaction rule. The request itself is still validated by the engine;
 * only the answer is the test's.
 */
import type { operations } from "../../generated/schema.js";
import type { Contract } from "../contract/contract.js";

/** One thing wrong with an override: where (a JSON pointer into the body, "status", "header:<name>", "operationId", "times"), and what. */
export interface OverrideViolation {
  path: string;
  message: string;
}

/** The contract's operations, by operationId. */
export type OperationId = keyof operations;

/** The statuses the contract documents for an operation. */
export type DocumentedStatus<Op extends OperationId> = Extract<keyof operations[Op]["responses"], number>;

type ResponseOf<Op extends OperationId, S extends DocumentedStatus<Op>> = operations[Op]["responses"][S];
type BodyOf<R> = R extends { content: { "application/json": infer B } } ? B : undefined;
/** The header names a response documents (its index signature left out). */
type NamedHeaders<R> = R extends { headers: infer H } ? keyof { [K in keyof H as string extends K ? never : K]: H[K] } & string : never;
type HeadersOf<R> = [NamedHeaders<R>] extends [never]
  ? { headers?: Record<string, string> }
  : { headers: { [K in NamedHeaders<R>]: string } & Record<string, string> };

/** An answer of one operation, as the contract documents it: `{ status: 404, body: { success: false, error: "…" } }`. */
export type OverrideAnswer<Op extends OperationId, S extends DocumentedStatus<Op>> = { status: S; body: BodyOf<ResponseOf<Op, S>> } & HeadersOf<ResponseOf<Op, S>>;

/** Any answer at all, for an override that is off the contract on purpose (`unchecked: true`). */
export interface UncheckedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OverrideOptions {
  /** Answer this many requests, then stop overriding. Default: every request, until reset. */
  times?: number;
}

export interface UncheckedOverrideOptions extends OverrideOptions {
  /** Serve the answer although it breaks the contract: a deliberately broken answer, for one test. */
  unchecked: true;
}

/** A checked override, as the engine keeps it. */
export interface MockOverride {
  readonly operationId: string;
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly times: number | undefined;
}

/** An override whose answer breaks the contract: `violations` names each field. */
export class OffContractAnswerError extends Error {
  override readonly name = "OffContractAnswerError";
  constructor(
    readonly operationId: string,
    readonly status: number,
    violations: readonly OverrideViolation[],
  ) {
    const where = violations.map((v) => `${v.path === "" ? "body" : v.path.startsWith("/") ? `body${v.path}` : v.path} ${v.message}`);
    super(`The override of ${operationId} (${status}) is off the contract: ${where.join("; ")}. Fix the answer, or pass { unchecked: true } to serve it anyway.`);
    this.violations = violations.map(({ path, message }) => ({ path, message }));
  }

  readonly violations: readonly OverrideViolation[];
}

/** Header names as HTTP allows them, and values with no line break. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Why an override's own shape is unusable, whatever the contract says (also for unchecked ones). */
function shapeViolations(contract: Contract, operationId: string, answer: UncheckedAnswer, options: OverrideOptions): OverrideViolation[] {
  if (!contract.operations.some((o) => o.operationId === operationId)) {
    return [{ path: "operationId", message: `is not an operation of the contract (${contract.operations.map((o) => o.operationId).join(", ")})` }];
  }
  const out: OverrideViolation[] = [];
  if (!Number.isInteger(answer.status) || answer.status < 200 || answer.status > 599) out.push({ path: "status", message: "must be an HTTP status from 200 to 599" });
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    if (!TOKEN.test(name) || typeof value !== "string" || !FIELD_VALUE.test(value)) out.push({ path: `header:${name}`, message: "must be a header name and a string value with no line break" });
  }
  if (options.times !== undefined && !(Number.isInteger(options.times) && options.times >= 1)) out.push({ path: "times", message: "must be a whole number of at least 1" });
  return out;
}

/**
 * Checks an override against the contract (`contract` should be the closed one) and gives it as the
 * engine keeps it; throws OffContractAnswerError, naming the operation and each field, otherwise.
 */
export function checkOverride(contract: Contract, operationId: string, answer: UncheckedAnswer, options: OverrideOptions & { unchecked?: boolean } = {}): MockOverride {
  const shape = shapeViolations(contract, operationId, answer, options);
  if (shape.length > 0) throw new OffContractAnswerError(operationId, answer.status, shape);
  const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  if (!options.unchecked) {
    const violations = contract.validateResponse(operationId, answer.status, answer.body, headers);
    if (violations.length > 0) throw new OffContractAnswerError(operationId, answer.status, violations);
  }
  return Object.freeze({ operationId, status: answer.status, body: structuredClone(answer.body), headers: Object.freeze(headers), times: options.times });
}

/** The most overrides one session holds: a test that adds them in a loop gets an error, not a leak. */
export const MAX_OVERRIDES_PER_SESSION = 100;
/** The most overrides an engine or door holds in all. */
export const MAX_OVERRIDES = 1_000;

/** Where the `overrides` stage looks for a forced answer. */
export interface OverrideSource {
  /** The override that answers this request, its use counted; undefined when none does. */
  take(operationId: string, session: string): MockOverride | undefined;
}

interface Entry {
  readonly override: MockOverride;
  /** Only this session's requests; undefined: every session's. */
  readonly session: string | undefined;
  left: number;
}

/**
 * Overrides, newest first: the newest one for an operation answers (as MSW's `server.use`
 * prepends), until its `times` are used up or it is removed. Bounded.
 */
export class OverrideList implements OverrideSource {
  private readonly list: Entry[] = [];

  /** Adds an override, for one session or (without one) every session; gives the function that removes it. Throws past the bounds. */
  add(override: MockOverride, session?: string): () => void {
    if (this.list.length >= MAX_OVERRIDES) throw new RangeError(`The mock holds at most ${MAX_OVERRIDES} overrides: reset them between tests`);
    if (this.list.filter((e) => e.session === session).length >= MAX_OVERRIDES_PER_SESSION) throw new RangeError(`A session holds at most ${MAX_OVERRIDES_PER_SESSION} overrides: reset them between tests`);
    const entry: Entry = { override, session, left: override.times ?? Infinity };
    this.list.unshift(entry);
    return () => this.drop(entry);
  }

  take(operationId: string, session: string): MockOverride | undefined {
    const entry = this.list.find((e) => e.override.operationId === operationId && (e.session === undefined || e.session === session));
    if (!entry) return undefined;
    if (--entry.left <= 0) this.drop(entry);
    return entry.override;
  }

  /** Forgets one session's overrides, or with no session, every one. */
  clear(session?: string): void {
    for (let i = this.list.length - 1; i >= 0; i--) if (session === undefined || this.list[i]?.session === session) this.list.splice(i, 1);
  }

  private drop(entry: Entry): void {
    const at = this.list.indexOf(entry);
    if (at >= 0) this.list.splice(at, 1);
  }
}

/** A source of one override, for one handler (MSW's): it answers `times` requests, then none. */
export function singleOverride(override: MockOverride): OverrideSource & { readonly used: boolean } {
  let left = override.times ?? Infinity;
  return {
    get used() {
      return left <= 0;
    },
    take: (operationId) => (operationId === override.operationId && left > 0 ? (left--, override) : undefined),
  };
}
