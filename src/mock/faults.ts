/**
 * Latency and fault injection: a delay per answer, and a share of answers replaced by the
 * operation's documented 429 or 500. With a seed, the draws are the same on every run.
 */
export interface LatencyRange {
  min: number;
  max: number;
}

/** The longest delay the mock will inject, so that no request waits forever. */
export const MAX_LATENCY_MS = 30_000;

/** Parses `250` or `100-400` (milliseconds). Throws a readable error otherwise. */
export function parseLatency(spec: string): LatencyRange {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(spec);
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (!match || !(min <= max) || max > MAX_LATENCY_MS) {
    throw new RangeError(`latency must be <ms> or <min>-<max>, from 0 to ${MAX_LATENCY_MS}; got ${JSON.stringify(spec)}`);
  }
  return { min, max };
}

/** Parses a failure rate from 0 to 1. */
export function parseFailRate(spec: string): number {
  const rate = Number(spec);
  if (spec.trim() === "" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`fail rate must be a number from 0 to 1; got ${JSON.stringify(spec)}`);
  }
  return rate;
}

/** FNV-1a, 32 bits: a seed string to a number, the same in Node and in a browser. `basis` replaces FNV's offset basis. */
export function hashSeed(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** A uniform [0, 1) source: seeded (mulberry32 over an FNV-1a hash of the seed) or Math.random. */
export function randomSource(seed?: string): () => number {
  if (seed === undefined) return Math.random;
  let state = hashSeed(`faults:${seed}`);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultDraw {
  delayMs: number;
  /** The documented status to answer instead, if this request fails. */
  fail: 429 | 500 | undefined;
}

export function drawFault(random: () => number, latency: LatencyRange | undefined, failRate: number): FaultDraw {
  const delayMs = latency ? Math.round(latency.min + random() * (latency.max - latency.min)) : 0;
  const fail = failRate > 0 && random() < failRate ? (random() < 0.5 ? 429 : 500) : undefined;
  return { delayMs, fail };
}
