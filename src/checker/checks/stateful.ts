/**
 * `stateful_consistency`, a sequence check: along the contract's links, what one step made, the
 * next ones must see. A created key can be read, is listed, takes an update that a read shows, and
 * after revoke is gone (a documented 4xx, 404 when documented) and no longer listed.
 */
import { violation, type Recorded, type SequenceCheck, type SequenceTrace, type StepRole } from "../types.js";

const ok = (r: Recorded): boolean => r.exchange.status !== undefined && r.exchange.status >= 200 && r.exchange.status < 300;
const got = (r: Recorded): string => String(r.exchange.status ?? r.exchange.failure ?? "no answer");

/** The object in an answer whose id field holds `id`. */
export function findById(body: unknown, field: string, id: unknown): Record<string, unknown> | undefined {
  // Depth first, in document order, with its own stack: an answer may be nested thousands of levels deep.
  const wanted = JSON.stringify(id);
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>);
    if (!Array.isArray(node)) {
      const record = node as Record<string, unknown>;
      if (Object.hasOwn(record, field) && JSON.stringify(record[field]) === wanted) return record;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

type Finding = { recorded: Recorded; violation: ReturnType<typeof violation> };

/** What one step of a sequence should have shown, given what came before it. */
function judgeStep(trace: SequenceTrace, role: StepRole, r: Recorded): Finding[] {
  const { producer, id, idField } = trace;
  const op = r.operation.operationId;
  const wrong = (message: string): Finding[] => [{ recorded: r, violation: violation("state-wrong", message) }];
  const failed = (what: string): Finding[] => (ok(r) ? [] : [{ recorded: r, violation: violation("step-failed", `${what}: got ${got(r)}, not a 2xx`) }]);
  switch (role) {
    case "make":
      if (!ok(r)) return failed(`${op} makes a resource`);
      return id === undefined ? [{ recorded: r, violation: violation("no-exact-id", `${op}'s answer gave no id its links can address exactly (a safe integer, or a string that is one path segment): nothing is written to it`) }] : [];
    case "read":
      return ok(r) ? (findById(r.exchange.json, idField, id) ? [] : wrong(`${op} answered, but not with ${idField} ${JSON.stringify(id)}`)) : failed(`${op} reads what ${producer.operationId} made`);
    case "list":
      return ok(r) ? (findById(r.exchange.json, idField, id) ? [] : wrong(`${op} does not list the new ${idField} ${JSON.stringify(id)}`)) : failed(`${op} after ${producer.operationId}`);
    case "change":
      return failed(`${op} changes what ${producer.operationId} made`);
    case "readAfterChange": {
      if (!ok(r)) return failed(`${op} after the change`);
      const resource = findById(r.exchange.json, idField, id);
      return Object.entries(trace.changed ?? {}).flatMap(([field, value]) =>
        resource && JSON.stringify(resource[field]) !== JSON.stringify(value) ? wrong(`${op} after the change: ${field} is ${JSON.stringify(resource[field])}, not ${JSON.stringify(value)}`) : [],
      );
    }
    case "revoke":
      return failed(`${op} revokes what ${producer.operationId} made`);
    case "readAfterRevoke": {
      const status = r.exchange.status ?? 0;
      const has404 = r.operation.statuses.includes("404");
      return (has404 ? status === 404 : status >= 400 && status < 500) ? [] : wrong(`${op} after the revoke: got ${got(r)}, not ${has404 ? "404" : "a 4xx"}`);
    }
    case "listAfterRevoke":
      return ok(r) && findById(r.exchange.json, idField, id) ? wrong(`${op} still lists ${idField} ${JSON.stringify(id)} after the revoke`) : [];
  }
}

export const statefulConsistency: SequenceCheck = {
  name: "stateful_consistency",
  scope: "sequence",
  schemathesis: "use_after_free, ensure_resource_availability",
  description: "with --writes, following the links: a created key can be read, is listed, takes an update, and is gone after revoke",
  severity: "error",
  run: (trace) => trace.steps.flatMap((step) => judgeStep(trace, step.role, step.recorded)),
};
