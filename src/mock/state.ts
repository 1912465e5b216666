/**
 * The stateful mode's in-memory store: what a real server would keep, per session.
 * Each session starts from the contract's list example; create assigns the next id and returns
 * the full value once, keeping only its redacted form.
 */
import type { Contract } from "../contract/contract.js";

/** `bytes` random bytes as hex, from Web Crypto (Node and browsers alike). */
function randomHex(bytes: number): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface StoredKey {
  id: number;
  valid: boolean;
  /** Always the redacted form: 15 '*' and the last 6 characters. */
  value: string;
  created_at: string;
  name?: string | null;
  lastUsed?: string | null;
}

export interface StoreAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Sessions kept at once; the least recently used is dropped beyond this. */
export const MAX_SESSIONS = 1000;
/** Keys kept per session; create answers 429 beyond this, as a real server would limit. */
export const MAX_KEYS_PER_SESSION = 10_000;
/**
 * What a session's keys may weigh, as their JSON (names have no length limit but the body's
 * 64 KiB): create answers 429 beyond it. A list of a full session serializes within it.
 */
export const MAX_SESSION_BYTES = 1024 * 1024;
/** What every session together may weigh: past it the least recently used sessions are dropped. */
export const MAX_STORE_BYTES = 64 * 1024 * 1024;

const weight = (key: StoredKey): number => JSON.stringify(key).length;
const full = (error: string): StoreAnswer => ({ status: 429, body: { success: false, error }, headers: { "retry-after": "60" } });

const redact = (value: string): string => `${"*".repeat(15)}${value.slice(-6)}`;
const notFound = (id: number): StoreAnswer => ({ status: 404, body: { success: false, error: `API key ${id} not found` } });

/** Revoked keys a session remembers, to refuse them; past this the oldest is forgotten (and then accepted, as a key the mock never issued). */
export const MAX_REVOKED_PER_SESSION = 100;

/** Why a key the mock issued is refused, if it is. */
export type Refusal = "deactivated" | "revoked";

class Session {
  readonly keys = new Map<number, StoredKey>();
  /**
   * The full values of the keys this session created, by value: kept in memory only, never in an
   * answer, so that a key the mock issued and then deactivated or revoked stops working when it is
   * sent as CONFIDENT_API_KEY (as the API refuses a deactivated key).
   */
  private readonly issued = new Map<string, number>();
  private readonly revoked = new Set<string>();
  /** What each key was charged against the budget when it was made, and its full value if this session issued it. */
  private readonly ledger = new Map<number, { bytes: number; value?: string }>();
  /** What the keys weigh, as JSON. */
  bytes = 0;
  private nextId: number;

  constructor(seed: readonly StoredKey[], issued: ReadonlyMap<number, string> = new Map()) {
    for (const key of seed) this.keys.set(key.id, { ...key });
    for (const key of seed) {
      const value = issued.get(key.id);
      this.ledger.set(key.id, { bytes: weight(key), ...(value !== undefined ? { value } : {}) });
      if (value !== undefined) this.issued.set(value, key.id);
    }
    this.bytes = seed.reduce((n, k) => n + weight(k), 0);
    this.nextId = Math.max(0, ...seed.map((k) => k.id)) + 1;
  }

  list(): StoreAnswer {
    return { status: 200, body: { success: true, data: { apiKeys: [...this.keys.values()].map((k) => ({ ...k })) } } };
  }

  get(id: number): StoreAnswer {
    const key = this.keys.get(id);
    return key ? { status: 200, body: { success: true, data: { apiKey: { ...key } } } } : notFound(id);
  }

  create(name: string, room: (bytes: number) => boolean): StoreAnswer {
    if (this.keys.size >= MAX_KEYS_PER_SESSION) return full(`This mock keeps at most ${MAX_KEYS_PER_SESSION} keys per session: revoke some, or reset`);
    const value = `confident_org_${randomHex(16)}`;
    const key: StoredKey = { id: this.nextId, valid: true, value: redact(value), created_at: new Date().toISOString(), name, lastUsed: null };
    // The key as listed, and its full value as remembered (to refuse it once deactivated).
    const bytes = weight(key) + value.length;
    if (this.bytes + bytes > MAX_SESSION_BYTES) return full(`This mock keeps at most ${MAX_SESSION_BYTES} bytes of keys per session (this one holds ${this.bytes}): revoke some, or reset`);
    if (!room(bytes)) return full(`This mock's store is full (${MAX_STORE_BYTES} bytes across sessions): reset it (POST /__mock/reset?all=true)`);
    this.nextId++;
    this.bytes += bytes;
    this.keys.set(key.id, key);
    this.issued.set(value, key.id);
    this.ledger.set(key.id, { bytes, value });
    return { status: 200, body: { success: true, data: { apiKey: { ...key, value } } } };
  }

  /** Whether a key sent as the credential is one this session issued and then deactivated or revoked. */
  refusal(value: string): Refusal | undefined {
    if (this.revoked.has(value)) return "revoked";
    const id = this.issued.get(value);
    return id !== undefined && this.keys.get(id)?.valid === false ? "deactivated" : undefined;
  }

  update(id: number, valid: boolean): StoreAnswer {
    const key = this.keys.get(id);
    if (!key) return notFound(id);
    key.valid = valid;
    return { status: 200, body: { success: true, data: { apiKey: { ...key } } } };
  }

  revoke(id: number): StoreAnswer {
    const key = this.keys.get(id);
    if (!key) return notFound(id);
    this.keys.delete(id);
    const entry = this.ledger.get(id);
    this.ledger.delete(id);
    this.bytes -= entry?.bytes ?? weight(key);
    if (entry?.value !== undefined) {
      this.issued.delete(entry.value);
      this.revoked.add(entry.value);
      if (this.revoked.size > MAX_REVOKED_PER_SESSION) this.revoked.delete(this.revoked.values().next().value as string);
    }
    return { status: 200, body: { success: true, data: { id, deleted: true } } };
  }
}

export class KeyStore {
  private readonly sessions = new Map<string, Session>();
  private readonly seed: readonly StoredKey[];
  /** The full values of seed keys given in full, by id: each session issued them, so it refuses them once deactivated or revoked. */
  private readonly seedIssued = new Map<number, string>();

  /** `seed`: the keys every session starts with; a full value is kept redacted. */
  constructor(seed: readonly StoredKey[]) {
    for (const k of seed) if (!/^\*{15}/.test(k.value)) this.seedIssued.set(k.id, k.value);
    this.seed = seed.map((k) => ({ ...k, value: /^\*{15}/.test(k.value) ? k.value : redact(k.value) }));
  }

  /** What every session weighs together. */
  private get bytes(): number {
    let total = 0;
    for (const session of this.sessions.values()) total += session.bytes;
    return total;
  }

  private session(id: string): Session {
    let session = this.sessions.get(id);
    if (session) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.sessions.delete(id);
    } else {
      session = new Session(this.seed, this.seedIssued);
      if (this.sessions.size >= MAX_SESSIONS) this.dropOldest();
    }
    this.sessions.set(id, session);
    return session;
  }

  private dropOldest(): boolean {
    const oldest = this.sessions.keys().next().value;
    return oldest !== undefined && this.sessions.delete(oldest);
  }

  /** Makes room for `bytes` more in `current`, dropping the least recently used other sessions; false when even that is not enough. */
  private room(current: Session, bytes: number): boolean {
    let total = this.bytes;
    while (total + bytes > MAX_STORE_BYTES) {
      const [oldestId, oldest] = this.sessions.entries().next().value ?? [];
      if (oldestId === undefined || !oldest || oldest === current) return false;
      this.sessions.delete(oldestId);
      total -= oldest.bytes;
    }
    return true;
  }

  /** Why a session refuses a key sent as the credential, if it does (a fixture's keys given in full count as issued by it). */
  refusal(sessionId: string, value: string): Refusal | undefined {
    return this.session(sessionId).refusal(value);
  }

  /** A session's keys as list gives them (redacted copies); a session not made yet has the seed's. Makes no session. */
  keys(sessionId: string): StoredKey[] {
    return [...(this.sessions.get(sessionId)?.keys.values() ?? this.seed)].map((k) => ({ ...k }));
  }

  /** Forgets a session's changes: it starts again from the seed. */
  reset(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** Forgets every session. */
  resetAll(): void {
    this.sessions.clear();
  }

  /** Answers one validated request of an operation from the store. */
  handle(sessionId: string, operationId: string, apiKeyId: number | undefined, body: unknown): StoreAnswer | undefined {
    const session = this.session(sessionId);
    const id = apiKeyId ?? 0;
    switch (operationId) {
      case "listOrganizationApiKeys":
        return session.list();
      case "getOrganizationApiKey":
        return session.get(id);
      case "createOrganizationApiKey":
        return session.create((body as { name: string }).name, (bytes) => this.room(session, bytes));
      case "updateOrganizationApiKey":
        return session.update(id, (body as { valid: boolean }).valid);
      case "deleteOrganizationApiKey":
        return session.revoke(id);
      default:
        return undefined;
    }
  }
}

/**
 * A stateful fixture's keys, checked against the contract's `ApiKey` (a full value is checked as
 * its redacted form) and for unique ids; an error names the key and the field.
 */
export function fixtureKeys(contract: Contract, keys: readonly unknown[]): StoredKey[] {
  const ids = new Set<number>();
  return keys.map((key, index) => {
    const value = (key as { value?: unknown } | null)?.value;
    const asListed = typeof value === "string" && !/^\*{15}/.test(value) ? { ...(key as object), value: redact(value) } : key;
    const violations = contract.validateSchema("ApiKey", asListed);
    if (violations.length) throw new TypeError(`stateful.keys[${index}] is not an ApiKey of the contract: ${violations.map((v) => `${v.path || "(the key)"} ${v.message}`).join("; ")}`);
    const stored = key as StoredKey;
    if (ids.has(stored.id)) throw new TypeError(`stateful.keys[${index}]: id ${stored.id} appears twice`);
    ids.add(stored.id);
    return { ...stored };
  });
}

/** The keys of the contract's first list example: what every stateful session starts with. */
export function seedKeys(contract: Contract): StoredKey[] {
  const list = contract.operation("listOrganizationApiKeys").responses.find((r) => r.status === "200");
  const [example] = Object.values(list?.examples ?? {});
  return ((example as { data?: { apiKeys?: StoredKey[] } } | undefined)?.data?.apiKeys ?? []).map((k) => ({ ...k }));
}
