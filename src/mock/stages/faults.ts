/**
 * Stage `faults`: decides, as data, how long to delay the answer and whether to inject the
 * operation's documented 429 or 500. The engine applies the delay to whatever answer comes.
 */
import type { MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { drawFault } from "../faults.js";

export function faults(ctx: Context): MockAnswer | undefined {
  const { runtime, steering } = ctx;
  const fault = drawFault(runtime.random, steering.latency ?? runtime.defaultLatency, steering.failRate ?? runtime.defaultFailRate);
  ctx.delayMs = fault.delayMs;
  // An injected failure: the operation's documented 429 or 500, unless the request asked for an answer.
  if (fault.fail !== undefined && !ctx.asked) {
    ctx.injected = fault.fail;
    steering.mock.code = fault.fail;
    ctx.headers["x-mock-fault"] = `injected ${fault.fail}`;
  }
  return undefined;
}
