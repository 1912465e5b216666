/**
 * Stage `mockRoutes`: the mock's own routes, outside the contract, with `stateful` only.
 * `POST /__mock/reset` forgets the caller's session (X-Mock-Session), or every session with
 * `?all=true`; `GET /__mock/state` gives the caller's session's keys, as list gives them. In every
 * mode: the journal (`/__mock/journal`) and the overrides (`/__mock/overrides`).
 */
import { errorAnswer, type MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { JOURNAL_PATH, OVERRIDES_PATH, RESET_PATH, STATE_PATH, sessionOf } from "../options.js";
import { overrideRoute } from "./overrideRoute.js";

/**
 * Whether a request comes from a page of another origin that the user did not allow: its `Origin`
 * (or, without one, `Sec-Fetch-Site: cross-site`) names a site other than the mock's own `Host`.
 * An in-process door has no `Host` and no other site can reach it.
 */
export function fromForeignPage(headers: Readonly<Record<string, string>>, allowOrigins: readonly string[] = []): boolean {
  const host = headers["host"];
  if (host === undefined) return false;
  const origin = headers["origin"];
  if (origin === undefined) return headers["sec-fetch-site"] === "cross-site";
  if (allowOrigins.includes(origin)) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null", and anything else that is not an origin
  }
}

const OWN_PATHS = new Set([RESET_PATH, STATE_PATH, JOURNAL_PATH, OVERRIDES_PATH]);

export async function mockRoutes(ctx: Context): Promise<MockAnswer | undefined> {
  const { request, runtime } = ctx;
  if (!OWN_PATHS.has(request.path)) return undefined;
  if (request.method === "OPTIONS" && request.headers["origin"]) return undefined; // a preflight: next stage
  if (fromForeignPage(request.headers, runtime.options.allowOrigins)) {
    request.discardBody();
    return errorAnswer(403, `${request.path} refuses requests from other sites' pages (Origin ${JSON.stringify(request.headers["origin"] ?? "")}): start the mock with --allow-origin <origin> to let a page of yours use it`);
  }
  if (request.path === OVERRIDES_PATH) return overrideRoute(ctx);
  if (request.path === JOURNAL_PATH) {
    if (request.method === "DELETE") {
      runtime.journal.clear();
      return { status: 200, body: { success: true, data: { cleared: true } } };
    }
    if (request.method !== "GET") return errorAnswer(405, `Method ${request.method} is not allowed on ${JOURNAL_PATH}: use GET or DELETE`, { allow: "GET, DELETE" });
    const query = new URLSearchParams(request.search);
    const filter = Object.fromEntries(["operationId", "session", "method"].flatMap((name) => (query.has(name) ? [[name, query.get(name) ?? ""]] : [])));
    return { status: 200, body: { success: true, data: { entries: runtime.journal.entries(filter) } } };
  }
  const { store } = runtime;
  if (!store) return errorAnswer(404, `No route for ${request.method} ${request.path}: start the mock with --stateful to have a state`);
  const session = sessionOf(request.headers);
  if (request.path === STATE_PATH) {
    if (request.method !== "GET") return errorAnswer(405, `Method ${request.method} is not allowed on ${STATE_PATH}: use GET`, { allow: "GET" });
    return { status: 200, body: { success: true, data: { session, apiKeys: store.keys(session) } } };
  }
  if (request.method !== "POST") return errorAnswer(405, `Method ${request.method} is not allowed on ${RESET_PATH}: use POST`, { allow: "POST" });
  request.discardBody();
  if (new URLSearchParams(request.search).get("all") === "true") {
    store.resetAll();
    return { status: 200, body: { success: true, data: { reset: "all sessions" } } };
  }
  store.reset(session);
  return { status: 200, body: { success: true, data: { reset: session } } };
}
