/**
 * Stage `body`: an operation that takes a body gets it read (within the size limit) and parsed as
 * JSON, or a 400 that says why; any other operation's body is let go unread.
 */
import { errorAnswer, type MockAnswer } from "../answer.js";
import { matched, type Context } from "../context.js";
import type { MockRequest } from "../request.js";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/** Why a body is not JSON the mock can use, or its value. */
export function parseJsonBody(bytes: Uint8Array, contentType: string | undefined): { value: unknown } | { error: string } | undefined {
  if (bytes.byteLength === 0) return undefined;
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!JSON_TYPE.test(type)) return { error: `Content-Type must be application/json, got ${type ? JSON.stringify(type) : "none"}` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { error: "Malformed request body: it is not valid UTF-8" };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `Malformed JSON in request body: ${(error as Error).message}` };
  }
}

/**
 * Reads a request's JSON body within the runtime's limit: its value (undefined for no body), or the
 * 400 that says why not (a body too large or unreadable also closes the connection).
 */
export async function readJsonBody(request: MockRequest, limit: number): Promise<{ value: unknown } | { answer: MockAnswer }> {
  const raw = await request.readBody(limit);
  if (raw.kind === "tooLarge") return { answer: { ...errorAnswer(400, `Request body too large: the limit is ${limit} bytes`), close: true } };
  if (raw.kind === "unreadable") return { answer: { ...errorAnswer(400, "The request body could not be read"), close: true } };
  const parsed = parseJsonBody(raw.bytes, request.headers["content-type"]);
  if (parsed && "error" in parsed) return { answer: errorAnswer(400, parsed.error) };
  return { value: parsed?.value };
}

export async function body(ctx: Context): Promise<MockAnswer | undefined> {
  const { request, runtime } = ctx;
  if (!matched(ctx).op.hasRequestBody) {
    request.discardBody();
    return undefined;
  }
  const read = await readJsonBody(request, runtime.maxBodyBytes);
  if ("answer" in read) return read.answer;
  if (read.value !== undefined) ctx.body = read.value;
  return undefined;
}
