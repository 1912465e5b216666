/**
 * `contract --target`: the checks run against a live server, driven by the contract. In order:
 * a snapshot of the collections (with --writes), generated cases per operation (positive,
 * negative, exploratory; safe operations first, revoking ones last), each failing check's request
 * shrunk by fast-check, stateful sequences along the links (with --writes), the clean-up of every
 * key the run made, and a last snapshot to prove it.
 */
import fc from "fast-check";
import { closedContractOf } from "../closedDocument.js";
import { Contract } from "../contract.js";
import { hashSeed } from "../mock/faults.js";
import type { PrismOperations } from "../mock/prismShared.js";
import { caseArbitrary, negativeRules, type Case, type CaseSources, type Origin } from "./cases.js";
import { selectChecks, type CaseKind, type CheckContext, type NamedCheck } from "./checks.js";
import { toCurl } from "./curl.js";
import { reproduction } from "./reproduction.js";
import { exchange, type CaseRequest, type Exchange, type Target } from "./exchange.js";
import { checkedOperations, fillPath, isCollection, linkParams, requestFor, type CheckedOperation } from "./model.js";
import { coverageOf, type CoverageRow } from "./coverage.js";
import { runSequences } from "./sequences.js";

export interface CheckOptions {
  /** Base URL of the server, e.g. https://staging.example.com */
  target: string;
  /** An organization API key for the target. Never printed. */
  apiKey: string;
  /** Also send requests that write: creates, updates and revokes of keys the run makes itself, and stateful sequences. */
  writes?: boolean;
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

export interface Failure {
  check: string;
  severity: "error" | "warning";
  operationId: string;
  kind: CaseKind;
  rule?: string;
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

/** The most leftover ids a report lists; the rest are counted. */
const MAX_LISTED = 20;

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
  /** Operations or kinds not run, and why. */
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

export interface Recorded {
  operation: CheckedOperation;
  kind: CaseKind;
  /** For a negative case: the rule it broke. */
  rule?: string;
  /** What made the resource the request's ids point to, when the run made it. */
  origin?: Origin;
  exchange: Exchange;
  outcomes: { check: string; messages: string[] }[];
}

const ORDER: Record<string, number> = { GET: 0, HEAD: 0, POST: 1, PUT: 2, PATCH: 2, DELETE: 3 };

/** Every string in a value with the key replaced: a report never carries it, even when the server hands it back. */
export function scrub<T>(value: T, apiKey: string): T {
  if (!apiKey) return value;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" ? v.split(apiKey).join("[the API key]") : v))) as T;
}

/** The contract closed to the fields it names (see checks.ts), compiled once per contract, not once per run. */

export async function runContractChecks(contract: Contract, prismOperations: PrismOperations, options: CheckOptions): Promise<CheckReport> {
  const { sampleSchema } = await import("../mock/prism.js");
  const operations = checkedOperations(contract, prismOperations).sort((a, b) => (ORDER[a.method] ?? 1) - (ORDER[b.method] ?? 1));
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const checks = selectChecks(options.checks);
  const closedContract = closedContractOf(contract);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const fuzz = options.fuzz ?? 5;
  const writes = Boolean(options.writes);
  const maxResponseTimeMs = options.maxResponseTimeMs ?? 5000;
  const targetUrl = options.target.replace(/\/+$/, "");
  const baseFetch = options.fetch ?? ((request: Request) => fetch(request));
  const targetFor = (op: CheckedOperation | undefined): Target => ({
    url: targetUrl,
    apiKey: options.apiKey,
    keyHeader: op?.keyHeader,
    fetch: baseFetch,
    limits: { timeoutMs: options.timeoutMs ?? 10_000, maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024 },
  });

  // Ids the server gave, by the operation a link leads to; and what to revoke at the end.
  const pool = new Map<string, { params: Record<string, unknown>; origin?: Origin }[]>();
  const toRevoke = new Map<string, { op: CheckedOperation; params: Record<string, unknown> }>();
  const revoked = new Set<string>();
  /** Things the run made whose ids it could not address exactly (so never revoked). */
  let unaddressable = 0;
  const recorded: Recorded[] = [];
  const skipped: string[] = [];

  function learn(op: CheckedOperation, e: Exchange): void {
    if (e.status === undefined || e.status < 200 || e.status >= 300 || !e.isJson) return;
    let counted = false;
    for (const link of op.links) {
      const target = byId.get(link.operationId);
      if (!target) continue;
      const params = linkParams(link, e.json);
      if (Object.values(params).some((v) => v === undefined || v === null)) {
        // A write that made something the run cannot address exactly: it stays behind, and says so.
        if (!op.safe && target.method === "DELETE" && !counted) {
          unaddressable++;
          counted = true;
        }
        continue;
      }
      if (target.method === "DELETE" && !op.safe) toRevoke.set(fillPath(target.path, params), { op: target, params });
      const list = pool.get(target.operationId) ?? [];
      const origin = op.safe ? {} : { origin: { operationId: op.operationId, request: e.request, params } };
      if (!list.some((p) => JSON.stringify(p.params) === JSON.stringify(params))) list.push({ params, ...origin });
      pool.set(target.operationId, list);
    }
  }

  const exchangeChecks = checks.filter((c): c is NamedCheck & { run: NonNullable<NamedCheck["run"]> } => c.run !== undefined);
  function judge(op: CheckedOperation, kind: CaseKind, e: Exchange, rule?: string, origin?: Origin): Recorded {
    const ctx: CheckContext = { contract, closedContract, operation: op, kind, apiKey: options.apiKey, maxResponseTimeMs };
    const outcomes = exchangeChecks.map((c) => ({ check: c.name, messages: c.run(e, ctx) }));
    return { operation: op, kind, ...(rule ? { rule } : {}), ...(origin ? { origin } : {}), exchange: e, outcomes };
  }

  /** Sends a request of an operation, checks the answer, and learns from it. */
  async function send(op: CheckedOperation, kind: CaseKind, request: CaseRequest, rule?: string, origin?: Origin): Promise<Recorded> {
    const e = await exchange(targetFor(op), request);
    learn(op, e);
    if (op.method === "DELETE" && e.status !== undefined && e.status < 300) revoked.add(request.path);
    const result = judge(op, kind, e, rule, origin);
    recorded.push(result);
    return result;
  }

  /** A revoking positive case needs a key of its own: one is made through the link that leads to it. */
  async function freshIdsFor(op: CheckedOperation): Promise<Origin | undefined> {
    const producer = operations.find((p) => !p.safe && p.links.some((l) => l.operationId === op.operationId));
    if (!producer) return undefined;
    const body = producer.body ? sampleSchema(producer.body.schema, `${seed}:fresh:${revoked.size}`) : undefined;
    const made = await send(producer, "positive", requestFor(producer, {}, body));
    const link = producer.links.find((l) => l.operationId === op.operationId);
    if (!link || !made.exchange.isJson) return undefined;
    const params = linkParams(link, made.exchange.json);
    if (Object.values(params).some((v) => v === undefined)) return undefined; // no exact id: nothing to revoke
    return { operationId: producer.operationId, request: made.exchange.request, params };
  }

  async function execute(op: CheckedOperation, c: Case): Promise<Recorded> {
    if (op.method === "DELETE" && c.kind === "positive") {
      const fresh = await freshIdsFor(op);
      if (fresh) return send(op, c.kind, { ...c.request, path: fillPath(op.path, fresh.params) }, undefined, fresh);
    }
    return send(op, c.kind, c.request, c.rule, c.origin);
  }

  const sources: CaseSources = { sample: sampleSchema, ids: (operationId) => pool.get(operationId) ?? [] };
  const idField = idFieldOf(operations);
  const collections = operations.filter(isCollection);
  /** The ids every collection lists, or why they could not be read (a status that is not 2xx, an answer that is not JSON). */
  const snapshot = async (): Promise<{ ids: unknown[]; unreadable?: string }> => {
    const ids: unknown[] = [];
    for (const op of collections) {
      const r = await send(op, "positive", requestFor(op));
      const e = r.exchange;
      if (e.status === undefined || e.status < 200 || e.status >= 300 || !e.isJson) {
        return { ids, unreadable: `${op.operationId} answered ${e.status ?? e.failure ?? "nothing"}${e.status !== undefined && !e.isJson ? ", not JSON" : ""}` };
      }
      for (const id of idsIn(e.json, idField)) ids.push(id);
    }
    return { ids };
  };
  const before = writes ? await snapshot() : { ids: [] };

  const failing = new Map<string, { op: CheckedOperation; kind: "positive" | "negative" | "exploratory"; ruleIndex: number; runs: number; check: string; first: Recorded; count: number }>();
  for (const op of operations) {
    if (!op.safe && !writes) {
      skipped.push(`${op.operationId}: writes (${op.method}); run with --writes to check it on keys the run makes itself`);
      continue;
    }
    for (const kind of ["positive", "negative", "exploratory"] as const) {
      // Negative cases: each rule in turn, so that every rule is tried, ~fuzz cases in all.
      const rules = kind === "negative" ? negativeRules(op) : [undefined];
      const perRule = Math.max(1, Math.ceil(fuzz / Math.max(1, rules.length)));
      for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
        const arbitrary = caseArbitrary(op, kind, sources, ruleIndex);
        if (!arbitrary) {
          if (kind === "positive" && op.parameters.some((p) => p.in === "path")) skipped.push(`${op.operationId}: positive cases, as no link gave an id`);
          continue;
        }
        const runs = kind === "negative" ? perRule : fuzz;
        const cases = fc
          .sample(arbitrary, { seed: seedFor(seed, op.operationId, `${kind}${ruleIndex}`), numRuns: runs * 10 })
          .filter((c): c is Case => c !== undefined)
          .slice(0, runs);
        const seen = new Set<string>();
        for (const c of cases) {
          const signature = JSON.stringify(c.request);
          if (seen.has(signature) && !(op.method === "DELETE" && kind === "positive")) continue;
          seen.add(signature);
          const result = await execute(op, c);
          for (const outcome of result.outcomes.filter((o) => o.messages.length)) {
            const key = `${op.operationId}\0${kind}\0${ruleIndex}\0${outcome.check}`;
            const known = failing.get(key);
            if (known) known.count++;
            else failing.set(key, { op, kind, ruleIndex, runs, check: outcome.check, first: result, count: 1 });
          }
        }
      }
    }
  }

  // Shrink: per failing check, fast-check looks again with the same seed and shrinks what it finds.
  const failures: Failure[] = [];
  for (const { op, kind, ruleIndex, runs, check, first, count } of failing.values()) {
    const arbitrary = caseArbitrary(op, kind, sources, ruleIndex);
    let smallest: Recorded = first;
    let shrunk = false;
    // Timing failures are not shrunk: a slow or silent server would make shrinking wait on every try.
    if (arbitrary && check !== "response_time" && check !== "answer_received") {
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (c) => {
          if (!c) return true;
          const r = await execute(op, c);
          if (r.outcomes.some((o) => o.check === check && o.messages.length)) {
            smallest = r;
            return false;
          }
          return true;
        }),
        { seed: seedFor(seed, op.operationId, `${kind}${ruleIndex}`), numRuns: runs * 10 },
      );
      shrunk = details.failed && details.numShrinks > 0;
    }
    failures.push(toFailure(check, op, kind, smallest, count, shrunk));
  }

  const sequences = writes ? await runSequences({ operations, send, sample: sampleSchema, seed, idField }) : [];
  for (const s of sequences) {
    for (const r of s.recorded) {
      for (const o of r.outcomes.filter((x) => x.messages.length)) failures.push(toFailure(o.check, r.operation, "sequence", r, 1, false));
    }
    for (const f of s.failures) failures.push({ ...toFailure("stateful_consistency", f.recorded.operation, "sequence", f.recorded, 1, false), messages: [f.message] });
  }

  // Clean up: every key the run made and did not revoke, whatever failed.
  for (const [path, { op, params }] of toRevoke) {
    if (revoked.has(path)) continue;
    await exchange(targetFor(op), requestFor(op, params));
    revoked.add(path);
  }
  let leftovers: CheckReport["leftovers"];
  if (writes) {
    const after = await snapshot();
    const listedBefore = new Set(before.ids.map((id) => JSON.stringify(id)));
    const left = after.ids.filter((id) => !listedBefore.has(JSON.stringify(id)));
    const unverifiedBecause = before.unreadable ? `before the run, ${before.unreadable}` : after.unreadable ? `after the run, ${after.unreadable}` : undefined;
    leftovers = { before: before.ids.length, after: after.ids.length, left: left.slice(0, MAX_LISTED), leftCount: left.length, verified: !unverifiedBecause, ...(unverifiedBecause ? { unverifiedBecause } : {}) };
    // Keys made whose ids could not be addressed exactly were never revoked: they stay behind.
    const made = toRevoke.size + unaddressable;
    const messages = unverifiedBecause
      ? made > 0
        ? [`the run made ${made} key(s) and cannot show it removed them: the list could not be read ${unverifiedBecause}`]
        : []
      : left.length
        ? [`${left.length} key(s) the run made are still listed after it revoked them: ${left.slice(0, MAX_LISTED).map((id) => JSON.stringify(id)).join(", ")}${left.length > MAX_LISTED ? `, and ${left.length - MAX_LISTED} more` : ""}`]
        : unaddressable > 0
          ? [`the run made ${unaddressable} key(s) whose ids it could not address exactly, so it could not revoke them`]
          : [];
    const collection = collections[0];
    if (messages.length && collection && checks.some((c) => c.name === "no_leftovers")) {
      const request = requestFor(collection);
      failures.push({
        check: "no_leftovers",
        severity: "error",
        operationId: collection.operationId,
        kind: "sequence",
        messages,
        count: Math.max(1, left.length),
        request,
        shrunk: false,
        curl: toCurl(targetUrl, request, collection.keyHeader),
      });
    }
  }

  const errors = failures.filter((f) => f.severity === "error");
  const warnings = failures.filter((f) => f.severity === "warning");
  const report: CheckReport = {
    target: targetUrl,
    writes,
    strict: Boolean(options.strict),
    seed,
    fuzz,
    checks: checks.map((c) => c.name),
    exchanges: recorded.length,
    failures: errors,
    warnings,
    skipped,
    // Not the exchanges themselves: a hostile server's answers would make the report as large as they are.
    sequences: sequences.map((s) => ({ producer: s.producer, steps: s.steps, failures: s.failures.map((f) => f.message) })),
    ...(leftovers ? { leftovers } : {}),
    coverage: coverageOf(operations, recorded),
    passed: errors.length === 0 && (!options.strict || warnings.length === 0),
  };
  return scrub(report, options.apiKey);

  function toFailure(check: string, op: CheckedOperation, kind: CaseKind, r: Recorded, count: number, shrunk: boolean): Failure {
    const named = checks.find((c) => c.name === check);
    return {
      check,
      severity: named?.severity ?? "error",
      operationId: op.operationId,
      kind,
      ...(r.rule ? { rule: r.rule } : {}),
      messages: r.outcomes.find((o) => o.check === check)?.messages ?? [],
      count,
      ...(r.exchange.status !== undefined ? { status: r.exchange.status } : {}),
      request: r.exchange.request,
      shrunk,
      curl: reproduction({ targetUrl, operation: op, request: r.exchange.request, origin: r.origin, byId, idField }),
    };
  }

}

/** A seed per operation and kind, from the run's seed: adding an operation does not change the others' requests. */
export function seedFor(seed: number, operationId: string, kind: string): number {
  return hashSeed(`${operationId}:${kind}`, seed) | 0;
}

/** The field links take ids from: the last segment of the first link's expression (`…/apiKey/id` → "id"). */
export function idFieldOf(operations: readonly CheckedOperation[]): string {
  const expression = operations.flatMap((op) => op.links.flatMap((l) => Object.values(l.parameters)))[0];
  return expression?.split("/").pop() ?? "id";
}

/** The value of `field` in every object of an answer: the ids a list holds, for the leftover check. */
export function idsIn(body: unknown, field: string): unknown[] {
  // Its own stack, not the call stack: an answer may be nested thousands of levels deep.
  const ids: unknown[] = [];
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (Object.hasOwn(record, field)) ids.push(record[field]);
      const rest = Object.entries(record).filter(([k]) => k !== field);
      for (let i = rest.length - 1; i >= 0; i--) stack.push(rest[i]?.[1]);
    }
  }
  return ids;
}
