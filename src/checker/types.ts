/**
 * The checker's shared shapes: what a case is, what a check is (one unit with a scope, as
 * Schemathesis's `@check`s), what it finds (typed violations), and what the phases hand on.
 * Types only, so that no module of the checker imports another in a circle.
 */
import type { Contract } from "../contract/contract.js";
import type { CaseRequest, Exchange } from "./exchange.js";
import type { CheckedOperation, JsonSchema } from "./model.js";

/** The request that made what a case's ids point to, and the link that led from it. */
export interface Origin {
  operationId: string;
  request: CaseRequest;
  params: Record<string, unknown>;
  /** Requests sent to what was made before the failing one (a deactivation), its id as the path's. */
  then?: CaseRequest[];
}

/** What kind of request a case is: which answers are right for it. */
export type CaseKind =
  /** Schema-valid, with ids the server gave (through links): must succeed. */
  | "positive"
  /** Breaks exactly one rule of the contract: must be refused with a documented 4xx. */
  | "negative"
  /** Schema-valid, with ids no link gave (the server may not have them): any documented answer but a 5xx. */
  | "exploratory"
  /** A step of a stateful sequence: its own expectations are the sequence's. */
  | "sequence"
  /** A check's own request (a wrong key, an undocumented method). */
  | "probe";

/** What a violation is, as data: reports and tests read this, never the message. */
export type ViolationKind =
  | "no-answer"
  | "status-undocumented"
  | "not-utf8"
  | "not-json"
  | "not-an-object"
  | "envelope-success"
  | "envelope-error"
  | "schema"
  | "header-missing"
  | "unredacted"
  | "key-in-header"
  | "key-echoed"
  | "server-error"
  | "valid-refused"
  | "invalid-accepted"
  | "slow"
  | "undocumented-property"
  | "step-failed"
  | "state-wrong"
  | "no-exact-id"
  | "leftover"
  | "leftovers-unverified"
  | "key-accepted"
  | "method-accepted"
  | "method-misanswered"
  | "allow-mismatch";

export interface CheckViolation {
  kind: ViolationKind;
  message: string;
}

export const violation = (kind: ViolationKind, message: string): CheckViolation => ({ kind, message });

export interface CheckContext {
  contract: Contract;
  /** The same contract with every object closed: what it would say of a property it does not name. */
  closedContract: Contract;
  operation: CheckedOperation;
  kind: CaseKind;
  apiKey: string;
  maxResponseTimeMs: number;
}

/** One exchange, judged: by which checks, and what each found. */
export interface Recorded {
  operation: CheckedOperation;
  kind: CaseKind;
  /** For a negative case: the rule it broke. */
  rule?: string;
  /** What made the resource the request's ids point to, when the run made it. */
  origin?: Origin;
  exchange: Exchange;
  outcomes: { check: string; violations: CheckViolation[] }[];
  /** A probe of something the contract does not have (an undocumented method): no operation's answer. */
  offContract?: true;
}

/** The role of a step in a stateful sequence: make one, read it, list it, change it, revoke it, and look again. */
export type StepRole = "make" | "read" | "list" | "change" | "readAfterChange" | "revoke" | "readAfterRevoke" | "listAfterRevoke";

/** One stateful sequence as it was sent: the sequence checks judge it. */
export interface SequenceTrace {
  producer: CheckedOperation;
  /** The id the producer's answer gave its links, when it gave one they can address exactly. */
  id: unknown;
  idField: string;
  /** The body the change step sent. */
  changed?: Record<string, unknown>;
  steps: { role: StepRole; recorded: Recorded }[];
}

/** What a run-scope check found: the exchange (or the request) to reproduce, and the violations. */
export interface RunFinding {
  operation: CheckedOperation;
  recorded?: Recorded;
  request: CaseRequest;
  violations: CheckViolation[];
  count?: number;
}

/** With --writes: what the lists said before and after the run, and what it made. */
export interface LeftoverEvidence {
  before: { ids: unknown[]; unreadable?: string };
  after: { ids: unknown[]; unreadable?: string };
  /** Keys the run made (and revoked, or tried to). */
  made: number;
  /** Keys the run made whose ids it could not address exactly, so never revoked. */
  unaddressable: number;
}

/** A key that stands in for the run's own in one request: a fake one, or one the run made. */
export interface KeyStandIn {
  value: string;
  /** How a reproduction writes it: the fake key itself, or "$DEACTIVATED_KEY" for one the run made. */
  shown: string;
}

/** What a run-scope check may do: send requests of its own (to the target only), make keys the run cleans up. */
export interface RunCheckContext {
  operations: readonly CheckedOperation[];
  writes: boolean;
  /** The target says it takes any key (`--accepts-any-key`): the wrong-key probes are not sent. */
  acceptsAnyKey: boolean;
  seed: number;
  sample: (schema: JsonSchema, seed: string) => unknown;
  /**
   * Sends a request; with `key`, that key instead of the run's (null: none). Judged by the exchange
   * checks too unless `judged` is false (a method the contract lacks has no documented answer).
   * `origin`: what the run made that the request addresses (its reproduction makes one first).
   */
  send(op: CheckedOperation, request: CaseRequest, options?: { key?: KeyStandIn | null; judged?: boolean; origin?: Origin }): Promise<Recorded>;
  /** Ids the server gave, through links, for an operation. */
  ids(operationId: string): Record<string, unknown>[];
  /** Makes a key of the run's own through the contract's links; undefined when none can be made. */
  make(): Promise<{ recorded: Recorded; params: Record<string, unknown>; origin: Origin; secret: string | undefined } | undefined>;
  /** Says what was not run, and why. */
  skip(reason: string): void;
  /** With --writes, after the clean-up: the evidence of leftovers. */
  leftovers?: LeftoverEvidence;
}

interface CheckBase {
  name: string;
  /** What the check holds the server to, in one line (contract --list-checks prints it). */
  description: string;
  severity: "error" | "warning";
  /** The Schemathesis check it corresponds to, where one does. */
  schemathesis?: string;
}

/** Judges one exchange. */
export interface ExchangeCheck extends CheckBase {
  scope: "exchange";
  run(exchange: Exchange, ctx: CheckContext): CheckViolation[];
}

/** Judges one stateful sequence (with --writes). */
export interface SequenceCheck extends CheckBase {
  scope: "sequence";
  run(trace: SequenceTrace): { recorded: Recorded; violation: CheckViolation }[];
}

/** Judges the run: sends its own probes ("probe", before the clean-up), or reads the whole run's evidence ("end"). */
export interface RunCheck extends CheckBase {
  scope: "run";
  when: "probe" | "end";
  run(ctx: RunCheckContext): Promise<RunFinding[]>;
}

export type NamedCheck = ExchangeCheck | SequenceCheck | RunCheck;
