/** What the Node and the browser builds of prism.ts share: Prism's types, a silent logger, the generator's options. */
import type * as PrismHttp from "@stoplight/prism-http";

export type PrismOperations = Awaited<ReturnType<typeof PrismHttp.getHttpOperationsFromSpec>>;

type PrismLogger = Parameters<typeof PrismHttp.createInstance>[1]["logger"];

/** A logger that says nothing: the mock reports in its own words. */
export function silentLogger(): PrismLogger {
  const noop = (): void => undefined;
  const logger: Record<string, unknown> = {};
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal", "success", "log", "start"]) logger[level] = noop;
  logger["child"] = () => logger;
  return logger as unknown as PrismLogger;
}

/**
 * Prism asks json-schema-faker for every optional property, always. The API leaves `name` and
 * `lastUsed` of a key (and `deprecated`, `link` of the envelope) optional, so generated answers
 * leave optional properties out at random too: frontends meet a key without a name in dynamic mode.
 */
export const GENERATOR_OPTIONS = { alwaysFakeOptionals: false, optionalsProbability: 1, fixedProbabilities: false } as const;
