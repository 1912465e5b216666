/** Stage `route`: the operation for the method and path, or 404 / 405 (with `Allow`), in the envelope. */
import { errorAnswer, type MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { allowedMethods, matchRoute } from "../routes.js";

export function route(ctx: Context): MockAnswer | undefined {
  const { method, path } = ctx.request;
  const { routes } = ctx.runtime;
  const match = matchRoute(routes, path);
  if (!match) return errorAnswer(404, `No route for ${method} ${path}: this API serves ${routes.map((r) => r.template).join(" and ")}`);
  const op = match.route.operations.get(method);
  const allow = allowedMethods(match.route);
  if (!op) return errorAnswer(405, `Method ${method} is not allowed on ${path}: use ${allow}`, { allow });
  // Prism decodes path parameters and throws on bad percent-encoding: answer that here.
  for (const [index, value] of match.params.entries()) {
    try {
      decodeURIComponent(value);
    } catch {
      const name = match.route.parameterNames[index] ?? "parameter";
      return errorAnswer(400, `Invalid request: path parameter ${name} is not valid percent-encoding`);
    }
  }
  ctx.match = { route: match.route, op, params: match.params };
  return undefined;
}
