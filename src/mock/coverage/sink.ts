/**
 * The cross-process collector: under a coverage reporter's run, every engine (in any vitest or Jest
 * worker) appends each distinct record once, as a JSON line, to a file of its own in the directory
 * the reporter named in CONFIDENT_MOCK_COVERAGE_DIR; the reporter reads them all at the end.
 */
import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { ANSWER_SOURCES, type AnswerSource, type CoverageRecord, type CoverageSink } from "./record.js";

/** The directory a reporter gathers the run's records in; the engines read it when they are built. */
export const COVERAGE_DIR_ENV = "CONFIDENT_MOCK_COVERAGE_DIR";

let files = 0;
/** A sink writing to `dir`, a file for this engine; a record it has written once is not written again. Never throws. */
export function fileSink(dir: string): CoverageSink {
  const file = join(dir, `${process.pid}-${threadId}-${++files}-${Math.random().toString(36).slice(2, 8)}.ndjson`);
  const written = new Set<string>();
  return {
    record(record) {
      const line = JSON.stringify(record);
      if (written.has(line)) return;
      written.add(line);
      try {
        appendFileSync(file, `${line}\n`);
      } catch {
        // The run's directory is gone (the reporter finished): coverage is best effort, answers are not.
      }
    },
  };
}

/** The sink of the coverage run this process is part of, if any. */
export function envCoverageSink(): CoverageSink | undefined {
  const dir = process.env[COVERAGE_DIR_ENV];
  return dir ? fileSink(dir) : undefined;
}

/** The most records read from one run's directory, and the largest file read. */
export const MAX_RECORDS = 100_000;
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** One line as a record, or undefined when it is not one (a torn write, anything else). */
export function parseRecord(line: string): CoverageRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const { operationId, status, example, via } = value as Record<string, unknown>;
  if (typeof operationId !== "string" || operationId.length > 200) return undefined;
  if (typeof status !== "number" || !Number.isInteger(status)) return undefined;
  if (example !== undefined && (typeof example !== "string" || example.length > 200)) return undefined;
  if (!ANSWER_SOURCES.includes(via as AnswerSource)) return undefined;
  return { operationId, status, ...(example !== undefined ? { example } : {}), via: via as AnswerSource };
}

/** Every record the run's engines wrote to `dir` (bounded). */
export function readRecords(dir: string): CoverageRecord[] {
  const records: CoverageRecord[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ndjson"))) {
    const path = join(dir, name);
    if (statSync(path).size > MAX_FILE_BYTES) continue;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const record = line ? parseRecord(line) : undefined;
      if (record) records.push(record);
      if (records.length >= MAX_RECORDS) return records;
    }
  }
  return records;
}
