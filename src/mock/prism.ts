/**
 * Loads Prism's HTTP engine (@stoplight/prism-http), about 0.45 s faster than a plain import.
 *
 * Prism requires `@faker-js/faker` 6, whose main entry builds all 50-odd locales (0.6 s of Prism's
 * 0.9 s import). Prism only hands faker to json-schema-faker for schemas with an `x-faker`
 * keyword, which this contract has none of, so the English-only build serves the same answers.
 * We place that build in Node's require cache under the main entry's path before Prism loads.
 * Should the layout of the pinned versions ever differ, the full faker loads as before.
 */
import { createRequire } from "node:module";
import type * as PrismHttp from "@stoplight/prism-http";

const require = createRequire(import.meta.url);

function preloadEnglishFaker(): void {
  try {
    const prismRequire = createRequire(require.resolve("@stoplight/prism-http"));
    const main = prismRequire.resolve("@faker-js/faker");
    if (require.cache[main]) return;
    const english: unknown = prismRequire("@faker-js/faker/locale/en");
    require.cache[main] = { id: main, filename: main, loaded: true, exports: { default: english, faker: english } } as NodeJS.Module;
  } catch {
    // Not the layout we expect: let Prism load the full faker.
  }
}

preloadEnglishFaker();

const prism = require("@stoplight/prism-http") as typeof PrismHttp;
export const createInstance: typeof PrismHttp.createInstance = prism.createInstance;
export const getHttpOperationsFromSpec: typeof PrismHttp.getHttpOperationsFromSpec = prism.getHttpOperationsFromSpec;

type PrismLogger = Parameters<typeof createInstance>[1]["logger"];

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
function generateOptionalsSometimes(): void {
  const prismRequire = createRequire(require.resolve("@stoplight/prism-http"));
  const { JSONSchemaFaker } = prismRequire("json-schema-faker") as { JSONSchemaFaker: { option(options: Record<string, unknown>): void } };
  JSONSchemaFaker.option({ alwaysFakeOptionals: false, optionalsProbability: 1, fixedProbabilities: false });
}

generateOptionalsSometimes();
