/** The coverage matrix written out: for a terminal, as Markdown (a CI summary), and as JUnit XML. */
import { terminalSafe, xmlText } from "../../escape.js";
import type { CoverageCell, CoverageMatrix } from "./matrix.js";

const cellName = (c: CoverageCell): string => `${c.status}${c.example !== undefined ? ` ${c.example}` : ""}`;

function byOperation(matrix: CoverageMatrix): CoverageCell[][] {
  const groups = new Map<string, CoverageCell[]>();
  for (const cell of matrix.cells) (groups.get(cell.operationId) ?? groups.set(cell.operationId, []).get(cell.operationId))?.push(cell);
  return [...groups.values()];
}

/** The matrix for a terminal: each operation, each cell seen (and how) or unseen (and what would produce it). */
export function formatMatrix(matrix: CoverageMatrix, required: ReadonlySet<CoverageCell> = new Set()): string {
  const width = Math.max(...matrix.cells.map((c) => cellName(c).length));
  const lines = [`Scenario coverage: ${matrix.seen} of ${matrix.total} documented answers seen`];
  for (const cells of byOperation(matrix)) {
    const [first] = cells;
    if (!first) continue;
    lines.push("", `${first.operationId}  ${first.method} ${first.path}`);
    for (const c of cells) {
      const name = (c.example === undefined ? cellName(c) : `  ${cellName(c)}`).padEnd(width + 2);
      lines.push(c.seen ? `  seen    ${name}  (${c.via.join(", ")})` : `  ${required.has(c) ? "MISSING" : "unseen "} ${name}  ${c.scenario}  or  Prefer: ${c.prefer}`);
    }
  }
  return terminalSafe(lines.join("\n"));
}

const md = (text: string): string => text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);

/** The matrix as a Markdown summary (for `$GITHUB_STEP_SUMMARY`). */
export function matrixMarkdown(matrix: CoverageMatrix, required: ReadonlySet<CoverageCell> = new Set()): string {
  const lines = [`## Scenario coverage: ${matrix.seen} of ${matrix.total} documented answers seen`];
  for (const cells of byOperation(matrix)) {
    const [first] = cells;
    if (!first) continue;
    lines.push("", `### ${md(first.operationId)} (${first.method} ${md(first.path)})`, "", "| status | example | seen | how to produce it |", "|---|---|---|---|");
    for (const c of cells) {
      const seen = c.seen ? `yes (${c.via.join(", ")})` : required.has(c) ? "**missing (required)**" : "no";
      lines.push(`| ${c.status} | ${c.example !== undefined ? md(c.example) : ""} | ${seen} | \`${c.scenario.replace(/`/g, "'")}\` |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The matrix as JUnit XML: a suite per operation, a case per cell; unseen is skipped, or a failure when required. */
export function matrixJUnit(matrix: CoverageMatrix, required: ReadonlySet<CoverageCell> = new Set()): string {
  const suites = byOperation(matrix).map((cells) => {
    const name = cells[0]?.operationId ?? "";
    const cases = cells.map((c) => {
      const open = `    <testcase classname="${xmlText(name)}" name="${xmlText(cellName(c))}">`;
      if (c.seen) return `${open}</testcase>`;
      const hint = xmlText(`not seen: ${c.scenario} or Prefer: ${c.prefer}`);
      return required.has(c) ? `${open}<failure message="${hint}"/></testcase>` : `${open}<skipped message="${hint}"/></testcase>`;
    });
    const failures = cells.filter((c) => !c.seen && required.has(c)).length;
    const skipped = cells.filter((c) => !c.seen && !required.has(c)).length;
    return `  <testsuite name="${xmlText(name)}" tests="${cells.length}" failures="${failures}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scenario coverage" tests="${matrix.total}">\n${suites.join("\n")}\n</testsuites>\n`;
}
