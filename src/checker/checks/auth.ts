/**
 * `ignored_auth`, a run check that sends its own probes: a key the server cannot know and a
 * malformed one each get 401 in the envelope, on every safe operation the run can address; with
 * --writes, so does a key the run made and then deactivated (the API rejects a deactivated key).
 * With --accepts-any-key (a target that says it takes any key, as the mock does), only the
 * deactivated key is sent.
 */
import { requestFor, type CheckedOperation } from "../model.js";
import { DEACTIVATED_KEY_SHOWN } from "../reproduction.js";
import { violation, type KeyStandIn, type Recorded, type RunCheck, type RunCheckContext, type RunFinding } from "../types.js";

/** Well formed (confident_org_ and 32 hex characters), and no server's key. */
export const UNKNOWN_KEY = "confident_org_deadbeefdeadbeefdeadbeefdeadbeef";
export const MALFORMED_KEY = "not-a-confident-key";

function refusedInEnvelope(r: Recorded): boolean {
  const body = r.exchange.json as { success?: unknown; error?: unknown } | undefined;
  return r.exchange.status === 401 && r.exchange.isJson && body?.success === false && typeof body.error === "string";
}

function finding(r: Recorded, what: string): RunFinding[] {
  if (refusedInEnvelope(r)) return [];
  const status = r.exchange.status;
  return [{ operation: r.operation, recorded: r, request: r.exchange.request, violations: [violation("key-accepted", `${what} got ${status ?? r.exchange.failure ?? "no answer"}${status === 401 ? " without the error envelope" : ""}, not 401 in the envelope`)] }];
}

/** The safe operations a probe can address: the collection, and each one whose ids a link gave. */
function probeRequests(ctx: RunCheckContext): { op: CheckedOperation; params: Record<string, unknown> }[] {
  return ctx.operations
    .filter((op) => op.safe && op.keyHeader)
    .flatMap((op) => {
      if (!op.parameters.some((p) => p.in === "path")) return [{ op, params: {} }];
      const [params] = ctx.ids(op.operationId);
      return params ? [{ op, params }] : [];
    });
}

/** Makes a key, deactivates it, and asks with it: a 401 is owed. */
async function deactivatedKeyProbe(ctx: RunCheckContext): Promise<RunFinding[]> {
  const collection = ctx.operations.find((op) => op.safe && op.keyHeader && !op.parameters.some((p) => p.in === "path"));
  const change = ctx.operations.find((op) => op.method === "PUT" && op.body && Object.hasOwn((op.body.schema["properties"] ?? {}) as object, "valid"));
  if (!collection || !change) return [];
  const made = await ctx.make();
  if (!made) return [];
  const { secret } = made; // make() takes it from create's answer
  if (!secret) {
    ctx.skip("ignored_auth: the made key's full value was not in create's answer, so it could not be tried deactivated");
    return [];
  }
  const deactivation = requestFor(change, made.params, { valid: false });
  const deactivated = await ctx.send(change, deactivation, { origin: made.origin });
  if (deactivated.exchange.status === undefined || deactivated.exchange.status >= 300) {
    ctx.skip(`ignored_auth: the made key could not be deactivated (${deactivated.exchange.status ?? deactivated.exchange.failure}), so it was not tried`);
    return [];
  }
  const key: KeyStandIn = { value: secret, shown: DEACTIVATED_KEY_SHOWN };
  const origin = { ...made.origin, then: [deactivation] };
  return finding(await ctx.send(collection, requestFor(collection), { key, origin }), `${collection.operationId} with a key the run made and deactivated`);
}

export const ignoredAuth: RunCheck = {
  name: "ignored_auth",
  scope: "run",
  when: "probe",
  schemathesis: "ignored_auth",
  description: "a key the server cannot know and a malformed one get 401 in the envelope; with --writes, so does a key the run made and deactivated",
  severity: "error",
  run: async (ctx) => {
    const found: RunFinding[] = [];
    if (ctx.acceptsAnyKey) ctx.skip("ignored_auth: the unknown and malformed keys, as --accepts-any-key says the target takes any key");
    else {
      for (const { op, params } of probeRequests(ctx)) {
        for (const [key, what] of [
          [{ value: UNKNOWN_KEY, shown: UNKNOWN_KEY }, "a well-formed key the server cannot know"],
          [{ value: MALFORMED_KEY, shown: MALFORMED_KEY }, "a malformed key"],
        ] as const) {
          found.push(...finding(await ctx.send(op, requestFor(op, params), { key }), `${op.operationId} with ${what}`));
        }
      }
    }
    if (ctx.writes) found.push(...(await deactivatedKeyProbe(ctx)));
    return found;
  },
};
