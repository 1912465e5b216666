/**
 * The exchange checks: one property each, run on every exchange the run sends (generated cases,
 * sequence steps, probes). Each gives the violations it found, typed; none means it passed.
 * Warnings (the drift check) fail a run only with --strict.
 */
import type { Violation } from "../../contract/contract.js";
import { FULL_KEY_PATTERN } from "../../contract/secrets.js";
import type { Exchange } from "../exchange.js";
import { isDocumented } from "../model.js";
import { violation, type CheckContext, type ExchangeCheck } from "../types.js";

const answered = (e: Exchange): e is Exchange & { status: number } => e.status !== undefined;
const at = (path: string): string => path || "(body)";
/** Whether an answer's status is of a class (2xx from 200, 4xx from 400) and documented for the operation. */
const documentedOfClass = (e: Exchange & { status: number }, ctx: CheckContext, from: 200 | 400): boolean => e.status >= from && e.status < from + 100 && isDocumented(ctx.operation.statuses, e.status);

/** Each exchange's verdict, for the context it was judged in: three checks read it. */
const verdicts = new WeakMap<Exchange, { ctx: CheckContext; violations: Violation[] }>();

/** The schema's verdict on a JSON answer, which several checks read in parts: validated once per exchange. */
function schemaViolations(e: Exchange, ctx: CheckContext): Violation[] {
  if (!answered(e) || !e.isJson || !isDocumented(ctx.operation.statuses, e.status)) return [];
  const known = verdicts.get(e);
  if (known?.ctx === ctx) return known.violations;
  const violations = ctx.contract.validateResponse(ctx.operation.operationId, e.status, e.json, e.headers);
  verdicts.set(e, { ctx, violations });
  return violations;
}

export const EXCHANGE_CHECKS: readonly ExchangeCheck[] = [
  {
    name: "answer_received",
    scope: "exchange",
    description: "the server answers: in time (--timeout), within the body cap (--max-body-bytes), without a redirect off the target",
    severity: "error",
    run: (e) => (e.failure ? [violation("no-answer", e.failure)] : []),
  },
  {
    name: "status_documented",
    scope: "exchange",
    schemathesis: "status_code_conformance",
    description: "the status is one the contract documents for the operation",
    severity: "error",
    run: (e, ctx) => (answered(e) && !isDocumented(ctx.operation.statuses, e.status) ? [violation("status-undocumented", `${e.status} is not documented (documented: ${ctx.operation.statuses.join(", ")})`)] : []),
  },
  {
    name: "json_envelope",
    scope: "exchange",
    schemathesis: "content_type_conformance",
    description: "the answer is UTF-8 JSON, declared as such, in the envelope: `success` true for a 2xx, false (with `error`) otherwise",
    severity: "error",
    run: (e) => {
      if (!answered(e)) return [];
      if (e.notUtf8) return [violation("not-utf8", "the body is not valid UTF-8")];
      if (!e.isJson) return [violation("not-json", `the body is not JSON (content-type ${e.headers["content-type"] ?? "none"}${e.text ? `, starts ${JSON.stringify(e.text.slice(0, 40))}` : ", empty"})`)];
      const body = e.json as { success?: unknown; error?: unknown } | null;
      if (body === null || typeof body !== "object" || Array.isArray(body)) return [violation("not-an-object", "the body is not a JSON object")];
      const ok = e.status >= 200 && e.status < 300;
      if (body.success !== ok) return [violation("envelope-success", `\`success\` is ${JSON.stringify(body.success)} on a ${e.status}; it must be ${ok}`)];
      if (!ok && typeof body.error !== "string") return [violation("envelope-error", "an error answer must say what went wrong in `error` (a string)")];
      return [];
    },
  },
  {
    name: "response_schema",
    scope: "exchange",
    schemathesis: "response_schema_conformance",
    description: "the body matches the schema documented for its status",
    severity: "error",
    // A property the open contract forbids (an explicit additionalProperties: false) breaks the schema too.
    run: (e, ctx) => schemaViolations(e, ctx).filter((v) => v.kind === "schema" || v.kind === "unknown-property").map((v) => violation("schema", `${at(v.path)} ${v.message}`)),
  },
  {
    name: "required_headers",
    scope: "exchange",
    schemathesis: "response_headers_conformance",
    description: "the headers the contract requires for the status are there (Retry-After on a 429, say)",
    severity: "error",
    run: (e, ctx) => schemaViolations(e, ctx).filter((v) => v.kind === "header").map((v) => violation("header-missing", `${v.path.slice("header:".length)} ${v.message}`)),
  },
  {
    name: "redaction",
    scope: "exchange",
    description: "key values are redacted where the contract says so, and no answer but create's carries a full key value, under any field name or in any header",
    severity: "error",
    run: (e, ctx) => {
      if (!answered(e)) return [];
      // Headers are part of the answer: a full key value in X-Debug-Key or Set-Cookie is as leaked as one in the body.
      const inHeaders = Object.entries(e.headers)
        .filter(([, value]) => FULL_KEY_PATTERN.test(value))
        .map(([name]) => violation("key-in-header", `the ${name} header carries a full key value: no answer may send one in a header`));
      if (!e.isJson) return inHeaders;
      const found = new Map<string, string>();
      for (const v of schemaViolations(e, ctx)) if (v.kind === "redaction") found.set(v.path, v.message);
      for (const v of ctx.contract.findUnredacted(ctx.operation.operationId, e.json)) if (!found.has(v.path)) found.set(v.path, v.message);
      return [...[...found].map(([path, message]) => violation("unredacted", `${at(path)} ${message}`)), ...inHeaders];
    },
  },
  {
    name: "no_key_echo",
    scope: "exchange",
    description: "no answer echoes the API key back, in its body or its headers",
    severity: "error",
    run: (e, ctx) => {
      const where = [
        ...(e.text?.includes(ctx.apiKey) ? ["the body"] : []),
        ...Object.entries(e.headers).filter(([, v]) => v.includes(ctx.apiKey)).map(([name]) => `the ${name} header`),
      ];
      return where.length ? [violation("key-echoed", `the API key comes back in ${where.join(" and ")}`)] : [];
    },
  },
  {
    name: "no_server_error",
    scope: "exchange",
    schemathesis: "not_a_server_error",
    description: "no request gets a 5xx",
    severity: "error",
    run: (e) => (answered(e) && e.status >= 500 ? [violation("server-error", `${e.status}: the server failed on this request`)] : []),
  },
  {
    name: "positive_accepted",
    scope: "exchange",
    schemathesis: "positive_data_acceptance",
    description: "a schema-valid request with ids the server gave gets a documented 2xx",
    severity: "error",
    run: (e, ctx) =>
      ctx.kind === "positive" && answered(e) && !documentedOfClass(e, ctx, 200)
        ? [violation("valid-refused", `a valid request got ${e.status}, not a documented success`)]
        : [],
  },
  {
    name: "negative_rejected",
    scope: "exchange",
    schemathesis: "negative_data_rejection",
    description: "a request that breaks one rule of the contract (an id above its maximum included) gets a documented 4xx",
    severity: "error",
    run: (e, ctx) =>
      ctx.kind === "negative" && answered(e) && !documentedOfClass(e, ctx, 400)
        ? [violation("invalid-accepted", `an invalid request got ${e.status}, not a documented 4xx`)]
        : [],
  },
  {
    name: "response_time",
    scope: "exchange",
    schemathesis: "max_response_time",
    description: "every answer comes within --max-response-time",
    severity: "error",
    run: (e, ctx) => (answered(e) && e.ms > ctx.maxResponseTimeMs ? [violation("slow", `took ${e.ms} ms (--max-response-time ${ctx.maxResponseTimeMs})`)] : []),
  },
  {
    name: "undocumented_property",
    scope: "exchange",
    description: "drift: the answer has properties the contract does not name (a warning; fails the run only with --strict)",
    severity: "warning",
    run: (e, ctx) => {
      if (!answered(e) || !e.isJson || !isDocumented(ctx.operation.statuses, e.status)) return [];
      return ctx.closedContract
        .validateResponse(ctx.operation.operationId, e.status, e.json)
        .filter((v) => v.kind === "unknown-property")
        .map((v) => violation("undocumented-property", `${at(v.path)} ${v.message}`));
    },
  },
];
