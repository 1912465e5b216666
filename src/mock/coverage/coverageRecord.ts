/** The coverage record of one answered request, read from its context: which stage answered, and how it was steered. */
import type { Context } from "../context.js";
import type { AnswerSource, CoverageRecord } from "./record.js";

/** The record of one answered request, from the stage that answered it; undefined outside the contract. */
export function coverageRecord(ctx: Context, status: number): CoverageRecord | undefined {
  const op = ctx.match?.op;
  if (!op || ctx.runtime.mode !== "mock") return undefined;
  const via: AnswerSource =
    ctx.answeredBy === "overrides" ? "override" : ctx.injected !== undefined && ctx.answeredBy === "mockAnswer" ? "fault" : ctx.asked && ctx.answeredBy === "mockAnswer" ? "prefer" : "answer";
  const example = ctx.answeredBy === "mockAnswer" ? servedExample(ctx, status) : undefined;
  return { operationId: op.operationId, status, ...(example !== undefined ? { example } : {}), via };
}

/** The named example Prism served: the one asked for, or the first the contract lists; none when generated. */
function servedExample(ctx: Context, status: number): string | undefined {
  if (ctx.runtime.options.dynamic || ctx.steering.mock.dynamic) return undefined;
  const response = ctx.match?.op.responses.find((r) => r.status === String(status));
  const names = Object.keys(response?.examples ?? {});
  const asked = ctx.steering.mock.exampleKey;
  return asked !== undefined && names.includes(asked) ? asked : names[0];
}
