/**
 * Stage `preflight`: a browser's CORS preflight is answered here, for any path. So is an OPTIONS
 * request without `Origin` on one of the contract's paths: HTTP's own question of which methods a
 * resource takes (204 with `Allow`), and how happy-dom's preflight reaches an in-process door
 * (its `Origin` and `Access-Control-Request-Method` are lost on the way), so it is answered with
 * the CORS headers too (`Access-Control-Allow-Origin: *`, as no origin was named).
 */
import { API_KEY_HEADER } from "../../client.js";
import type { MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { SESSION_HEADER } from "../options.js";
import { allowedMethods, matchRoute } from "../routes.js";

const CORS_ALLOWED_HEADERS = `${API_KEY_HEADER}, Content-Type, Prefer, ${SESSION_HEADER}`;

export function preflight(ctx: Context): MockAnswer | undefined {
  const { headers, method, path } = ctx.request;
  if (method !== "OPTIONS") return undefined;
  const match = matchRoute(ctx.runtime.routes, path);
  const cors = { "access-control-allow-headers": headers["access-control-request-headers"] ?? CORS_ALLOWED_HEADERS, "access-control-max-age": "600" };
  if (headers["origin"] && headers["access-control-request-method"]) {
    return { status: 204, headers: { "access-control-allow-methods": match ? allowedMethods(match.route) : "GET, POST, PUT, DELETE", ...cors } };
  }
  if (!match || headers["origin"]) return undefined;
  const methods = allowedMethods(match.route);
  return { status: 204, headers: { allow: methods, "access-control-allow-origin": "*", "access-control-allow-methods": methods, ...cors } };
}
