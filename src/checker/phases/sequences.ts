/**
 * Phase `sequences` (with --writes): stateful sequences along the contract's links. For each
 * operation that makes something and links to how to read, change and revoke it (create → get,
 * update, revoke): make one, read it, find it in the collection, change it, read the change,
 * revoke it, read it again, and look for it in the collection. The steps are sent here; the
 * sequence checks (stateful_consistency) judge them.
 */
import { isCollection, linkParams, requestFor, type CheckedOperation, type JsonSchema } from "../model.js";
import type { CaseRequest } from "../exchange.js";
import type { CaseKind, Recorded, SequenceTrace, StepRole } from "../types.js";

export interface SequenceDeps {
  operations: readonly CheckedOperation[];
  send: (op: CheckedOperation, kind: CaseKind, request: CaseRequest) => Promise<Recorded>;
  sample: (schema: JsonSchema, seed: string) => unknown;
  seed: number;
  idField: string;
}

const ok = (r: Recorded): boolean => r.exchange.status !== undefined && r.exchange.status >= 200 && r.exchange.status < 300;

export async function runSequences(deps: SequenceDeps): Promise<SequenceTrace[]> {
  const { operations, send, sample, seed, idField } = deps;
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const producers = operations.filter((op) => !op.safe && op.links.some((l) => byId.get(l.operationId)?.method === "DELETE"));
  const traces: SequenceTrace[] = [];
  for (const producer of producers) {
    const trace: SequenceTrace = { producer, id: undefined, idField, steps: [] };
    traces.push(trace);
    const step = async (role: StepRole, op: CheckedOperation, params: Record<string, unknown>, body?: unknown): Promise<Recorded> => {
      const r = await send(op, "sequence", requestFor(op, params, body));
      trace.steps.push({ role, recorded: r });
      return r;
    };

    const made = await step("make", producer, {}, producer.body ? sample(producer.body.schema, `${seed}:sequence:${producer.operationId}`) : undefined);
    if (!ok(made)) continue;
    const linked = (method: (m: string) => boolean) =>
      producer.links
        .map((l) => ({ op: byId.get(l.operationId), params: linkParams(l, made.exchange.json) }))
        .find((l): l is { op: CheckedOperation; params: Record<string, unknown> } => l.op !== undefined && method(l.op.method));
    const read = linked((m) => m === "GET");
    const change = linked((m) => m === "PUT" || m === "PATCH");
    const revoke = linked((m) => m === "DELETE");
    const id = revoke ? Object.values(revoke.params)[0] : undefined;
    if (!revoke || id === undefined || id === null) continue;
    trace.id = id;
    const collection = read ? operations.find((op) => isCollection(op) && read.op.path.startsWith(`${op.path}/`)) : undefined;

    if (read) await step("read", read.op, read.params);
    if (collection) await step("list", collection, {});
    if (change?.op.body) {
      const body = sample(change.op.body.schema, `${seed}:sequence:${change.op.operationId}`) as Record<string, unknown>;
      trace.changed = body;
      const changed = await step("change", change.op, change.params, body);
      if (ok(changed) && read) await step("readAfterChange", read.op, read.params);
    }
    const gone = await step("revoke", revoke.op, revoke.params);
    if (!ok(gone)) continue;
    if (read) await step("readAfterRevoke", read.op, read.params);
    if (collection) await step("listAfterRevoke", collection, {});
  }
  return traces;
}

/** What each step did, for the report: `getOrganizationApiKey → 200`. */
export const stepLines = (trace: SequenceTrace): string[] => trace.steps.map(({ recorded: r }) => `${r.operation.operationId} → ${r.exchange.status ?? r.exchange.failure ?? "no answer"}`);
