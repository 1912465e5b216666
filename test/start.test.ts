// Smoke test of the shipped artifact: `npm start` itself starts and serves the bundled contract,
// and the documentation's own curl calls get 200 answers from it.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContract } from "../src/spec.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const contract = loadContract();

describe("npm start", () => {
  let child: ChildProcess;
  let url = "";
  let output = "";

  beforeAll(async () => {
    // Its own process group, so that stopping npm also stops the node process it started.
    child = spawn("npm", ["start", "--", "--port", "0"], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 20 s:\n${output}`)), 20_000);
      const check = (): void => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on("data", check);
      child.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
  });

  afterAll(() => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  });

  it("prints the URL, the mode and how to steer answers", () => {
    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/Mode: static/);
    expect(output).toMatch(/Prefer: code=404/);
  });

  // The calls as the API documentation shows them with curl: the header spelled CONFIDENT_API_KEY.
  const documented: [string, string, string, string | undefined][] = [
    ["listOrganizationApiKeys", "GET", "/v1/organization/api-keys", undefined],
    ["getOrganizationApiKey", "GET", "/v1/organization/api-keys/12", undefined],
    ["createOrganizationApiKey", "POST", "/v1/organization/api-keys", '{"name": "CI/CD key"}'],
    ["updateOrganizationApiKey", "PUT", "/v1/organization/api-keys/1", '{"valid": false}'],
    ["revokeOrganizationApiKey", "DELETE", "/v1/organization/api-keys/12", undefined],
  ];
  for (const [operationId, method, path, body] of documented) {
    it(`answers the documentation's ${method} ${path} with a valid 200`, async () => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { CONFIDENT_API_KEY: "<ORGANIZATION-API-KEY>", ...(body ? { "Content-Type": "application/json" } : {}) },
        ...(body ? { body } : {}),
      });
      expect(response.status).toBe(200);
      expect(contract.validateResponse(operationId, 200, await response.json())).toEqual([]);
    });
  }

  it("logs each request on one line", async () => {
    await fetch(`${url}/v1/organization/api-keys`, { headers: { CONFIDENT_API_KEY: "confident_org_SMOKETESTKEY0000" } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toMatch(/^GET \/v1\/organization\/api-keys 200 \d+ms$/m);
    expect(output).not.toContain("confident_org_SMOKETESTKEY0000");
  });
});
