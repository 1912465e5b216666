/**
 * Stage `compiled`: a request the compiled contract judges valid, in static mode, gets Prism's own
 * answer from the table `npm run generate` recorded (generated/compiled-contract.ts), with no Prism
 * module loaded. Anything else is left to stage `prism`: a generated answer, a request with a
 * violation (Prism's own words name it), an operation or a steering the table does not hold.
 */
import type { MockAnswer } from "../answer.js";
import { staticAnswerKey, type CompiledOperation } from "../compiledTypes.js";
import { matched, type Context } from "../context.js";


/** Whether Prism's validator would find nothing wrong with the request (it throws nothing here: a validator that throws leaves the request to Prism). */
export function compiledVerdict(op: CompiledOperation, ctx: Context): boolean {
  const { headers } = ctx.request;
  const sent = (name: string): boolean => Object.hasOwn(headers, name) && !!headers[name];
  if (op.security.length > 0 && !op.security.some((all) => all.every(sent))) return false;
  const { body } = ctx;
  if (op.body) {
    // As Prism: a required body that is missing, or falsy (`false`, `0`, `""`, `null`), is refused.
    if (op.body.required && !body) return false;
    if (body !== undefined && body !== null && !op.body.validate(body)) return false;
  }
  if (op.path) {
    const { route, params } = matched(ctx);
    const values: Record<string, unknown> = {};
    for (const [name, key] of op.path.names) {
      const raw = params[route.parameterNames.indexOf(name)];
      if (raw === undefined) return false;
      values[key] = decodeURIComponent(raw);
    }
    if (!op.path.validate(values)) return false;
  }
  return true;
}

export function compiled(ctx: Context): MockAnswer | undefined {
  const { runtime, steering } = ctx;
  const table = runtime.compiled;
  if (!table) return undefined;
  const { op } = matched(ctx);
  const key = `${op.method} ${op.path}`;
  const compiledOp = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!compiledOp || (steering.mock.dynamic ?? runtime.options.dynamic ?? false)) return undefined;
  let valid: boolean;
  try {
    valid = compiledVerdict(compiledOp, ctx);
  } catch {
    valid = false;
  }
  if (!valid) return undefined;
  const answerKey = staticAnswerKey(steering.mock.code, steering.mock.exampleKey);
  const output = Object.hasOwn(compiledOp.answers, answerKey) ? compiledOp.answers[answerKey] : undefined;
  if (output) ctx.prism = { output, failed: [] };
  return undefined;
}
