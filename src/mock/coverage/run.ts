/**
 * One coverage run, as both reporters (vitest's and Jest's) hold it: a directory the engines write
 * to, named to them by CONFIDENT_MOCK_COVERAGE_DIR, and at the end the matrix, printed, written,
 * and held against the required cells.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Contract, type OpenApiDocument } from "../../contract/contract.js";
import { loadContract } from "../../contract/spec.js";
import { formatMatrix, matrixJUnit, matrixMarkdown } from "./format.js";
import { coverageMatrix, requiredCells, unseenRequired, type CoverageCell, type CoverageMatrix } from "./matrix.js";
import { COVERAGE_DIR_ENV, readRecords } from "./sink.js";

export interface ScenarioCoverageOptions {
  /**
   * Cells the run must see, or it fails: `"401"` (every operation's), `"getOrganizationApiKey 404"`,
   * `"listOrganizationApiKeys 200 noKeys"`. Checked when the reporter is made.
   */
  require?: readonly string[];
  /** Where to write the matrix as JSON. Default `reports/scenario-coverage.json`; `false` for none. */
  outputFile?: string | false;
  /** Where to write it as Markdown (a CI summary, e.g. `process.env.GITHUB_STEP_SUMMARY`). */
  markdown?: string;
  /** Where to write it as JUnit XML. */
  junit?: string;
  /** Print the matrix at the end of the run. Default true. */
  print?: boolean;
  /** The contract the mock serves, if not the bundled one. */
  document?: OpenApiDocument;
}

export const DEFAULT_OUTPUT_FILE = join("reports", "scenario-coverage.json");

/** What a run ends with: the matrix, the required cells unseen, and the error that fails the run (if any). */
export interface CoverageOutcome {
  matrix: CoverageMatrix;
  missing: CoverageCell[];
  error: Error | undefined;
}

export class CoverageRun {
  private readonly contract: Contract;
  private readonly dir: string;
  private readonly own: boolean;

  constructor(private readonly options: ScenarioCoverageOptions = {}) {
    this.contract = options.document ? new Contract(options.document) : loadContract();
    // A requirement that names no cell stops the run now, not after it.
    const empty = coverageMatrix(this.contract, []);
    for (const requirement of options.require ?? []) requiredCells(empty, requirement);
    const outer = process.env[COVERAGE_DIR_ENV];
    this.own = !outer;
    this.dir = outer ?? mkdtempSync(join(tmpdir(), "confident-scenarios-"));
    process.env[COVERAGE_DIR_ENV] = this.dir;
    // A watch mode reruns into the same directory, so it goes when the test runner's process does.
    if (this.own) process.once("exit", () => this.close());
  }

  /** A new run (vitest's watch mode reruns): what the last one gathered is forgotten. */
  restart(): void {
    for (const name of readdirSync(this.dir)) if (name.endsWith(".ndjson")) rmSync(join(this.dir, name), { force: true });
  }

  /** The matrix of what the run's engines served; written where the options say, and printed with `print`. */
  finish(print: (text: string) => void): CoverageOutcome {
    const matrix = coverageMatrix(this.contract, readRecords(this.dir));
    const missing = unseenRequired(matrix, this.options.require ?? []);
    const required = new Set((this.options.require ?? []).flatMap((r) => requiredCells(matrix, r)));
    const outputFile = this.options.outputFile ?? DEFAULT_OUTPUT_FILE;
    if (outputFile !== false) write(outputFile, `${JSON.stringify({ ...matrix, required: [...required].map(cellId), missing: missing.map(cellId) }, null, 2)}\n`);
    if (this.options.markdown) write(this.options.markdown, matrixMarkdown(matrix, required));
    if (this.options.junit) write(this.options.junit, matrixJUnit(matrix, required));
    if (this.options.print !== false) print(`${formatMatrix(matrix, required)}\n`);
    const error = missing.length > 0 ? new Error(`Scenario coverage: ${missing.length} required answer(s) never shown to the UI: ${missing.map((c) => `${cellId(c)} (${c.scenario})`).join("; ")}`) : undefined;
    return { matrix, missing, error };
  }

  /** Removes the run's directory, if this run made it. */
  close(): void {
    if (this.own) {
      rmSync(this.dir, { recursive: true, force: true });
      delete process.env[COVERAGE_DIR_ENV];
    }
  }
}

/** A cell as a requirement names it: `getOrganizationApiKey 404`, `listOrganizationApiKeys 200 noKeys`. */
export const cellId = (c: CoverageCell): string => `${c.operationId} ${c.status}${c.example !== undefined ? ` ${c.example}` : ""}`;

function write(file: string, text: string): void {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
