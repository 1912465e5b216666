/**
 * Stage `mockRoutes`: the mock's own routes, outside the contract. `POST /__mock/reset` forgets the
 * caller's session (X-Mock-Session), or every session with `?all=true`; it exists with `stateful` only.
 */
import { errorAnswer, type MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { RESET_PATH, SESSION_HEADER } from "../options.js";

export function mockRoutes(ctx: Context): MockAnswer | undefined {
  const { request, runtime } = ctx;
  if (request.path !== RESET_PATH) return undefined;
  if (request.method === "OPTIONS" && request.headers["origin"]) return undefined; // a preflight: next stage
  const { store } = runtime;
  if (!store) return errorAnswer(404, `No route for ${request.method} ${RESET_PATH}: start the mock with --stateful to have a state to reset`);
  if (request.method !== "POST") return errorAnswer(405, `Method ${request.method} is not allowed on ${RESET_PATH}: use POST`, { allow: "POST" });
  request.discardBody();
  if (new URLSearchParams(request.search).get("all") === "true") {
    store.resetAll();
    return { status: 200, body: { success: true, data: { reset: "all sessions" } } };
  }
  const session = request.headers[SESSION_HEADER.toLowerCase()] ?? "default";
  store.reset(session);
  return { status: 200, body: { success: true, data: { reset: session } } };
}
