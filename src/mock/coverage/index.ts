/**
 * `confident-org-api-keys/coverage`: which of the API's documented answers a test run showed the
 * UI. The reporters (vitest here, Jest at `/coverage/jest`), and the matrix as data.
 */
export { ScenarioCoverageReporter, ScenarioCoverageReporter as default } from "./vitest.js";
export { CoverageRun, DEFAULT_OUTPUT_FILE, cellId, type CoverageOutcome, type ScenarioCoverageOptions } from "./run.js";
export { coverageMatrix, requiredCells, unseenRequired, type CoverageCell, type CoverageMatrix } from "./matrix.js";
export { formatMatrix, matrixJUnit, matrixMarkdown } from "./format.js";
export { COVERAGE_DIR_ENV, fileSink, readRecords } from "./sink.js";
export type { AnswerSource, CoverageRecord, CoverageSink } from "./record.js";
