/**
 * `contract --target`: the checks run against a live server, driven by the contract, in phases:
 * a snapshot of the collections (with --writes); `generate` (cases per operation and kind, each
 * judged by the exchange checks); `shrink` (each failure to its smallest request); `sequences`
 * along the links (with --writes), judged by the sequence checks; the run checks' probes;
 * `cleanup` of every key the run made, and a last snapshot; the run checks over the evidence; the
 * report. Only the selected checks run.
 */
import { closedContractOf } from "../contract/closedDocument.js";
import type { Contract } from "../contract/contract.js";
import type { PrismOperations } from "../prism/variant.js";
import { selectChecks } from "./checks.js";
import { leftoversOf, MAX_LISTED } from "./checks/leftovers.js";
import { coverageOf, type CoverageRow } from "./coverage.js";
import { toCurl } from "./curl.js";
import type { CaseRequest } from "./exchange.js";
import { CHECK_DEFAULTS } from "./defaults.js";
import { checkedOperations, type CheckedOperation } from "./model.js";
import { cleanup } from "./phases/cleanup.js";
import { generate } from "./phases/generate.js";
import { runSequences, stepLines } from "./phases/sequences.js";
import { shrink } from "./phases/shrink.js";
import { reproduction } from "./reproduction.js";
import { RunState } from "./state.js";
import type { CaseKind, CheckViolation, LeftoverEvidence, NamedCheck, Recorded, RunCheck, RunFinding, SequenceCheck, ViolationKind } from "./types.js";

export { seedFor } from "./phases/generate.js";
export { idFieldOf, idsIn } from "./state.js";

export interface CheckOptions {
  /** Base URL of the server, e.g. https://staging.example.com */
  target: string;
  /** An organization API key for the target. Never printed. */
  apiKey: string;
  /** Also send requests that write: creates, updates and revokes of keys the run makes itself, and stateful sequences. */
  writes?: boolean;
  /** The target takes any key, as the mock does: ignored_auth sends no unknown or malformed key. */
  acceptsAnyKey?: boolean;
  /** Generated requests per operation and kind. Default 5. */
  fuzz?: number;
  /** Seed for the generated requests: the same seed sends the same requests. Default: random, and reported. */
  seed?: number;
  /** Names of the checks to run (default: all). */
  checks?: readonly string[];
  /** Warnings (undocumented properties) fail the run too. */
  strict?: boolean;
  /** Slowest acceptable answer. Default 5000 ms. */
  maxResponseTimeMs?: number;
  /** Per-request limit on the whole exchange. Default 10 s. */
  timeoutMs?: number;
  /** Largest answer read. Default 1 MiB. */
  maxBodyBytes?: number;
  fetch?: (request: Request) => Promise<Response>;
}

export { CHECK_DEFAULTS } from "./defaults.js";

export interface Failure {
  check: string;
  severity: "error" | "warning";
  operationId: string;
  kind: CaseKind;
  rule?: string;
  /** What was wrong, typed: `kind` says what, `message` says it to a person. */
  violations: CheckViolation[];
  /** The violations' messages, in order. */
  messages: string[];
  /** How many exchanges failed this check the same way. */
  count: number;
  status?: number;
  /** The smallest request fast-check found that still fails the check. */
  request: CaseRequest;
  /** Whether `request` was shrunk from the first failing one. */
  shrunk: boolean;
  curl: string;
}

export interface CheckReport {
  target: string;
  writes: boolean;
  strict: boolean;
  seed: number;
  fuzz: number;
  checks: string[];
  exchanges: number;
  failures: Failure[];
  warnings: Failure[];
  /** Operations, kinds or probes not run, and why. */
  skipped: string[];
  /** Each stateful sequence: what made the resource, each step's outcome, and what failed (the exchanges are in the failures). */
  sequences: { producer: string; steps: string[]; failures: string[] }[];
  /** With --writes: keys listed before and after the run, and any the run left behind. */
  leftovers?: {
    before: number;
    after: number;
    /** The first of the ids the run left behind (at most 20), and how many there are. */
    left: unknown[];
    leftCount: number;
    /** False when a list could not be read before or after the run (then nothing can be said of leftovers). */
    verified: boolean;
    /** Why not, when not. */
    unverifiedBecause?: string;
  };
  coverage: CoverageRow[];
  /** True when nothing failed (warnings count with --strict). */
  passed: boolean;
}

export type { Recorded } from "./types.js";

const ORDER: Record<string, number> = { GET: 0, HEAD: 0, POST: 1, PUT: 2, PATCH: 2, DELETE: 3 };

/** Every string in a value with each secret replaced: a report never carries the key, nor a key the run made. */
export function scrub<T>(value: T, apiKey: string, made: Iterable<string> = []): T {
  const secrets = [...(apiKey ? [[apiKey, "[the API key]"]] : []), ...[...made].map((s) => [s, "[a key the run made]"])] as [string, string][];
  if (secrets.length === 0) return value;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" ? secrets.reduce((text, [secret, shown]) => text.split(secret).join(shown), v) : v))) as T;
}

export async function runContractChecks(contract: Contract, prismOperations: PrismOperations, options: CheckOptions): Promise<CheckReport> {
  const { sampleSchema } = await (await import("../prism/importPrism.js")).importPrism();
  const operations = checkedOperations(contract, prismOperations).sort((a, b) => (ORDER[a.method] ?? 1) - (ORDER[b.method] ?? 1));
  const checks = selectChecks(options.checks);
  const state = new RunState(
    contract,
    closedContractOf(contract),
    operations,
    checks,
    {
      targetUrl: options.target.replace(/\/+$/, ""),
      apiKey: options.apiKey,
      writes: Boolean(options.writes),
      acceptsAnyKey: Boolean(options.acceptsAnyKey),
      seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
      fuzz: options.fuzz ?? CHECK_DEFAULTS.fuzz,
      strict: Boolean(options.strict),
      maxResponseTimeMs: options.maxResponseTimeMs ?? CHECK_DEFAULTS.maxResponseTimeMs,
      timeoutMs: options.timeoutMs ?? CHECK_DEFAULTS.timeoutMs,
      maxBodyBytes: options.maxBodyBytes ?? CHECK_DEFAULTS.maxBodyBytes,
      fetch: options.fetch ?? ((request: Request) => fetch(request)),
    },
    sampleSchema,
  );
  const { writes } = state.settings;
  const failures: Failure[] = [];
  const fail = (check: string, f: Omit<Failure, "check" | "severity" | "messages">): void => {
    failures.push({ check, severity: checks.find((c) => c.name === check)?.severity ?? "error", ...f, messages: f.violations.map((v) => v.message) });
  };
  const fromRecorded = (check: string, r: Recorded, kind: CaseKind, count: number, shrunk: boolean, violations = r.outcomes.find((o) => o.check === check)?.violations ?? []): void =>
    fail(check, {
      operationId: r.operation.operationId,
      kind,
      ...(r.rule ? { rule: r.rule } : {}),
      violations,
      count,
      ...(r.exchange.status !== undefined ? { status: r.exchange.status } : {}),
      request: r.exchange.request,
      shrunk,
      curl: reproductionOf(state, r.operation, r.exchange.request, r),
    });

  const before = writes ? await state.snapshot() : { ids: [] };
  // Generated cases and sequences are sent only for a check that judges them.
  const judging = state.exchangeChecks.length > 0;
  if (judging) for (const f of await shrink(state, await generate(state))) fromRecorded(f.check, f.smallest, f.kind, f.count, f.shrunk);

  const traces = writes && (judging || state.selected("sequence").length > 0) ? await runSequences({ operations, send: (op, kind, request) => state.send(op, kind, request), sample: sampleSchema, seed: state.settings.seed, idField: state.idField }) : [];
  const sequenceFailures = traces.map(() => [] as string[]);
  traces.forEach((trace, i) => {
    for (const { recorded: r } of trace.steps) for (const o of r.outcomes.filter((x) => x.violations.length)) fromRecorded(o.check, r, "sequence", 1, false);
    for (const check of state.selected("sequence") as SequenceCheck[]) {
      for (const { recorded, violation } of check.run(trace)) {
        fromRecorded(check.name, recorded, "sequence", 1, false, [violation]);
        sequenceFailures[i]?.push(violation.message);
      }
    }
  });

  const runChecks = state.selected("run") as RunCheck[];
  const context = state.runCheckContext();
  const report = (check: RunCheck, findings: RunFinding[]): void => {
    for (const f of findings) {
      if (f.recorded) for (const o of f.recorded.outcomes.filter((x) => x.violations.length)) fromRecorded(o.check, f.recorded, "probe", 1, false);
      fail(check.name, {
        operationId: f.operation.operationId,
        kind: check.when === "end" ? "sequence" : "probe",
        violations: f.violations,
        count: f.count ?? 1,
        ...(f.recorded?.exchange.status !== undefined ? { status: f.recorded.exchange.status } : {}),
        request: f.request,
        shrunk: false,
        curl: f.recorded ? reproductionOf(state, f.operation, f.request, f.recorded) : toCurl(state.settings.targetUrl, f.request, f.operation.keyHeader),
      });
    }
  };
  for (const check of runChecks.filter((c) => c.when === "probe")) report(check, await check.run(context));

  let evidence: LeftoverEvidence | undefined;
  if (writes) {
    evidence = await cleanup(state, before);
    for (const check of runChecks.filter((c) => c.when === "end")) report(check, await check.run({ ...context, leftovers: evidence }));
  }

  const errors = failures.filter((f) => f.severity === "error");
  const warnings = failures.filter((f) => f.severity === "warning");
  const result: CheckReport = {
    target: state.settings.targetUrl,
    writes,
    strict: state.settings.strict,
    seed: state.settings.seed,
    fuzz: state.settings.fuzz,
    checks: checks.map((c) => c.name),
    exchanges: state.recorded.length,
    failures: errors,
    warnings,
    skipped: state.skipped,
    // Not the exchanges themselves: a hostile server's answers would make the report as large as they are.
    sequences: traces.map((t, i) => ({ producer: t.producer.operationId, steps: stepLines(t), failures: sequenceFailures[i] ?? [] })),
    ...(evidence ? { leftovers: leftoverSummary(evidence) } : {}),
    coverage: coverageOf(operations, state.recorded),
    passed: errors.length === 0 && (!state.settings.strict || warnings.length === 0),
  };
  return scrub(result, options.apiKey, state.secrets);
}

function leftoverSummary(evidence: LeftoverEvidence): NonNullable<CheckReport["leftovers"]> {
  const { left, unverifiedBecause } = leftoversOf(evidence);
  return { before: evidence.before.ids.length, after: evidence.after.ids.length, left: left.slice(0, MAX_LISTED), leftCount: left.length, verified: !unverifiedBecause, ...(unverifiedBecause ? { unverifiedBecause } : {}) };
}

function reproductionOf(state: RunState, operation: CheckedOperation, request: CaseRequest, r: Recorded): string {
  return reproduction({ targetUrl: state.settings.targetUrl, operation, request, origin: r.origin, byId: state.byId, idField: state.idField });
}

/** Whether a failure is of a kind: for tests and reporters that sort failures without reading messages. */
export const hasKind = (failure: Pick<Failure, "violations">, kind: ViolationKind): boolean => failure.violations.some((v) => v.kind === kind);

export type { NamedCheck };
