/**
 * Phase `shrink`: per failing check, fast-check draws again with the same seed and shrinks what it
 * finds to the smallest request that still fails that check. Timing failures are not shrunk: a
 * slow or silent server would make shrinking wait on every try.
 */
import fc from "fast-check";
import { caseArbitrary } from "../cases.js";
import type { RunState } from "../state.js";
import type { Recorded } from "../types.js";
import { seedFor, type Failing } from "./generate.js";

export interface Shrunk extends Failing {
  smallest: Recorded;
  shrunk: boolean;
}

const UNSHRUNK = new Set(["response_time", "answer_received"]);

export async function shrink(state: RunState, failing: readonly Failing[]): Promise<Shrunk[]> {
  const out: Shrunk[] = [];
  for (const f of failing) {
    const arbitrary = caseArbitrary(f.op, f.kind, state.sources, f.ruleIndex);
    let smallest: Recorded = f.first;
    let shrunk = false;
    if (arbitrary && !UNSHRUNK.has(f.check)) {
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (c) => {
          if (!c) return true;
          const r = await state.execute(f.op, c);
          if (r.outcomes.some((o) => o.check === f.check && o.violations.length)) {
            smallest = r;
            return false;
          }
          return true;
        }),
        { seed: seedFor(state.settings.seed, f.op.operationId, `${f.kind}${f.ruleIndex}`), numRuns: f.runs * 10 },
      );
      shrunk = details.failed && details.numShrinks > 0;
    }
    out.push({ ...f, smallest, shrunk });
  }
  return out;
}
