/**
 * Stage `prism`: Prism validates the request (security, parameters, body) and mocks an answer from
 * the contract's examples or schemas, unless stage `compiled` gave Prism's recorded answer already.
 * In proxy mode it runs as the `validate` stage: the verdict
 * that follows it answers an invalid request before anything is forwarded (stage `forward`).
 */
import type { IHttpConfig, IHttpRequest } from "@stoplight/prism-http";
import { API_KEY_HEADER } from "../../client.js";
import { errorAnswer, type MockAnswer } from "../answer.js";
import { matched, type Context, type PrismDiagnostic } from "../context.js";
import type { PrismOperations } from "../../prism/variant.js";
import type { PrismEngine } from "../../prism/types.js";
import { prismOf } from "../prismOf.js";

export type { PrismEngine } from "../../prism/types.js";
export type { PrismOutput } from "../context.js";

/** The request as Prism takes it: headers as sent, but the body as parsed here, and JSON always accepted. */
export function prismInput(ctx: Context): IHttpRequest {
  const { request, runtime, body } = ctx;
  const { op } = matched(ctx);
  const headers: Record<string, string> = { ...request.headers, accept: "application/json" };
  if (runtime.options.upstream && runtime.options.upstreamApiKey && headers[API_KEY_HEADER.toLowerCase()] === undefined) {
    headers[API_KEY_HEADER.toLowerCase()] = runtime.options.upstreamApiKey;
  }
  // Prism sees the body as parsed here, or none: the framing headers of the wire do not apply.
  for (const name of ["content-type", "content-length", "transfer-encoding"]) delete headers[name];
  if (body !== undefined) headers["content-type"] = "application/json";
  return {
    method: op.method as IHttpRequest["method"],
    url: { path: request.path, ...(request.search ? { query: Object.fromEntries(new URLSearchParams(request.search)) } : {}) },
    headers,
    ...(body !== undefined ? { body } : {}),
  };
}

/** The one operation the request was routed to, as Prism takes it. */
export function operationsFor(ctx: Context, engine: PrismEngine): PrismOperations {
  const { op } = matched(ctx);
  return engine.operationFor.get(`${op.method} ${op.path}`) ?? engine.operations;
}

export async function prism(ctx: Context): Promise<MockAnswer | undefined> {
  // Stage `compiled` answered from Prism's recorded answers already.
  if (ctx.prism) return undefined;
  const { runtime, steering } = ctx;
  const { engine, baseConfig } = await prismOf(runtime);
  const config: IHttpConfig = { ...baseConfig, mock: { ...baseConfig.mock, ...steering.mock } };
  const result = await engine.instance.request(prismInput(ctx), operationsFor(ctx, engine), config)();
  if (result._tag === "Left") return errorAnswer(500, `The mock could not answer: ${result.left.message}`);
  const { output, validations } = result.right;
  ctx.prism = { output, failed: (validations.input as PrismDiagnostic[]).filter((v) => v.severity === 0) };
  return undefined;
}
