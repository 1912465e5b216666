// Hostile traffic, generated with fast-check: odd methods, paths, headers and bodies, per operation.
// Invariants for every answer: it arrives within a bound; its status is documented for the matched
// operation (404/405 when none matches); it is JSON valid against the contract's schema for that
// status; it is never a 5xx unless one was asked for; it never echoes the key; and the server
// still serves a good request afterwards.
//
// The run count per operation comes from test/support/sizes.ts (100 in `npm test`, 1,000 in
// `npm run test:stress`, FC_NUM_RUNS overrides); FUZZ_SEED (default below) picks the seed. On
// failure fast-check prints the seed and the counterexample path to replay it.
import { Agent, METHODS } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractOperation } from "../../../src/contract/contract.js";
import { FULL_KEY_PATTERN } from "../../../src/contract/secrets.js";
import { startMockServer, type MockServer } from "../../../src/mock/index.js";
import { loadContract } from "../../../src/contract/spec.js";
import { casesFor, otherPath, anyMethod, keyHeaders, bodies, type FuzzCase } from "../../support/fuzz-cases.js";
import { FAKE_KEY, closedContract } from "../../support/helpers.js";
import { sendRaw, type RawHttpAnswer } from "../../support/rawHttp.js";
import { SIZES } from "../../support/sizes.js";

const RUNS = SIZES.propertyRuns;
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261128);
const ANSWER_WITHIN_MS = 2_000;
const KEY_HEADER = "CONFIDENT_API_KEY";

const contract = loadContract();
const closed = closedContract();


let server: MockServer;
const logLines: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
afterAll(() => agent.destroy());

/** The modes fuzzed: the default one at full strength, the stateful one (issue #8) lighter. */
const MODES: { name: string; options: { stateful?: boolean }; runs: number }[] = [
  { name: "stateless", options: {}, runs: RUNS },
  { name: "stateful", options: { stateful: true }, runs: Math.max(1, Math.round(RUNS / 4)) },
];

const send = (c: FuzzCase): Promise<RawHttpAnswer> => sendRaw(server.url, c, { agent, timeoutMs: ANSWER_WITHIN_MS });

/**
 * Which operation the contract has for this method and raw path, if any; or why none: 404 (no
 * path), 405 (no method), or 400 for a method node's HTTP parser does not know (malformed HTTP).
 */
function match(method: string, path: string): ContractOperation | 400 | 404 | 405 {
  if (!METHODS.includes(method)) return 400;
  const pathname = path.split(/[?#]/)[0] ?? "";
  const candidates = contract.operations.filter((op) => {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return pattern.test(pathname);
  });
  if (candidates.length === 0) return 404;
  return candidates.find((op) => op.method.toUpperCase() === method) ?? 405;
}

// ---- the invariants ---------------------------------------------------------------------------

async function checkInvariants(c: FuzzCase): Promise<void> {
  const answer = await send(c);
  const where = `${c.method} ${c.path} -> ${answer.status}`;
  expect(answer.ms, where).toBeLessThan(ANSWER_WITHIN_MS);
  expect(answer.text, `${where}: the key was echoed`).not.toContain(FAKE_KEY);

  const matched = match(c.method, c.path);
  const preflight = c.method === "OPTIONS" && answer.status === 204;
  if (typeof matched === "number") {
    if (!preflight) expect(answer.status, where).toBe(matched);
  } else {
    const documented = matched.responses.map((r) => Number(r.status));
    expect(documented, where).toContain(answer.status);
  }
  if (answer.status >= 500) {
    expect(c.headers["prefer"] ?? "", `${where}: a 5xx nobody asked for`).toMatch(/code=5\d\d/);
  }
  if (c.method === "HEAD" || preflight) return;

  expect(String(answer.headers["content-type"]), where).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(answer.text);
  const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
  const violations =
    typeof matched === "number"
      ? closed.validateSchema("ErrorResponse", body)
      : closed.validateResponse(matched.operationId, answer.status, body, headers);
  expect(violations, `${where}: ${answer.text.slice(0, 300)}`).toEqual([]);
  if (typeof matched !== "number" && !matched.revealsSecret) {
    expect(answer.text, `${where}: a full key value`).not.toMatch(FULL_KEY_PATTERN);
  }
}

async function stillServes(): Promise<void> {
  const answer = await send({ method: "GET", path: "/v1/organization/api-keys", headers: { [KEY_HEADER]: FAKE_KEY }, body: undefined });
  expect(answer.status, "the server stopped serving good requests").toBe(200);
}

for (const mode of MODES) {
  describe(`hostile traffic (${mode.name})`, () => {
    beforeAll(async () => {
      logLines.length = 0;
      server = await startMockServer({ port: 0, log: (line) => logLines.push(line), ...mode.options });
    });
    afterAll(() => server.close());

    for (const op of contract.operations) {
      it(`${op.operationId}: ${mode.runs} generated requests keep every invariant`, async () => {
        await fc.assert(
          fc.asyncProperty(casesFor(op), async (c) => {
            await checkInvariants(c);
            await stillServes();
          }),
          { numRuns: mode.runs, seed: SEED, endOnFailure: true },
        );
      }, 300_000);
    }

    it(`routes the contract lacks: ${mode.runs} generated requests get 404/405 in the envelope`, async () => {
      const cases = fc
        .record({ method: anyMethod, path: otherPath, key: keyHeaders, body: bodies(undefined) })
        .map(({ method, path, key, body }) => ({ method, path, headers: key, body }));
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          await checkInvariants(c);
          await stillServes();
        }),
        { numRuns: mode.runs, seed: SEED, endOnFailure: true },
      );
    }, 300_000);

    it("never wrote the key to the log", () => {
      expect(logLines.length).toBeGreaterThan(mode.runs);
      expect(logLines.filter((line) => line.includes(FAKE_KEY))).toEqual([]);
    });
  });
}
