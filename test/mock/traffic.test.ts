// The load check and the benchmarks count answers outside the contract with checkAnswer: it must
// accept what the mock answers and catch what it must not.
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/spec.js";
import { BAD_TRAFFIC, GOOD_TRAFFIC, checkAnswer } from "../../scripts/lib/traffic.js";
import { raw } from "../support/helpers.js";

const contract = loadContract();

describe("the load mix", () => {
  it("is answered inside the contract by the mock, request by request", async () => {
    for (const entry of [...GOOD_TRAFFIC, ...BAD_TRAFFIC]) {
      const { method = "GET", path = "/", headers = {}, body } = entry.request;
      const answer = await raw(method, path, {
        key: null,
        headers: headers as Record<string, string>,
        ...(typeof body === "string" ? { body } : {}),
      });
      expect(checkAnswer(contract, entry, answer.status, answer.text, Object.fromEntries(answer.headers)), entry.name).toBeUndefined();
    }
  });

  it("catches a wrong status, a body that is not JSON and an unredacted key", () => {
    const [list] = GOOD_TRAFFIC;
    if (!list) throw new Error("empty mix");
    expect(checkAnswer(contract, list, 500, "{}", {})).toBe("list: status 500, expected 200");
    expect(checkAnswer(contract, list, 200, "<html>", {})).toMatch(/^list: not JSON/);
    const leaked = {
      success: true,
      data: { apiKeys: [{ id: 1, valid: true, value: "confident_org_a3f1c9e2b7d84f06a1c2e3d4f5a6b7c8", created_at: "2024-12-04T23:00:00.000Z", name: "x", lastUsed: null }] },
    };
    expect(checkAnswer(contract, list, 200, JSON.stringify(leaked), {})).toMatch(/\/data\/apiKeys\/0\/value must be redacted/);
  });
});
