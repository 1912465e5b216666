/**
 * `unsupported_method`, a run check that sends its own probes (with --writes): every method the
 * contract lacks for a path gets 405 with an `Allow` header naming exactly the documented methods
 * (HEAD and OPTIONS may be added, as HTTP implies them), or 404; never a 2xx or a 5xx. Every
 * undocumented method here is one that could write, so probes go only to a path that holds a key
 * the run made itself, with the run's key: a path that holds anything else (the collection) is
 * never sent one. TRACE is not sent: fetch refuses it.
 */
import type { Origin } from "../types.js";
import { fillPath, type CheckedOperation } from "../model.js";
import { violation, type RunCheck, type RunCheckContext, type RunFinding } from "../types.js";

export const PROBED_METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"] as const;
const IMPLIED = new Set(["HEAD", "OPTIONS"]);

/** The contract's paths, each with its documented methods and one of its operations. */
function paths(operations: readonly CheckedOperation[]): { path: string; methods: Set<string>; op: CheckedOperation }[] {
  const byPath = new Map<string, { path: string; methods: Set<string>; op: CheckedOperation }>();
  for (const op of operations) {
    const entry = byPath.get(op.path) ?? { path: op.path, methods: new Set<string>(), op };
    entry.methods.add(op.method.toUpperCase());
    byPath.set(op.path, entry);
  }
  return [...byPath.values()];
}

/** Whether an Allow header names exactly these methods (HEAD and OPTIONS besides them tolerated). */
export function allowMatches(allow: string | undefined, documented: ReadonlySet<string>): boolean {
  if (allow === undefined) return false;
  const listed = new Set(allow.split(",").map((m) => m.trim().toUpperCase()).filter(Boolean));
  return [...documented].every((m) => listed.has(m)) && [...listed].every((m) => documented.has(m) || IMPLIED.has(m));
}

async function probe(ctx: RunCheckContext, path: { path: string; methods: Set<string>; op: CheckedOperation }, own: { params: Record<string, unknown>; origin: Origin }): Promise<RunFinding[]> {
  const filled = fillPath(path.path, own.params);
  const found: RunFinding[] = [];
  for (const method of PROBED_METHODS.filter((m) => !path.methods.has(m))) {
    const request = { method, path: filled, headers: {}, withKey: true };
    const r = await ctx.send(path.op, request, { judged: false, origin: own.origin });
    const status = r.exchange.status;
    const documented = [...path.methods].join(", ");
    const wrong = (kind: "method-accepted" | "method-misanswered" | "allow-mismatch", message: string): void => void found.push({ operation: path.op, recorded: r, request, violations: [violation(kind, message)] });
    if (status === undefined) continue; // answer_received says why
    if (status >= 200 && status < 300) wrong("method-accepted", `${method} ${path.path}, which the contract does not have, got ${status}`);
    else if (status >= 500) wrong("method-misanswered", `${method} ${path.path}, which the contract does not have, got ${status}, not 405 or 404`);
    else if (status === 405 && !allowMatches(r.exchange.headers["allow"], path.methods)) wrong("allow-mismatch", `${method} ${path.path} got 405 with Allow ${JSON.stringify(r.exchange.headers["allow"] ?? "(none)")}, not the documented ${documented}`);
    else if (status !== 405 && status !== 404) wrong("method-misanswered", `${method} ${path.path}, which the contract does not have, got ${status}, not 405 (Allow: ${documented}) or 404`);
  }
  return found;
}

export const unsupportedMethod: RunCheck = {
  name: "unsupported_method",
  scope: "run",
  when: "probe",
  schemathesis: "unsupported_method",
  description: "a method the contract lacks for a path gets 405 with Allow naming exactly the documented methods, or 404; never a 2xx or a 5xx",
  severity: "error",
  run: async (ctx) => {
    const own = paths(ctx.operations).filter((p) => /\{[^}]+\}/.test(p.path));
    const made = ctx.writes && own.length ? await ctx.make() : undefined;
    if (!made) {
      ctx.skip("unsupported_method: probed only on a key the run made (--writes); a path that holds keys it did not make is never sent a method that could write");
      return [];
    }
    const found: RunFinding[] = [];
    for (const path of own) found.push(...(await probe(ctx, path, made)));
    return found;
  },
};
