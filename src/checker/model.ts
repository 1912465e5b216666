/**
 * What the checker knows of the contract, read from it and from nothing else: each operation's
 * method, path, parameters, body schema, documented statuses, credentials and links. Schemas come
 * from Prism's reading of the document (its $refs resolved), links from the document itself.
 */
import type { Contract } from "../contract/contract.js";
import type { CaseRequest } from "./exchange.js";
import type { PrismOperations } from "../prism/variant.js";

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
}

export interface Link {
  name: string;
  /** The operation the link leads to. */
  operationId: string;
  /** Parameter name → runtime expression, e.g. `$response.body#/data/apiKey/id`. */
  parameters: Record<string, string>;
}

export interface CheckedOperation {
  operationId: string;
  /** Upper case, e.g. "GET". */
  method: string;
  /** The path template, e.g. "/v1/organization/api-keys/{apiKeyId}". */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body: { schema: JsonSchema; required: boolean } | undefined;
  /** The header that carries the API key, when the operation is secured by one. */
  keyHeader: string | undefined;
  /** Documented statuses, as the contract writes them ("200", "404", maybe "4XX" or "default"). */
  statuses: string[];
  /** Links from the operation's success answers. */
  links: Link[];
  /** GET or HEAD: safe to send to a live server without --writes. */
  safe: boolean;
}

interface PrismParameter {
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface PrismOperation {
  iid?: string;
  method: string;
  path: string;
  request?: {
    path?: PrismParameter[];
    query?: PrismParameter[];
    headers?: PrismParameter[];
    body?: { required?: boolean; contents?: { mediaType: string; schema?: JsonSchema }[] };
  };
  security?: { type?: string; in?: string; name?: string }[][];
  responses: { code: string }[];
}

function linksOf(contract: Contract, path: string, method: string): Link[] {
  const operation = contract.document.paths[path]?.[method] as { responses?: Record<string, unknown> } | undefined;
  const links: Link[] = [];
  for (const [status, raw] of Object.entries(operation?.responses ?? {})) {
    if (!status.startsWith("2")) continue;
    const response = contract.resolve(raw, "").value as { links?: Record<string, unknown> };
    for (const [name, rawLink] of Object.entries(response.links ?? {})) {
      const link = contract.resolve(rawLink, "").value as { operationId?: string; parameters?: Record<string, unknown> };
      if (!link.operationId) continue;
      const parameters = Object.fromEntries(Object.entries(link.parameters ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
      links.push({ name, operationId: link.operationId, parameters });
    }
  }
  return links;
}

function parametersOf(op: PrismOperation): Parameter[] {
  const from = (list: PrismParameter[] | undefined, where: Parameter["in"]): Parameter[] =>
    (list ?? []).map((p) => ({ name: p.name, in: where, required: where === "path" || p.required === true, schema: p.schema ?? {} }));
  return [...from(op.request?.path, "path"), ...from(op.request?.query, "query"), ...from(op.request?.headers, "header")];
}

/** The operations of a contract, as the checker sees them. `prismOperations` are Prism's reading of the same document. */
export function checkedOperations(contract: Contract, prismOperations: PrismOperations): CheckedOperation[] {
  return (prismOperations as unknown as PrismOperation[]).map((op) => {
    const documented = contract.operations.find((o) => o.path === op.path && o.method === op.method.toLowerCase());
    if (!documented) throw new Error(`Prism read an operation the contract does not have: ${op.method} ${op.path}`);
    const json = op.request?.body?.contents?.find((c) => /json/i.test(c.mediaType));
    const key = op.security?.flat().find((s) => s.type === "apiKey" && s.in === "header");
    const method = op.method.toUpperCase();
    return {
      operationId: documented.operationId,
      method,
      path: op.path,
      parameters: parametersOf(op),
      body: json?.schema ? { schema: json.schema, required: op.request?.body?.required === true } : undefined,
      keyHeader: key?.name,
      statuses: documented.responses.map((r) => r.status),
      links: linksOf(contract, op.path, op.method.toLowerCase()),
      safe: method === "GET" || method === "HEAD",
    };
  });
}

/** A collection: a safe operation without path parameters (list), where what others make is listed. */
export function isCollection(op: CheckedOperation): boolean {
  return op.safe && !op.parameters.some((p) => p.in === "path");
}

/** Whether a status is documented, `2XX`-style ranges and `default` included. */
export function isDocumented(statuses: readonly string[], status: number): boolean {
  return statuses.some((s) => s === String(status) || s.toUpperCase() === `${String(status)[0]}XX`) || statuses.includes("default");
}

/** Fills a path template: `{apiKeyId}` → the value, percent-encoded. */
export function fillPath(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/** Evaluates a link's `$response.body#/pointer` against an answer's body; undefined if it does not resolve. */
export function evaluateLinkExpression(expression: string, body: unknown): unknown {
  const match = /^\$response\.body#(\/.*)?$/.exec(expression);
  if (!match) return undefined;
  const segments = (match[1] ?? "").split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  return segments.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), body);
}

/**
 * Whether a value from an answer can stand in a path as exactly what the server sent: a safe
 * integer (JSON.parse rounds one past 2^53 to a neighbour, which may be someone else's key), or a
 * string that is not empty, "." or ".." and holds no "/" or "\\" (a URL would resolve those to
 * another path, the collection's or its parent's).
 */
export function isExactPathValue(value: unknown): value is number | string {
  if (typeof value === "number") return Number.isSafeInteger(value);
  return typeof value === "string" && value !== "" && value !== "." && value !== ".." && !/[/\\]/.test(value);
}

/**
 * The values a link gives its target's parameters, from an answer's body: undefined where one
 * does not resolve, or cannot be put in a path exactly as sent (so that it is never a target).
 */
export function linkParams(link: Link, body: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(link.parameters).map(([name, expression]) => {
      const value = evaluateLinkExpression(expression, body);
      return [name, isExactPathValue(value) ? value : undefined];
    }),
  );
}

/** How a request departs from a plain one: sent without the key, or with a body that is not JSON of `body`. */
export interface RequestStyle {
  /** Whether the API key is sent (default true). */
  withKey?: boolean;
  /** The body as sent, instead of JSON of `body` (malformed JSON, say). */
  rawBody?: string;
}

/** A request of an operation: its path filled from `params`, and `body`, if any, as JSON; with the key unless `style` says not. */
export function requestFor(op: CheckedOperation, params: Record<string, unknown> = {}, body?: unknown, style: RequestStyle = {}): CaseRequest {
  const text = style.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  return { method: op.method, path: fillPath(op.path, params), headers: text ? { "content-type": "application/json" } : {}, withKey: style.withKey ?? true, ...(text ? { body: text } : {}) };
}
