/** Stage `route`: the operation for the method and path, or 404 / 405 (with `Allow`), in the envelope. */
import { errorAnswer, type MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { allowedMethods, matchRoute } from "../routes.js";

/** An integer as JSON writes one: no sign but "-", no leading zeros, no fraction or exponent. */
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

export function route(ctx: Context): MockAnswer | undefined {
  const { method, path } = ctx.request;
  const { routes } = ctx.runtime;
  const match = matchRoute(routes, path);
  if (!match) return errorAnswer(404, `No route for ${method} ${path}: this API serves ${routes.map((r) => r.template).join(" and ")}`);
  const op = match.route.operations.get(method);
  const allow = allowedMethods(match.route);
  if (!op) return errorAnswer(405, `Method ${method} is not allowed on ${path}: use ${allow}`, { allow });
  // Prism decodes path parameters and throws on bad percent-encoding: answer that here. Prism
  // also reads an integer parameter with Number(), which takes 0x0c, 1.2e1, 12.0, +12 and " 12"
  // for 12: an integer parameter is written as JSON writes an integer, or it is a 400.
  for (const [index, value] of match.params.entries()) {
    const name = match.route.parameterNames[index] ?? "parameter";
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return errorAnswer(400, `Invalid request: path parameter ${name} is not valid percent-encoding`);
    }
    if (op.integerPathParameters.includes(name) && !INTEGER.test(decoded)) {
      return errorAnswer(400, `Invalid request: path parameter ${name} must be integer, written in decimal digits with an optional "-" (got ${JSON.stringify(decoded.slice(0, 40))})`);
    }
  }
  ctx.match = { route: match.route, op, params: match.params };
  return undefined;
}
