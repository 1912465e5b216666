/** Stage `mockAnswer`: Prism's mocked answer, once its status is known to be documented for the operation. */
import { errorAnswer, type MockAnswer } from "../answer.js";
import { matched, type Context } from "../context.js";

export function mockAnswer(ctx: Context): MockAnswer {
  const { op } = matched(ctx);
  const output = ctx.prism?.output;
  if (!output) return errorAnswer(500, "The mock could not answer: Prism gave no answer");
  if (!op.responses.some((r) => r.status === String(output.statusCode))) {
    return errorAnswer(500, `The mock produced status ${output.statusCode}, which the contract does not document`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(output.headers ?? {})) {
    if (name.toLowerCase() !== "content-type") headers[name.toLowerCase()] = String(value);
  }
  return { status: output.statusCode, body: output.body, headers };
}
