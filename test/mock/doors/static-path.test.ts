// The static path loads no Prism and no Ajv: a fresh process imports a door from the built package,
// by its name as a consumer does (dist/esm/), sends the five operations, and lists the CommonJS modules it loaded (Prism, Ajv and their
// dependencies are CommonJS: were any of their files evaluated, they would be there). A generated
// answer then loads Prism, which shows that the probe sees it when it is there.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
// Ajv's compiler, and ajv-formats' plugin for it; its format functions (dist/formats.js), which the
// compiled validators call, are a small module of their own.
const PRISM_OR_AJV = /node_modules\/(@stoplight\/|json-schema-faker|fp-ts|lodash\/|@faker-js|ajv\/|ajv-formats\/dist\/(index|limit)\.js)/;

const probe = (door: "fetch" | "msw"): string => `
import { createRequire } from "node:module";
const url = "https://api.confident-ai.com/v1/organization/api-keys";
const key = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORTESTSONLY000000000000000" };
const json = { ...key, "content-type": "application/json" };
let send;
if (${JSON.stringify(door)} === "fetch") {
  const { createMockFetch } = await import("confident-org-api-keys/mock");
  send = createMockFetch();
} else {
  const { setupServer } = await import("msw/node");
  const { handlers } = await import("confident-org-api-keys/msw");
  setupServer(...handlers).listen({ onUnhandledRequest: "error" });
  send = fetch;
}
const statuses = [];
for (const [path, init] of [["", {}], ["/12", {}], ["", { method: "POST", headers: json, body: '{"name":"CI"}' }], ["/12", { method: "PUT", headers: json, body: '{"valid":false}' }], ["/12", { method: "DELETE" }]]) {
  const response = await send(url + path, { headers: key, ...init });
  await response.text();
  statuses.push(response.status);
}
const loaded = () => Object.keys(createRequire(import.meta.url).cache);
const staticPath = loaded();
const generated = await send(url, { headers: { ...key, prefer: "dynamic=true" } });
await generated.text();
console.log(JSON.stringify({ statuses, staticPath, afterGenerated: loaded() }));
process.exit(0);
`;

async function run(door: "fetch" | "msw"): Promise<{ statuses: number[]; staticPath: string[]; afterGenerated: string[] }> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", probe(door)], { cwd: ROOT, maxBuffer: 16 << 20 });
  return JSON.parse(stdout) as { statuses: number[]; staticPath: string[]; afterGenerated: string[] };
}

describe("the static path", () => {
  it.each(["fetch", "msw"] as const)("through the %s door: five operations answered, and no Prism or Ajv module loaded until a generated answer", async (door) => {
    const { statuses, staticPath, afterGenerated } = await run(door);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(staticPath.filter((path) => PRISM_OR_AJV.test(path))).toEqual([]);
    expect(afterGenerated.filter((path) => path.includes("node_modules/@stoplight/prism-http/")).length).toBeGreaterThan(0);
  }, 60_000);
});
