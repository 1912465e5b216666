/**
 * With --writes: stateful sequences that follow the contract's links. For each operation that
 * makes something and links to how to read, change and revoke it (create → get, update, revoke):
 * make one, read it, find it in the collection, change it, read the change, revoke it, read it
 * again (a documented 4xx, 404 when documented), and find it gone from the collection.
 */
import type { CaseRequest } from "./exchange.js";
import type { JsonSchema, CheckedOperation } from "./model.js";
import { isCollection, linkParams, requestFor } from "./model.js";
import type { CaseKind } from "./checks.js";
import type { Recorded } from "./run.js";

export interface SequenceResult {
  /** The operation that made the resource, e.g. createOrganizationApiKey. */
  producer: string;
  /** What each step did: `getOrganizationApiKey → 200`. */
  steps: string[];
  recorded: Recorded[];
  failures: { message: string; recorded: Recorded }[];
}

interface SequenceDeps {
  operations: readonly CheckedOperation[];
  send: (op: CheckedOperation, kind: CaseKind, request: CaseRequest) => Promise<Recorded>;
  sample: (schema: JsonSchema, seed: string) => unknown;
  seed: number;
  idField: string;
}

const ok = (r: Recorded): boolean => r.exchange.status !== undefined && r.exchange.status >= 200 && r.exchange.status < 300;

/** The object in an answer whose id field holds `id`. */
function findById(body: unknown, field: string, id: unknown): Record<string, unknown> | undefined {
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

export async function runSequences(deps: SequenceDeps): Promise<SequenceResult[]> {
  const { operations, send, sample, seed, idField } = deps;
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const producers = operations.filter((op) => !op.safe && op.links.some((l) => byId.get(l.operationId)?.method === "DELETE"));
  const results: SequenceResult[] = [];
  for (const producer of producers) {
    const result: SequenceResult = { producer: producer.operationId, steps: [], recorded: [], failures: [] };
    results.push(result);
    const step = async (op: CheckedOperation, params: Record<string, unknown>, body?: unknown): Promise<Recorded> => {
      const r = await send(op, "sequence", requestFor(op, params, body));
      result.recorded.push(r);
      result.steps.push(`${op.operationId} → ${r.exchange.status ?? r.exchange.failure ?? "no answer"}`);
      return r;
    };
    const fail = (message: string, r: Recorded): void => void result.failures.push({ message, recorded: r });
    const expectOk = (r: Recorded, what: string): boolean => {
      if (ok(r)) return true;
      fail(`${what}: got ${r.exchange.status ?? r.exchange.failure}, not a 2xx`, r);
      return false;
    };

    const made = await step(producer, {}, producer.body ? sample(producer.body.schema, `${seed}:sequence:${producer.operationId}`) : undefined);
    if (!expectOk(made, `${producer.operationId} makes a resource`)) continue;
    const linked = (method: (m: string) => boolean) =>
      producer.links
        .map((l) => ({ op: byId.get(l.operationId), params: linkParams(l, made.exchange.json) }))
        .find((l): l is { op: CheckedOperation; params: Record<string, unknown> } => l.op !== undefined && method(l.op.method));
    const read = linked((m) => m === "GET");
    const change = linked((m) => m === "PUT" || m === "PATCH");
    const revoke = linked((m) => m === "DELETE");
    const id = revoke ? Object.values(revoke.params)[0] : undefined;
    const collection = read ? operations.find((op) => isCollection(op) && read.op.path.startsWith(`${op.path}/`)) : undefined;
    if (!revoke || id === undefined) {
      fail(`${producer.operationId}'s answer gave no id its links can address exactly (a safe integer, or a string that is one path segment): nothing is written to it`, made);
      continue;
    }

    if (read) {
      const got = await step(read.op, read.params);
      if (expectOk(got, `${read.op.operationId} reads what ${producer.operationId} made`) && !findById(got.exchange.json, idField, id)) {
        fail(`${read.op.operationId} answered, but not with ${idField} ${JSON.stringify(id)}`, got);
      }
    }
    if (collection) {
      const listed = await step(collection, {});
      if (expectOk(listed, `${collection.operationId} after ${producer.operationId}`) && !findById(listed.exchange.json, idField, id)) {
        fail(`${collection.operationId} does not list the new ${idField} ${JSON.stringify(id)}`, listed);
      }
    }
    if (change?.op.body) {
      const body = sample(change.op.body.schema, `${seed}:sequence:${change.op.operationId}`) as Record<string, unknown>;
      const changed = await step(change.op, change.params, body);
      if (expectOk(changed, `${change.op.operationId} changes what ${producer.operationId} made`) && read) {
        const after = await step(read.op, read.params);
        const resource = expectOk(after, `${read.op.operationId} after ${change.op.operationId}`) ? findById(after.exchange.json, idField, id) : undefined;
        for (const [field, value] of Object.entries(body ?? {})) {
          if (resource && JSON.stringify(resource[field]) !== JSON.stringify(value)) {
            fail(`${read.op.operationId} after ${change.op.operationId}: ${field} is ${JSON.stringify(resource[field])}, not ${JSON.stringify(value)}`, after);
          }
        }
      }
    }
    const gone = await step(revoke.op, revoke.params);
    if (!expectOk(gone, `${revoke.op.operationId} revokes what ${producer.operationId} made`)) continue;
    if (read) {
      const again = await step(read.op, read.params);
      const status = again.exchange.status ?? 0;
      const expected = read.op.statuses.includes("404") ? status === 404 : status >= 400 && status < 500;
      if (!expected) fail(`${read.op.operationId} after ${revoke.op.operationId}: got ${status}, not ${read.op.statuses.includes("404") ? "404" : "a 4xx"}`, again);
    }
    if (collection) {
      const listed = await step(collection, {});
      if (ok(listed) && findById(listed.exchange.json, idField, id)) fail(`${collection.operationId} still lists ${idField} ${JSON.stringify(id)} after ${revoke.op.operationId}`, listed);
    }
  }
  return results;
}
