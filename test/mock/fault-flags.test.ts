// Latency and fail-rate settings: parsed, or refused with a readable message, in code and on the command line.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseFailRate, parseLatency } from "../../src/mock/faults.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("flag parsing", () => {
  it("accepts ms and ranges, refuses the rest with a readable message", () => {
    expect(parseLatency("250")).toEqual({ min: 250, max: 250 });
    expect(parseLatency("100-400")).toEqual({ min: 100, max: 400 });
    for (const bad of ["", "fast", "400-100", "-5", "99999999"]) expect(() => parseLatency(bad), bad).toThrow(/latency must be/);
    expect(parseFailRate("0.25")).toBe(0.25);
    for (const bad of ["", "2", "-0.1", "half"]) expect(() => parseFailRate(bad), bad).toThrow(/fail rate must be/);
  });

  it("the CLI refuses a bad --latency or --fail-rate", async () => {
    const result = await promisify(execFile)(process.execPath, ["bin/confident-org-api-keys.js", "mock", "--fail-rate", "3"], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/fail rate must be a number from 0 to 1/);
  });
});
