/**
 * Stage `overrides`: a test's forced answer for the matched operation, once the request has passed
 * validation: from the door's overrides (MSW's `handlers.override`, `mockFetch.override`), then
 * the engine's own (`POST /__mock/overrides`), the newest first. It answers instead of faults, the store and the examples.
 */
import type { MockAnswer } from "../answer.js";
import { matched, type Context } from "../context.js";
import { sessionOf } from "../options.js";

export function overrides(ctx: Context): MockAnswer | undefined {
  const { operationId } = matched(ctx).op;
  const session = sessionOf(ctx.request.headers);
  const override = ctx.overrides?.take(operationId, session) ?? ctx.runtime.overrides.take(operationId, session);
  if (!override) return undefined;
  // An injected fault was drawn before this stage; the override answers instead of it.
  delete ctx.headers["x-mock-fault"];
  return { status: override.status, headers: { ...override.headers }, ...(override.body !== undefined ? { body: structuredClone(override.body) } : {}) };
}
