/**
 * Stage `preferences`: the `Prefer` header (RFC 7240) becomes one typed steering object, keeping
 * only what the operation can honour; the rest is reported in `X-Mock-Warning`.
 */
import parsePreferHeader from "parse-prefer-header";
import type { ContractOperation } from "../../contract/contract.js";
import type { MockAnswer } from "../answer.js";
import { matched, type Context, type Steering } from "../context.js";
import { parseFailRate, parseLatency } from "../faults.js";

/** The longest `Prefer` header read; a longer one is ignored whole, and the answer says so. */
export const MAX_PREFER_LENGTH = 1024;

/** The preferences the mock knows, by the name a request spells them with. */
const KNOWN = { code: "code", example: "example", dynamic: "dynamic", latency: "latency", "fail-rate": "failRate" } as const;
type Known = keyof typeof KNOWN;

/**
 * Parses `Prefer` (RFC 7240) as Prism's own server does, with parse-prefer-header (one pass, no
 * backtracking): `code=404, example=noKeys, dynamic=true` -> { code: "404", ... }. A `;` starts a
 * parameter of the preference before it, so `example=noKeys; dynamic=true` does not ask for
 * `dynamic`. Only the preferences the mock knows are kept, in a record with no prototype; one
 * without a value reads as "".
 */
export function parsePrefer(header: string | undefined): Partial<Record<Known, string>> {
  const out: Partial<Record<Known, string>> = Object.create(null) as Partial<Record<Known, string>>;
  if (!header || header.length > MAX_PREFER_LENGTH) return out;
  const parsed = parsePreferHeader(header);
  for (const [name, key] of Object.entries(KNOWN) as [Known, string][]) {
    if (!Object.hasOwn(parsed, key)) continue;
    const value = parsed[key];
    out[name] = value === true || value === undefined ? "" : value;
  }
  return out;
}

/** A parser that throws a readable error, applied to one preference. */
function parseInto<T>(steering: Steering, name: string, value: string | undefined, parse: (v: string) => T, set: (v: T) => void): void {
  if (value === undefined) return;
  try {
    set(parse(value));
    steering.applied.push(`${name}=${value}`);
  } catch (error) {
    steering.ignored.push(`${name}=${value} (${(error as Error).message})`);
  }
}

/** Turns parsed preferences into Prism options and fault settings the operation can honour. */
export function steer(op: ContractOperation, prefer: Partial<Record<Known, string>>): Steering {
  const steering: Steering = { mock: {}, applied: [], ignored: [] };
  const documented = op.responses.map((r) => r.status);
  const code = prefer["code"];
  if (code !== undefined) {
    if (documented.includes(code)) {
      steering.mock.code = Number(code);
      steering.applied.push(`code=${code}`);
    } else {
      steering.ignored.push(`code=${code} (${op.operationId} documents ${documented.join(", ")})`);
    }
  }
  const name = prefer["example"];
  if (name !== undefined) {
    const response = op.responses.find((r) => Object.hasOwn(r.examples, name) && (steering.mock.code === undefined || Number(r.status) === steering.mock.code));
    if (response) {
      steering.mock.exampleKey = name;
      steering.mock.code = Number(response.status);
      steering.applied.push(`example=${name}`);
    } else {
      const known = op.responses.flatMap((r) => Object.keys(r.examples).map((e) => `${e} (${r.status})`));
      steering.ignored.push(`example=${name} (${op.operationId} has ${known.join(", ")})`);
    }
  }
  const dynamic = (value: string): boolean => {
    if (value !== "true" && value !== "false") throw new TypeError("true or false");
    return value === "true";
  };
  parseInto(steering, "dynamic", prefer["dynamic"], dynamic, (v) => (steering.mock.dynamic = v));
  parseInto(steering, "latency", prefer["latency"], parseLatency, (v) => (steering.latency = v));
  parseInto(steering, "fail-rate", prefer["fail-rate"], parseFailRate, (v) => (steering.failRate = v));
  return steering;
}

export function preferences(ctx: Context): MockAnswer | undefined {
  const header = ctx.request.headers["prefer"];
  const steering = steer(matched(ctx).op, parsePrefer(header));
  if (header && header.length > MAX_PREFER_LENGTH) steering.ignored.push(`the whole header (${header.length} characters; the mock reads at most ${MAX_PREFER_LENGTH})`);
  ctx.steering = steering;
  ctx.asked = steering.mock.code !== undefined || steering.mock.exampleKey !== undefined;
  if (steering.applied.length) ctx.headers["preference-applied"] = steering.applied.join(", ");
  if (steering.ignored.length) ctx.headers["x-mock-warning"] = `Ignored Prefer: ${steering.ignored.join("; ")}`;
  return undefined;
}
