// Latency and fault injection, in both modes, from options and per request, deterministic with a
// seed. Runs through every door.
import { describe, expect, it } from "vitest";
import { drawFault, randomSource } from "../../../src/mock/faults.js";
import type { MockOptions } from "../../../src/mock/index.js";
import { loadContract } from "../../../src/contract/spec.js";
import { doorName, openDoor, type Door } from "../../support/doors.js";
import { raw } from "../../support/helpers.js";
import { SIZES } from "../../support/sizes.js";

const contract = loadContract();
const SAMPLES = SIZES.latencySamples;

/** Runs `use` with a door of this run's kind, opened with `options`, closed after. */
async function withDoor<T>(options: MockOptions, use: (door: Door) => Promise<T>): Promise<T> {
  const door = await openDoor(doorName(), options);
  try {
    return await use(door);
  } finally {
    await door.close();
  }
}

interface Observed {
  status: number;
  ms: number;
  fault: string | null;
}

async function observe(options: MockOptions, count: number, headers: Record<string, string> = {}, parallel = 20): Promise<Observed[]> {
  return withDoor(options, async (door) => {
    // An in-process door builds its engine on the first request: wait for that outside the timings.
    await raw("GET", "/v1/organization/api-keys", { door, headers: { prefer: "latency=0, fail-rate=0" } });
    const out: Observed[] = [];
    for (let i = 0; i < count; i += parallel) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(parallel, count - i) }, async () => {
          const started = performance.now();
          const answer = await raw("GET", "/v1/organization/api-keys/12", { door, headers });
          expect(contract.validateResponse("getOrganizationApiKey", answer.status, answer.json, Object.fromEntries(answer.headers))).toEqual([]);
          return { status: answer.status, ms: performance.now() - started, fault: answer.headers.get("x-mock-fault") };
        }),
      );
      out.push(...batch);
    }
    return out;
  });
}

describe("--latency", () => {
  for (const stateful of [false, true]) {
    it(`delays ${SAMPLES} answers within the range (${stateful ? "stateful" : "stateless"})`, async () => {
      const mean = (list: number[]) => list.reduce((sum, ms) => sum + ms, 0) / list.length;
      // Interleaved with as many requests that opt out (Prefer: latency=0): what the door and a
      // busy machine add by themselves is in both, and is not the mock's delay.
      const { delayed, baseline } = await withDoor({ latency: "40-80", stateful, seed: "latency-test" }, async (door) => {
        const out = { delayed: [] as number[], baseline: [] as number[] };
        await raw("GET", "/v1/organization/api-keys", { door, headers: { prefer: "latency=0" } }); // an in-process door builds its engine now
        for (let i = 0; i < SAMPLES; i += 10) {
          await Promise.all(
            Array.from({ length: 10 }, async (_, j) => {
              const optOut = j % 2 === 1;
              const started = performance.now();
              const answer = await raw("GET", "/v1/organization/api-keys/12", { door, headers: optOut ? { prefer: "latency=0" } : {} });
              expect(answer.status).toBe(200);
              (optOut ? out.baseline : out.delayed).push(performance.now() - started);
            }),
          );
        }
        return out;
      });
      expect(Math.min(...delayed)).toBeGreaterThanOrEqual(39);
      const added = mean(delayed) - mean(baseline);
      expect(added).toBeGreaterThan(45); // the range's mean is 60
      expect(added).toBeLessThan(75);
    });
  }

  it("per request, with Prefer: latency=", async () => {
    const [slow] = await observe({}, 1, { prefer: "latency=150" });
    expect(slow?.ms).toBeGreaterThanOrEqual(149);
    const [fast] = await observe({}, 1);
    expect(fast?.ms).toBeLessThan(100);
  });
});

describe("--fail-rate", () => {
  for (const stateful of [false, true]) {
    it(`fails about that share of ${SAMPLES * 2} requests with documented 429s and 500s (${stateful ? "stateful" : "stateless"})`, async () => {
      const observed = await observe({ failRate: 0.3, stateful, seed: "fail-rate-test" }, SAMPLES * 2);
      const failed = observed.filter((o) => o.status !== 200);
      expect(failed.length / observed.length).toBeGreaterThan(0.3 - 0.07);
      expect(failed.length / observed.length).toBeLessThan(0.3 + 0.07);
      expect(new Set(failed.map((o) => o.status))).toEqual(new Set([429, 500]));
      expect(failed.every((o) => o.fault === `injected ${o.status}`)).toBe(true);
    });
  }

  it("puts Retry-After on an injected 429", async () => {
    await withDoor({ failRate: 1, seed: "retry" }, async (door) => {
      let seen = 0;
      for (let i = 0; i < 20; i++) {
        const answer = await raw("DELETE", "/v1/organization/api-keys/12", { door });
        if (answer.status === 429) {
          seen++;
          expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
        }
      }
      expect(seen).toBeGreaterThan(0);
    });
  });

  it("per request, with Prefer: fail-rate=", async () => {
    const observed = await observe({}, 20, { prefer: "fail-rate=1" });
    expect(observed.every((o) => o.status === 429 || o.status === 500)).toBe(true);
  });

  it("leaves the state alone when a request fails", async () => {
    await withDoor({ stateful: true }, async (door) => {
      const revoke = await raw("DELETE", "/v1/organization/api-keys/12", { door, headers: { prefer: "fail-rate=1" } });
      expect([429, 500]).toContain(revoke.status);
      expect((await raw("GET", "/v1/organization/api-keys/12", { door })).status).toBe(200);
    });
  });
});

describe("--seed", () => {
  it("makes injected faults and delays the same on every run", async () => {
    const run = async () => (await observe({ failRate: 0.5, latency: "0-20", seed: "faults-42", stateful: true }, SIZES.seededFaultRequests, {}, 1)).map((o) => o.status);
    const first = await run();
    expect(await run()).toEqual(first);
    const a = randomSource("x");
    const b = randomSource("x");
    const draws = (r: () => number) => Array.from({ length: 50 }, () => drawFault(r, { min: 0, max: 1000 }, 0.5));
    expect(draws(a)).toEqual(draws(b));
    expect(draws(randomSource("y"))).not.toEqual(draws(randomSource("x")));
  });
});
