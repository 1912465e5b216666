/**
 * Phase `cleanup` (with --writes): every key the run made and did not revoke is revoked, whatever
 * failed, and the collections are listed again: the evidence the leftover check reads.
 */
import { exchange } from "../exchange.js";
import { requestFor } from "../model.js";
import type { RunState } from "../state.js";
import type { LeftoverEvidence } from "../types.js";

export async function cleanup(state: RunState, before: LeftoverEvidence["before"]): Promise<LeftoverEvidence> {
  for (const [path, { op, params }] of state.toRevoke) {
    if (state.revoked.has(path)) continue;
    await exchange(state.target(op), requestFor(op, params));
    state.revoked.add(path);
  }
  const after = await state.snapshot();
  return { before, after, made: state.toRevoke.size, unaddressable: state.unaddressable };
}
