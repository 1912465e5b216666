import { inject } from "vitest";
import { closedDocument } from "../../src/contract/closedDocument.js";
import { Contract } from "../../src/contract/contract.js";
import { createApiKeysClient, type ApiKeysClient } from "../../src/index.js";
import { loadDocument } from "../../src/contract/spec.js";
import type { Door } from "./doors.js";

/** Obviously fake; never a real key. */
export const FAKE_KEY = "confident_org_FAKEKEYFORTESTSONLY000000000000000";

export const mockUrl = (): string => inject("mockUrl");

/** The bundled contract closed to unnamed fields: what the mock promises to send, no more. */
export const closedContract = (): Contract => new Contract(closedDocument(loadDocument()));

/** A client of the shared mock server, of a server at `baseUrl`, or of a door. */
export function client(target: string | Door = mockUrl()): ApiKeysClient {
  if (typeof target === "string") return createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: target });
  return createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: target.baseUrl, fetch: (request) => target.fetch(request) });
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A request with full control over method, headers and body, for what the typed client won't send. */
export async function raw(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer>; key?: string | null; baseUrl?: string; door?: Door } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== null) headers["CONFIDENT_API_KEY"] = init.key ?? FAKE_KEY;
  const send = init.door?.fetch ?? fetch;
  const response = await send(`${init.door?.baseUrl ?? init.baseUrl ?? mockUrl()}${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A concrete path for an operation's template. */
export const concretePath = (template: string, id = 12): string => template.replace("{apiKeyId}", String(id));
