/**
 * The request journal: what the mock received, in order, so that a test can check what the UI
 * sent ("PUT {valid: false} to key 12"). The key is never recorded, only whether one was sent.
 * Bounded: the oldest entries are dropped past MAX_JOURNAL_ENTRIES, and a body is kept only up to
 * MAX_JOURNAL_BODY_CHARACTERS of its JSON.
 */

export const MAX_JOURNAL_ENTRIES = 1_000;
export const MAX_JOURNAL_BODY_CHARACTERS = 4_096;

export interface JournalEntry {
  /** When the answer was given (ISO 8601). */
  at: string;
  method: string;
  path: string;
  /** The contract's operation, when the request matched one. */
  operationId?: string;
  /** Path parameters, decoded, e.g. `{ apiKeyId: "12" }`. */
  params: Record<string, string>;
  /** Query parameters, e.g. `{ all: "true" }`. */
  query: Record<string, string>;
  /** The parsed JSON body, or `{ truncated: true, characters }` past the cap. */
  body?: unknown;
  status: number;
  /** `X-Mock-Session`, or "default". */
  session: string;
  /** Whether a `CONFIDENT_API_KEY` header was sent (its value is never recorded). */
  withKey: boolean;
}

export interface JournalFilter {
  operationId?: string;
  session?: string;
  method?: string;
}

export class Journal {
  private readonly list: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.list.push(entry);
    if (this.list.length > MAX_JOURNAL_ENTRIES) this.list.splice(0, this.list.length - MAX_JOURNAL_ENTRIES);
  }

  /** The entries, oldest first, that match every field of `filter`. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    return this.list
      .filter((e) => (filter.operationId === undefined || e.operationId === filter.operationId) && (filter.session === undefined || e.session === filter.session) && (filter.method === undefined || e.method === filter.method.toUpperCase()))
      .map((e) => structuredClone(e));
  }

  clear(): void {
    this.list.length = 0;
  }
}

/** How deep a body the journal copies; a deeper one is noted, not kept (a request may nest 30,000 deep). */
export const MAX_JOURNAL_BODY_DEPTH = 64;

/**
 * A body as the journal keeps it: a copy, or `{ truncated: true }` when its JSON is over
 * MAX_JOURNAL_BODY_CHARACTERS or it nests deeper than MAX_JOURNAL_BODY_DEPTH. Sized with a walk
 * of its own stack that stops at the cap, so a hostile body costs no more than the cap.
 */
export function journalBody(body: unknown): unknown {
  if (body === undefined) return undefined;
  let characters = 0;
  const stack: [unknown, number][] = [[body, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_JOURNAL_BODY_DEPTH) return { truncated: true };
    if (node !== null && typeof node === "object") {
      characters += 2;
      for (const [key, value] of Object.entries(node)) {
        characters += Array.isArray(node) ? 1 : key.length + 4;
        stack.push([value, depth + 1]);
      }
    } else {
      characters += typeof node === "string" ? node.length + 2 : String(node).length;
    }
    if (characters > MAX_JOURNAL_BODY_CHARACTERS) return { truncated: true };
  }
  return structuredClone(body);
}
