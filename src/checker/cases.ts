/**
 * Requests generated from the contract. Values come from Prism's own sampler (json-schema-faker,
 * seeded), choices from fast-check, so that fast-check can shrink a failing request. Every case is
 * checked against the schema before it is sent: a positive case must be valid, a negative one must
 * break exactly the one rule it names, or it is not sent. A correct server is never blamed.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import type { CaseKind, Origin } from "./types.js";

export type { Origin } from "./types.js";
import type { CaseRequest } from "./exchange.js";
import { requestFor, type CheckedOperation, type JsonSchema } from "./model.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface Case {
  operationId: string;
  kind: CaseKind;
  /** For a negative case: the one rule it breaks. */
  rule?: string;
  request: CaseRequest;
  /** When its path parameters came from a link of a request that made something: that request. */
  origin?: Origin;
}


/** Prism's sampler: a value for a schema, from a seed. */
export type Sampler = (schema: JsonSchema, seed: string) => unknown;

/** Where ids for path parameters come from: values the server gave, through links (and what made them, if anything did). */
export type IdPool = (operationId: string) => { params: Record<string, unknown>; origin?: Origin }[];

/** The one rule a negative case breaks, and how. */
interface Mutation {
  rule: string;
  /** A body mutation must leave the body invalid, or it broke nothing. */
  ofBody?: boolean;
  /** Where its wrong values come from (default: any small JSON value). */
  wrong?: fc.Arbitrary<unknown>;
  apply(base: Built, wrong: unknown): Built | undefined;
}

interface Built {
  params: Record<string, unknown>;
  body: unknown;
  /** The body as sent, when it is not JSON of `body`. */
  rawBody?: string;
  withBody: boolean;
  withKey: boolean;
}

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const validators = new WeakMap<JsonSchema, ValidateFunction>();
/** Prism's schemas carry draft-07 and Stoplight markers; Ajv 2020 validates them without. */
function validator(schema: JsonSchema): ValidateFunction {
  let fn = validators.get(schema);
  if (!fn) {
    const { $schema: _draft, "x-stoplight": _marker, ...rest } = schema;
    fn = ajv.compile(rest);
    validators.set(schema, fn);
  }
  return fn;
}
const valid = (schema: JsonSchema, value: unknown): boolean => validator(schema)(value);

/** Any JSON value, small: the source of wrong values, kept only where the schema refuses them. */
const anyJson = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }));
/** A path segment that is no number, and that no URL parser rewrites. */
const wordSegment = fc.stringMatching(/^[a-z_-][A-Za-z0-9_-]{0,11}$/);

function mutations(op: CheckedOperation): Mutation[] {
  const list: Mutation[] = [];
  if (op.keyHeader) list.push({ rule: `no ${op.keyHeader} header`, apply: (b) => ({ ...b, withKey: false }) });
  for (const param of op.parameters.filter((p) => p.in === "path")) {
    list.push({
      rule: `path parameter "${param.name}" does not match its schema`,
      wrong: wordSegment,
      // Only a word: "." or "" would be read by URL parsers as another path, not as a bad value.
      apply: (b, wrong) =>
        typeof wrong === "string" && /^[A-Za-z0-9_-]+$/.test(wrong) && !valid(param.schema, wrong) && !valid(param.schema, Number(wrong))
          ? { ...b, params: { ...b.params, [param.name]: wrong } }
          : undefined,
    });
  }
  for (const param of op.parameters.filter((p) => p.in === "path" && typeof p.schema["maximum"] === "number")) {
    // An id above the contract's maximum (2^53 - 1 for apiKeyId): a number no key has, which a
    // server must refuse, however it reads the digits.
    const above = BigInt(Math.floor(param.schema["maximum"] as number)) + 1n;
    list.push({
      rule: `path parameter "${param.name}" is above its maximum`,
      wrong: fc.bigInt({ min: above, max: above * 10n ** 9n }),
      apply: (b, wrong) => (typeof wrong === "bigint" && !valid(param.schema, Number(wrong)) ? { ...b, params: { ...b.params, [param.name]: wrong.toString() } } : undefined),
    });
  }
  const schema = op.body?.schema;
  if (schema && op.body) {
    const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
    const required = (schema["required"] ?? []) as string[];
    for (const name of required) {
      list.push({ ofBody: true, rule: `body lacks the required property "${name}"`, apply: (b) => withBody(b, omit(b.body, name)) });
    }
    for (const [name, propertySchema] of Object.entries(properties)) {
      list.push({
        ofBody: true, rule: `body property "${name}" does not match its schema`,
        apply: (b, wrong) => (valid(propertySchema, wrong) ? undefined : withBody(b, { ...(b.body as object), [name]: wrong })),
      });
    }
    if (schema["additionalProperties"] === false) {
      list.push({ ofBody: true, rule: "body has a property the schema does not allow", apply: (b) => withBody(b, { ...(b.body as object), unexpectedProperty: true }) });
    }
    if (schema["type"] === "object") {
      list.push({ ofBody: true, rule: "body is not an object", apply: (b, wrong) => (wrong !== null && typeof wrong === "object" && !Array.isArray(wrong) ? undefined : withBody(b, wrong)) });
    }
    list.push({ rule: "body is not valid JSON", apply: (b) => ({ ...b, rawBody: `${JSON.stringify(b.body).slice(0, -1)},` }) });
    if (op.body.required) list.push({ rule: "the required body is missing", apply: (b) => ({ ...b, withBody: false }) });
  }
  return list;
}

function omit(value: unknown, name: string): unknown {
  const { [name]: _gone, ...rest } = value as Record<string, unknown>;
  return rest;
}

function withBody(b: Built, body: unknown): Built | undefined {
  return { ...b, body };
}

function toRequest(op: CheckedOperation, built: Built): CaseRequest {
  const sendsBody = op.body !== undefined && built.withBody;
  return requestFor(op, built.params, sendsBody ? built.body : undefined, { withKey: built.withKey, ...(sendsBody && built.rawBody !== undefined ? { rawBody: built.rawBody } : {}) });
}

/** The body with only the kept optional properties (fast-check shrinks towards keeping none). */
function keepOptional(schema: JsonSchema, value: unknown, keep: readonly string[]): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const required = new Set((schema["required"] ?? []) as string[]);
  return Object.fromEntries(Object.entries(value).filter(([name]) => required.has(name) || keep.includes(name)));
}

/**
 * The schema exploratory ids are drawn from: a bound as wide as 2^53 - 1 leads the sampler to ids
 * near it only, so it is left out (every id the sampler draws without it is far inside it), and
 * small, zero and negative ids are drawn as before.
 */
function exploring(schema: JsonSchema): JsonSchema {
  const { maximum, ...rest } = schema;
  return typeof maximum === "number" && maximum >= 2 ** 31 ? rest : schema;
}

/** The rules a negative case of the operation can break, one per case. */
export function negativeRules(op: CheckedOperation): string[] {
  return mutations(op).map((m) => m.rule);
}

export interface CaseSources {
  sample: Sampler;
  ids: IdPool;
}

/**
 * The cases of one kind for one operation, as a fast-check arbitrary (so that a failing one can be
 * shrunk; a draw that makes no proper case gives undefined, which the runner skips: a filter could
 * loop forever on a rule that a draw seldom breaks), or undefined when there are none: no positive case for an operation whose ids no link
 * gave, no exploratory case for one that writes (it could touch a key the checker did not make).
 */
export function caseArbitrary(
  op: CheckedOperation,
  kind: "positive" | "negative" | "exploratory",
  sources: CaseSources,
  /** For negative cases: the index of the one rule they break (see negativeRules); shrinking keeps it. */
  ruleIndex = 0,
): fc.Arbitrary<Case | undefined> | undefined {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const linked = sources.ids(op.operationId);
  if (pathParams.length && kind !== "exploratory" && linked.length === 0) return undefined;
  if (kind === "exploratory" && (!pathParams.length || !op.safe)) return undefined;
  const all = mutations(op);
  if (kind === "negative" && all.length === 0) return undefined;
  const optional = Object.keys((op.body?.schema["properties"] ?? {}) as object).filter((n) => !((op.body?.schema["required"] ?? []) as string[]).includes(n));
  const draw = fc.record({
    seed: fc.nat({ max: 1_000_000 }),
    keep: fc.subarray(optional),
    ids: fc.nat(),
    wrong: all[ruleIndex]?.wrong ?? anyJson,
  });
  return draw
    .map((d): Case | undefined => {
      const params =
        kind === "exploratory"
          ? Object.fromEntries(pathParams.map((p) => [p.name, sources.sample(exploring(p.schema), `${op.operationId}:${p.name}:${d.seed}`)]))
          : { ...(linked[d.ids % linked.length]?.params ?? {}) };
      const origin = kind === "exploratory" ? undefined : linked[d.ids % linked.length]?.origin;
      const body = op.body ? keepOptional(op.body.schema, sources.sample(op.body.schema, `${op.operationId}:body:${d.seed}`), d.keep) : undefined;
      const base: Built = { params, body, withBody: true, withKey: true };
      if (op.body && !valid(op.body.schema, body)) return undefined; // the sampler's slip: not a valid request
      const from = origin ? { origin } : {};
      if (kind !== "negative") return { operationId: op.operationId, kind, request: toRequest(op, base), ...from };
      const mutation = all[ruleIndex];
      const broken = mutation?.apply(base, d.wrong);
      if (!mutation || !broken) return undefined;
      if (mutation.ofBody && op.body && valid(op.body.schema, broken.body)) return undefined; // breaks nothing after all
      // A bad path parameter replaces the linked one: nothing the run made is in the request then.
      const keepsOrigin = Object.keys(params).every((name) => broken.params[name] === params[name]);
      return { operationId: op.operationId, kind, rule: mutation.rule, request: toRequest(op, broken), ...(keepsOrigin ? from : {}) };
    });
}
