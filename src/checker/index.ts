/** The checker's entry: a contract (the bundled one, or another) and its Prism reading, then the run. */
import { Contract, type OpenApiDocument } from "../contract/contract.js";
import type { PrismOperations } from "../prism/variant.js";
import { loadContract } from "../contract/spec.js";
import { loadPrismOperations } from "../prism/operations.js";
import { runContractChecks, type CheckOptions, type CheckReport } from "./run.js";

export { CHECKS, CHECK_NAMES, selectChecks, type NamedCheck, type CaseKind } from "./checks.js";
export { render, renderText, renderJunit, listChecks, coverageTable, REPORTERS, type Reporter } from "./report.js";
export type { CheckOptions, CheckReport, Failure } from "./run.js";

/** The bundled contract's Prism operations, read once: the cases' validators are compiled per schema object. */
let bundledOperations: PrismOperations | undefined;

/** Checks a server against the bundled contract, or against `document` when given. */
export async function checkServer(options: CheckOptions & { document?: OpenApiDocument }): Promise<CheckReport> {
  const { document, ...rest } = options;
  if (!document) return runContractChecks(loadContract(), (bundledOperations ??= loadPrismOperations() as PrismOperations), rest);
  const { getHttpOperationsFromSpec } = await (await import("../prism/importPrism.js")).importPrism();
  const operations = await getHttpOperationsFromSpec(structuredClone(document) as unknown as Parameters<typeof getHttpOperationsFromSpec>[0]);
  return runContractChecks(new Contract(document), operations, rest);
}
