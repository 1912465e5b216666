// Smoke test of the shipped artifact: `npm start` itself starts and serves the bundled contract,
// and the documentation's own curl calls get 200 answers from it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { spawnListening, type ListeningProcess } from "../../scripts/lib/processes.js";
import { loadContract } from "../../src/contract/spec.js";

const contract = loadContract();

type Started = ListeningProcess;

/** `npm start -- <args>`: npm, and the node it starts, in one process group that stopping ends. */
const npmStart = (args: string[]): Promise<Started> => spawnListening("npm", ["start", "--", "--port", "0", ...args]);

describe("npm start", () => {
  let started: Started;
  let url = "";
  let output = "";

  beforeAll(async () => {
    started = await npmStart([]);
    url = started.url;
    output = started.output();
  });

  afterAll(() => started.stop());

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
    ["deleteOrganizationApiKey", "DELETE", "/v1/organization/api-keys/12", undefined],
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
    await vi.waitFor(() => expect(started.output()).toMatch(/^GET \/v1\/organization\/api-keys 200 \d+ms$/m));
    expect(started.output()).not.toContain("confident_org_SMOKETESTKEY0000");
  });
});

describe("npm start -- --stateful, driven with plain curl as the documentation writes the calls", () => {
  let started: Started;
  beforeAll(async () => {
    started = await npmStart(["--stateful"]);
  });
  afterAll(() => started.stop());

  const curl = async (method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> => {
    const args = ["-s", "-w", "\\n%{http_code}", "-X", method, `${started.url}${path}`, "-H", "CONFIDENT_API_KEY: <ORGANIZATION-API-KEY>"];
    if (body) args.push("-H", "Content-Type: application/json", "-d", body);
    const { stdout } = await promisify(execFile)("curl", args);
    const cut = stdout.lastIndexOf("\n");
    return { status: Number(stdout.slice(cut + 1)), json: JSON.parse(stdout.slice(0, cut)) as unknown };
  };

  it("create, list, get, deactivate, list, revoke, get 404, list", async () => {
    expect(started.output()).toMatch(/Mode: stateful/);
    const created = await curl("POST", "/v1/organization/api-keys", '{"name": "CI/CD key"}');
    expect(created.status).toBe(200);
    expect(contract.validateResponse("createOrganizationApiKey", 200, created.json)).toEqual([]);
    const key = (created.json as { data: { apiKey: { id: number; value: string } } }).data.apiKey;
    const ids = async (): Promise<{ id: number; valid: boolean; value: string }[]> =>
      ((await curl("GET", "/v1/organization/api-keys")).json as { data: { apiKeys: { id: number; valid: boolean; value: string }[] } }).data.apiKeys;
    expect((await ids()).find((k) => k.id === key.id)?.value).toBe(`***************${key.value.slice(-6)}`);
    expect((await curl("GET", `/v1/organization/api-keys/${key.id}`)).status).toBe(200);
    const updated = await curl("PUT", `/v1/organization/api-keys/${key.id}`, '{"valid": false}');
    expect(contract.validateResponse("updateOrganizationApiKey", updated.status, updated.json)).toEqual([]);
    expect((await ids()).find((k) => k.id === key.id)?.valid).toBe(false);
    const revoked = await curl("DELETE", `/v1/organization/api-keys/${key.id}`);
    expect(revoked.json).toEqual({ success: true, data: { id: key.id, deleted: true } });
    const gone = await curl("GET", `/v1/organization/api-keys/${key.id}`);
    expect(gone.status).toBe(404);
    expect(contract.validateResponse("getOrganizationApiKey", 404, gone.json)).toEqual([]);
    expect((await ids()).map((k) => k.id)).not.toContain(key.id);
  });
});
