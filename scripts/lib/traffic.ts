/**
 * The traffic the load check and the benchmarks send: a realistic mix of the five operations,
 * optionally with the bad requests a frontend in development sends too. Each entry knows what
 * the contract allows as an answer, so every answer under load can be checked.
 */
import type { Request } from "autocannon";
import type { Contract } from "../../src/contract/contract.js";

const KEY = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORLOADTESTS00000000000" };
const JSON_KEY = { ...KEY, "content-type": "application/json" };

export interface TrafficEntry {
  name: string;
  /** The operation the request targets; undefined when no route matches (404/405). */
  operationId?: string;
  /** The status the answer must have. */
  status: number;
  request: Request;
}

export const GOOD_TRAFFIC: TrafficEntry[] = [
  { name: "list", operationId: "listOrganizationApiKeys", status: 200, request: { method: "GET", path: "/v1/organization/api-keys", headers: KEY } },
  { name: "get", operationId: "getOrganizationApiKey", status: 200, request: { method: "GET", path: "/v1/organization/api-keys/12", headers: KEY } },
  { name: "list", operationId: "listOrganizationApiKeys", status: 200, request: { method: "GET", path: "/v1/organization/api-keys", headers: KEY } },
  { name: "create", operationId: "createOrganizationApiKey", status: 200, request: { method: "POST", path: "/v1/organization/api-keys", headers: JSON_KEY, body: '{"name":"CI/CD key"}' } },
  { name: "update", operationId: "updateOrganizationApiKey", status: 200, request: { method: "PUT", path: "/v1/organization/api-keys/12", headers: JSON_KEY, body: '{"valid":false}' } },
  { name: "revoke", operationId: "deleteOrganizationApiKey", status: 200, request: { method: "DELETE", path: "/v1/organization/api-keys/12", headers: KEY } },
];

export const BAD_TRAFFIC: TrafficEntry[] = [
  { name: "missing key", operationId: "listOrganizationApiKeys", status: 401, request: { method: "GET", path: "/v1/organization/api-keys", headers: {} } },
  { name: "string id", operationId: "getOrganizationApiKey", status: 400, request: { method: "GET", path: "/v1/organization/api-keys/abc", headers: KEY } },
  { name: "wrong type", operationId: "createOrganizationApiKey", status: 400, request: { method: "POST", path: "/v1/organization/api-keys", headers: JSON_KEY, body: '{"name":5,"extra":true}' } },
  { name: "malformed JSON", operationId: "updateOrganizationApiKey", status: 400, request: { method: "PUT", path: "/v1/organization/api-keys/12", headers: JSON_KEY, body: '{"valid":' } },
  { name: "unknown route", status: 404, request: { method: "GET", path: "/v1/organization/api-key", headers: KEY } },
  { name: "wrong method", status: 405, request: { method: "PATCH", path: "/v1/organization/api-keys/12", headers: KEY } },
];

/** Whether an answer is one the contract allows for this entry; the reason if not. */
export function checkAnswer(contract: Contract, entry: TrafficEntry, status: number, body: string, headers: Record<string, unknown>): string | undefined {
  if (status !== entry.status) return `${entry.name}: status ${status}, expected ${entry.status}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${entry.name}: not JSON: ${body.slice(0, 80)}`;
  }
  const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  const violations = entry.operationId
    ? contract.validateResponse(entry.operationId, status, parsed, flat)
    : contract.validateSchema("ErrorResponse", parsed);
  return violations.length ? `${entry.name}: ${violations.map((v) => `${v.path} ${v.message}`).join("; ")}` : undefined;
}
