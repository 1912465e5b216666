/**
 * Stage `credentials` (stateful mode): a key the session's store issued and then deactivated or
 * revoked is refused with 401, as the API refuses a deactivated key, whatever the request asked
 * for. A key the mock never issued is accepted, as before: the mock cannot know it.
 */
import { API_KEY_HEADER } from "../../client.js";
import { errorAnswer, type MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { sessionOf } from "../options.js";

export function credentials(ctx: Context): MockAnswer | undefined {
  const { store } = ctx.runtime;
  const key = ctx.request.headers[API_KEY_HEADER.toLowerCase()];
  if (!store || key === undefined) return undefined;
  const refusal = store.refusal(sessionOf(ctx.request.headers), key);
  if (!refusal) return undefined;
  return errorAnswer(401, `Invalid API key: this key was ${refusal}${refusal === "deactivated" ? "; reactivate it (PUT {\"valid\": true}) with another key to use it again" : ""}`);
}
