/**
 * How big each heavy proof is, in one place, for the two tiers. `npm test` runs the quick tier
 * (every file, at sizes that finish in about 30 s); `npm run test:stress` runs the full sizes.
 * TEST_TIER=stress picks the full sizes (quick otherwise); FC_NUM_RUNS overrides every property's run count.
 */

export type Tier = "quick" | "stress";

/** A positive whole number from the environment, or the fallback; anything else is an error, not a silent default. */
export function positiveIntegerFromEnv(name: string, fallback: number, env: Record<string, string | undefined> = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new RangeError(`${name} must be a whole number from 1 to 999999999, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

export function tierFrom(env: Record<string, string | undefined> = process.env): Tier {
  const tier = env["TEST_TIER"] ?? "quick";
  if (tier !== "quick" && tier !== "stress") throw new RangeError(`TEST_TIER must be quick or stress, got ${JSON.stringify(tier)}`);
  return tier;
}

export interface Sizes {
  tier: Tier;
  /** fast-check runs of a property: per operation (fuzz), per operation and door (differential), sequences (model). */
  propertyRuns: number;
  /** Bodies over the limit: their sizes, and tries of each from every client. */
  limits: { sizesMb: readonly number[]; tries: number };
  /** Seeds of the checker's run against the project's own mock, per mode. */
  checkerSeeds: number;
  /** Generated requests per route that the HTTP and fetch doors must answer alike, in each mode. */
  differentialRunsPerRoute: number;
  /** Generated requests per mode that the compiled contract and Prism alone must answer alike (issue #23: at least 2,000 at full size). */
  compiledDifferentialRequests: number;
  /** Generated answers checked per operation (dynamic mode). */
  dynamicAnswers: number;
  /** Delayed answers timed per mode (half of them opt out, as the baseline). */
  latencySamples: number;
  /** Requests of each seeded run whose faults must come out the same twice. */
  seededFaultRequests: number;
  /** Items of the hostile list the checker must survive (40,000 empty objects already make 160,000 schema errors, past what `push(...errors)` could spread). */
  hostileListItems: number;
  /** Connections with broken framing sent to one server, which must close each and keep serving. */
  brokenConnections: number;
}

export function sizesFor(tier: Tier, env: Record<string, string | undefined> = process.env): Sizes {
  const stress = tier === "stress";
  const propertyRuns = positiveIntegerFromEnv("FC_NUM_RUNS", stress ? 1_000 : 100, env);
  return {
    tier,
    propertyRuns,
    limits: stress ? { sizesMb: [5, 20, 100], tries: 50 } : { sizesMb: [5], tries: 12 },
    checkerSeeds: stress ? 100 : 4,
    differentialRunsPerRoute: Math.max(1, Math.round(propertyRuns / 5)),
    compiledDifferentialRequests: stress ? 2_000 : 300,
    dynamicAnswers: stress ? 200 : 40,
    latencySamples: stress ? 200 : 40,
    seededFaultRequests: stress ? 60 : 20,
    hostileListItems: stress ? 300_000 : 40_000,
    brokenConnections: stress ? 1_100 : 200,
  };
}

export const SIZES: Sizes = sizesFor(tierFrom());
