/**
 * A failure's reproduction: its request as `curl`. When the request's ids are of a key the run
 * made (and has revoked since), the reproduction makes one first, takes its id from the answer
 * with grep, sends the failing request with it, and revokes it after.
 */
import type { Origin } from "./types.js";
import { toCurl } from "./curl.js";
import type { CaseRequest } from "./exchange.js";
import { fillPath, type CheckedOperation } from "./model.js";

/** How a reproduction writes a key the run made and deactivated: set by its own earlier step. */
export const DEACTIVATED_KEY_SHOWN = "$DEACTIVATED_KEY";

export interface ReproductionInput {
  targetUrl: string;
  operation: CheckedOperation;
  request: CaseRequest;
  origin: Origin | undefined;
  byId: ReadonlyMap<string, CheckedOperation>;
  /** The field links take ids from ("id"). */
  idField: string;
}

export function reproduction({ targetUrl, operation, request, origin, byId, idField }: ReproductionInput): string {
  const producer = origin ? byId.get(origin.operationId) : undefined;
  const [name, value] = Object.entries(origin?.params ?? {})[0] ?? [];
  const usesMade = request.path.includes(`/${value}`) || request.keyShown === DEACTIVATED_KEY_SHOWN;
  if (!origin || !producer || name === undefined || typeof value !== "number" || !usesMade) {
    return toCurl(targetUrl, request, operation.keyHeader);
  }
  const revoke = producer.links.map((l) => byId.get(l.operationId)).find((o) => o?.method === "DELETE");
  const withId = (r: CaseRequest): CaseRequest => ({ ...r, path: r.path.replace(`/${value}`, "/$id") });
  const steps = [
    `made=$(${toCurl(targetUrl, origin.request, producer.keyHeader, { quiet: true })})`,
    `id=$(printf '%s' "$made" | grep -o '"${idField}": *-\\{0,1\\}[0-9]*' | head -n 1 | grep -o -- '-\\{0,1\\}[0-9]*$')`,
    // A probe with the made key itself (deactivated first): its full value, from create's answer.
    ...(request.keyShown === DEACTIVATED_KEY_SHOWN ? [`DEACTIVATED_KEY=$(printf '%s' "$made" | grep -o 'confident_[A-Za-z0-9_]*' | head -n 1)`] : []),
    ...(origin.then ?? []).map((r) => `${toCurl(targetUrl, withId(r), operation.keyHeader, { quiet: true, expandPath: true })} > /dev/null`),
    toCurl(targetUrl, request.path.includes(`/${value}`) ? withId(request) : request, operation.keyHeader, { expandPath: true }),
  ];
  if (revoke && operation.method !== "DELETE") {
    const path = fillPath(revoke.path, { [name]: "\u0000" }).replace("%00", "$id");
    steps.push(`${toCurl(targetUrl, { method: revoke.method, path, headers: {}, withKey: true }, revoke.keyHeader, { quiet: true, expandPath: true })} > /dev/null`);
  }
  return steps.join("\n");
}
