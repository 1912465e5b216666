/**
 * `POST /__mock/overrides` and `DELETE /__mock/overrides`: the HTTP door's way to force an answer,
 * for tests that drive a browser against the server (Playwright, Cypress). An override is the JSON
 * `{ operationId, status, body, headers?, times?, unchecked? }`, checked against the closed contract
 * as in process, and held for the caller's session (`X-Mock-Session`) only.
 */
import { closedContractOf } from "../../contract/closedDocument.js";
import { errorAnswer, type MockAnswer } from "../answer.js";
import type { Context } from "../context.js";
import { sessionOf } from "../options.js";
import { checkOverride, OffContractAnswerError } from "../overrides.js";
import { readJsonBody } from "./body.js";

const FIELDS = new Set(["operationId", "status", "body", "headers", "times", "unchecked"]);

/** The override a request's JSON asks for, or why it is not one. */
function overrideFields(value: unknown): { operationId: string; status: number; body?: unknown; headers?: Record<string, string>; times?: number; unchecked?: boolean } | string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "the body must be a JSON object";
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !FIELDS.has(name));
  if (unknown !== undefined) return `unknown field ${JSON.stringify(unknown)} (allowed: ${[...FIELDS].join(", ")})`;
  const { operationId, status, headers, times, unchecked } = fields;
  if (typeof operationId !== "string") return "operationId must be a string";
  if (typeof status !== "number") return "status must be a number";
  if (headers !== undefined && (headers === null || typeof headers !== "object" || Array.isArray(headers))) return "headers must be an object of strings";
  if (times !== undefined && typeof times !== "number") return "times must be a number";
  if (unchecked !== undefined && typeof unchecked !== "boolean") return "unchecked must be true or false";
  return {
    operationId,
    status,
    ...(Object.hasOwn(fields, "body") ? { body: fields["body"] } : {}),
    ...(headers !== undefined ? { headers: headers as Record<string, string> } : {}),
    ...(times !== undefined ? { times } : {}),
    ...(unchecked !== undefined ? { unchecked } : {}),
  };
}

export async function overrideRoute(ctx: Context): Promise<MockAnswer> {
  const { request, runtime } = ctx;
  const session = sessionOf(request.headers);
  if (request.method === "DELETE") {
    request.discardBody();
    const all = new URLSearchParams(request.search).get("all") === "true";
    runtime.overrides.clear(all ? undefined : session);
    return { status: 200, body: { success: true, data: { cleared: all ? "all sessions" : session } } };
  }
  if (request.method !== "POST") return errorAnswer(405, `Method ${request.method} is not allowed on ${request.path}: use POST or DELETE`, { allow: "POST, DELETE" });
  const read = await readJsonBody(request, runtime.maxBodyBytes);
  if ("answer" in read) return read.answer;
  if (read.value === undefined) return errorAnswer(400, "Invalid override: send { operationId, status, body } as JSON");
  const fields = overrideFields(read.value);
  if (typeof fields === "string") return errorAnswer(400, `Invalid override: ${fields}`);
  const { operationId, times, unchecked, ...answer } = fields;
  try {
    const override = checkOverride(closedContractOf(runtime.contract), operationId, answer, { ...(times !== undefined ? { times } : {}), ...(unchecked ? { unchecked } : {}) });
    runtime.overrides.add(override, session);
  } catch (error) {
    if (error instanceof OffContractAnswerError || error instanceof RangeError) return errorAnswer(400, error.message);
    throw error;
  }
  return { status: 201, body: { success: true, data: { operationId, status: answer.status, session, ...(times !== undefined ? { times } : {}) } } };
}
