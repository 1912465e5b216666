/**
 * generated/compiled-contract.ts: what the mock's static path needs, worked out from Prism at
 * `npm run generate` (see src/mock/compiledTypes.ts):
 *
 * - Request validators: each operation's sample request (its examples) goes through Prism's own
 *   `validateInput`, and every schema Prism's validator hands Ajv on the way is recorded, with the
 *   options of the Ajv instance it was handed to (Prism's, coercing for parameters and not for
 *   bodies). Ajv's standalone code generation writes each one out. Nothing here rebuilds a schema.
 * - Static answers: Prism's mocked answer for every operation × documented status × named
 *   example (and for no preference at all), in the engine's own Prism config.
 *
 * An operation Prism would treat in a way this table does not cover (a header or query parameter,
 * a security scheme other than an API key header, a parameter style other than simple, a schema
 * with a `format`) is left out: the engine sends its requests through Prism, as before.
 */
import { createRequire } from "node:module";
import type { IHttpOperation } from "@stoplight/types";
import { importPrism } from "../../src/prism/importPrism.js";
import type { PrismOperations } from "../../src/prism/variant.js";
import { prismConfigs } from "../../src/prism/config.js";
import { staticAnswerKey } from "../../src/mock/compiledTypes.js";
import { Contract, type OpenApiDocument } from "../../src/contract/contract.js";
import { buildRoutes } from "../../src/mock/routes.js";

const require = createRequire(import.meta.url);

interface Captured {
  schema: Record<string, unknown>;
  options: Record<string, unknown>;
  ajvClass: new (options: Record<string, unknown>) => unknown;
}

/** The options of Prism's Ajv instances that decide a verdict (Prism's validator sets these; the rest are Ajv's defaults). */
const VERDICT_OPTIONS = ["allErrors", "allowUnionTypes", "allowMatchingProperties", "strict", "coerceTypes", "useDefaults", "removeAdditional", "discriminator"] as const;

/** Records what Prism's validator compiles with Ajv while `run` runs. */
function captureCompiles<T>(run: () => T): { result: T; captured: Captured[] } {
  const core = require("ajv/dist/core.js") as { default: { prototype: { compile: (this: { opts: Record<string, unknown>; constructor: Captured["ajvClass"] }, schema: unknown, meta?: boolean) => unknown } } };
  const proto = core.default.prototype;
  const original = proto.compile;
  const captured: Captured[] = [];
  proto.compile = function (schema, meta) {
    if (!meta && schema && typeof schema === "object") {
      const options = Object.fromEntries(VERDICT_OPTIONS.filter((o) => this.opts[o] !== undefined).map((o) => [o, this.opts[o]]));
      captured.push({ schema: structuredClone(schema) as Record<string, unknown>, options, ajvClass: this.constructor });
    }
    return original.call(this, schema, meta);
  };
  try {
    return { result: run(), captured };
  } finally {
    proto.compile = original;
  }
}

/** A request each operation accepts: its examples (path parameters, body) and a key in each security header. */
function sampleRequest(op: IHttpOperation): { method: string; url: { path: string }; headers: Record<string, string>; body?: unknown } {
  let path = op.path;
  for (const p of op.request?.path ?? []) {
    const example = (p.examples?.[0] as { value?: unknown } | undefined)?.value;
    if (example === undefined) throw new Error(`${op.method} ${op.path}: path parameter ${p.name} has no example to validate with`);
    path = path.replace(`{${p.name}}`, encodeURIComponent(String(example)));
  }
  const headers: Record<string, string> = { accept: "application/json" };
  for (const alternative of op.security ?? []) for (const scheme of alternative) if (scheme.type === "apiKey" && scheme.in === "header") headers[scheme.name.toLowerCase()] = "confident_org_GENERATEDSAMPLEKEY";
  const content = op.request?.body?.contents?.[0];
  const body = (content?.examples?.[0] as { value?: unknown } | undefined)?.value;
  if (op.request?.body && body === undefined) throw new Error(`${op.method} ${op.path}: the request body has no example to validate with`);
  if (body !== undefined) headers["content-type"] = "application/json";
  return { method: op.method, url: { path }, headers, ...(body !== undefined ? { body } : {}) };
}

/** Why Prism would judge an operation's requests in a way the compiled table does not cover, if it would. */
function notCompilable(op: IHttpOperation): string | undefined {
  if ((op.request?.headers ?? []).length || (op.request?.query ?? []).length || (op.request?.cookie ?? []).length) return "it has header, query or cookie parameters";
  if ((op.security ?? []).some((alt) => alt.some((s) => !(s.type === "apiKey" && s.in === "header")))) return "a security scheme is not an API key in a header";
  if ((op.request?.path ?? []).some((p) => (p.style ?? "simple") !== "simple")) return "a path parameter is not simple style";
  if ((op.request?.body?.contents ?? []).some((c) => c.mediaType !== "application/json")) return "it takes a body that is not JSON";
  return undefined;
}

type Validate = (args: { resource: unknown; element: unknown }) => { _tag: string; left?: unknown };

interface CompiledEntry {
  key: string;
  security: string[][];
  body?: { required: boolean; name: string };
  path?: { names: [string, string][]; name: string };
  answers: Record<string, unknown>;
}

/** Ajv's standalone code for the recorded schemas, and the export name of each. */
function standalone(schemas: { name: string; captured: Captured }[]): string {
  const standaloneCode = (require("ajv/dist/standalone/index.js") as { default: (ajv: unknown, refs: Record<string, string>) => string }).default;
  const parts: string[] = [];
  for (const { name, captured } of schemas) {
    if (JSON.stringify(captured.schema).includes('"format"')) throw new Error(`${name}: a schema with a format needs its format's code in the compiled contract; not supported yet`);
    const ajv = new captured.ajvClass({ ...captured.options, code: { source: true, esm: true, lines: false } }) as { addSchema(schema: unknown, key: string): void };
    ajv.addSchema(captured.schema, name);
    const code = standaloneCode(ajv, { [name]: name });
    if (/\brequire\(/.test(code)) throw new Error(`${name}: Ajv's standalone code requires a runtime module; the compiled contract cannot import it yet`);
    // Ajv's module: one export per validator. Its functions are given distinct names here, so that
    // the validators can share one module.
    const local = code.replace(/^"use strict";/, "").replace(new RegExp(`export const ${name} = (validate\\d+);`), `const ${name} = $1;`);
    parts.push(`const ${name}Module = (() => {${local}\nreturn ${name};\n})();`);
  }
  return parts.join("\n");
}

/** The bundled contract's routes, as the engine builds them (src/mock/routes.ts), written as a module. */
function routesModule(document: OpenApiDocument): string {
  const routes = buildRoutes(new Contract(document)).map(
    (r) => `  { template: ${JSON.stringify(r.template)}, pattern: ${r.pattern.toString()}, parameterNames: ${JSON.stringify(r.parameterNames)}, operations: ${JSON.stringify([...r.operations].map(([method, op]) => [method, op.operationId]))} },`,
  );
  return `/** The contract's paths, routed (src/mock/routes.ts builds the same from any contract). */\nexport const compiledRoutes: readonly CompiledRoute[] = [\n${routes.join("\n")}\n];\n`;
}

/** Where each schema Prism compiled for an operation's request goes: its path parameters (coerced), or its body (not). */
function placeSchemas(op: IHttpOperation, index: number, captured: readonly Captured[], entry: CompiledEntry): { name: string; captured: Captured }[] {
  const placed: { name: string; captured: Captured }[] = [];
  const pathNames = (op.request?.path ?? []).map((p): [string, string] => [p.name, p.name.toLowerCase()]);
  for (const c of captured) {
    const coerce = c.options["coerceTypes"] === true;
    const properties = Object.keys((c.schema["properties"] as Record<string, unknown> | undefined) ?? {});
    if (coerce && pathNames.length && properties.every((p) => pathNames.some(([, k]) => k === p))) {
      entry.path = { names: pathNames, name: `path${index}` };
      placed.push({ name: `path${index}`, captured: c });
    } else if (!coerce && op.request?.body) {
      entry.body = { required: op.request.body.required === true, name: `body${index}` };
      placed.push({ name: `body${index}`, captured: c });
    } else {
      throw new Error(`${entry.key}: Prism compiled a schema the compiled contract cannot place: ${JSON.stringify(c.schema).slice(0, 200)}`);
    }
  }
  if (pathNames.length && !entry.path) throw new Error(`${entry.key}: Prism compiled no schema for its path parameters`);
  if (op.request?.body && !entry.body) throw new Error(`${entry.key}: Prism compiled no schema for its body`);
  return placed;
}

type Instance = ReturnType<Awaited<ReturnType<typeof importPrism>>["createInstance"]>;

/** Prism's answers to a valid request, for every steering the engine can ask: none, each status, each status and example. */
async function prismAnswers(instance: Instance, op: IHttpOperation, request: ReturnType<typeof sampleRequest>, key: string): Promise<Record<string, unknown>> {
  const { baseConfig } = prismConfigs({});
  const steerings: { code?: number; exampleKey?: string }[] = [{}];
  for (const response of op.responses) {
    const code = Number(response.code);
    steerings.push({ code });
    for (const content of response.contents ?? []) for (const example of content.examples ?? []) steerings.push({ code, exampleKey: example.key });
  }
  const answers: Record<string, unknown> = {};
  for (const steering of steerings) {
    const config = { ...baseConfig, mock: { ...baseConfig.mock, ...steering } };
    const answered = await instance.request(request as never, [op] as never, config)();
    if (answered._tag === "Left") throw new Error(`${key} ${JSON.stringify(steering)}: Prism could not answer: ${answered.left.message}`);
    const failed = (answered.right.validations.input as { severity: number }[]).filter((v) => v.severity === 0);
    if (failed.length) throw new Error(`${key}: Prism refuses the sample request: ${JSON.stringify(failed)}`);
    answers[staticAnswerKey(steering.code, steering.exampleKey)] = answered.right.output;
  }
  return answers;
}

/** The table of compiled operations, as module text. */
function tableModule(entries: readonly CompiledEntry[]): string {
  const rows = entries.map((e) => {
    const body = e.body ? `body: { required: ${e.body.required}, validate: ${e.body.name}Module }, ` : "";
    const path = e.path ? `path: { names: ${JSON.stringify(e.path.names)}, validate: ${e.path.name}Module }, ` : "";
    return `  ${JSON.stringify(e.key)}: { security: ${JSON.stringify(e.security)}, ${body}${path}answers: JSON.parse(${JSON.stringify(JSON.stringify(e.answers))}) },`;
  });
  return `/** Each operation of the bundled contract, compiled: see src/mock/compiledTypes.ts. */\nexport const compiledContract: CompiledContract = {\n${rows.join("\n")}\n};\n`;
}

/** Compiles the bundled contract's operations (Prism's, as generated/prism-operations.json holds them): generated/compiled-contract.ts. */
export async function compiledContractModule(document: OpenApiDocument, operations: PrismOperations, banner: string): Promise<string> {
  const { createInstance, silentLogger } = await importPrism();
  const { validateInput } = require(require.resolve("@stoplight/prism-http/dist/validator/index.js", { paths: [require.resolve("@stoplight/prism-http")] })) as { validateInput: Validate };
  const instance = createInstance(prismConfigs({}).baseConfig, { logger: silentLogger() });
  const entries: CompiledEntry[] = [];
  const schemas: { name: string; captured: Captured }[] = [];
  for (const [index, op] of (operations as unknown as IHttpOperation[]).entries()) {
    const key = `${op.method.toLowerCase()} ${op.path}`;
    if (notCompilable(op)) continue;
    const request = sampleRequest(op);
    const { result, captured } = captureCompiles(() => validateInput({ resource: op, element: request }));
    if (result._tag !== "Right") throw new Error(`${key}: Prism refuses the operation's own examples: ${JSON.stringify(result.left)}`);
    const entry: CompiledEntry = { key, security: (op.security ?? []).map((alt) => alt.map((s) => (s as { name: string }).name.toLowerCase())), answers: {} };
    schemas.push(...placeSchemas(op, index, captured, entry));
    entry.answers = await prismAnswers(instance, op, request, key);
    entries.push(entry);
  }
  return (
    banner +
    "// @ts-nocheck: Ajv's standalone code, as Ajv writes it; the table at the end is typed.\n" +
    'import type { CompiledContract, CompiledRoute } from "../src/mock/compiledTypes.js";\n\n' +
    `${standalone(schemas)}\n\n` +
    tableModule(entries) +
    "\n" +
    routesModule(document)
  );
}
