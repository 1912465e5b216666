/**
 * The scenario coverage matrix: every operation × documented status, and each status's named
 * examples, seen or not by a run's tests, with the `mockScenario(...)` and `Prefer` value that
 * would produce each cell. A pure function of the contract and the records.
 */
import type { Contract } from "../../contract/contract.js";
import type { AnswerSource, CoverageRecord } from "./record.js";

export interface CoverageCell {
  operationId: string;
  /** Upper case, e.g. "GET". */
  method: string;
  path: string;
  status: number;
  /** A named example of that status; absent: the status itself, however it was answered. */
  example?: string;
  seen: boolean;
  /** How the answers that covered it came about. */
  via: AnswerSource[];
  /** What produces it: `mockScenario({ code: 404 })` on the client. */
  scenario: string;
  /** The same as a request header value: `Prefer: code=404`. */
  prefer: string;
}

export interface CoverageMatrix {
  cells: CoverageCell[];
  seen: number;
  total: number;
}

const hints = (status: number, example?: string): Pick<CoverageCell, "scenario" | "prefer"> =>
  example === undefined
    ? { scenario: `mockScenario({ code: ${status} })`, prefer: `code=${status}` }
    : { scenario: `mockScenario({ code: ${status}, example: ${JSON.stringify(example)} })`, prefer: `code=${status}, example=${example}` };

export function coverageMatrix(contract: Contract, records: readonly CoverageRecord[]): CoverageMatrix {
  const vias = new Map<string, Set<AnswerSource>>();
  const note = (key: string, via: AnswerSource): void => void (vias.get(key) ?? vias.set(key, new Set()).get(key))?.add(via);
  for (const r of records) {
    note(`${r.operationId} ${r.status}`, r.via);
    if (r.example !== undefined) note(`${r.operationId} ${r.status} ${r.example}`, r.via);
  }
  const cells: CoverageCell[] = [];
  for (const op of contract.operations) {
    for (const response of op.responses) {
      const status = Number(response.status);
      if (!Number.isInteger(status)) continue; // "default", "4XX": no one status to steer to
      for (const example of [undefined, ...Object.keys(response.examples)]) {
        const seenVia = vias.get(example === undefined ? `${op.operationId} ${status}` : `${op.operationId} ${status} ${example}`);
        cells.push({
          operationId: op.operationId,
          method: op.method.toUpperCase(),
          path: op.path,
          status,
          ...(example !== undefined ? { example } : {}),
          seen: seenVia !== undefined,
          via: [...(seenVia ?? [])].sort(),
          ...hints(status, example),
        });
      }
    }
  }
  return { cells, seen: cells.filter((c) => c.seen).length, total: cells.length };
}

/**
 * Which cells a requirement names: `"401"` (that status of every operation that documents it),
 * `"getOrganizationApiKey 404"`, or `"listOrganizationApiKeys 200 noKeys"` (one example). Throws
 * on one that names no cell, so that a typo cannot pass as covered.
 */
export function requiredCells(matrix: CoverageMatrix, requirement: string): CoverageCell[] {
  const parts = requirement.trim().split(/\s+/);
  const [first, second, third] = parts;
  let picked: CoverageCell[] = [];
  if (parts.length === 1 && /^\d{3}$/.test(first ?? "")) picked = matrix.cells.filter((c) => c.example === undefined && c.status === Number(first));
  else if (parts.length === 2 && /^\d{3}$/.test(second ?? "")) picked = matrix.cells.filter((c) => c.example === undefined && c.operationId === first && c.status === Number(second));
  else if (parts.length === 3 && /^\d{3}$/.test(second ?? "")) picked = matrix.cells.filter((c) => c.operationId === first && c.status === Number(second) && c.example === third);
  if (picked.length === 0) {
    throw new RangeError(`The coverage requirement ${JSON.stringify(requirement)} names no documented cell: write "401", "getOrganizationApiKey 404" or "listOrganizationApiKeys 200 noKeys"`);
  }
  return picked;
}

/** The required cells a run did not see, each once, in the matrix's order. */
export function unseenRequired(matrix: CoverageMatrix, requirements: readonly string[]): CoverageCell[] {
  const wanted = new Set(requirements.flatMap((r) => requiredCells(matrix, r)));
  return matrix.cells.filter((c) => wanted.has(c) && !c.seen);
}
