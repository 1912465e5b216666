// The checker against a hostile server: an answer of 50 MB, one that never finishes, a redirect to
// another host, invalid UTF-8, the wrong content type, and a server that hands the key back. The
// run stays within its time limit and body cap, follows no redirect off the target, and never
// prints the key.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkServer, render } from "../../src/checker/index.js";

const KEY = "confident_org_HOSTILETESTKEY00000000000000000";
const root = fileURLToPath(new URL("../..", import.meta.url));
type Mode = "huge" | "endless" | "redirect" | "badUtf8" | "html" | "echo";

let hostile: Server;
let elsewhere: Server;
let hostileUrl: string;
let elsewhereUrl: string;
const mode = { current: "huge" as Mode };
const elsewhereSaw: Record<string, string | string[] | undefined>[] = [];

function writeHuge(res: ServerResponse, left: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  while (left > 0) {
    left -= chunk.length;
    if (!res.write(chunk)) return void res.once("drain", () => writeHuge(res, left));
  }
  res.end("}");
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  res.on("error", () => undefined);
  switch (mode.current) {
    case "huge":
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      return writeHuge(res, 50 * 1024 * 1024);
    case "endless": {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"success":true,');
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "redirect":
      return void res.writeHead(302, { location: `${elsewhereUrl}${req.url ?? "/"}` }).end();
    case "badUtf8":
      return void res.writeHead(200, { "content-type": "application/json" }).end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    case "html":
      return void res.writeHead(200, { "content-type": "text/html" }).end("<h1>Welcome</h1>");
    case "echo": {
      const key = String(req.headers["confident_api_key"] ?? "");
      return void res.writeHead(401, { "content-type": "application/json", "x-debug-key": key }).end(JSON.stringify({ success: false, error: `Invalid API key ${key}` }));
    }
  }
}

beforeAll(async () => {
  hostile = createServer(answer);
  elsewhere = createServer((req, res) => {
    elsewhereSaw.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" }).end('{"success":true,"data":{"apiKeys":[]}}');
  });
  await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hostile.closeAllConnections();
  elsewhere.closeAllConnections();
  await new Promise((resolve) => hostile.close(resolve));
  await new Promise((resolve) => elsewhere.close(resolve));
});

const CASES: [Mode, string, RegExp][] = [
  ["huge", "answer_received", /larger than 1048576 bytes/],
  ["endless", "answer_received", /no complete answer within 250 ms/],
  ["redirect", "answer_received", /redirected to .*not followed, so that the API key is never sent to another origin/],
  ["badUtf8", "json_envelope", /not valid UTF-8/],
  ["html", "json_envelope", /not JSON \(content-type text\/html/],
  ["echo", "no_key_echo", /the API key comes back in the body and the x-debug-key header/],
];

describe("against a hostile server", () => {
  it.each(CASES)("%s: the run fails %s, stays within its limits, and never prints the key", async (name, check, message) => {
    mode.current = name;
    const started = performance.now();
    // A quarter of a second per answer: the endless answer is cut at that, a dozen times (the run's
    // timeout is what is tested, not its default).
    const report = await checkServer({ target: hostileUrl, apiKey: KEY, fuzz: 1, seed: 1, timeoutMs: 250, maxBodyBytes: 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(30_000); // a dozen requests at 250 ms each, at most, and the rest
    const failure = report.failures.find((f) => f.check === check);
    expect(failure?.messages.join(" ")).toMatch(message);
    for (const reporter of ["text", "json", "junit"] as const) expect(render(report, reporter)).not.toContain(KEY);
    expect(elsewhereSaw).toEqual([]);
  }, 60_000);

  it("never prints the key from the command line either, even when the server hands it back", async () => {
    mode.current = "echo";
    const result = await promisify(execFile)(process.execPath, ["bin/confident-org-api-keys.js", "contract", "--target", hostileUrl, "--fuzz", "1"], {
      cwd: root,
      env: { ...process.env, CONFIDENT_API_KEY: KEY },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(result.stdout).toMatch(/no_key_echo/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  }, 60_000);
});
