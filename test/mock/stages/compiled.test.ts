// Stage `compiled` changes no answer: generated requests (hostile ones included, and every steering
// the contract documents) get the same status, headers and body bytes from the engine that answers
// from the compiled contract as from one that sends every request through Prism, in static mode,
// in stateful sequences, and with seeded faults and latency. Each mode also shows that the compiled
// path answered a good share of them (else the comparison would be Prism against itself).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeAnswer } from "../../../src/mock/answer.js";
import type { Runtime } from "../../../src/mock/context.js";
import { createRuntime, handleRequest, type EngineInternals } from "../../../src/mock/engine.js";
import type { MockOptions } from "../../../src/mock/options.js";
import { fromFetchRequest } from "../../../src/mock/request.js";
import { loadContract } from "../../../src/contract/spec.js";
import { casesFor, type FuzzCase } from "../../support/fuzz-cases.js";
import { FAKE_KEY } from "../../support/helpers.js";
import { SIZES } from "../../support/sizes.js";

const contract = loadContract();
const REQUESTS = SIZES.compiledDifferentialRequests;
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261204);

/** Every steering the contract documents, and some it does not: added to a case's headers. */
const steering = fc.option(
  fc.constantFrom(
    ...contract.operations.flatMap((op) => op.responses.flatMap((r) => [`code=${r.status}`, ...Object.keys(r.examples).flatMap((e) => [`example=${e}`, `code=${r.status}, example=${e}`])])),
    "dynamic=false",
    "dynamic=true",
    "code=200, dynamic=true",
    "example=__proto__",
    "code=constructor",
  ),
  { nil: undefined },
);

/** Ids and bodies Prism judges in its own way: percent-encoded digits, ids past 2^53, falsy and `null` bodies. */
const BODIES = ["false", "0", '""', "null", "[]", "{}", '{"name":""}', '{"valid":true}', '{"name":"x","valid":true}', '{"valid":"true"}', '{"name":null}'];
const edgeCases = fc
  .constantFrom(...contract.operations)
  .chain((op) =>
    fc.record({
      op: fc.constant(op),
      id: fc.constantFrom("12", "%31%32", "1%32", "-0", "-5", "0", "9007199254740991", "9007199254740992", "9007199254740993", "123456789012345678901234567890"),
      body: op.hasRequestBody ? fc.option(fc.constantFrom(...BODIES), { nil: undefined }) : fc.constant(undefined),
      key: fc.oneof({ weight: 4, arbitrary: fc.constant(FAKE_KEY) }, fc.constantFrom("", " ", "x")),
    }),
  )
  .map(({ op, id, body, key }): FuzzCase => ({
    method: op.method.toUpperCase(),
    path: op.path.replace("{apiKeyId}", id),
    headers: { CONFIDENT_API_KEY: key, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : { bytes: new TextEncoder().encode(body), [fc.toStringMethod]: () => body },
  }));

const cases = fc
  .tuple(fc.oneof({ weight: contract.operations.length, arbitrary: edgeCases }, ...contract.operations.map(casesFor)), steering)
  .map(([c, prefer]): FuzzCase => (prefer === undefined ? c : { ...c, headers: { ...c.headers, prefer } }))
  // What a Fetch `Request` can carry (it refuses TRACE, CONNECT and a GET or HEAD with a body).
  .filter((c) => !["TRACE", "CONNECT", "FOO"].includes(c.method) && !(c.body && ["GET", "HEAD"].includes(c.method)) && !c.path.includes("#"));

/** An engine's answer, as bytes and headers every door sends. */
async function answerOf(runtime: Runtime, c: FuzzCase, session: string): Promise<string> {
  const request = new Request(`http://127.0.0.1${c.path}`, { method: c.method, headers: { ...c.headers, "x-mock-session": session }, ...(c.body ? { body: c.body.bytes.slice() } : {}) });
  return JSON.stringify(serializeAnswer(await handleRequest(runtime, fromFetchRequest(request), { onError: (error) => { throw error; } })));
}

/** The engine under test, counting the requests that had to load Prism; and the reference, all Prism. */
async function pair(options: MockOptions): Promise<{ compiled: Runtime; prism: Runtime; prismCalls: () => number }> {
  const built = await createRuntime(options);
  let calls = 0;
  const compiled: Runtime = { ...built, prism: () => (calls++, built.prism()) };
  const reference = await createRuntime(options, { compiled: false } satisfies EngineInternals);
  return { compiled, prism: reference, prismCalls: () => calls };
}

const MODES: [string, MockOptions][] = [
  ["static", { seed: "compiled-static" }],
  ["seeded faults and latency", { seed: "compiled-faults", failRate: 0.3, latency: "0-2" }],
];

describe("stage compiled", () => {
  for (const [mode, options] of MODES) {
    it(`answers ${REQUESTS} generated requests as Prism alone does (${mode})`, async () => {
      const { compiled, prism, prismCalls } = await pair(options);
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const [ours, theirs] = [await answerOf(compiled, c, "s"), await answerOf(prism, c, "s")];
          expect(ours, `${c.method} ${c.path} ${JSON.stringify(c.headers)}`).toBe(theirs);
          compared++;
        }),
        { numRuns: REQUESTS, seed: SEED, endOnFailure: true },
      );
      expect(compared).toBe(REQUESTS);
      // The compiled path answered at least a fifth of them (the rest went to Prism: violations, dynamic, routes).
      expect(prismCalls()).toBeLessThan(REQUESTS * 0.8);
    }, 300_000);
  }

  /** A key the store creates has a random value and the creation's time: the one thing two stores never share. */
  const unrandom = (answer: string): string => answer.replace(/confident_org_[0-9a-f]{32}/g, "confident_org_<random>").replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<now>");

  it(`answers stateful sequences (${REQUESTS} requests) as Prism alone does (created keys' values and times aside)`, async () => {
    const { compiled, prism, prismCalls } = await pair({ stateful: true, seed: "compiled-stateful" });
    let sent = 0;
    let sequence = 0;
    const perSequence = 8;
    await fc.assert(
      fc.asyncProperty(fc.array(cases, { minLength: perSequence, maxLength: perSequence }), async (steps) => {
        // Each sequence in a session of its own, so that what one did never shows in another.
        const session = `sequence-${sequence++}`;
        for (const c of steps) {
          const [ours, theirs] = [await answerOf(compiled, c, session), await answerOf(prism, c, session)];
          expect(unrandom(ours), `${c.method} ${c.path} ${JSON.stringify(c.headers)}`).toBe(unrandom(theirs));
          sent++;
        }
      }),
      { numRuns: Math.ceil(REQUESTS / perSequence), seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(prismCalls()).toBeLessThan(sent * 0.8);
  }, 300_000);
});
