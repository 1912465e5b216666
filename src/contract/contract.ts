/**
 * The contract as data: its operations, documented responses and named examples, and an Ajv
 * (JSON Schema 2020-12 + formats) validator for any answer. The mock's tests, the contract
 * checker and the package's own tests all read the contract through this module.
 */
import type { ErrorObject } from "ajv";
import { ajvValidators } from "./ajvValidators.js";
import type { SchemaValidate, SchemaValidators } from "./schemaValidators.js";
import { findFullKeyValues } from "./secrets.js";


export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The parts of an OpenAPI 3.1 document this package reads. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

export interface DocumentedResponse {
  /** The status code as the contract writes it, e.g. "200", "404". */
  status: string;
  /** JSON pointer (within the document) of the application/json schema, if any. */
  schemaPointer: string | undefined;
  /** Named examples, resolved: name -> value. */
  examples: Record<string, unknown>;
  /** Header names the contract documents for this response, lower-case. */
  requiredHeaders: string[];
}

export interface ContractOperation {
  operationId: string;
  method: HttpMethod;
  /** The path template, e.g. "/v1/organization/api-keys/{apiKeyId}". */
  path: string;
  hasRequestBody: boolean;
  /** The names of its path parameters whose schema is an integer (`apiKeyId`). */
  integerPathParameters: string[];
  /** Whether its answer may carry a full key value (`x-reveals-secret: true`): create's, and no other. */
  revealsSecret: boolean;
  responses: DocumentedResponse[];
}

/** What a violation is about, so that no reader has to parse its message or its path. */
export type ViolationKind =
  /** The status is not documented for the operation. */
  | "status"
  /** A header the status documents is missing. */
  | "header"
  /** The body breaks its schema. */
  | "schema"
  /** A property the contract does not name (only against the closed contract). */
  | "unknown-property"
  /** A full key value where only a redacted one may be, or a redacted one where create owes the full secret. */
  | "redaction"
  /** The body is not JSON at all. */
  | "not-json";

export interface Violation {
  kind: ViolationKind;
  /** Where in the answer: a JSON pointer into the body ("" for the body itself), or "status" / "header:<name>". */
  path: string;
  message: string;
}


function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Rewrites Ajv's messages where the contract's rule is clearer than the pattern it is written with. */
function describeError(error: ErrorObject): string {
  if (error.keyword === "pattern" && error.schemaPath.endsWith("/ApiKey/properties/value/pattern")) {
    return "must be redacted: 15 '*' followed by the key's last 6 characters, never the full secret";
  }
  if (error.keyword === "pattern" && error.schemaPath.endsWith("/NewApiKey/properties/value/pattern")) {
    return "must be the full secret (confident_[xx_]org_…), never a redacted value";
  }
  if (error.keyword === "additionalProperties") {
    return `has an unknown property "${String(error.params["additionalProperty"])}"`;
  }
  if (error.keyword === "required") {
    return `is missing the required property "${String(error.params["missingProperty"])}"`;
  }
  if (error.keyword === "const") {
    return `must be ${JSON.stringify(error.params["allowedValue"])}`;
  }
  return error.message ?? error.keyword;
}

/** Past this many values (objects, arrays and scalars), an answer's violations are not all listed. */
export const LARGE_VALUE_NODES = 10_000;

/** Whether a value holds more than LARGE_VALUE_NODES values; it stops counting there. */
function isLarge(value: unknown): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    if (++seen > LARGE_VALUE_NODES) return true;
    const node = stack.pop();
    if (node !== null && typeof node === "object") for (const child of Object.values(node)) stack.push(child);
  }
  return false;
}

/** The most violations one answer is reported with; the rest are counted in one last violation. */
export const MAX_VIOLATIONS = 100;

/** What kind of violation one of Ajv's errors is. */
function kindOf(error: ErrorObject): ViolationKind {
  if (error.keyword === "pattern" && /\/(?:New)?ApiKey\/properties\/value\/pattern$/.test(error.schemaPath)) return "redaction";
  if (error.keyword === "additionalProperties") return "unknown-property";
  return "schema";
}

export function toViolations(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  let more = 0;
  for (const error of errors ?? []) {
    const violation: Violation = { kind: kindOf(error), path: error.instancePath, message: describeError(error) };
    const key = `${violation.path}\0${violation.message}`;
    if (seen.has(key)) continue;
    if (out.length >= MAX_VIOLATIONS) {
      more++;
      continue;
    }
    seen.add(key);
    out.push(violation);
  }
  if (more > 0) out.push({ kind: "schema", path: "", message: `and ${more} more violation(s) of the schema, not listed` });
  return out;
}

export class Contract {
  readonly document: OpenApiDocument;
  readonly operations: readonly ContractOperation[];
  /** Where its schemas' validators come from: Ajv (any contract), or compiled ahead (the bundled one: spec.ts). */
  readonly validators: SchemaValidators;

  constructor(document: OpenApiDocument, validators?: SchemaValidators) {
    this.document = document;
    this.validators = validators ?? ajvValidators(document);
    this.operations = this.readOperations();
  }

  /** Resolves a local `$ref` chain and returns the target with its JSON pointer. */
  resolve(value: unknown, pointer: string): { value: unknown; pointer: string } {
    let current = value;
    let at = pointer;
    for (let hops = 0; hops < 20; hops++) {
      const ref = (current as { $ref?: unknown } | null)?.$ref;
      if (typeof ref !== "string") return { value: current, pointer: at };
      if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, found ${ref} at ${at}`);
      at = ref.slice(1);
      current = ref
        .slice(2)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], this.document);
      if (current === undefined) throw new Error(`Unresolved $ref ${ref}`);
    }
    throw new Error(`$ref chain too long at ${pointer}`);
  }

  private readOperations(): ContractOperation[] {
    const operations: ContractOperation[] = [];
    for (const [path, item] of Object.entries(this.document.paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method] as
          | { operationId?: string; requestBody?: unknown; parameters?: unknown[]; responses?: Record<string, unknown>; "x-reveals-secret"?: unknown }
          | undefined;
        if (!op) continue;
        const base = `/paths/${escapePointer(path)}/${method}`;
        const responses: DocumentedResponse[] = Object.entries(op.responses ?? {}).map(([status, raw]) => {
          const { value, pointer } = this.resolve(raw, `${base}/responses/${escapePointer(status)}`);
          const response = value as {
            content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }>;
            headers?: Record<string, unknown>;
          };
          const json = response.content?.["application/json"];
          const examples: Record<string, unknown> = {};
          for (const [name, example] of Object.entries(json?.examples ?? {})) {
            examples[name] = (this.resolve(example, "") .value as { value?: unknown }).value;
          }
          const requiredHeaders = Object.entries(response.headers ?? {})
            .filter(([, h]) => (this.resolve(h, "").value as { required?: boolean }).required === true)
            .map(([name]) => name.toLowerCase());
          return {
            status,
            schemaPointer: json?.schema ? `${pointer}/content/application~1json/schema` : undefined,
            examples,
            requiredHeaders,
          };
        });
        operations.push({
          operationId: op.operationId ?? `${method} ${path}`,
          method,
          path,
          hasRequestBody: op.requestBody !== undefined,
          integerPathParameters: this.integerPathParameters([...((item as { parameters?: unknown[] }).parameters ?? []), ...(op.parameters ?? [])]),
          revealsSecret: op["x-reveals-secret"] === true,
          responses,
        });
      }
    }
    return operations;
  }

  private integerPathParameters(parameters: readonly unknown[]): string[] {
    return parameters
      .map((p) => this.resolve(p, "").value as { name?: string; in?: string; schema?: unknown })
      .filter((p) => {
        const type = (this.resolve(p.schema, "").value as { type?: unknown } | undefined)?.type;
        return p.in === "path" && typeof p.name === "string" && (type === "integer" || (Array.isArray(type) && type.includes("integer")));
      })
      .map((p) => p.name as string);
  }

  operation(operationId: string): ContractOperation {
    const op = this.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`The contract has no operation "${operationId}"`);
    return op;
  }

  private validator(pointer: string): SchemaValidate {
    return this.validators.get(pointer, "all");
  }

  private firstErrorValidator(pointer: string): SchemaValidate {
    return this.validators.get(pointer, "first");
  }

  /**
   * A value's violations of the schema at `pointer`: every one, or, for a value of more than
   * LARGE_VALUE_NODES nodes (a hostile list of 300,000 objects), the first one only and a note,
   * so that listing them cannot take seconds per answer.
   */
  private schemaViolations(pointer: string, value: unknown): Violation[] {
    if (!isLarge(value)) {
      const fn = this.validator(pointer);
      return fn(value) ? [] : toViolations(fn.errors);
    }
    const fn = this.firstErrorValidator(pointer);
    if (fn(value)) return [];
    return [...toViolations(fn.errors), { kind: "schema", path: "", message: `is too large to list every violation of (over ${LARGE_VALUE_NODES} values): the first one is shown` }];
  }

  /** Validates a value against a named schema, e.g. `validateSchema("ApiKey", value)`. */
  validateSchema(name: string, value: unknown): Violation[] {
    if (!this.document.components?.["schemas"]?.[name]) throw new Error(`The contract has no schema "${name}"`);
    return this.schemaViolations(`/components/schemas/${escapePointer(name)}`, value);
  }

  /** The contract's response for this status, or the violation that it documents none. */
  private documentedResponse(operationId: string, status: number): DocumentedResponse | Violation {
    const op = this.operation(operationId);
    const response = op.responses.find((r) => r.status === String(status));
    if (response) return response;
    const documented = op.responses.map((r) => r.status).join(", ");
    return { kind: "status", path: "status", message: `${status} is not documented for ${operationId} (documented: ${documented})` };
  }

  /**
   * The violations of an answer whose body is not JSON at all: that, and an undocumented status.
   * `detail` says what came instead, e.g. ` (content-type text/html)`.
   */
  validateNonJsonResponse(operationId: string, status: number, detail: string): Violation[] {
    const response = this.documentedResponse(operationId, status);
    return [{ kind: "not-json", path: "", message: `is not JSON${detail}` }, ...("path" in response ? [response] : [])];
  }

  /**
   * Where an answer of the operation carries a full key value that it must not: anywhere, under
   * any field name, in every answer of an operation without `x-reveals-secret`.
   */
  findUnredacted(operationId: string, body: unknown): Violation[] {
    if (this.operation(operationId).revealsSecret) return [];
    return findFullKeyValues(body).map((path): Violation => ({
      kind: "redaction",
      path,
      message: "carries a full key value: only create may return one, every other answer must redact it",
    }));
  }

  /**
   * Validates one answer of an operation: the status must be documented, the documented headers
   * present, the body valid against the schema for that status, and no full key value anywhere
   * in it unless the operation reveals one.
   */
  validateResponse(
    operationId: string,
    status: number,
    body: unknown,
    headers: Record<string, string | undefined> = {},
  ): Violation[] {
    const response = this.documentedResponse(operationId, status);
    if ("path" in response) return [response];
    const violations: Violation[] = [];
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const name of response.requiredHeaders) {
      if (lower[name] === undefined) violations.push({ kind: "header", path: `header:${name}`, message: "is required but missing" });
    }
    if (response.schemaPointer) for (const v of this.schemaViolations(response.schemaPointer, body)) violations.push(v);
    // A full value where the schema asks for a redacted one is reported once, by the schema.
    const reported = new Set(violations.map((v) => v.path));
    for (const v of this.findUnredacted(operationId, body)) if (!reported.has(v.path)) violations.push(v);
    return violations;
  }
}
