/** The coverage table: per operation, the statuses seen and each check's passes and failures. */
import type { CheckedOperation } from "./model.js";
import type { Recorded } from "./types.js";

export interface CoverageRow {
  operationId: string;
  /** Status → how many answers had it ("none" for no answer). */
  statuses: Record<string, number>;
  /** Check → exchanges it passed and failed. */
  checks: Record<string, { passed: number; failed: number }>;
  /** Exchanges by kind of case. */
  kinds: Record<string, number>;
}

export function coverageOf(operations: readonly CheckedOperation[], recorded: readonly Recorded[]): CoverageRow[] {
  return operations.map((op) => {
    const row: CoverageRow = { operationId: op.operationId, statuses: {}, checks: {}, kinds: {} };
    for (const r of recorded.filter((x) => x.operation.operationId === op.operationId && !x.offContract)) {
      const status = String(r.exchange.status ?? "none");
      row.statuses[status] = (row.statuses[status] ?? 0) + 1;
      row.kinds[r.kind] = (row.kinds[r.kind] ?? 0) + 1;
      for (const o of r.outcomes) {
        const cell = (row.checks[o.check] ??= { passed: 0, failed: 0 });
        if (o.violations.length) cell.failed++;
        else cell.passed++;
      }
    }
    return row;
  });
}
