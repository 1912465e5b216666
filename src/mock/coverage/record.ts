/**
 * Scenario coverage, one answer at a time: which documented status and named example the mock
 * served for an operation, and how the answer came about. Nothing else of the request or the
 * answer (no key, body or header value) is ever part of a record.
 */
import type { Context } from "../context.js";

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

/** The record of one answered request, from the stage that answered it; undefined outside the contract. */
export function coverageRecord(ctx: Context, status: number): CoverageRecord | undefined {
  const op = ctx.match?.op;
  if (!op || ctx.runtime.mode !== "mock") return undefined;
  const via: AnswerSource =
    ctx.answeredBy === "overrides" ? "override" : ctx.injected !== undefined && ctx.answeredBy === "mockAnswer" ? "fault" : ctx.asked && ctx.answeredBy === "mockAnswer" ? "prefer" : "answer";
  const example = ctx.answeredBy === "mockAnswer" ? servedExample(ctx, status) : undefined;
  return { operationId: op.operationId, status, ...(example !== undefined ? { example } : {}), via };
}

/** The named example Prism served: the one asked for, or the first the contract lists; none when generated. */
function servedExample(ctx: Context, status: number): string | undefined {
  if (ctx.runtime.options.dynamic || ctx.steering.mock.dynamic) return undefined;
  const response = ctx.match?.op.responses.find((r) => r.status === String(status));
  const names = Object.keys(response?.examples ?? {});
  const asked = ctx.steering.mock.exampleKey;
  return asked !== undefined && names.includes(asked) ? asked : names[0];
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
