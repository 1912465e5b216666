// `mock --coverage <file>`: the HTTP door writes the same matrix when it stops, for teams that
// test against the server (Playwright, Cypress).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnListening } from "../../../scripts/lib/processes.js";
import type { CoverageMatrix } from "../../../src/mock/coverage/matrix.js";
import { FAKE_KEY } from "../../support/helpers.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "confident-coverage-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("confident-org-api-keys mock --coverage <file>", () => {
  it("writes, on exit, which documented answers it served and how", async () => {
    const file = join(dir, "nested", "coverage.json");
    const mock = await spawnListening(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--port", "0", "--quiet", "--coverage", file]);
    const headers = { CONFIDENT_API_KEY: FAKE_KEY };
    await fetch(`${mock.url}/v1/organization/api-keys`, { headers }).then((r) => r.arrayBuffer());
    await fetch(`${mock.url}/v1/organization/api-keys/12`, { headers: { ...headers, prefer: "code=404" } }).then((r) => r.arrayBuffer());
    await fetch(`${mock.url}/v1/organization/api-keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then((r) => r.arrayBuffer());
    await mock.stop();
    const matrix = JSON.parse(await readFile(file, "utf8")) as CoverageMatrix;
    expect(matrix.cells.filter((c) => c.seen).map((c) => [c.operationId, c.status, c.example ?? null, c.via.join()])).toEqual([
      ["listOrganizationApiKeys", 200, null, "answer"],
      ["listOrganizationApiKeys", 200, "twoKeys", "answer"],
      ["createOrganizationApiKey", 401, null, "answer"],
      ["getOrganizationApiKey", 404, null, "prefer"],
      ["getOrganizationApiKey", 404, "notFound", "prefer"],
    ]);
    expect(matrix.cells.find((c) => c.operationId === "createOrganizationApiKey" && c.status === 429 && c.example === undefined)).toMatchObject({ seen: false, scenario: "mockScenario({ code: 429 })" });
    expect(mock.output()).toMatch(new RegExp(`Scenario coverage: 5 of ${matrix.total} documented answers seen; written to `));
  });

  it("refuses --coverage without a file, with exit 2", async () => {
    const { execFile } = await import("node:child_process");
    const code = await new Promise<number | null>((resolve) => execFile(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--coverage="], (error) => resolve(error ? (error as { code?: number }).code ?? null : 0)));
    expect(code).toBe(2);
  });
});
