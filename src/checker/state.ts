/**
 * What one run holds while its phases run: the target, the selected checks, the ids the server
 * gave (through links), what the run made and must revoke, every exchange judged, and what was not
 * run. Each phase takes it and adds to it; nothing else is shared between them.
 */
import type { Contract } from "../contract/contract.js";
import { FULL_KEY_PATTERN } from "../contract/secrets.js";
import type { Case, CaseSources, Sampler } from "./cases.js";
import { exchange, type CaseRequest, type Exchange, type Target } from "./exchange.js";
import { fillPath, isCollection, linkParams, requestFor, type CheckedOperation } from "./model.js";
import type { CaseKind, CheckContext, ExchangeCheck, KeyStandIn, NamedCheck, Origin, Recorded, RunCheckContext } from "./types.js";

export interface RunSettings {
  targetUrl: string;
  apiKey: string;
  writes: boolean;
  acceptsAnyKey: boolean;
  seed: number;
  fuzz: number;
  strict: boolean;
  maxResponseTimeMs: number;
  timeoutMs: number;
  maxBodyBytes: number;
  fetch: (request: Request) => Promise<Response>;
}

export class RunState {
  readonly byId: ReadonlyMap<string, CheckedOperation>;
  readonly exchangeChecks: readonly ExchangeCheck[];
  /** Ids the server gave, by the operation a link leads to. */
  private readonly pool = new Map<string, { params: Record<string, unknown>; origin?: Origin }[]>();
  /** What the run made, by the path that revokes it. */
  readonly toRevoke = new Map<string, { op: CheckedOperation; params: Record<string, unknown> }>();
  readonly revoked = new Set<string>();
  /** Things the run made whose ids it could not address exactly (so never revoked). */
  unaddressable = 0;
  readonly recorded: Recorded[] = [];
  readonly skipped: string[] = [];
  /** Full values of keys the run made: a report never carries them. */
  readonly secrets = new Set<string>();
  readonly sources: CaseSources;
  readonly idField: string;

  constructor(
    readonly contract: Contract,
    readonly closedContract: Contract,
    readonly operations: readonly CheckedOperation[],
    readonly checks: readonly NamedCheck[],
    readonly settings: RunSettings,
    readonly sample: Sampler,
  ) {
    this.byId = new Map(operations.map((op) => [op.operationId, op]));
    this.exchangeChecks = checks.filter((c): c is ExchangeCheck => c.scope === "exchange");
    this.sources = { sample, ids: (operationId) => this.pool.get(operationId) ?? [] };
    this.idField = idFieldOf(operations);
  }

  selected(scope: NamedCheck["scope"]): NamedCheck[] {
    return this.checks.filter((c) => c.scope === scope);
  }

  target(op: CheckedOperation | undefined, key?: KeyStandIn): Target {
    const { settings } = this;
    return { url: settings.targetUrl, apiKey: key?.value ?? settings.apiKey, keyHeader: op?.keyHeader, fetch: settings.fetch, limits: { timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes } };
  }

  /** Learns ids from a success answer through the operation's links; a write's are kept to revoke. */
  private learn(op: CheckedOperation, e: Exchange): void {
    if (e.status === undefined || e.status < 200 || e.status >= 300 || !e.isJson) return;
    let counted = false;
    for (const link of op.links) {
      const target = this.byId.get(link.operationId);
      if (!target) continue;
      const params = linkParams(link, e.json);
      if (Object.values(params).some((v) => v === undefined || v === null)) {
        // A write that made something the run cannot address exactly: it stays behind, and says so.
        if (!op.safe && target.method === "DELETE" && !counted) {
          this.unaddressable++;
          counted = true;
        }
        continue;
      }
      if (target.method === "DELETE" && !op.safe) this.toRevoke.set(fillPath(target.path, params), { op: target, params });
      const list = this.pool.get(target.operationId) ?? [];
      const origin = op.safe ? {} : { origin: { operationId: op.operationId, request: e.request, params } };
      if (!list.some((p) => JSON.stringify(p.params) === JSON.stringify(params))) list.push({ params, ...origin });
      this.pool.set(target.operationId, list);
    }
    if (!op.safe) for (const secret of (e.text ?? "").match(new RegExp(FULL_KEY_PATTERN.source, "g")) ?? []) this.secrets.add(secret);
  }

  /** Judges an exchange by the selected exchange checks. */
  judge(op: CheckedOperation, kind: CaseKind, e: Exchange, rule?: string, origin?: Origin): Recorded {
    const { contract, closedContract, settings } = this;
    const ctx: CheckContext = { contract, closedContract, operation: op, kind, apiKey: settings.apiKey, maxResponseTimeMs: settings.maxResponseTimeMs };
    const outcomes = this.exchangeChecks.map((c) => ({ check: c.name, violations: c.run(e, ctx) }));
    return { operation: op, kind, ...(rule ? { rule } : {}), ...(origin ? { origin } : {}), exchange: e, outcomes };
  }

  /** Sends a request of an operation, judges the answer, and learns from it. */
  async send(op: CheckedOperation, kind: CaseKind, request: CaseRequest, rule?: string, origin?: Origin, key?: KeyStandIn | null, judged = true): Promise<Recorded> {
    const sent = key === null ? { ...request, withKey: false } : key ? { ...request, withKey: true, keyShown: key.shown } : request;
    const e = await exchange(this.target(op, key ?? undefined), sent);
    this.learn(op, e);
    if (op.method === "DELETE" && e.status !== undefined && e.status < 300) this.revoked.add(sent.path);
    const result: Recorded = judged ? this.judge(op, kind, e, rule, origin) : { operation: op, kind, ...(origin ? { origin } : {}), exchange: e, outcomes: [], offContract: true };
    this.recorded.push(result);
    return result;
  }

  /** The operation that makes what `op` addresses (create, for revoke), through its links. */
  private producerOf(op: CheckedOperation): CheckedOperation | undefined {
    return this.operations.find((p) => !p.safe && p.links.some((l) => l.operationId === op.operationId));
  }

  /** Makes one of the run's own through a producer's link to `op`: its ids, and what made it. */
  async makeFor(op: CheckedOperation, kind: CaseKind = "positive"): Promise<{ origin: Origin; recorded: Recorded } | undefined> {
    const producer = this.producerOf(op);
    if (!producer) return undefined;
    const body = producer.body ? this.sample(producer.body.schema, `${this.settings.seed}:fresh:${this.revoked.size}`) : undefined;
    const made = await this.send(producer, kind, requestFor(producer, {}, body));
    const link = producer.links.find((l) => l.operationId === op.operationId);
    if (!link || !made.exchange.isJson) return undefined;
    const params = linkParams(link, made.exchange.json);
    if (Object.values(params).some((v) => v === undefined || v === null)) return undefined; // no exact id: nothing to revoke
    return { origin: { operationId: producer.operationId, request: made.exchange.request, params }, recorded: made };
  }

  /** A generated case, sent: a revoking positive case gets a key of its own first. */
  async execute(op: CheckedOperation, c: Case): Promise<Recorded> {
    if (op.method === "DELETE" && c.kind === "positive") {
      const fresh = await this.makeFor(op);
      if (fresh) return this.send(op, c.kind, { ...c.request, path: fillPath(op.path, fresh.origin.params) }, undefined, fresh.origin);
    }
    return this.send(op, c.kind, c.request, c.rule, c.origin);
  }

  /** The ids every collection lists, or why they could not be read. */
  async snapshot(): Promise<{ ids: unknown[]; unreadable?: string }> {
    const ids: unknown[] = [];
    for (const op of this.operations.filter(isCollection)) {
      const e = (await this.send(op, "positive", requestFor(op))).exchange;
      if (e.status === undefined || e.status < 200 || e.status >= 300 || !e.isJson) {
        return { ids, unreadable: `${op.operationId} answered ${e.status ?? e.failure ?? "nothing"}${e.status !== undefined && !e.isJson ? ", not JSON" : ""}` };
      }
      for (const id of idsIn(e.json, this.idField)) ids.push(id);
    }
    return { ids };
  }

  /** What the run checks get: requests of their own, and keys the run makes (and cleans up). */
  runCheckContext(): RunCheckContext {
    const revoking = this.operations.find((op) => op.method === "DELETE");
    return {
      operations: this.operations,
      writes: this.settings.writes,
      acceptsAnyKey: this.settings.acceptsAnyKey,
      seed: this.settings.seed,
      sample: this.sample,
      send: (op, request, options = {}) => this.send(op, "probe", request, undefined, options.origin, options.key, options.judged),
      ids: (operationId) => (this.pool.get(operationId) ?? []).map((p) => p.params),
      make: async () => {
        if (!this.settings.writes || !revoking) return undefined;
        const made = await this.makeFor(revoking, "probe");
        if (!made) return undefined;
        const secret = FULL_KEY_PATTERN.exec(made.recorded.exchange.text ?? "")?.[0];
        return { recorded: made.recorded, params: made.origin.params, origin: made.origin, secret };
      },
      skip: (reason) => void this.skipped.push(reason),
    };
  }
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
