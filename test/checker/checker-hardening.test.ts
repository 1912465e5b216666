// The checker against servers that answer to mislead it: ids that are not ids, answers nested or
// wide enough to overflow a recursive walker, control sequences and XML-forbidden characters in
// property names, a key in a header, and lists that cannot be read. Each run finishes with a
// report, writes to nothing it did not make, and says what it could not verify.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLValidator } from "fast-xml-parser";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { checkServer, render } from "../../src/checker/index.js";
import { SIZES } from "../support/sizes.js";

const KEY = "confident_org_HARDENINGTESTKEY000000000000000";
const FULL = "confident_org_0123456789abcdef0123456789abcdef";
const KEYS = [
  { id: 12, name: "CI/CD key", valid: true, value: "***************a1b2c3", created_at: "2024-12-01T10:00:00.000Z", lastUsed: null },
  { id: 13, name: "Staging", valid: true, value: "***************d4e5f6", created_at: "2024-12-02T10:00:00.000Z", lastUsed: null },
];

/** How the server answers: raw JSON text (so an id past 2^53 reaches the checker as the server wrote it), a status, headers. */
type Answer = { status?: number; text: string; headers?: Record<string, string> };
type Answers = (req: IncomingMessage) => Answer;

let server: Server | undefined;
const seen: string[] = [];

async function serve(answers: Answers): Promise<string> {
  seen.length = 0;
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => {
      const a = answers(req);
      res.writeHead(a.status ?? 200, { "content-type": "application/json", ...a.headers }).end(a.text);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const list = (apiKeys: unknown[] = KEYS): Answer => ({ text: JSON.stringify({ success: true, data: { apiKeys } }) });
const created = (id: string): Answer => ({ text: `{"success":true,"data":{"apiKey":{"id":${id},"name":"x","valid":true,"value":"${FULL}","created_at":"2024-12-03T10:00:00.000Z","lastUsed":null}}}` });
const notFound: Answer = { status: 404, text: '{"success":false,"error":"API key not found"}' };

/** A server that answers like the API, but create answers with `id` written as given. */
const creatingWith =
  (id: string): Answers =>
  (req) =>
    req.method === "POST" ? created(id) : req.url === "/v1/organization/api-keys" && req.method === "GET" ? list() : notFound;

const writes = (): string[] => seen.filter((line) => /^(PUT|DELETE|PATCH) /.test(line));

describe("ids the run did not make are never a target", () => {
  it.each([
    ['".."', "/v1/organization/"],
    ['"."', "/v1/organization/api-keys/"],
    ['""', "/v1/organization/api-keys/"],
    ['"a/b"', "/v1/organization/api-keys/a"],
  ])("a create that answers id %s sends no write outside the key's own path (never %s)", async (id, never) => {
    const target = await serve(creatingWith(id));
    const report = await checkServer({ target, apiKey: KEY, writes: true, fuzz: 2, seed: 1 });
    expect(writes().filter((line) => line.endsWith(` ${never}`) || line.endsWith(` ${never.replace(/\/$/, "")}`) || line.includes("/../") || /\/\.$/.test(line))).toEqual([]);
    expect(report.passed).toBe(false);
  });

  it("a create that answers an id past 2^53 gets no write to the id JSON.parse rounds it to, and the key is reported as left behind", async () => {
    const target = await serve(creatingWith("9007199254740993"));
    const report = await checkServer({ target, apiKey: KEY, writes: true, fuzz: 2, seed: 1 });
    expect(writes().filter((line) => line.includes("9007199254740992") || line.includes("9007199254740993"))).toEqual([]);
    expect(report.failures.find((f) => f.check === "no_leftovers")?.messages.join(" ")).toMatch(/could not address exactly, so it could not revoke them/);
  });
});

describe("answers that would overflow a recursive walker", () => {
  it.each([
    ["nested 2,000 arrays deep", `{"success":true,"data":{"apiKeys":${"[".repeat(2_000)}${"]".repeat(2_000)}}}`],
    [`of ${SIZES.hostileListItems} empty objects`, `{"success":true,"data":{"apiKeys":[${Array.from({ length: SIZES.hostileListItems }, () => "{}").join(",")}]}}`],
  ])("a list %s ends in a report, its failures listed and capped", async (_what, text) => {
    const target = await serve((req) => (req.method === "GET" && req.url === "/v1/organization/api-keys" ? { text } : notFound));
    const report = await checkServer({ target, apiKey: KEY, fuzz: 1, seed: 1, maxBodyBytes: 4 * 1024 * 1024 });
    const schema = report.failures.find((f) => f.check === "response_schema");
    expect(schema?.operationId).toBe("listOrganizationApiKeys");
    expect(schema?.messages.length).toBeLessThanOrEqual(102);
    for (const reporter of ["text", "json", "junit"] as const) expect(render(report, reporter).length).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});

describe("in its own process, with a deadline", () => {
  it("contract --target against an answer 2,000 arrays deep exits 1 with a report on stdout, within 20 s", async () => {
    const deep = `{"success":true,"data":{"apiKeys":${"[".repeat(2_000)}${"]".repeat(2_000)}}}`;
    const target = await serve((req) => (req.method === "GET" && req.url === "/v1/organization/api-keys" ? { text: deep } : notFound));
    const result = await promisify(execFile)(process.execPath, ["bin/confident-org-api-keys.js", "contract", "--target", target, "--fuzz", "1"], {
      env: { ...process.env, CONFIDENT_API_KEY: KEY },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stdout: "", signal: null }),
      (e: { code: number; stdout: string; signal: string | null }) => e,
    );
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 1, signal: null });
    expect(result.stdout).toMatch(/✖ response_schema: listOrganizationApiKeys/);
    expect(result.stdout).toMatch(/^FAILED: \d+ exchanges/m);
  }, 30_000);
});

describe("what an upstream controls, where the report is written", () => {
  const NAMES = ["\u001b]0;owned\u0007", "\u001b]52;c;ZXZpbA==\u0007", "\u001b[2J", "\u009b31m", "bell\u0007", "x\u0001y", "z\ufffe", "lone\ud800"];
  const hostileNames: Answers = (req) =>
    req.method === "GET" && req.url === "/v1/organization/api-keys" ? list([Object.fromEntries([...Object.entries(KEYS[0] ?? {}), ...NAMES.map((n) => [n, 1])])]) : notFound;

  it("reaches the text report with no control character of its own", async () => {
    const report = await checkServer({ target: await serve(hostileNames), apiKey: KEY, fuzz: 1, seed: 1, strict: true });
    const text = render(report, "text");
    expect(text).toMatch(/\\x1b\]0;owned\\x07/);
    // eslint-disable-next-line no-control-regex
    expect(text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)).toBeNull();
    expect(render(report, "json").match(/[\u007f-\u009f]/g)).toBeNull();
  });

  it("makes JUnit XML that an XML parser accepts", async () => {
    const report = await checkServer({ target: await serve(hostileNames), apiKey: KEY, fuzz: 1, seed: 1, strict: true });
    const junit = render(report, "junit");
    expect(XMLValidator.validate(junit)).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(junit.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g)).toBeNull();
  });
});

describe("a full key value in a header", () => {
  it.each(["x-debug-key", "set-cookie"])("in %s fails redaction", async (header) => {
    const target = await serve((req) => (req.method === "GET" && req.url === "/v1/organization/api-keys" ? { ...list(), headers: { [header]: `k=${FULL}` } } : notFound));
    const report = await checkServer({ target, apiKey: KEY, fuzz: 1, seed: 1 });
    expect(report.failures.find((f) => f.check === "redaction")?.messages.join(" ")).toContain(`the ${header} header carries a full key value`);
  });
});

describe("leftovers that cannot be verified", () => {
  it("are said to be unverified, and fail no_leftovers when the run made keys, when the list is not JSON", async () => {
    let made = 20;
    const target = await serve((req) => {
      if (req.method === "POST") return created(String(made++));
      if (req.method === "GET" && req.url === "/v1/organization/api-keys") return { text: "<h1>down</h1>", headers: { "content-type": "text/html" } };
      if (req.method === "DELETE") return { text: `{"success":true,"data":{"id":${Number(req.url?.split("/").pop())},"deleted":true}}` };
      return notFound;
    });
    const report = await checkServer({ target, apiKey: KEY, writes: true, fuzz: 2, seed: 1 });
    expect(report.leftovers).toMatchObject({ verified: false, unverifiedBecause: expect.stringMatching(/^before the run, listOrganizationApiKeys answered 200, not JSON/) });
    expect(render(report, "text")).toMatch(/Leftovers could not be verified: before the run/);
    expect(render(report, "text")).not.toMatch(/No leftovers/);
    expect(report.failures.find((f) => f.check === "no_leftovers")?.messages.join(" ")).toMatch(/the run made \d+ key\(s\) and cannot show it removed them/);
  });
});

describe("reports that a hostile server would grow", () => {
  it("stay small when the list grows by 8,000 ids the run did not make: the leftovers are counted, 20 listed", async () => {
    let lists = 0;
    const many = Array.from({ length: 8_000 }, (_, i) => ({ id: 1_000 + i }));
    let made = 20;
    const target = await serve((req) => {
      if (req.method === "POST") return created(String(made++));
      if (req.method === "GET" && req.url === "/v1/organization/api-keys") return lists++ === 0 ? list() : list([...KEYS, ...many]);
      if (req.method === "DELETE") return { text: `{"success":true,"data":{"id":${Number(req.url?.split("/").pop())},"deleted":true}}` };
      return notFound;
    });
    const report = await checkServer({ target, apiKey: KEY, writes: true, fuzz: 2, seed: 1 });
    expect(report.leftovers).toMatchObject({ leftCount: 8_000, verified: true });
    expect(report.leftovers?.left).toHaveLength(20);
    expect(report.failures.find((f) => f.check === "no_leftovers")?.messages.join(" ")).toMatch(/8000 key\(s\) .*, and 7980 more$/);
    for (const reporter of ["text", "json", "junit"] as const) expect(render(report, reporter).length).toBeLessThan(512 * 1024);
  }, 60_000);
});
