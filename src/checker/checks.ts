/**
 * The contract checks, runnable against any server: the same rules the mock is held to.
 * Read-only by default; with `writes`, a throwaway key is created, read, updated and revoked,
 * and revoked in any case at the end.
 */
import type { Contract, Violation } from "../contract.js";
import { API_KEY_HEADER } from "../client.js";
import { ApiKeysRedirectError, fetchWithinOrigin } from "../redirects.js";

export interface CheckOptions {
  /** Base URL of the server, e.g. https://staging.example.com */
  target: string;
  /** An organization API key for the target. Never printed. */
  apiKey: string;
  /** Also create, update and revoke a throwaway key. */
  writes?: boolean;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface CheckResult {
  /** What the check asserts, e.g. "a missing key gives 401". */
  name: string;
  operationId: string;
  request: { method: string; path: string; body?: unknown };
  /** The status received, or undefined when the request failed. */
  status: number | undefined;
  violations: Violation[];
  /** Why the check did not run, when it did not. */
  skipped?: string;
  ms: number;
}

export interface CheckReport {
  target: string;
  writes: boolean;
  results: CheckResult[];
  /** Total violations across all checks. */
  violations: number;
}

const COLLECTION = "/v1/organization/api-keys";
const item = (id: number | string): string => `${COLLECTION}/${id}`;
/** The largest integer JSON carries exactly: no real organization has a key with this id. */
const UNKNOWN_ID = 9007199254740991;

interface Answer {
  status: number | undefined;
  body: unknown;
  headers: Record<string, string>;
  error?: string;
  /** What failed, when no answer came: "request", or "redirect" for a redirect to another origin. */
  errorPath?: string;
}

export async function runContractChecks(contract: Contract, options: CheckOptions): Promise<CheckReport> {
  const target = options.target.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const results: CheckResult[] = [];

  async function send(method: string, path: string, body: unknown, withKey: boolean, prefer?: string): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (prefer) headers["prefer"] = prefer;
    if (withKey) headers[API_KEY_HEADER] = options.apiKey;
    if (body !== undefined) headers["content-type"] = "application/json";
    try {
      const request = new Request(`${target}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Redirects are followed within the target's origin only: the key never goes elsewhere.
      const response = await fetchWithinOrigin((input) => doFetch(input), request);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        // kept as text; reported below
      }
      return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) };
    } catch (error) {
      if (error instanceof ApiKeysRedirectError) return { status: undefined, body: undefined, headers: {}, error: error.message, errorPath: "redirect" };
      const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `request failed (${(error as Error).message})`;
      return { status: undefined, body: undefined, headers: {}, error: reason };
    }
  }

  /** Sends one request and checks the answer against the contract (and an expected status, if any). */
  async function check(
    name: string,
    operationId: string,
    request: { method: string; path: string; body?: unknown; withKey?: boolean; prefer?: string },
    expectStatus?: number,
    extra?: (answer: Answer) => Violation[],
  ): Promise<Answer> {
    const started = performance.now();
    const answer = await send(request.method, request.path, request.body, request.withKey ?? true, request.prefer);
    const violations: Violation[] = [];
    if (answer.status === undefined) {
      violations.push({ path: answer.errorPath ?? "request", message: answer.error ?? "request failed" });
    } else {
      if (expectStatus !== undefined && answer.status !== expectStatus) {
        violations.push({ path: "status", message: `expected ${expectStatus}, got ${answer.status}` });
      }
      if (typeof answer.body === "string") {
        violations.push(...contract.validateNonJsonResponse(operationId, answer.status, `: ${JSON.stringify(answer.body.slice(0, 80))}`));
      } else {
        violations.push(...contract.validateResponse(operationId, answer.status, answer.body, answer.headers));
      }
      if (extra && answer.status === expectStatus) violations.push(...extra(answer));
    }
    results.push({
      name,
      operationId,
      request: { method: request.method, path: request.path, ...(request.body !== undefined ? { body: request.body } : {}) },
      status: answer.status,
      violations,
      ms: Math.round(performance.now() - started),
    });
    return answer;
  }

  function skip(name: string, operationId: string, method: string, path: string, why: string): void {
    results.push({ name, operationId, request: { method, path }, status: undefined, violations: [], skipped: why, ms: 0 });
  }

  const dataOf = (answer: Answer): Record<string, unknown> | undefined => {
    const data = (answer.body as { data?: unknown } | undefined)?.data;
    return data && typeof data === "object" ? (data as Record<string, unknown>) : undefined;
  };

  // --- read-only ---
  const list = await check("list answers 200 with every value redacted", "listOrganizationApiKeys", { method: "GET", path: COLLECTION }, 200);
  const keys = dataOf(list)?.["apiKeys"];
  const firstId = Array.isArray(keys) ? (keys[0] as { id?: unknown } | undefined)?.id : undefined;
  if (typeof firstId === "number" || typeof firstId === "string") {
    await check("get answers 200 for an id from the list", "getOrganizationApiKey", { method: "GET", path: item(firstId) }, 200);
  } else {
    skip("get answers 200 for an id from the list", "getOrganizationApiKey", "GET", item("{apiKeyId}"), "the list has no key to get");
  }
  await check("a missing key gives 401", "listOrganizationApiKeys", { method: "GET", path: COLLECTION, withKey: false }, 401);
  // A stateless mock cannot know that an id is unknown; `Prefer: code=404` lets it answer as a
  // server would. Servers ignore a preference they do not implement (RFC 7240).
  await check("an unknown id gives 404", "getOrganizationApiKey", { method: "GET", path: item(UNKNOWN_ID), prefer: "code=404" }, 404);
  const bad = await check("a bad body gives 400", "createOrganizationApiKey", { method: "POST", path: COLLECTION, body: { name: 5 } }, 400);
  const wronglyCreated = (dataOf(bad)?.["apiKey"] as { id?: unknown } | undefined)?.id;

  // --- writes ---
  let createdId: unknown = undefined;
  let revoked = false;
  try {
    if (options.writes) {
      const name = `contract check ${new Date().toISOString()}`;
      const created = await check("create answers 200 with the full value, once", "createOrganizationApiKey", { method: "POST", path: COLLECTION, body: { name } }, 200);
      const newKey = dataOf(created)?.["apiKey"] as { id?: unknown; value?: unknown } | undefined;
      createdId = newKey?.id;
      if (typeof createdId !== "number") {
        const steps = [["get", "getOrganizationApiKey"], ["update", "updateOrganizationApiKey"], ["revoke", "deleteOrganizationApiKey"]] as const;
        for (const [step, operationId] of steps) skip(`${step} the created key`, operationId, "-", item("{apiKeyId}"), "create gave no id");
      } else {
        const tail = typeof newKey?.value === "string" ? newKey.value.slice(-6) : undefined;
        const sameTail = (answer: Answer): Violation[] => {
          const value = (dataOf(answer)?.["apiKey"] as { value?: unknown } | undefined)?.value;
          return tail && typeof value === "string" && /^\*{15}/.test(value) && !value.endsWith(tail)
            ? [{ path: "/data/apiKey/value", message: `must end with the created key's last 6 characters` }]
            : [];
        };
        await check("get shows the created key, redacted to its last 6 characters", "getOrganizationApiKey", { method: "GET", path: item(createdId) }, 200, sameTail);
        await check("update deactivates the created key", "updateOrganizationApiKey", { method: "PUT", path: item(createdId), body: { valid: false } }, 200, (answer) => {
          const valid = (dataOf(answer)?.["apiKey"] as { valid?: unknown } | undefined)?.valid;
          return valid === false ? [] : [{ path: "/data/apiKey/valid", message: "must be false after deactivating" }];
        });
        const revoke = await check("revoke deletes the created key", "deleteOrganizationApiKey", { method: "DELETE", path: item(createdId) }, 200);
        revoked = revoke.status === 200;
      }
    }
  } finally {
    // Clean up after ourselves, whatever failed: the throwaway key, and a key a broken server
    // created from the bad body.
    for (const id of [revoked ? undefined : createdId, wronglyCreated]) {
      if (typeof id === "number") await send("DELETE", item(id), undefined, true);
    }
  }

  return { target, writes: Boolean(options.writes), results, violations: results.reduce((n, r) => n + r.violations.length, 0) };
}
