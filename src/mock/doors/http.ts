/**
 * The HTTP door: a node:http server over the engine. It turns node's request into the engine's,
 * writes the engine's answer, logs one line per request (never the key), and keeps malformed
 * HTTP from taking the server down. It decides nothing about answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { API_KEY_HEADER } from "../../client.js";
import { envelope, errorAnswer as envelopeAnswer, serializeAnswer, type MockAnswer } from "../answer.js";
import { createEngine, type Engine } from "../engine.js";
import { DEFAULT_MAX_BODY_BYTES, type MockOptions } from "../options.js";
import { declaresMoreThan, splitTarget, type MockRequest, type RawBody } from "../request.js";

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";

/**
 * Lingering close, as nginx does it: after a body too large, the rest of it is read and thrown
 * away, and the 400 is sent once it has all arrived, then the connection closes. Closing while the
 * client still uploads makes it fail on write before it reads the answer. A client that sends more
 * than this many bytes past the limit, or for longer than LINGER_MS, is cut off.
 */
export const LINGER_MAX_BYTES = 256 * 1024 * 1024;
export const LINGER_MS = 10_000;

/**
 * One deadline per request, whatever state it is in (headers, body, chunk framing, an answer being
 * prepared): past it the connection is closed. It is longer than the longest delay a request can
 * ask for (30 s of latency) and the lingering close.
 */
export const REQUEST_DEADLINE_MS = 45_000;

/** Requests whose body cannot arrive (its framing broke, or it has none that can end): read as unreadable. */
const brokenBodies = new WeakSet<IncomingMessage>();
/** For a body being read: ends the read as unreadable, when its framing breaks mid-way. */
const bodyReaders = new WeakMap<IncomingMessage, () => void>();

function breakBody(req: IncomingMessage): void {
  brokenBodies.add(req);
  bodyReaders.get(req)?.();
}

/**
 * A request whose framing is not HTTP/1.1's (RFC 9112 6.1): a Transfer-Encoding whose last coding
 * is not chunked has a body that only the connection's end would end, and one that also has a
 * Content-Length is ambiguous. Either is refused, and the connection closed.
 */
function unframed(req: IncomingMessage): boolean {
  const te = req.headers["transfer-encoding"];
  if (te === undefined) return false;
  const codings = te.split(",");
  return codings[codings.length - 1]?.trim().toLowerCase() !== "chunked";
}

/**
 * What HTTP itself refuses before the engine sees the request: a request line naming another
 * version than 1.x (say HTTP/2.0, which is not a text protocol) is a 505; HTTP/1.1 without Host
 * (RFC 9112 3.2) and framing that is not HTTP/1.1's are a 400.
 */
function malformed(req: IncomingMessage): MockAnswer | undefined {
  if (req.httpVersionMajor !== 1) return envelopeAnswer(505, `HTTP/${req.httpVersion} is not supported: send HTTP/1.1`);
  if (req.httpVersionMinor === 1 && req.headers.host === undefined) return envelopeAnswer(400, "Malformed HTTP request: HTTP/1.1 requires a Host header");
  if (unframed(req)) return envelopeAnswer(400, "Malformed HTTP request: Transfer-Encoding must end in chunked, without Content-Length");
  return undefined;
}

export interface MockServerOptions extends MockOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Where the one-line-per-request log goes. Default: stdout. `false` silences it. */
  log?: ((line: string) => void) | false;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  // No prototype: a header named "__proto__" or "constructor" is a header like any other.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Reads and throws away the rest of a body too large, within LINGER_MAX_BYTES and LINGER_MS; the bytes are never kept. */
function linger(req: IncomingMessage): void {
  let discarded = 0;
  const cutOff = (): void => void req.socket.destroy();
  const timer = setTimeout(cutOff, LINGER_MS);
  timer.unref();
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_MAX_BYTES) cutOff();
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/** Reads node's request body, or, once it exceeds `limit` bytes, lingers over the rest unkept. */
function readIncoming(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve) => {
    if (brokenBodies.has(req)) return resolve({ kind: "unreadable" });
    bodyReaders.set(req, () => resolve({ kind: "unreadable" }));
    const tooLarge = (): void => {
      linger(req);
      resolve({ kind: "tooLarge" });
    };
    if (declaresMoreThan(req.headers["content-length"], limit)) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    req.on("error", () => resolve({ kind: "unreadable" }));
    req.on("end", () => {
      if (size <= limit) resolve({ kind: "bytes", bytes: Buffer.concat(chunks) });
    });
  });
}

/** node's request as the engine's. */
export function fromIncomingMessage(req: IncomingMessage): MockRequest {
  return {
    method: (req.method ?? "GET").toUpperCase(),
    ...splitTarget(req.url ?? "/"),
    headers: headerRecord(req),
    readBody: (limit) => readIncoming(req, limit),
    discardBody: () => void req.resume(),
  };
}

/** Requests answered before their body was asked for (`Expect: 100-continue` refused): no body will come. */
const bodyRefused = new WeakSet<IncomingMessage>();

/**
 * Writes the answer. One that closes the connection waits until the request's body has arrived
 * (a body too large is being thrown away meanwhile), so the client is not cut off mid-upload.
 */
function write(req: IncomingMessage, res: ServerResponse, answer: MockAnswer): void {
  const send = (): void => {
    const { status, headers, payload } = serializeAnswer(answer);
    res.writeHead(status, headers).end(payload);
  };
  if (answer.close && !req.complete && !bodyRefused.has(req) && !brokenBodies.has(req)) req.once("end", send);
  else send();
}

/** The 500 envelope, when the answer itself could not be written (say, one too large to serialize). */
function writeFailure(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify(envelope("The mock failed to answer this request"));
  res.writeHead(500, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close" }).end(body);
}

/** A node:http request listener over an engine, for embedding the mock in a server of your own. */
export function httpListener(engine: Engine, log?: (line: string) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const deadline = setTimeout(() => req.socket.destroy(), REQUEST_DEADLINE_MS);
    deadline.unref();
    res.once("close", () => clearTimeout(deadline));
    const refused = malformed(req);
    if (refused) {
      brokenBodies.add(req); // its body is never read: the answer goes now, and the connection closes
      return write(req, res, { ...refused, close: true });
    }
    const request = fromIncomingMessage(req);
    engine
      .handle(request)
      .then((answer) => {
        write(req, res, answer);
        if (!log) return;
        let line = `${request.method} ${request.path} ${answer.status} ${Math.round(performance.now() - started)}ms`;
        const key = req.headers[API_KEY_HEADER.toLowerCase()];
        if (typeof key === "string" && key.length >= 4) line = line.split(key).join("[redacted]");
        log(line);
      })
      // Nothing a request brings may take the process down: an answer that cannot be written is a 500.
      .catch(() => {
        try {
          writeFailure(res);
        } catch {
          res.destroy();
        }
      });
  };
}

const logTo = (options: MockServerOptions): ((line: string) => void) | undefined =>
  options.log === false ? undefined : (options.log ?? ((line: string) => console.log(line)));

/** A node:http request listener serving the mock, for embedding it in a server of your own. */
export async function createMockHandler(options: MockServerOptions = {}): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const log = logTo(options);
  const engine = await createEngine(options, {
    onError: (error, { method, path }) => log?.(`mock error on ${method} ${path}: ${error instanceof Error ? error.name : "unknown"}`),
  });
  return httpListener(engine, log);
}

/** Answers bytes that are not HTTP with a 400 in the envelope, without writing ahead of an answer still pending. */
function onClientError(error: NodeJS.ErrnoException, socket: import("node:stream").Duplex): void {
  if (!socket.writable) return void socket.destroy();
  // Bytes that do not parse arrived while an answer to an earlier request on this connection is
  // still being prepared (say, a body sent without Content-Length). Writing the 400 now would put
  // it on the wire ahead of that answer: finish the answer, then close.
  const inFlight = (socket as { _httpMessage?: (ServerResponse & { req?: IncomingMessage }) | null })._httpMessage;
  if (inFlight && !inFlight.writableEnded) {
    // The error broke this request's own body (a bad chunk size, say): it will never end, so the
    // answer must not wait for it. It becomes a 400, and the connection closes after it.
    if (inFlight.req && !inFlight.req.complete) breakBody(inFlight.req);
    if (!inFlight.headersSent) inFlight.setHeader("connection", "close");
    inFlight.once("finish", () => socket.end());
    inFlight.once("close", () => socket.end());
    return;
  }
  const body = JSON.stringify(envelope(`Malformed HTTP request (${error.code ?? "parse error"})`));
  socket.end(
    `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** Starts the mock behind node:http. Resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const handler = await createMockHandler(options);
  // Node checks requestTimeout and headersTimeout every connectionsCheckingInterval (30 s by
  // default), so that a 10 s headers timeout could take 40 s: check every second.
  // requireHostHeader: false, so that a request without Host gets the API's envelope (above), not Node's bare 400.
  const server: Server = createServer({ connectionsCheckingInterval: 1_000, requireHostHeader: false }, handler);
  // A client that asks before sending its body (curl does, above 1 MB) is told "400" at once for a
  // body over the limit, and sends none; any other body is asked for.
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (declaresMoreThan(req.headers["content-length"], maxBodyBytes)) bodyRefused.add(req);
    else res.writeContinue();
    handler(req, res);
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.on("clientError", onClientError);
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
