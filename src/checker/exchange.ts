/**
 * One request to the server under test, and what came back, within limits a hostile server
 * cannot break: a time limit that covers the whole answer (a body that never ends included), a
 * cap on the body's size, redirects followed within the target's origin only (the key is never
 * sent elsewhere), and a body decoded as strict UTF-8.
 */
import { readStream } from "../mock/request.js";
import { ApiKeysRedirectError, fetchWithinOrigin } from "../redirects.js";

export interface CaseRequest {
  method: string;
  /** The path with its query, filled: `/v1/organization/api-keys/12`. */
  path: string;
  /** Headers besides the API key. */
  headers: Record<string, string>;
  /** Whether the API key is sent (in the operation's key header). */
  withKey: boolean;
  /** When a key other than the run's is sent (a check's probe): how a reproduction writes it. */
  keyShown?: string;
  /** The body as sent, when there is one. */
  body?: string;
}

export interface Exchange {
  request: CaseRequest;
  /** The status, when an answer came. */
  status?: number;
  headers: Record<string, string>;
  /** The body as text; undefined when it was not valid UTF-8 (see `notUtf8`). */
  text?: string;
  notUtf8?: boolean;
  /** The body parsed as JSON, when it was JSON. */
  json?: unknown;
  isJson: boolean;
  /** Why no usable answer came: a timeout, a body over the cap, a redirect off the target, a network error. */
  failure?: string;
  ms: number;
}

export interface ExchangeLimits {
  /** The whole exchange, the body's last byte included. */
  timeoutMs: number;
  /** The largest body read; a larger one is cut off and reported. */
  maxBodyBytes: number;
}

export interface Target {
  /** Base URL, no trailing slash. */
  url: string;
  apiKey: string;
  keyHeader: string | undefined;
  fetch: (request: Request) => Promise<Response>;
  limits: ExchangeLimits;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Sends one request; never throws, never waits past the time limit, never reads past the cap. */
export async function exchange(target: Target, request: CaseRequest): Promise<Exchange> {
  const started = performance.now();
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (request.withKey && target.keyHeader) headers[target.keyHeader] = target.apiKey;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), target.limits.timeoutMs);
  const done = (rest: Partial<Exchange>): Exchange => ({ request, headers: {}, isJson: false, ...rest, ms: Math.round(performance.now() - started) });
  try {
    const outgoing = new Request(`${target.url}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
      redirect: "manual",
    });
    const response = await fetchWithinOrigin(target.fetch, outgoing);
    const answerHeaders = Object.fromEntries(response.headers);
    const raw = await readStream(response.body, target.limits.maxBodyBytes);
    if (raw.kind === "tooLarge") return done({ failure: `the answer is larger than ${target.limits.maxBodyBytes} bytes (the checker's cap; --max-body-bytes)` });
    if (raw.kind === "unreadable") throw new Error("the answer's body could not be read");
    const bytes = raw.bytes;
    let text: string | undefined;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return done({ status: response.status, headers: answerHeaders, notUtf8: true });
    }
    const declaredJson = JSON_TYPE.test(answerHeaders["content-type"] ?? "");
    let json: unknown;
    let isJson = false;
    if (declaredJson && text) {
      try {
        json = JSON.parse(text) as unknown;
        isJson = true;
      } catch {
        // not JSON after all: the envelope check says so
      }
    }
    return done({ status: response.status, headers: answerHeaders, text, json, isJson });
  } catch (error) {
    if (controller.signal.aborted) return done({ failure: `no complete answer within ${target.limits.timeoutMs} ms (--timeout)` });
    if (error instanceof ApiKeysRedirectError) return done({ failure: error.message });
    return done({ failure: `the request failed: ${(error as Error).message}` });
  } finally {
    clearTimeout(timer);
  }
}
