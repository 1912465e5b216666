/** Stage `preflight`: a browser's CORS preflight is answered here, for any path. */
import { API_KEY_HEADER } from "../../client.js";
import type { MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { SESSION_HEADER } from "../options.js";
import { allowedMethods, matchRoute } from "../routes.js";

const CORS_ALLOWED_HEADERS = `${API_KEY_HEADER}, Content-Type, Prefer, ${SESSION_HEADER}`;

export function preflight(ctx: Context): MockAnswer | undefined {
  const { headers, method, path } = ctx.request;
  if (method !== "OPTIONS" || !headers["origin"] || !headers["access-control-request-method"]) return undefined;
  const match = matchRoute(ctx.runtime.routes, path);
  return {
    status: 204,
    headers: {
      "access-control-allow-methods": match ? allowedMethods(match.route) : "GET, POST, PUT, DELETE",
      "access-control-allow-headers": headers["access-control-request-headers"] ?? CORS_ALLOWED_HEADERS,
      "access-control-max-age": "600",
    },
  };
}
