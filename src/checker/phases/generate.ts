/**
 * Phase `generate`: cases per operation and kind (positive, negative: one rule broken each,
 * exploratory), drawn by fast-check from the run's seed, safe operations first and revoking ones
 * last, each sent and judged. What failed is kept, once per operation, kind, rule and check, for
 * the shrink phase.
 */
import fc from "fast-check";
import { hashSeed } from "../../mock/faults.js";
import { caseArbitrary, negativeRules, type Case } from "../cases.js";
import type { CheckedOperation } from "../model.js";
import type { RunState } from "../state.js";
import type { Recorded } from "../types.js";

export type GeneratedKind = "positive" | "negative" | "exploratory";

export interface Failing {
  op: CheckedOperation;
  kind: GeneratedKind;
  ruleIndex: number;
  runs: number;
  check: string;
  first: Recorded;
  count: number;
}

/** A seed per operation and kind, from the run's seed: adding an operation does not change the others' requests. */
export function seedFor(seed: number, operationId: string, kind: string): number {
  return hashSeed(`${operationId}:${kind}`, seed) | 0;
}

export async function generate(state: RunState): Promise<Failing[]> {
  const { fuzz, seed, writes } = state.settings;
  const failing = new Map<string, Failing>();
  for (const op of state.operations) {
    if (!op.safe && !writes) {
      state.skipped.push(`${op.operationId}: writes (${op.method}); run with --writes to check it on keys the run makes itself`);
      continue;
    }
    for (const kind of ["positive", "negative", "exploratory"] as const) {
      // Negative cases: each rule in turn, so that every rule is tried, ~fuzz cases in all.
      const rules = kind === "negative" ? negativeRules(op) : [undefined];
      const perRule = Math.max(1, Math.ceil(fuzz / Math.max(1, rules.length)));
      for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
        const arbitrary = caseArbitrary(op, kind, state.sources, ruleIndex);
        if (!arbitrary) {
          if (kind === "positive" && op.parameters.some((p) => p.in === "path")) state.skipped.push(`${op.operationId}: positive cases, as no link gave an id`);
          continue;
        }
        const runs = kind === "negative" ? perRule : fuzz;
        const cases = fc
          .sample(arbitrary, { seed: seedFor(seed, op.operationId, `${kind}${ruleIndex}`), numRuns: runs * 10 })
          .filter((c): c is Case => c !== undefined)
          .slice(0, runs);
        const seen = new Set<string>();
        for (const c of cases) {
          const signature = JSON.stringify(c.request);
          if (seen.has(signature) && !(op.method === "DELETE" && kind === "positive")) continue;
          seen.add(signature);
          const result = await state.execute(op, c);
          for (const outcome of result.outcomes.filter((o) => o.violations.length)) {
            const key = `${op.operationId}\0${kind}\0${ruleIndex}\0${outcome.check}`;
            const known = failing.get(key);
            if (known) known.count++;
            else failing.set(key, { op, kind, ruleIndex, runs, check: outcome.check, first: result, count: 1 });
          }
        }
      }
    }
  }
  return [...failing.values()];
}
