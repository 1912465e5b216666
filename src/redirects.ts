/**
 * Redirects that keep the API key home. A request that carries the key follows a redirect only
 * within its own origin; a redirect to another origin is not followed, and says so. (The Fetch
 * standard drops `Authorization` on a cross-origin redirect, but not a custom header like
 * `CONFIDENT_API_KEY`, the most powerful credential this API has.) The client, the checker and the
 * proxy all follow redirects this way.
 */

/** Thrown when a server redirects to another origin: the request, and the key, go no further. */
export class ApiKeysRedirectError extends Error {
  override readonly name = "ApiKeysRedirectError";
  /** The origin that redirected. */
  readonly from: string;
  /** Where it redirected to: an origin, or "an origin the browser does not show". */
  readonly to: string;
  constructor(from: string, to: string) {
    super(`${from} redirected to ${to}: not followed, so that the API key is never sent to another origin`);
    this.from = from;
    this.to = to;
  }
}

/** Hops followed within one origin before giving up (a loop, say). */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The next hop of a redirect within the origin, or a thrown ApiKeysRedirectError; undefined when not a redirect. */
export function sameOriginRedirect(from: URL, status: number, location: string | null): URL | undefined {
  if (!REDIRECT_STATUSES.has(status) || location === null) return undefined;
  const target = new URL(location, from);
  if (target.origin !== from.origin) throw new ApiKeysRedirectError(from.origin, target.origin);
  return target;
}

/** Whether a redirect turns the request into a GET without a body (303, and 301/302 after a POST, as fetch does). */
export const becomesGet = (status: number, method: string): boolean => status === 303 || ((status === 301 || status === 302) && method === "POST");

/**
 * `fetchImpl(request)`, following redirects within the request's origin only. In a browser, a
 * redirect answers as `opaqueredirect` with no `Location`: it is not followed either.
 */
export async function fetchWithinOrigin(fetchImpl: (input: Request) => Promise<Response>, request: Request): Promise<Response> {
  // A body can be sent once: a copy is kept for a 307/308 that asks to send it again (read only then).
  const spare = request.body === null ? undefined : request.clone();
  let current = request.redirect === "manual" ? request : new Request(request, { redirect: "manual" });
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(current);
      if (response.type === "opaqueredirect") throw new ApiKeysRedirectError(new URL(current.url).origin, "an origin the browser does not show");
      if (!REDIRECT_STATUSES.has(response.status)) return response; // the usual case: no URL to parse
      const next = sameOriginRedirect(new URL(current.url), response.status, response.headers.get("location"));
      if (!next) return response;
      if (hop >= MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects from ${request.url}`);
      void response.body?.cancel().catch(() => undefined);
      const get = becomesGet(response.status, current.method);
      const body = !get && spare ? await spare.clone().arrayBuffer() : undefined;
      current = new Request(next, {
        method: get ? "GET" : current.method,
        headers: current.headers,
        redirect: "manual",
        ...(body !== undefined ? { body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    }
  } finally {
    void spare?.body?.cancel().catch(() => undefined);
  }
}
