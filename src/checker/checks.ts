/**
 * Every check, in one table: the exchange checks (checks/exchange.ts), the sequence check
 * (checks/stateful.ts) and the run checks (checks/auth.ts, checks/methods.ts, checks/leftovers.ts).
 * `--checks` and `--list-checks` treat them all alike; a check not selected is never run.
 */
import { ignoredAuth } from "./checks/auth.js";
import { EXCHANGE_CHECKS } from "./checks/exchange.js";
import { noLeftovers } from "./checks/leftovers.js";
import { unsupportedMethod } from "./checks/methods.js";
import { statefulConsistency } from "./checks/stateful.js";
import type { NamedCheck } from "./types.js";

export type { CaseKind, CheckContext, CheckViolation, NamedCheck, ViolationKind } from "./types.js";

export const CHECKS: readonly NamedCheck[] = [...EXCHANGE_CHECKS, statefulConsistency, ignoredAuth, unsupportedMethod, noLeftovers];

export const CHECK_NAMES: readonly string[] = CHECKS.map((c) => c.name);

/** The checks named in `--checks a,b` (all when empty); throws on a name that is not a check. */
export function selectChecks(names: readonly string[] | undefined): NamedCheck[] {
  if (!names || names.length === 0) return [...CHECKS];
  const unknown = names.filter((n) => !CHECK_NAMES.includes(n));
  if (unknown.length) throw new RangeError(`unknown check${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the checks are ${CHECK_NAMES.join(", ")}`);
  return CHECKS.filter((c) => names.includes(c.name));
}
