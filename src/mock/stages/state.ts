/**
 * Stage `state`: in stateful mode, a valid request that asked for no particular answer and drew no
 * fault is answered from the session's store.
 */
import type { MockAnswer } from "../answer.js";
import { matched, type Context } from "../context.js";
import { sessionOf } from "../options.js";

export function state(ctx: Context): MockAnswer | undefined {
  const { store } = ctx.runtime;
  if (!store || ctx.asked || ctx.injected !== undefined) return undefined;
  const { op, route, params } = matched(ctx);
  const idSegment = params[route.parameterNames.indexOf("apiKeyId")];
  const raw = idSegment === undefined ? undefined : decodeURIComponent(idSegment);
  const apiKeyId = raw === undefined ? undefined : Number(raw);
  // The store's ids are safe integers: an id past 2^53 is none of them, and is never rounded to one.
  if (raw !== undefined && !Number.isSafeInteger(apiKeyId)) return { status: 404, body: { success: false, error: `API key ${raw} not found` } };
  const session = sessionOf(ctx.request.headers);
  return store.handle(session, op.operationId, apiKeyId, ctx.body);
}
