/**
 * The request as every stage sees it: plain data plus a way to read the body within a limit.
 * Each door builds one (`fromFetchRequest` here; the HTTP door from node's IncomingMessage).
 */

/** What reading the body gave. */
export type RawBody =
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "tooLarge" }
  | { kind: "unreadable" };

export interface MockRequest {
  /** Upper-case, e.g. "GET". */
  method: string;
  /** The URL's path, still percent-encoded, e.g. "/v1/organization/api-keys/12". */
  path: string;
  /** The query string with its "?", or "". */
  search: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Reads the whole body, or stops once it exceeds `limit` bytes. */
  readBody(limit: number): Promise<RawBody>;
  /** Lets the body go unread (an operation that takes none). */
  discardBody(): void;
}

/**
 * Splits a request target ("/path?query") into path and query. Prefixing an origin keeps "//x" a
 * path (new URL("//x", base) would read "x" as a host).
 */
export function splitTarget(target: string): { path: string; search: string } {
  try {
    if (target.startsWith("/")) {
      const { pathname, search } = new URL(`http://mock.invalid${target}`);
      return { path: pathname, search };
    }
    // The absolute form (RFC 9112 3.2.2), which a server must accept: `GET http://host/v1/... HTTP/1.1`.
    if (/^https?:\/\//i.test(target)) {
      const { pathname, search } = new URL(target);
      return { path: pathname, search };
    }
  } catch {
    // keep the raw path; it will not match a route
  }
  return { path: target.split("?")[0] ?? "/", search: "" };
}

/** Whether a request declares a body longer than `limit` bytes (its Content-Length), before any of it is read. */
export const declaresMoreThan = (contentLength: string | undefined, limit: number): boolean => Number(contentLength ?? 0) > limit;

/** Reads a web stream to its end, or stops once it exceeds `limit` bytes. */
export async function readStream(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<RawBody> {
  if (!stream) return { kind: "bytes", bytes: new Uint8Array() };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => undefined);
        return { kind: "tooLarge" };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: "unreadable" };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: "bytes", bytes };
}

/** The Fetch API `Request` as the stages see it (the fetch, MSW and Playwright doors). */
export function fromFetchRequest(request: Request): MockRequest {
  const url = new URL(request.url);
  // No prototype: a header named "__proto__" or "constructor" is a header like any other.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  // Lower-cased here: the Fetch standard says Headers yields lower-case names, but not every
  // implementation does (happy-dom keeps the case it was given).
  request.headers.forEach((value, name) => {
    const key = name.toLowerCase();
    headers[key] = Object.hasOwn(headers, key) ? `${headers[key]}, ${value}` : value;
  });
  return {
    method: request.method.toUpperCase(),
    path: url.pathname,
    search: url.search,
    headers,
    readBody: (limit) => {
      if (declaresMoreThan(headers["content-length"], limit)) return Promise.resolve({ kind: "tooLarge" });
      return readStream(request.body, limit);
    },
    discardBody: () => {
      void request.body?.cancel().catch(() => undefined);
    },
  };
}
