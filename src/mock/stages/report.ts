/** Stage `report` (proxy mode): the upstream's answer is passed on unchanged, and what breaks the contract in it is reported. */
import { errorAnswer, type MockAnswer } from "../answer.js";
import { matched, type Context } from "../context.js";

const HOP_BY_HOP = /^(content-length|content-encoding|transfer-encoding|connection|keep-alive)$/i;

export function report(ctx: Context): MockAnswer {
  const { runtime, request } = ctx;
  if (!ctx.prism) return errorAnswer(500, "The proxy has no upstream answer to pass on");
  const { op } = matched(ctx);
  const output = ctx.prism.output;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(output.headers ?? {})) {
    if (!HOP_BY_HOP.test(name)) headers[name.toLowerCase()] = String(value);
  }
  const contentType = headers["content-type"] ?? "";
  delete headers["content-type"];
  const isJson = /json/i.test(contentType) && typeof output.body !== "string";
  const violations = isJson
    ? runtime.contract.validateResponse(op.operationId, output.statusCode, output.body, headers)
    : runtime.contract.validateNonJsonResponse(op.operationId, output.statusCode, ` (content-type ${contentType || "none"})`);
  for (const v of violations) {
    runtime.reportViolation(`contract violation: ${op.operationId} ${request.method} ${request.path} → ${output.statusCode}: ${v.path || "(body)"} ${v.message}`);
  }
  if (isJson) return { status: output.statusCode, body: output.body, headers };
  const text = typeof output.body === "string" ? output.body : JSON.stringify(output.body ?? "");
  return { status: output.statusCode, raw: { contentType: contentType || "text/plain", text }, headers };
}
