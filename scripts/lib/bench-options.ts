/** `npm run bench`'s command line (documented at the top of scripts/bench.ts): each number checked, every part named. */
import { parseArgs } from "node:util";

export const PART_NAMES = ["cold", "throughput", "doors", "browser", "client", "suite", "frontend"] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface BenchOptions {
  /** Where to write the JSON report, if anywhere. */
  json: string | undefined;
  /** Seconds per throughput run. */
  duration: number;
  /** Alternations per throughput setting. */
  rounds: number;
  /** Cold starts per way of starting (and first answers per door). */
  cold: number;
  /** vitest runs to time; 0 skips the suite. */
  suite: number;
  /** Alternations of the frontend suite's three variants. */
  frontend: number;
  parts: readonly PartName[];
}

/** The numeric options: default, and the least value that makes sense. */
const NUMBERS = {
  duration: { default: 10, min: 1 },
  rounds: { default: 2, min: 1 },
  cold: { default: 7, min: 1 },
  suite: { default: 3, min: 0 },
  frontend: { default: 5, min: 1 },
} as const;
type NumberName = keyof typeof NUMBERS;

export class BenchUsageError extends Error {
  override name = "BenchUsageError";
}

function wholeNumber(name: NumberName, raw: string): number {
  const { min } = NUMBERS[name];
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < min) throw new BenchUsageError(`--${name} must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function partsFrom(raw: string): PartName[] {
  const names = raw.split(",").map((p) => p.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PART_NAMES as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) throw new BenchUsageError(`--only takes ${PART_NAMES.join(", ")}; got ${JSON.stringify(raw)}`);
  return PART_NAMES.filter((p) => names.includes(p));
}

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  // `--json` with no file after it writes reports/bench.json.
  const argv = args.flatMap((arg, i, all) => (arg === "--json" && (all[i + 1] === undefined || all[i + 1]?.startsWith("--")) ? [arg, "reports/bench.json"] : [arg]));
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        json: { type: "string" },
        only: { type: "string" },
        ...(Object.fromEntries(Object.keys(NUMBERS).map((name) => [name, { type: "string" }])) as Record<NumberName, { type: "string" }>),
      },
    }).values;
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  const number = (name: NumberName): number => (values[name] === undefined ? NUMBERS[name].default : wholeNumber(name, values[name]));
  return {
    json: values["json"],
    duration: number("duration"),
    rounds: number("rounds"),
    cold: number("cold"),
    suite: number("suite"),
    frontend: number("frontend"),
    parts: values["only"] === undefined ? [...PART_NAMES] : partsFrom(values["only"]),
  };
}
