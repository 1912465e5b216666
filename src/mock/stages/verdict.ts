/**
 * Stage `verdict`: Prism's request violations become the API's answer, by one table of precedence:
 * a security failure is a 401, before anything else; any other failure is a 400 naming the fields.
 */
import { API_KEY_HEADER } from "../../client.js";
import { errorAnswer, type MockAnswer } from "../answer.js";
import { matched, type Context, type PrismDiagnostic } from "../context.js";

/** Rewrites Prism's validation messages to name fields as the contract spells them. */
export function describeViolations(violations: readonly PrismDiagnostic[], parameterNames: readonly string[]): string {
  const messages = violations.map((v) => {
    let message = v.message.replace(/^Request /, "");
    for (const name of parameterNames) message = message.replace(new RegExp(`\\b${name}\\b`, "gi"), name);
    return message;
  });
  return `Invalid request: ${[...new Set(messages)].join("; ")}`;
}

/** The status and message for a request's violations, or undefined when it has none. */
export function verdictFor(failed: readonly PrismDiagnostic[], headers: Record<string, string>, parameterNames: readonly string[]): MockAnswer | undefined {
  if (failed.some((v) => v.code === 401)) {
    return errorAnswer(
      401,
      headers[API_KEY_HEADER.toLowerCase()] === undefined
        ? `Missing API key: send an organization API key in the ${API_KEY_HEADER} header`
        : `Invalid API key: the ${API_KEY_HEADER} header is empty`,
    );
  }
  if (failed.length > 0) return errorAnswer(400, describeViolations(failed, parameterNames));
  return undefined;
}

export function verdict(ctx: Context): MockAnswer | undefined {
  return verdictFor(ctx.prism?.failed ?? [], ctx.request.headers, matched(ctx).route.parameterNames);
}
