// What only the HTTP door does: parse HTTP, keep malformed or unframed bytes from taking the
// server down, bind to 127.0.0.1, and log one line per request, never the key.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../../src/mock/index.js";
import { FAKE_KEY, mockUrl, raw } from "../../support/helpers.js";

const LIST = "/v1/organization/api-keys";
const JSON_HEADERS = { "content-type": "application/json" };

describe("malformed HTTP", () => {
  it("a malformed HTTP request gets a 400 envelope and the server keeps serving", async () => {
    const url = new URL(mockUrl());
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1.1 400 /);
    expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toEqual({ success: false, error: expect.stringMatching(/Malformed HTTP request/) });
    expect((await raw("GET", LIST)).status).toBe(200);
  });
});

describe("a body sent without framing", () => {
  it("does not put the 400 for the stray bytes ahead of the answer to the request before them", async () => {
    const url = new URL(mockUrl());
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () =>
        socket.write(`GET ${LIST} HTTP/1.1\r\nHost: x\r\nCONFIDENT_API_KEY: ${FAKE_KEY}\r\n\r\n{"valid":true}`),
      );
      let data = "";
      socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect(reply).toMatch(/connection: close/i);
  });
});

describe("a mock of its own", () => {
  let server: MockServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startMockServer({ port: 0, log: (line) => lines.push(line) });
  });
  afterAll(() => server.close());

  it("binds to 127.0.0.1 by default", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("logs one line per request (method, path, status, ms) and never the key", async () => {
    lines.length = 0;
    await raw("GET", LIST, { baseUrl: server.url });
    await raw("GET", `/v1/organization/api-keys/${FAKE_KEY}`, { baseUrl: server.url });
    await raw("PATCH", LIST, { baseUrl: server.url });
    expect(lines).toEqual([
      expect.stringMatching(/^GET \/v1\/organization\/api-keys 200 \d+ms$/),
      expect.stringMatching(/^GET \/v1\/organization\/api-keys\/\[redacted\] 400 \d+ms$/),
      expect.stringMatching(/^PATCH \/v1\/organization\/api-keys 405 \d+ms$/),
    ]);
    expect(lines.join("\n")).not.toContain(FAKE_KEY);
  });

  it("keeps serving while a client trickles a body it never finishes", async () => {
    const url = new URL(server.url);
    const stuck = httpRequest({ host: url.hostname, port: url.port, method: "POST", path: LIST, headers: { ...JSON_HEADERS, CONFIDENT_API_KEY: FAKE_KEY, "content-length": "100" } });
    stuck.on("error", () => undefined);
    stuck.write('{"name":');
    const answer = await raw("GET", LIST, { baseUrl: server.url });
    expect(answer.status).toBe(200);
    stuck.destroy();
  });
});
