// A small in-memory server of the organization API key endpoints, for testing the checker and
// the proxy against servers we control. With no breaks it follows the contract; each break makes
// it wrong in one distinct way.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
// The same fields as the mock's store; this server keeps full values, as a real one would.
import type { StoredKey } from "../../src/mock/state.js";

export type Break =
  | "leakInList" // list carries a full key value
  | "stringId" // get answers the id as a string
  | "missingField" // update answers without `created_at`, which the contract requires
  | "addedFields" // harmless new fields in a key, in `data` and in the revoke answer (not a break: the API may add fields)
  | "leakUnderOtherName" // get carries the full value under another field name
  | "leakUnderHostileName" // get carries the full value under a field named with terminal control sequences
  | "undocumentedStatus" // revoke answers 204
  | "wrongEnvelope" // 404 is { error: { message } }
  | "okWithoutKey" // a missing key still gets 200
  | "failUpdate" // update answers 500
  | "htmlNotFound" // 404 is an HTML page
  | "redacted14" // list redacts with 14 asterisks, not 15
  | "badCreatedAt" // get answers created_at as "yesterday"
  | "created201" // create answers 201
  | "notFoundSuccessTrue" // 404 says success: true
  | "tooManyWithoutRetryAfter" // a get of an id over 10^6 answers 429 without Retry-After
  | "serverErrorOnNegativeId" // a get of a negative id answers 500
  | "acceptsUnknownField" // create takes a body with a field the contract does not allow
  | "survivesRevoke" // revoke answers 200 and keeps the key
  | "echoesKeyOn404" // a 404 says which API key asked
  | "slowList" // list takes 300 ms
  | "acceptsAnyKey" // a key it never issued still gets 200
  | "deactivatedKeyWorks" // a key it issued and then deactivated still gets 200
  | "patchAccepted" // PATCH on a key answers 200, as PUT does, though the contract has no PATCH
  | "noAllowHeader" // a method the path lacks gets 405 without Allow
  | "hugeIdAccepted"; // an id above 2^53 - 1 reads as key 12

/** A field name that would retitle a terminal (OSC 0) and clear it (CSI 2J), were it printed raw. */
export const HOSTILE_NAME = "\u001b]0;owned\u0007\u001b[2J";

export interface Upstream {
  url: string;
  /** Ids currently stored. */
  ids(): number[];
  /** Every request that reached it, in order ("METHOD /path"), whatever it answered. */
  received(): string[];
  close(): Promise<void>;
}


export interface UpstreamOptions {
  /**
   * The organization keys it accepts, besides the valid keys it issued itself. Without a list, any
   * key is accepted but one it issued and that was deactivated (as the API's conventions say).
   */
  keys?: readonly string[];
}

const COLLECTION_METHODS = "GET, POST";
const KEY_METHODS = "GET, PUT, DELETE";

export async function startUpstream(breaks: Break[] = [], options: UpstreamOptions = {}): Promise<Upstream> {
  const broken = new Set(breaks);
  const store = new Map<number, StoredKey>();
  let nextId = 12;
  const add = (name: string, lastUsed: string | null): StoredKey => {
    const key = { id: nextId++, valid: true, value: `confident_org_${randomBytes(16).toString("hex")}`, created_at: new Date().toISOString(), name, lastUsed };
    store.set(key.id, key);
    return key;
  };
  add("CI/CD key", "2024-12-05T10:15:00.000Z");
  add("Staging dashboard", null);

  /** Fields a newer server might add: present only with the "addedFields" break. */
  const added = (fields: Record<string, unknown>): Record<string, unknown> => (broken.has("addedFields") ? fields : {});
  const stars = broken.has("redacted14") ? 14 : 15;
  const redacted = (k: StoredKey) => ({ ...k, value: `${"*".repeat(stars)}${k.value.slice(-6)}`, ...added({ scopes: ["read"] }) });
  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    if (body === undefined) return void res.writeHead(status).end();
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, message: string): void => send(res, status, { success: false, error: message });
  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    let text = "";
    for await (const chunk of req) text += String(chunk);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };

  const received: string[] = [];
  const server = createServer((req, res) => {
    received.push(`${req.method ?? "?"} ${req.url ?? "/"}`);
    void (async () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const idMatch = /^\/v1\/organization\/api-keys\/([^/]+)$/.exec(path);
      const isCollection = path === "/v1/organization/api-keys";
      if (!isCollection && !idMatch) return error(res, 404, "Not found");
      const sent = req.headers["confident_api_key"];
      if (!sent && !broken.has("okWithoutKey")) return error(res, 401, "Invalid API key");
      if (typeof sent === "string" && sent) {
        const issued = [...store.values()].find((k) => k.value === sent);
        if (issued && !issued.valid && !broken.has("deactivatedKeyWorks")) return error(res, 401, "Invalid API key: this key is deactivated");
        if (!issued && options.keys && !options.keys.includes(sent) && !broken.has("acceptsAnyKey")) return error(res, 401, "Invalid API key");
      }
      const allow = (methods: string): void => void res.writeHead(405, { "content-type": "application/json", ...(broken.has("noAllowHeader") ? {} : { allow: methods }) }).end(JSON.stringify({ success: false, error: "Method not allowed" }));
      if (isCollection && req.method !== "GET" && req.method !== "POST") return allow(COLLECTION_METHODS);
      if (isCollection && req.method === "GET") {
        if (broken.has("slowList")) await new Promise((resolve) => setTimeout(resolve, 300));
        const apiKeys = [...store.values()].map((k, i) => (i === 0 && broken.has("leakInList") ? k : redacted(k)));
        return send(res, 200, { success: true, data: { apiKeys, ...added({ total: apiKeys.length }) } });
      }
      if (isCollection && req.method === "POST") {
        const body = (await readJson(req)) as { name?: unknown } | undefined;
        if (typeof body?.name !== "string") return error(res, 400, "name must be a string");
        if (Object.keys(body).some((field) => field !== "name") && !broken.has("acceptsUnknownField")) return error(res, 400, "unknown field in body");
        return send(res, broken.has("created201") ? 201 : 200, { success: true, data: { apiKey: { ...add(body.name, null) }, ...added({ region: "us" }) } });
      }
      const method = req.method === "PATCH" && broken.has("patchAccepted") ? "PUT" : req.method;
      if (method !== "GET" && method !== "PUT" && method !== "DELETE") return allow(KEY_METHODS);
      const digits = idMatch?.[1] ?? "";
      if (!/^-?\d+$/.test(digits)) return error(res, 400, "apiKeyId must be an integer");
      const id = Number(digits) > Number.MAX_SAFE_INTEGER && broken.has("hugeIdAccepted") ? 12 : Number(digits);
      if (method === "GET" && id < 0 && broken.has("serverErrorOnNegativeId")) return error(res, 500, "Internal server error");
      if (method === "GET" && id > 1_000_000 && id <= Number.MAX_SAFE_INTEGER && broken.has("tooManyWithoutRetryAfter")) return error(res, 429, "Too many requests");
      const key = store.get(id);
      if (!key && broken.has("htmlNotFound")) return void res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>");
      if (!key) {
        if (broken.has("notFoundSuccessTrue")) return send(res, 404, { success: true, error: "API key not found" });
        if (broken.has("echoesKeyOn404")) return error(res, 404, `No key ${id} for the API key ${String(req.headers["confident_api_key"])}`);
        return broken.has("wrongEnvelope") ? send(res, 404, { error: { message: "API key not found" } }) : error(res, 404, "API key not found");
      }
      if (method === "GET") {
        const apiKey = { ...redacted(key), ...(broken.has("leakUnderOtherName") ? { secret: key.value } : {}), ...(broken.has("leakUnderHostileName") ? { [HOSTILE_NAME]: key.value } : {}), ...(broken.has("badCreatedAt") ? { created_at: "yesterday" } : {}) };
        return send(res, 200, { success: true, data: { apiKey: broken.has("stringId") ? { ...apiKey, id: String(id) } : apiKey } });
      }
      if (method === "PUT") {
        if (broken.has("failUpdate")) return error(res, 500, "Internal server error");
        const body = (await readJson(req)) as { valid?: unknown } | undefined;
        if (typeof body?.valid !== "boolean") return error(res, 400, "valid must be a boolean");
        if (Object.keys(body).some((field) => field !== "valid")) return error(res, 400, "unknown field in body");
        key.valid = body.valid;
        const { created_at: _created, ...withoutCreated } = redacted(key);
        return send(res, 200, { success: true, data: { apiKey: broken.has("missingField") ? withoutCreated : redacted(key) } });
      }
      if (!broken.has("survivesRevoke")) store.delete(id);
      return broken.has("undocumentedStatus") ? send(res, 204) : send(res, 200, { success: true, data: { id, deleted: true, ...added({ revokedBy: "api" }) } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ids: () => [...store.keys()],
    received: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
