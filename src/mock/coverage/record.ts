/**
 * Scenario coverage, one answer at a time: which documented status and named example the mock
 * served for an operation, and how the answer came about. Nothing else of the request or the
 * answer (no key, body or header value) is ever part of a record.
 */

/** How an answer came about: the mock's own, steered with `Prefer`, an injected fault, or a test's override. */
export type AnswerSource = "answer" | "prefer" | "fault" | "override";
export const ANSWER_SOURCES: readonly AnswerSource[] = ["answer", "prefer", "fault", "override"];

export interface CoverageRecord {
  operationId: string;
  status: number;
  /** The contract's named example served, when the answer was one (not the store's, nor generated). */
  example?: string;
  via: AnswerSource;
}

/** Where an engine sends its records (a file per process under vitest or Jest, memory for the server). */
export interface CoverageSink {
  record(record: CoverageRecord): void;
}

/** A sink that keeps each distinct record once, in memory (the server's `--coverage`). */
export function memorySink(): CoverageSink & { records(): CoverageRecord[] } {
  const kept = new Map<string, CoverageRecord>();
  return {
    record(record) {
      const key = JSON.stringify(record);
      if (!kept.has(key)) kept.set(key, record);
    },
    records: () => [...kept.values()],
  };
}
