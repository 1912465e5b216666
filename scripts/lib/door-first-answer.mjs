/**
 * A fresh process that imports an in-process door of the mock (the built package, by its name, as a
 * consumer imports it: dist/esm/) and asks it one question. Prints, as JSON, the milliseconds from before the import to the first answer.
 * Used by `npm run bench`: `node scripts/lib/door-first-answer.mjs fetch|msw|handwritten` (the last:
 * MSW with one hand-written static handler, the floor a test suite pays anyway).
 */
const door = process.argv[2];
const url = "https://api.confident-ai.com/v1/organization/api-keys";
const headers = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORBENCH0000000000000000" };

const started = performance.now();
let response;
if (door === "fetch") {
  const { createMockFetch } = await import("confident-org-api-keys/mock");
  response = await createMockFetch()(url, { headers });
} else if (door === "msw") {
  const { setupServer } = await import("msw/node");
  const { handlers } = await import("confident-org-api-keys/msw");
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: "error" });
  response = await fetch(url, { headers });
  server.close();
} else if (door === "handwritten") {
  const { setupServer } = await import("msw/node");
  const { http, HttpResponse } = await import("msw");
  const server = setupServer(http.get(url, () => HttpResponse.json({ success: true, data: { apiKeys: [] } })));
  server.listen({ onUnhandledRequest: "error" });
  response = await fetch(url, { headers });
  server.close();
} else {
  throw new Error(`door must be fetch, msw or handwritten, got ${door}`);
}
await response.json();
console.log(JSON.stringify({ door, status: response.status, ms: performance.now() - started }));
