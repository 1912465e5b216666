// `mock --state file.json`: the server's sessions start from a fixture, checked against the
// contract when the mock starts; a fixture that is not the contract's stops it with a usage error.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnListening } from "../../scripts/lib/processes.js";
import { FAKE_KEY } from "../support/helpers.js";

const FIXTURE = { keys: [{ id: 3, name: "Only key", valid: false, value: "***************cccccc", created_at: "2025-03-01T00:00:00.000Z", lastUsed: null }] };
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "confident-state-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("confident-org-api-keys mock --state <file>", () => {
  it("serves the fixture in every session, statefully", async () => {
    await writeFile(join(dir, "state.json"), JSON.stringify(FIXTURE));
    const mock = await spawnListening(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--port", "0", "--quiet", "--state", join(dir, "state.json")]);
    try {
      expect(mock.output()).toMatch(/Mode: stateful/);
      for (const session of ["default", "another"]) {
        const listed = await fetch(`${mock.url}/v1/organization/api-keys`, { headers: { CONFIDENT_API_KEY: FAKE_KEY, "x-mock-session": session } });
        expect(await listed.json()).toEqual({ success: true, data: { apiKeys: FIXTURE.keys } });
      }
    } finally {
      await mock.stop();
    }
  });

  it.each([
    ["not JSON", "{", /--state must be a JSON file such as \{ "keys": \[\] \}/],
    ["without keys", "[]", /expected \{ "keys": \[\.\.\.\] \}/],
    ["a key that is not the contract's", JSON.stringify({ keys: [{ ...FIXTURE.keys[0], created_at: "yesterday" }] }), /stateful\.keys\[0\] is not an ApiKey of the contract: \/created_at must match format "date-time"/],
  ])("refuses a file %s with exit 2 and a message", async (_what, text, message) => {
    const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, text);
    const result = await promisify(execFile)(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--port", "0", "--state", file], { timeout: 20_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
