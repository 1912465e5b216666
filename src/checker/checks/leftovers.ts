/**
 * `no_leftovers`, a run check (with --writes): every key the run made is revoked. The list after
 * the run has no key the list before it lacked; a list that could not be read, or a key the run
 * could not address exactly, is said as such.
 */
import { isCollection, requestFor } from "../model.js";
import { violation, type LeftoverEvidence, type RunCheck } from "../types.js";

/** The most leftover ids a message lists; the rest are counted. */
export const MAX_LISTED = 20;

/** What the evidence shows: the keys listed after the run and not before, and why nothing can be said, when not. */
export function leftoversOf(evidence: LeftoverEvidence): { left: unknown[]; unverifiedBecause: string | undefined } {
  const listedBefore = new Set(evidence.before.ids.map((id) => JSON.stringify(id)));
  const left = evidence.after.ids.filter((id) => !listedBefore.has(JSON.stringify(id)));
  const unverifiedBecause = evidence.before.unreadable ? `before the run, ${evidence.before.unreadable}` : evidence.after.unreadable ? `after the run, ${evidence.after.unreadable}` : undefined;
  return { left, unverifiedBecause };
}

export const noLeftovers: RunCheck = {
  name: "no_leftovers",
  scope: "run",
  when: "end",
  description: "with --writes, every key the checker created is revoked: the list after the run has no key the list before it lacked",
  severity: "error",
  run: async (ctx) => {
    const evidence = ctx.leftovers;
    const collection = ctx.operations.find(isCollection);
    if (!evidence || !collection) return [];
    const { left, unverifiedBecause } = leftoversOf(evidence);
    const found = unverifiedBecause
      ? evidence.made > 0
        ? [violation("leftovers-unverified", `the run made ${evidence.made} key(s) and cannot show it removed them: the list could not be read ${unverifiedBecause}`)]
        : []
      : left.length
        ? [violation("leftover", `${left.length} key(s) the run made are still listed after it revoked them: ${left.slice(0, MAX_LISTED).map((id) => JSON.stringify(id)).join(", ")}${left.length > MAX_LISTED ? `, and ${left.length - MAX_LISTED} more` : ""}`)]
        : evidence.unaddressable > 0
          ? [violation("leftover", `the run made ${evidence.unaddressable} key(s) whose ids it could not address exactly, so it could not revoke them`)]
          : [];
    return found.length ? [{ operation: collection, request: requestFor(collection), violations: found, count: Math.max(1, left.length) }] : [];
  },
};
