/** What the variants of Prism (node.ts, bundle.ts, browser.ts) share: Prism's instance composed, a silent logger, the sampler. */
import type * as PrismHttp from "@stoplight/prism-http";
import { rememberStaticAnswers, rememberUriTemplates, routeGiven } from "./shortcuts.js";
import type { PrismVariant } from "./variant.js";

/** The parts Prism's HTTP instance is made of: prism-core's factory, and prism-http's stages. */
export interface PrismParts {
  factory: unknown;
  route: unknown;
  validator: { validateInput: unknown; validateOutput: unknown; validateSecurity: unknown };
  mock: unknown;
  forward: unknown;
  /** uri-template-lite's `URI`, as Prism's validator requires it. */
  uriTemplates: { Template: new (template: string) => unknown };
}

/**
 * Prism's HTTP instance, composed as `@stoplight/prism-http`'s `createInstance` composes it, but
 * with its router taking the one operation the engine routed to, and its mocker remembering static
 * answers, and path templates parsed once (shortcuts.ts).
 */
export function instanceFrom(parts: PrismParts): typeof PrismHttp.createInstance {
  const { factory, route, validator, mock, forward, uriTemplates } = parts;
  rememberUriTemplates(uriTemplates);
  return (defaultConfig, components) =>
    (factory as (config: unknown, components: unknown) => ReturnType<typeof PrismHttp.createInstance>)(defaultConfig, {
      route: routeGiven(route),
      validateInput: validator.validateInput,
      validateOutput: validator.validateOutput,
      validateSecurity: validator.validateSecurity,
      mock: rememberStaticAnswers(mock),
      forward,
      ...components,
    });
}

type PrismLogger = ReturnType<PrismVariant["silentLogger"]>;

/** A logger that says nothing: the mock reports in its own words. */
export function silentLogger(): PrismLogger {
  const noop = (): void => undefined;
  const logger: Record<string, unknown> = {};
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal", "success", "log", "start"]) logger[level] = noop;
  logger["child"] = () => logger;
  return logger as unknown as PrismLogger;
}

type Generate = (resource: unknown, bundle: unknown, schema: unknown, seed?: string) => { _tag: "Left"; left: Error } | { _tag: "Right"; right: unknown };

/** Prism's own sampler (json-schema-faker, as Prism calls it), from Prism's `generate`: the same value for the same seed. */
export function samplerFrom(generate: unknown): (schema: Record<string, unknown>, seed: string) => unknown {
  return (schema, seed) => {
    const result = (generate as Generate)({}, undefined, schema, seed);
    if (result._tag === "Left") throw result.left;
    return result.right;
  };
}
