/**
 * The named checks: one property each, run on every exchange (or, for the stateful ones, on every
 * sequence). A check gives the messages of what it found wrong; none means it passed. Warnings
 * (the drift check) fail a run only with --strict.
 */
import type { Contract } from "../contract.js";
import type { CheckedOperation } from "./model.js";
import { isDocumented } from "./model.js";
import type { Exchange } from "./exchange.js";
import { FULL_KEY_PATTERN } from "../secrets.js";

/** What kind of request a case is: which answers are right for it. */
export type CaseKind =
  /** Schema-valid, with ids the server gave (through links): must succeed. */
  | "positive"
  /** Breaks exactly one rule of the contract: must be refused with a documented 4xx. */
  | "negative"
  /** Schema-valid, with ids no link gave (the server may not have them): any documented answer but a 5xx. */
  | "exploratory"
  /** A step of a stateful sequence: its own expectations are the sequence's. */
  | "sequence";

export interface CheckContext {
  contract: Contract;
  /** The same contract with every object closed: what it would say of a property it does not name. */
  closedContract: Contract;
  operation: CheckedOperation;
  kind: CaseKind;
  apiKey: string;
  maxResponseTimeMs: number;
}

export interface NamedCheck {
  name: string;
  /** What the check holds the server to, in one line (contract --list-checks prints it). */
  description: string;
  severity: "error" | "warning";
  /** Checks of single exchanges run here; the stateful checks run in sequences.ts. */
  run?: (exchange: Exchange, ctx: CheckContext) => string[];
}

const answered = (e: Exchange): e is Exchange & { status: number } => e.status !== undefined;
const at = (path: string): string => path || "(body)";

type Violations = { path: string; message: string }[];
/** Each exchange's verdict, for the context it was judged in: three checks read it. */
const verdicts = new WeakMap<Exchange, { ctx: CheckContext; violations: Violations }>();

/** The schema's verdict on a JSON answer, which several checks read in parts: validated once per exchange. */
function schemaViolations(e: Exchange, ctx: CheckContext): Violations {
  if (!answered(e) || !e.isJson || !isDocumented(ctx.operation.statuses, e.status)) return [];
  const known = verdicts.get(e);
  if (known?.ctx === ctx) return known.violations;
  const violations = ctx.contract.validateResponse(ctx.operation.operationId, e.status, e.json, e.headers);
  verdicts.set(e, { ctx, violations });
  return violations;
}

const REDACTION = /^must be redacted|carries a full key value/;

export const CHECKS: readonly NamedCheck[] = [
  {
    name: "answer_received",
    description: "the server answers: in time (--timeout), within the body cap (--max-body-bytes), without a redirect off the target",
    severity: "error",
    run: (e) => (e.failure ? [e.failure] : []),
  },
  {
    name: "status_documented",
    description: "the status is one the contract documents for the operation",
    severity: "error",
    run: (e, ctx) => (answered(e) && !isDocumented(ctx.operation.statuses, e.status) ? [`${e.status} is not documented (documented: ${ctx.operation.statuses.join(", ")})`] : []),
  },
  {
    name: "json_envelope",
    description: "the answer is UTF-8 JSON, declared as such, in the envelope: `success` true for a 2xx, false (with `error`) otherwise",
    severity: "error",
    run: (e) => {
      if (!answered(e)) return [];
      if (e.notUtf8) return ["the body is not valid UTF-8"];
      if (!e.isJson) return [`the body is not JSON (content-type ${e.headers["content-type"] ?? "none"}${e.text ? `, starts ${JSON.stringify(e.text.slice(0, 40))}` : ", empty"})`];
      const body = e.json as { success?: unknown; error?: unknown } | null;
      if (body === null || typeof body !== "object" || Array.isArray(body)) return ["the body is not a JSON object"];
      const ok = e.status >= 200 && e.status < 300;
      if (body.success !== ok) return [`\`success\` is ${JSON.stringify(body.success)} on a ${e.status}; it must be ${ok}`];
      if (!ok && typeof body.error !== "string") return ["an error answer must say what went wrong in `error` (a string)"];
      return [];
    },
  },
  {
    name: "response_schema",
    description: "the body matches the schema documented for its status",
    severity: "error",
    run: (e, ctx) => schemaViolations(e, ctx).filter((v) => !v.path.startsWith("header:") && v.path !== "status").map((v) => `${at(v.path)} ${v.message}`),
  },
  {
    name: "required_headers",
    description: "the headers the contract requires for the status are there (Retry-After on a 429, say)",
    severity: "error",
    run: (e, ctx) => schemaViolations(e, ctx).filter((v) => v.path.startsWith("header:")).map((v) => `${v.path.slice("header:".length)} ${v.message}`),
  },
  {
    name: "redaction",
    description: "key values are redacted where the contract says so, and no answer but create's carries a full key value, under any field name or in any header",
    severity: "error",
    run: (e, ctx) => {
      if (!answered(e)) return [];
      // Headers are part of the answer: a full key value in X-Debug-Key or Set-Cookie is as leaked as one in the body.
      const inHeaders = Object.entries(e.headers)
        .filter(([, value]) => FULL_KEY_PATTERN.test(value))
        .map(([name]) => `the ${name} header carries a full key value: no answer may send one in a header`);
      if (!e.isJson) return inHeaders;
      const found = new Map<string, string>();
      for (const v of schemaViolations(e, ctx)) if (REDACTION.test(v.message)) found.set(v.path, v.message);
      for (const v of ctx.contract.findUnredacted(ctx.operation.operationId, e.json)) if (!found.has(v.path)) found.set(v.path, v.message);
      return [...[...found].map(([path, message]) => `${at(path)} ${message}`), ...inHeaders];
    },
  },
  {
    name: "no_key_echo",
    description: "no answer echoes the API key back, in its body or its headers",
    severity: "error",
    run: (e, ctx) => {
      const where = [
        ...(e.text?.includes(ctx.apiKey) ? ["the body"] : []),
        ...Object.entries(e.headers).filter(([, v]) => v.includes(ctx.apiKey)).map(([name]) => `the ${name} header`),
      ];
      return where.length ? [`the API key comes back in ${where.join(" and ")}`] : [];
    },
  },
  {
    name: "no_server_error",
    description: "no request gets a 5xx",
    severity: "error",
    run: (e) => (answered(e) && e.status >= 500 ? [`${e.status}: the server failed on this request`] : []),
  },
  {
    name: "positive_accepted",
    description: "a schema-valid request with ids the server gave gets a documented 2xx",
    severity: "error",
    run: (e, ctx) =>
      ctx.kind === "positive" && answered(e) && !(e.status >= 200 && e.status < 300 && isDocumented(ctx.operation.statuses, e.status))
        ? [`a valid request got ${e.status}, not a documented success`]
        : [],
  },
  {
    name: "negative_rejected",
    description: "a request that breaks one rule of the contract gets a documented 4xx",
    severity: "error",
    run: (e, ctx) =>
      ctx.kind === "negative" && answered(e) && !(e.status >= 400 && e.status < 500 && isDocumented(ctx.operation.statuses, e.status))
        ? [`an invalid request got ${e.status}, not a documented 4xx`]
        : [],
  },
  {
    name: "response_time",
    description: "every answer comes within --max-response-time",
    severity: "error",
    run: (e, ctx) => (answered(e) && e.ms > ctx.maxResponseTimeMs ? [`took ${e.ms} ms (--max-response-time ${ctx.maxResponseTimeMs})`] : []),
  },
  {
    name: "undocumented_property",
    description: "drift: the answer has properties the contract does not name (a warning; fails the run only with --strict)",
    severity: "warning",
    run: (e, ctx) => {
      if (!answered(e) || !e.isJson || !isDocumented(ctx.operation.statuses, e.status)) return [];
      return ctx.closedContract
        .validateResponse(ctx.operation.operationId, e.status, e.json)
        .filter((v) => v.message.startsWith("has an unknown property"))
        .map((v) => `${at(v.path)} ${v.message}`);
    },
  },
  {
    name: "stateful_consistency",
    description: "with --writes, following the links: a created key can be read, is listed redacted, takes an update, and is gone after revoke",
    severity: "error",
  },
  {
    name: "no_leftovers",
    description: "with --writes, every key the checker created is revoked: the list after the run has no key the list before it lacked",
    severity: "error",
  },
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((c) => c.name);

/** The checks named in `--checks a,b` (all when empty); throws on a name that is not a check. */
export function selectChecks(names: readonly string[] | undefined): NamedCheck[] {
  if (!names || names.length === 0) return [...CHECKS];
  const unknown = names.filter((n) => !CHECK_NAMES.includes(n));
  if (unknown.length) throw new RangeError(`unknown check${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the checks are ${CHECK_NAMES.join(", ")}`);
  return CHECKS.filter((c) => names.includes(c.name));
}
