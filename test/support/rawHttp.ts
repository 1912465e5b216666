// One request as a fuzz case describes it (any method, path, headers and body bytes), sent with
// node:http, so that what a Fetch `Request` would refuse or rewrite still reaches the server.
import { request, type Agent } from "node:http";
import type { FuzzCase } from "./fuzz-cases.js";

export interface RawHttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Milliseconds from sending to the answer's last byte. */
  ms: number;
}

/** Sends `c` to the server at `baseUrl`; an answer later than `timeoutMs` is an error. */
export function sendRaw(baseUrl: string, c: FuzzCase, { agent, timeoutMs }: { agent: Agent; timeoutMs?: number }): Promise<RawHttpAnswer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: c.method, path: c.path, headers: c.headers, agent, ...(timeoutMs ? { timeout: timeoutMs } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    // Framed with Content-Length: node would send a GET's body unframed, which is another test.
    if (c.body) req.setHeader("content-length", String(c.body.bytes.length));
    req.end(c.body?.bytes);
  });
}
