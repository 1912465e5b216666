/**
 * What the mock answers, as data, and the one way it becomes bytes and headers: every door sends
 * exactly what `serializeAnswer` gives, so the doors answer alike.
 */

export interface MockAnswer {
  status: number;
  /** Sent as JSON. `undefined`: no body. */
  body?: unknown;
  /** Sent as is, with its own content type, instead of `body` (a proxied answer that is not JSON). */
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
  /** Close the connection after answering (a request body was not read to its end). */
  close?: boolean;
}

/** The API's error envelope. */
export const envelope = (error: string): { success: false; error: string } => ({ success: false, error });

export const errorAnswer = (status: number, error: string, headers?: Record<string, string>): MockAnswer => ({
  status,
  body: envelope(error),
  ...(headers ? { headers } : {}),
});

const encoder = new TextEncoder();
/** UTF-8 length of a string, in any runtime (Node and browsers). */
const byteLength = (text: string): number => encoder.encode(text).byteLength;

export interface SerializedAnswer {
  status: number;
  headers: Record<string, string>;
  payload: string | undefined;
}

export function serializeAnswer(answer: MockAnswer): SerializedAnswer {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.close) headers["connection"] = "close";
  let payload: string | undefined;
  if (answer.raw) {
    headers["content-type"] = answer.raw.contentType;
    payload = answer.raw.text;
  } else if (answer.body !== undefined) {
    headers["content-type"] = "application/json; charset=utf-8";
    payload = JSON.stringify(answer.body);
  }
  if (payload !== undefined) headers["content-length"] = String(byteLength(payload));
  return { status: answer.status, headers, payload };
}

/** Headers about the connection, which only a socket has. */
const TRANSPORT_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding"]);

/** The answer as a Fetch API `Response` (the fetch, MSW and Playwright doors). */
export function toResponse(answer: MockAnswer): Response {
  const { status, headers, payload } = serializeAnswer(answer);
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) if (!TRANSPORT_HEADERS.has(name)) out.set(name, value);
  return new Response(payload ?? null, { status, headers: out });
}
