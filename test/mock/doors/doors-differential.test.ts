// The doors answer alike: generated requests, hostile ones included, sent to the HTTP door and to
// the fetch door get the same status, the same body bytes and the same headers (apart from `date`
// and the connection's own headers), in static mode and in seeded dynamic mode.
import { Agent } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockFetch, startMockServer, type MockFetch, type MockServer } from "../../../src/mock/index.js";
import { loadContract } from "../../../src/contract/spec.js";
import { anyMethod, bodies, casesFor, keyHeaders, otherPath, type FuzzCase } from "../../support/fuzz-cases.js";
import { sendRaw } from "../../support/rawHttp.js";
import { SIZES } from "../../support/sizes.js";

const RUNS_PER_OPERATION = SIZES.differentialRunsPerRoute;
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261128);
const contract = loadContract();
/** Headers that belong to a socket, or to the moment: the fetch door has no connection, and no clock in its headers. */
const TRANSPORT = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/**
 * Requests both doors can carry: a Fetch `Request` refuses TRACE, CONNECT and a GET or HEAD with
 * a body, and a HEAD answer has no body on the wire; node refuses methods its parser does not know.
 */
const expressible = (c: FuzzCase): boolean =>
  !["TRACE", "CONNECT", "HEAD", "FOO"].includes(c.method) && !(c.body && c.method === "GET") && !c.path.includes("#");

interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

async function overHttp(server: MockServer, c: FuzzCase): Promise<Seen> {
  const answer = await sendRaw(server.url, c, { agent });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !TRANSPORT.has(name)) headers[name] = String(value);
  return { status: answer.status, headers, body: answer.text };
}

async function overFetch(mockFetch: MockFetch, c: FuzzCase): Promise<Seen> {
  const response = await mockFetch(`http://127.0.0.1${c.path}`, {
    method: c.method,
    headers: c.headers,
    ...(c.body ? { body: c.body.bytes.slice() } : {}),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSPORT.has(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

// The static mode gets a seed too: a request may still prefer `dynamic=true`, and unseeded
// generation would differ between any two answers, door or no door.
const MODES: [string, { dynamic?: boolean; seed?: string }][] = [
  ["static", { seed: "differential-static" }],
  ["seeded dynamic", { dynamic: true, seed: "differential" }],
];

for (const [mode, options] of MODES) {
  describe(`the HTTP door and the fetch door (${mode})`, () => {
    let server: MockServer;
    let mockFetch: MockFetch;
    beforeAll(async () => {
      server = await startMockServer({ port: 0, log: false, ...options });
      mockFetch = createMockFetch(options);
    });
    afterAll(() => server.close());

    const otherRoutes = fc
      .record({ method: anyMethod, path: otherPath, key: keyHeaders, body: bodies(undefined) })
      .map(({ method, path, key, body }): FuzzCase => ({ method, path, headers: key, body }));
    const cases = fc.oneof(...contract.operations.map(casesFor), otherRoutes).filter(expressible);
    const runs = RUNS_PER_OPERATION * (contract.operations.length + 1);

    it(`give the same status, body bytes and headers for ${runs} generated requests`, async () => {
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const [http, fetched] = [await overHttp(server, c), await overFetch(mockFetch, c)];
          expect(fetched, `${c.method} ${c.path}`).toEqual(http);
          compared++;
        }),
        { numRuns: runs, seed: SEED, endOnFailure: true },
      );
      expect(compared).toBe(runs);
    }, 120_000);
  });
}

afterAll(() => agent.destroy());
