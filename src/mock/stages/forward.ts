/**
 * Stage `forward` (proxy mode): a request the `validate` and `verdict` stages let through goes to
 * the upstream by Prism's forwarder; an invalid one never gets here. The upstream's answer is left
 * for stage `report`.
 */
import { errorAnswer, type MockAnswer } from "../answer.js";
import { matched, type Context } from "../context.js";
import { prismOf } from "../prismOf.js";
import { operationsFor, prismInput } from "./prism.js";

export async function forward(ctx: Context): Promise<MockAnswer | undefined> {
  const { runtime, request } = ctx;
  const { op } = matched(ctx);
  const { engine, forwardConfig } = await prismOf(runtime);
  if (!forwardConfig?.isProxy) return errorAnswer(500, "The proxy has no upstream to forward to");
  const result = await engine.instance.request(prismInput(ctx), operationsFor(ctx, engine), forwardConfig)();
  if (result._tag === "Left") {
    runtime.reportViolation(`upstream error: ${op.operationId} ${request.method} ${request.path}: ${result.left.message}`);
    return errorAnswer(502, `The upstream ${runtime.options.upstream ?? forwardConfig.upstream.href} did not answer: ${result.left.message}`);
  }
  ctx.prism = { output: result.right.output, failed: [] };
  return undefined;
}
