/**
 * The mock's HTTP edge. Prism (in-process, @stoplight/prism-http) is the engine: request and
 * security validation, example selection and generation. Around it, this edge makes sure that
 * every answer is documented for the matched operation (or is a 404/405), is JSON, uses the API's
 * error envelope, names the offending fields of a 400, and that no request can crash or hang it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { IHttpConfig, IHttpRequest } from "@stoplight/prism-http";
import { createInstance, getHttpOperationsFromSpec } from "./engine.js";
import { drawFault, parseFailRate, parseLatency, randomSource, type LatencyRange } from "./faults.js";
import { KeyStore, type StoredKey } from "./state.js";
import type { ContractOperation, OpenApiDocument } from "../contract.js";
import { Contract } from "../contract.js";
import { closedDocument } from "../closedDocument.js";
import { API_KEY_HEADER } from "../client.js";
import { loadDocument } from "../spec.js";

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";
/** Request bodies above this many bytes are refused with 400. The largest valid body is about 420 bytes. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Generate answers from the schemas instead of returning the contract's examples. */
  dynamic?: boolean;
  /** Seed for generated answers: the same seed gives the same answers, across restarts. */
  seed?: string;
  /** The contract to serve. Default: the bundled `generated/openapi.json`. */
  document?: OpenApiDocument;
  /** Where the one-line-per-request log goes. Default: stdout. `false` silences it. */
  log?: ((line: string) => void) | false;
  /** Largest accepted request body in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Proxy mode: forward valid requests to this server (Prism's proxy) and report every answer
   * that breaks the contract through `onViolation`, passing the answer on unchanged.
   */
  upstream?: string;
  /** Proxy mode: the key to send upstream on requests that carry no `CONFIDENT_API_KEY` header. */
  upstreamApiKey?: string;
  /** Where proxy mode reports contract violations, one line each. Default: stderr. */
  onViolation?: (line: string) => void;
  /**
   * Stateful mode: an in-memory store, per `X-Mock-Session`, seeded from the contract's list
   * example. Create, update and revoke change what later requests see.
   */
  stateful?: boolean;
  /** Delay every answer: `250` or `100-400` (ms). Per request: `Prefer: latency=…`. */
  latency?: string;
  /** Share of answers (0..1) replaced by the operation's documented 429 or 500. Per request: `Prefer: fail-rate=…`. */
  failRate?: number;
}

/** The header that keeps stateful sessions apart. Absent: the session "default". */
export const SESSION_HEADER = "X-Mock-Session";
/** The stateful mode's reset route: outside the contract's paths, which may never start with /__mock/. */
export const RESET_PATH = "/__mock/reset";

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** What the edge answers. Everything the edge sends goes through this shape. */
interface EdgeAnswer {
  status: number;
  body: unknown;
  /** Send this text as is, with its own content type, instead of `body` as JSON (proxied answers). */
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
  /** Close the connection after answering (used when a request body was not read to the end). */
  close?: boolean;
}

interface Route {
  template: string;
  pattern: RegExp;
  parameterNames: string[];
  operations: Map<string, ContractOperation>;
}

type PrismLogger = Parameters<typeof createInstance>[1]["logger"];

function silentLogger(): PrismLogger {
  const noop = (): void => undefined;
  const logger: Record<string, unknown> = {};
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal", "success", "log", "start"]) logger[level] = noop;
  logger["child"] = () => logger;
  return logger as unknown as PrismLogger;
}

const envelope = (error: string) => ({ success: false, error });

function buildRoutes(contract: Contract): Route[] {
  const byPath = new Map<string, Route>();
  for (const op of contract.operations) {
    let route = byPath.get(op.path);
    if (!route) {
      const parameterNames: string[] = [];
      const source = op.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name) {
            parameterNames.push(name);
            return "([^/]+)";
          }
          return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        })
        .join("");
      route = { template: op.path, pattern: new RegExp(`^${source}$`), parameterNames, operations: new Map() };
      byPath.set(op.path, route);
    }
    route.operations.set(op.method.toUpperCase(), op);
  }
  return [...byPath.values()];
}

/** Parses `Prefer` (RFC 7240): `code=404, example=noKeys; dynamic=true` -> { code: "404", ... }. */
export function parsePrefer(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const match = /^\s*([A-Za-z][\w-]*)\s*(?:=\s*"?([^"]*)"?)?\s*$/.exec(part);
    if (match?.[1]) out[match[1].toLowerCase()] = match[2] ?? "";
  }
  return out;
}

interface Steering {
  mock: { code?: number; exampleKey?: string; dynamic?: boolean };
  latency?: LatencyRange;
  failRate?: number;
  applied: string[];
  ignored: string[];
}

/** Turns the `Prefer` header into Prism options, keeping only what the contract can honour. */
function steer(op: ContractOperation, prefer: Record<string, string>): Steering {
  const steering: Steering = { mock: {}, applied: [], ignored: [] };
  const documented = op.responses.map((r) => r.status);
  if (prefer["code"] !== undefined) {
    if (documented.includes(prefer["code"])) {
      steering.mock.code = Number(prefer["code"]);
      steering.applied.push(`code=${prefer["code"]}`);
    } else {
      steering.ignored.push(`code=${prefer["code"]} (${op.operationId} documents ${documented.join(", ")})`);
    }
  }
  if (prefer["example"] !== undefined) {
    const name = prefer["example"];
    const candidates = op.responses.filter(
      (r) => name in r.examples && (steering.mock.code === undefined || Number(r.status) === steering.mock.code),
    );
    const [response] = candidates;
    if (response) {
      steering.mock.exampleKey = name;
      steering.mock.code = Number(response.status);
      steering.applied.push(`example=${name}`);
    } else {
      const known = op.responses.flatMap((r) => Object.keys(r.examples).map((e) => `${e} (${r.status})`));
      steering.ignored.push(`example=${name} (${op.operationId} has ${known.join(", ")})`);
    }
  }
  if (prefer["dynamic"] !== undefined) {
    if (prefer["dynamic"] === "true" || prefer["dynamic"] === "false") {
      steering.mock.dynamic = prefer["dynamic"] === "true";
      steering.applied.push(`dynamic=${prefer["dynamic"]}`);
    } else {
      steering.ignored.push(`dynamic=${prefer["dynamic"]} (true or false)`);
    }
  }
  if (prefer["latency"] !== undefined) {
    try {
      steering.latency = parseLatency(prefer["latency"]);
      steering.applied.push(`latency=${prefer["latency"]}`);
    } catch (error) {
      steering.ignored.push(`latency=${prefer["latency"]} (${(error as Error).message})`);
    }
  }
  if (prefer["fail-rate"] !== undefined) {
    try {
      steering.failRate = parseFailRate(prefer["fail-rate"]);
      steering.applied.push(`fail-rate=${prefer["fail-rate"]}`);
    } catch (error) {
      steering.ignored.push(`fail-rate=${prefer["fail-rate"]} (${(error as Error).message})`);
    }
  }
  return steering;
}

type BodyResult = { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "error"; message: string; close?: boolean };

function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const tooLarge = (): void => {
      req.removeAllListeners("data");
      req.resume();
      resolve({ kind: "error", message: `Request body too large: the limit is ${limit} bytes`, close: true });
    };
    if (Number(req.headers["content-length"] ?? 0) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    req.on("error", () => resolve({ kind: "error", message: "The request body could not be read", close: true }));
    req.on("end", () => {
      if (size > limit) return;
      const raw = Buffer.concat(chunks);
      if (raw.length === 0) return resolve({ kind: "empty" });
      const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
        return resolve({
          kind: "error",
          message: `Content-Type must be application/json, got ${type ? JSON.stringify(type) : "none"}`,
        });
      }
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
      } catch {
        return resolve({ kind: "error", message: "Malformed request body: it is not valid UTF-8" });
      }
      try {
        resolve({ kind: "json", value: JSON.parse(text) as unknown });
      } catch (error) {
        resolve({ kind: "error", message: `Malformed JSON in request body: ${(error as Error).message}` });
      }
    });
  });
}

interface PrismDiagnostic {
  path?: string[];
  message: string;
  code?: string | number;
  severity: number;
}

/** Rewrites Prism's validation messages to name fields as the contract spells them. */
function describeViolations(violations: PrismDiagnostic[], route: Route): string {
  const messages = violations.map((v) => {
    let message = v.message.replace(/^Request /, "");
    for (const name of route.parameterNames) {
      message = message.replace(new RegExp(`\\b${name}\\b`, "gi"), name);
    }
    return message;
  });
  return `Invalid request: ${[...new Set(messages)].join("; ")}`;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

const CORS_ALLOWED_HEADERS = `${API_KEY_HEADER}, Content-Type, Prefer, ${SESSION_HEADER}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The keys of the contract's first list example: what every stateful session starts with. */
function seedKeys(contract: Contract): StoredKey[] {
  const list = contract.operation("listOrganizationApiKeys").responses.find((r) => r.status === "200");
  const [example] = Object.values(list?.examples ?? {});
  return ((example as { data?: { apiKeys?: StoredKey[] } } | undefined)?.data?.apiKeys ?? []).map((k) => ({ ...k }));
}

export async function createMockHandler(
  options: MockServerOptions = {},
): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const document = options.document ?? loadDocument();
  const contract = new Contract(document);
  const routes = buildRoutes(contract);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log === false ? undefined : (options.log ?? ((line: string) => console.log(line)));
  // Prism resolves $refs in place: give it a copy, so the contract keeps its named schemas. The
  // copy is closed (no field the contract does not name), so that Prism never generates one.
  const prismOperations = await getHttpOperationsFromSpec(closedDocument(document) as unknown as Parameters<typeof getHttpOperationsFromSpec>[0]);
  // The edge has already routed the request: giving Prism only the matched operation spares it
  // matching every path template again (its router was the largest cost per request).
  const prismOperationFor = new Map(prismOperations.map((o) => [`${o.method.toLowerCase()} ${o.path}`, [o]]));
  const mock = { dynamic: options.dynamic ?? false, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const common = { mock, checkSecurity: true, validateRequest: true, validateResponse: false, errors: false, upstreamProxy: undefined };
  const baseConfig: IHttpConfig = options.upstream
    ? { ...common, isProxy: true, upstream: new URL(options.upstream) }
    : { ...common, isProxy: false };
  const reportViolation = options.onViolation ?? ((line: string) => console.error(line));
  const prism = createInstance(baseConfig, { logger: silentLogger() });
  const knownPaths = routes.map((r) => r.template).join(" and ");
  if (routes.some((r) => r.template.startsWith("/__mock/"))) throw new Error("The contract may not have paths under /__mock/: the mock's own routes live there");
  const store = options.stateful && !options.upstream ? new KeyStore(seedKeys(contract)) : undefined;
  const defaultLatency = options.latency !== undefined ? parseLatency(options.latency) : undefined;
  const defaultFailRate = options.failRate ?? 0;
  if (!(defaultFailRate >= 0 && defaultFailRate <= 1)) throw new RangeError(`failRate must be from 0 to 1, got ${defaultFailRate}`);
  const random = randomSource(options.seed);

  /** `POST /__mock/reset`: forgets the caller's session (X-Mock-Session), or every session with `?all=true`. */
  function reset(req: IncomingMessage, method: string, search: string): EdgeAnswer {
    if (!store) return { status: 404, body: envelope(`No route for ${method} ${RESET_PATH}: start the mock with --stateful to have a state to reset`) };
    if (method !== "POST") return { status: 405, body: envelope(`Method ${method} is not allowed on ${RESET_PATH}: use POST`), headers: { allow: "POST" } };
    req.resume();
    if (new URLSearchParams(search).get("all") === "true") {
      store.resetAll();
      return { status: 200, body: { success: true, data: { reset: "all sessions" } } };
    }
    const session = headerRecord(req)[SESSION_HEADER.toLowerCase()] ?? "default";
    store.reset(session);
    return { status: 200, body: { success: true, data: { reset: session } } };
  }

  async function answer(req: IncomingMessage, method: string, pathname: string, search: string): Promise<EdgeAnswer> {
    const origin = req.headers.origin;
    if (pathname === RESET_PATH && !(method === "OPTIONS" && origin)) return reset(req, method, search);
    let params: string[] = [];
    const route = routes.find((r) => {
      const match = r.pattern.exec(pathname);
      if (match) params = match.slice(1);
      return match !== null;
    });
    const allow = route ? [...route.operations.keys()].join(", ") : "";

    if (method === "OPTIONS" && origin && req.headers["access-control-request-method"]) {
      return {
        status: 204,
        body: undefined,
        headers: {
          "access-control-allow-methods": allow || "GET, POST, PUT, DELETE",
          "access-control-allow-headers": req.headers["access-control-request-headers"] ?? CORS_ALLOWED_HEADERS,
          "access-control-max-age": "600",
        },
      };
    }
    if (!route) {
      return { status: 404, body: envelope(`No route for ${method} ${pathname}: this API serves ${knownPaths}`) };
    }
    const op = route.operations.get(method);
    if (!op) {
      return {
        status: 405,
        body: envelope(`Method ${method} is not allowed on ${pathname}: use ${allow}`),
        headers: { allow },
      };
    }
    // Prism decodes path parameters and throws on bad percent-encoding: answer that here.
    for (const [index, value] of params.entries()) {
      try {
        decodeURIComponent(value);
      } catch {
        const name = route.parameterNames[index] ?? "parameter";
        return { status: 400, body: envelope(`Invalid request: path parameter ${name} is not valid percent-encoding`) };
      }
    }

    let body: unknown;
    if (op.hasRequestBody) {
      const result = await readBody(req, maxBodyBytes);
      if (result.kind === "error") return { status: 400, body: envelope(result.message), close: result.close ?? false };
      if (result.kind === "json") body = result.value;
    } else {
      req.resume();
    }

    const headers = headerRecord(req);
    if (options.upstream && options.upstreamApiKey && headers[API_KEY_HEADER.toLowerCase()] === undefined) {
      headers[API_KEY_HEADER.toLowerCase()] = options.upstreamApiKey;
    }
    const steering: Steering = options.upstream ? { mock: {}, applied: [], ignored: [] } : steer(op, parsePrefer(headers["prefer"]));
    const asked = steering.mock.code !== undefined || steering.mock.exampleKey !== undefined;
    const fault = options.upstream ? { delayMs: 0, fail: undefined } : drawFault(random, steering.latency ?? defaultLatency, steering.failRate ?? defaultFailRate);
    // An injected failure: the operation's documented 429 or 500, unless the request asked for an answer.
    const injected = asked ? undefined : fault.fail;
    if (injected !== undefined) steering.mock.code = injected;
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    headers["accept"] = "application/json";
    // Prism sees the body as parsed here, or none: the framing headers of the wire do not apply.
    for (const name of ["content-type", "content-length", "transfer-encoding"]) delete headers[name];
    if (body !== undefined) headers["content-type"] = "application/json";
    const input: IHttpRequest = {
      method: op.method as IHttpRequest["method"],
      url: { path: pathname, ...(search ? { query: Object.fromEntries(new URLSearchParams(search)) } : {}) },
      headers,
      ...(body !== undefined ? { body } : {}),
    };
    const config: IHttpConfig = { ...baseConfig, mock: { ...baseConfig.mock, ...steering.mock } };
    const result = await prism.request(input, prismOperationFor.get(`${op.method} ${op.path}`) ?? prismOperations, config)();

    const extra: Record<string, string> = {};
    if (injected !== undefined) extra["x-mock-fault"] = `injected ${injected}`;
    if (steering.applied.length) extra["preference-applied"] = steering.applied.join(", ");
    if (steering.ignored.length) extra["x-mock-warning"] = `Ignored Prefer: ${steering.ignored.join("; ")}`;

    if (result._tag === "Left") {
      if (options.upstream) {
        reportViolation(`upstream error: ${op.operationId} ${method} ${pathname}: ${result.left.message}`);
        return { status: 502, body: envelope(`The upstream ${options.upstream} did not answer: ${result.left.message}`) };
      }
      return { status: 500, body: envelope(`The mock could not answer: ${result.left.message}`), headers: extra };
    }
    const { output, validations } = result.right;
    const failed = (validations.input as PrismDiagnostic[]).filter((v) => v.severity === 0);
    let status = output.statusCode;
    let responseBody: unknown = output.body;
    if (failed.some((v) => v.code === 401)) {
      status = 401;
      const value = headers[API_KEY_HEADER.toLowerCase()];
      responseBody = envelope(
        value === undefined
          ? `Missing API key: send an organization API key in the ${API_KEY_HEADER} header`
          : `Invalid API key: the ${API_KEY_HEADER} header is empty`,
      );
    } else if (failed.length > 0) {
      status = 400;
      responseBody = envelope(describeViolations(failed, route));
    }
    if (options.upstream && failed.length === 0) return proxied(op, method, pathname, output);
    if (store && failed.length === 0 && !asked && injected === undefined) {
      const idSegment = params[route.parameterNames.indexOf("apiKeyId")];
      const apiKeyId = idSegment === undefined ? undefined : Number(decodeURIComponent(idSegment));
      const session = headers[SESSION_HEADER.toLowerCase()] ?? "default";
      const stored = store.handle(session, op.operationId, apiKeyId, body);
      if (stored) return { status: stored.status, body: stored.body, headers: { ...extra, ...stored.headers } };
    }
    if (!op.responses.some((r) => r.status === String(status))) {
      return { status: 500, body: envelope(`The mock produced status ${status}, which the contract does not document`) };
    }
    for (const [name, value] of Object.entries(output.headers ?? {})) {
      if (name.toLowerCase() !== "content-type") extra[name.toLowerCase()] = String(value);
    }
    return { status, body: responseBody, headers: extra };
  }

  /** An upstream answer, passed on unchanged; what breaks the contract in it is reported. */
  function proxied(
    op: ContractOperation,
    method: string,
    pathname: string,
    output: { statusCode: number; headers?: Record<string, string | number>; body?: unknown },
  ): EdgeAnswer {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(output.headers ?? {})) {
      if (!/^(content-length|content-encoding|transfer-encoding|connection|keep-alive)$/i.test(name)) headers[name.toLowerCase()] = String(value);
    }
    const contentType = headers["content-type"] ?? "";
    delete headers["content-type"];
    const isJson = /json/i.test(contentType) && typeof output.body !== "string";
    const violations = isJson
      ? contract.validateResponse(op.operationId, output.statusCode, output.body, headers)
      : contract.validateNonJsonResponse(op.operationId, output.statusCode, ` (content-type ${contentType || "none"})`);
    for (const v of violations) {
      reportViolation(`contract violation: ${op.operationId} ${method} ${pathname} → ${output.statusCode}: ${v.path || "(body)"} ${v.message}`);
    }
    if (isJson) return { status: output.statusCode, body: output.body, headers };
    const text = typeof output.body === "string" ? output.body : JSON.stringify(output.body ?? "");
    return { status: output.statusCode, body: undefined, raw: { contentType: contentType || "text/plain", text }, headers };
  }

  return (req, res) => {
    const started = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    // Prefixing an origin keeps "//x" a path (new URL("//x", base) would read "x" as a host).
    const target = req.url ?? "/";
    let pathname = target.split("?")[0] ?? "/";
    let search = "";
    try {
      if (target.startsWith("/")) ({ pathname, search } = new URL(`http://mock.invalid${target}`));
    } catch {
      // keep the raw path; it will not match a route
    }
    const send = (result: EdgeAnswer): void => {
      const origin = req.headers.origin;
      const headers: Record<string, string> = { ...result.headers };
      if (origin) {
        headers["access-control-allow-origin"] = origin;
        headers["access-control-expose-headers"] = "Retry-After, Allow, Preference-Applied, X-Mock-Warning, X-Mock-Fault";
        headers["vary"] = "Origin";
      }
      if (result.close) headers["connection"] = "close";
      if (result.raw) {
        headers["content-type"] = result.raw.contentType;
        headers["content-length"] = String(Buffer.byteLength(result.raw.text));
        res.writeHead(result.status, headers).end(result.raw.text);
      } else if (result.body === undefined) {
        res.writeHead(result.status, headers).end();
      } else {
        const payload = JSON.stringify(result.body);
        headers["content-type"] = "application/json; charset=utf-8";
        headers["content-length"] = String(Buffer.byteLength(payload));
        res.writeHead(result.status, headers).end(payload);
      }
      if (log) {
        let line = `${method} ${pathname} ${result.status} ${Math.round(performance.now() - started)}ms`;
        const key = req.headers[API_KEY_HEADER.toLowerCase()];
        if (typeof key === "string" && key.length >= 4) line = line.split(key).join("[redacted]");
        log(line);
      }
    };
    answer(req, method, pathname, search).then(send, (error: unknown) => {
      if (log) log(`mock error on ${method} ${pathname}: ${error instanceof Error ? error.name : "unknown"}`);
      if (!res.headersSent) send({ status: 500, body: envelope("The mock failed to answer this request"), close: true });
      else res.destroy();
    });
  };
}

/** Starts the mock. Resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const handler = await createMockHandler(options);
  const server: Server = createServer(handler);
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    // Bytes that do not parse arrived while an answer to an earlier request on this connection is
    // still being prepared (say, a body sent without Content-Length). Writing the 400 now would put
    // it on the wire ahead of that answer: finish the answer, then close.
    const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
    if (inFlight && !inFlight.writableEnded) {
      if (!inFlight.headersSent) inFlight.setHeader("connection", "close");
      inFlight.once("finish", () => socket.end());
      inFlight.once("close", () => socket.end());
      return;
    }
    const body = JSON.stringify(envelope(`Malformed HTTP request (${error.code ?? "parse error"})`));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

