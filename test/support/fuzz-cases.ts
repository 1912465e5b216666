// Request generators for hostile traffic (fast-check): odd methods, paths, headers and bodies,
// aimed at one operation or at routes the contract lacks. Shared by the fuzz test and the test
// that holds the doors to the same answers.
import fc from "fast-check";
import type { ContractOperation } from "../../src/contract/contract.js";
import { FAKE_KEY } from "./helpers.js";

const KEY_HEADER = "CONFIDENT_API_KEY";

/** A request body, printed by fast-check as a short label rather than every byte. */
export interface Body {
  bytes: Uint8Array;
  [fc.toStringMethod](): string;
}

export function body(bytes: Uint8Array, label?: string): Body {
  const text = Buffer.from(bytes).toString("utf8");
  const shown = label ?? (text.length > 80 ? `${text.slice(0, 60)}… (${bytes.length} bytes)` : text);
  return { bytes, [fc.toStringMethod]: () => `body(${JSON.stringify(shown)})` };
}

export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Body | undefined;
}


const hexByte = fc.integer({ min: 0, max: 255 }).map((n) => `%${n.toString(16).padStart(2, "0").toUpperCase()}`);
const idSegment = fc.oneof(
  fc.integer({ min: 1, max: 1_000_000 }).map(String),
  fc.constantFrom("9007199254740991", "9007199254740992", "99999999999999999999999999", "0", "-1", "1e3", "0x10", "12.0"),
  fc.integer({ min: -1_000_000, max: 0 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => encodeURIComponent(String(n))),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.array(hexByte, { minLength: 1, maxLength: 8 }).map((bytes) => bytes.join("")),
  fc.constantFrom("%zz", "%", "%e2%82", "%C0%AF", "null", "true", "[]", "%7B%7D"),
);
const suffix = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom("/", "?x=1", "?CONFIDENT_API_KEY=leak", "/extra", "%2F", "#frag") },
);
export const otherPath = fc.oneof(
  fc.constantFrom("/", "/v1", "/v1/organization", "/v1/organization/api-key", "/V1/ORGANIZATION/API-KEYS", "/v2/organization/api-keys", "//v1/organization/api-keys", "/v1/organization/api-keys/1/2"),
  fc.array(fc.string({ minLength: 1, maxLength: 8 }).map(encodeURIComponent), { minLength: 1, maxLength: 5 }).map((s) => `/${s.join("/")}`),
);
export const anyMethod = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO");

export const keyHeaders = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Record<string, string>>({ [KEY_HEADER]: FAKE_KEY }) },
  fc.constant<Record<string, string>>({}),
  fc.constant<Record<string, string>>({ [KEY_HEADER]: "" }),
  fc.constantFrom("confident_api_key", "Confident_Api_Key", "CONFIDENT-API-KEY", "X-CONFIDENT-API-KEY").map((name) => ({ [name]: FAKE_KEY })),
  fc.constantFrom(`Bearer ${FAKE_KEY}`, `Basic ${Buffer.from(`user:${FAKE_KEY}`).toString("base64")}`).map((value) => ({ authorization: value })),
);
const contentType = fc.option(
  fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/vnd.api+json", "", "*/*"),
  { nil: undefined },
);
const accept = fc.option(fc.constantFrom("*/*", "application/json", "application/xml", "text/html", "application/problem+json", ""), { nil: undefined });
const prefer = fc.option(
  fc.constantFrom("code=200", "code=400", "code=404", "code=418", "code=500", "code=abc", "example=notFound", "example=nope", "dynamic=true", "dynamic=maybe", "code=429, dynamic=true", ";;==,,", "respond-async, wait=10"),
  { nil: undefined },
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
export function bodies(op: ContractOperation | undefined): fc.Arbitrary<Body | undefined> {
  const valid =
    op?.method === "post"
      ? fc.string({ minLength: 1, maxLength: 100 }).filter((s) => /\S/.test(s)).map((name) => ({ name }))
      : fc.boolean().map((valid) => ({ valid }));
  const json = fc.oneof(
    { weight: 4, arbitrary: valid },
    jsonValue,
    fc.record({ name: jsonValue, valid: jsonValue }, { requiredKeys: [] }),
    fc.tuple(valid, fc.dictionary(fc.string({ maxLength: 10 }), jsonValue, { maxKeys: 3 })).map(([v, extra]) => ({ ...extra, ...v })),
    fc.constantFrom({ __proto__: { valid: true } }, JSON.parse('{"__proto__":{"polluted":true},"name":"x"}') as object, { constructor: { prototype: { x: 1 } } }),
  );
  const encode = (value: unknown): Body => body(Buffer.from(JSON.stringify(value) ?? "null"));
  return fc.oneof(
    { weight: 6, arbitrary: json.map(encode) },
    fc.constant(undefined),
    fc.integer({ min: 1, max: 30_000 }).map((depth) => body(Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth)}`), `[ nested ${depth} deep ]`)),
    fc.integer({ min: 1_000, max: 120_000 }).map((n) => body(Buffer.from(JSON.stringify({ name: "x".repeat(n) })), `{"name": ${n} x}`)),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => body(bytes, `bytes ${Buffer.from(bytes).toString("hex")}`)),
    fc.constantFrom(
      body(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "invalid UTF-8 in JSON"),
      body(Buffer.from("{")),
      body(Buffer.from("name=x")),
      body(Buffer.from("")),
    ),
    fc.string({ maxLength: 50 }).map((s) => body(Buffer.from(s))),
  );
}

/** Cases aimed at one operation: mostly its own method and path, sometimes mutated. */
export function casesFor(op: ContractOperation): fc.Arbitrary<FuzzCase> {
  const path = op.path.includes("{apiKeyId}")
    ? fc.tuple(idSegment, suffix).map(([id, s]) => `${op.path.replace("{apiKeyId}", id)}${s}`)
    : suffix.map((s) => `${op.path}${s}`);
  const method = fc.oneof({ weight: 5, arbitrary: fc.constant(op.method.toUpperCase()) }, anyMethod);
  return fc
    .record({
      method,
      path: fc.oneof({ weight: 9, arbitrary: path }, otherPath),
      key: keyHeaders,
      contentType,
      accept,
      prefer,
      body: bodies(op),
    })
    .map(({ method, path, key, contentType, accept, prefer, body }) => {
      const headers: Record<string, string> = { ...key };
      if (contentType !== undefined) headers["content-type"] = contentType;
      if (accept !== undefined) headers["accept"] = accept;
      if (prefer !== undefined) headers["prefer"] = prefer;
      return { method, path, headers, body };
    });
}

