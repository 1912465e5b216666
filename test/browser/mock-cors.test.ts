// The mock as a browser app sees it: a page on another localhost port calls every operation with
// fetch and the CONFIDENT_API_KEY header. CORS must let each call through, preflight included,
// and every answer must validate against the contract.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/mock/index.js";
import { loadContract } from "../../src/contract/spec.js";
import { launch, offlineContext } from "./chromium.js";

const contract = loadContract();

const PAGE = (api: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>API keys settings (test app)</title></head>
<body><h1>API keys</h1><pre id="out">running…</pre>
<script type="module">
const api = ${JSON.stringify(api)};
const headers = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORBROWSERTESTS0000000000" };
const json = { ...headers, "Content-Type": "application/json" };
const calls = [
  ["listOrganizationApiKeys", "GET", "/v1/organization/api-keys", headers],
  ["getOrganizationApiKey", "GET", "/v1/organization/api-keys/12", headers],
  ["createOrganizationApiKey", "POST", "/v1/organization/api-keys", json, JSON.stringify({ name: "From the browser" })],
  ["updateOrganizationApiKey", "PUT", "/v1/organization/api-keys/12", json, JSON.stringify({ valid: false })],
  ["deleteOrganizationApiKey", "DELETE", "/v1/organization/api-keys/12", headers],
  ["getOrganizationApiKey", "GET", "/v1/organization/api-keys/12", { ...headers, Prefer: "code=429" }],
];
const results = [];
for (const [operationId, method, path, h, body] of calls) {
  try {
    const response = await fetch(api + path, { method, headers: h, body });
    results.push({ operationId, method, status: response.status, retryAfter: response.headers.get("Retry-After"), body: await response.json() });
  } catch (error) {
    results.push({ operationId, method, error: String(error) });
  }
}
window.results = results;
document.getElementById("out").textContent = JSON.stringify(results, null, 2);
</script></body></html>`;

let mock: MockServer;
let app: Server;
let browser: Browser;
const preflights: string[] = [];
const allLines: string[] = [];

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    log: (line) => {
      allLines.push(line);
      if (line.startsWith("OPTIONS ")) preflights.push(line);
    },
  });
  app = createServer((req, res) => {
    const html = PAGE(mock.url);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => app?.close(resolve));
  await mock?.close();
});

describe("the mock, called from a page on another localhost port", () => {
  it("lets every operation through CORS, preflight included, and every answer validates", async () => {
    const { context, blocked } = await offlineContext(browser);
    const page = await context.newPage();
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
    expect(new URL(appUrl).port).not.toBe(new URL(mock.url).port);
    await page.goto(appUrl);
    await page.waitForFunction(() => (window as unknown as { results?: unknown }).results !== undefined, undefined, { timeout: 20_000 });
    const results = (await page.evaluate(() => (window as unknown as { results: unknown }).results)) as {
      operationId: string;
      method: string;
      status?: number;
      retryAfter?: string | null;
      body?: unknown;
      error?: string;
    }[];
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "GET 200", "POST 200", "PUT 200", "DELETE 200", "GET 429"]);
    for (const r of results) {
      const headers = r.retryAfter ? { "retry-after": r.retryAfter } : {};
      expect(contract.validateResponse(r.operationId, r.status ?? 0, r.body, headers), `${r.method} ${r.operationId}`).toEqual([]);
    }
    expect(results.at(-1)?.retryAfter).toBe("30");
    // The custom CONFIDENT_API_KEY header makes every call non-simple: the browser preflighted them.
    expect(preflights.length, allLines.join("\n")).toBeGreaterThanOrEqual(3);
    expect(blocked).toEqual([]);
    await context.close();
  });
});
