/**
 * Loads Prism's HTTP engine (@stoplight/prism-http 5.12) in the parts the mock uses, and no more:
 *
 * - faker: Prism requires `@faker-js/faker` 6, whose main entry builds all 50-odd locales
 *   (0.6 s). Prism only reaches for it through json-schema-faker's `x-faker` keyword, which this
 *   contract has none of; so faker's main entry is replaced, in Node's require cache, by an object
 *   that loads faker's English build the first time anything asks for it (0.1 s, usually never).
 * - `getHttpOperationsFromSpec` pulls in @stoplight/http-spec (and postman-collection): 0.14 s.
 *   The bundled contract's operations are prepared by `npm run generate` instead
 *   (generated/prism-operations.json); only a contract given at run time needs it, loaded then.
 * - `createInstance` is put together as prism-http's own index does it, from the same modules.
 * - The proxy forwards with node-fetch, which follows every redirect with every header, the API
 *   key included. The node-fetch Prism loads is wrapped to follow redirects within the upstream's
 *   origin only; one to another origin fails the forward (the proxy answers 502 and reports it).
 *
 * The pinned versions are exact (package.json), so the module paths below do not move. Should the
 * faker layout ever differ, the full faker loads as before.
 */
import { createRequire } from "node:module";
import type * as PrismCore from "@stoplight/prism-core";
import type * as PrismHttp from "@stoplight/prism-http";
import { guardRedirects, type NodeFetch } from "./nodeFetchGuard.js";
import { lazyObject } from "./lazyObject.js";
import { GENERATOR_OPTIONS, instanceFrom, samplerFrom, type PrismParts } from "./prismShared.js";

const require = createRequire(import.meta.url);

/**
 * Node's own `require`, from Prism's folder, so that its files load as Prism requires them. A
 * bundler may take `require.resolve` for its own and answer a module id instead of a path (Next.js's
 * Turbopack does), or fail: then Prism is found from the app's own folder, where it is installed.
 */
function prismRequireFrom(): NodeJS.Require {
  const name = ["@stoplight", "prism-http"].join("/");
  let main: unknown;
  try {
    main = require.resolve(name);
  } catch {
    main = undefined;
  }
  return createRequire(typeof main === "string" && main.startsWith("/") ? main : `${process.cwd()}/package.json`);
}
const prismRequire = prismRequireFrom();
const prismModule = (path: string): unknown => prismRequire(`@stoplight/prism-http/dist/${path}`);

function lazyEnglishFaker(): void {
  try {
    const main = prismRequire.resolve("@faker-js/faker");
    if (require.cache[main]) return;
    const lazy = lazyObject(() => prismRequire("@faker-js/faker/locale/en") as object);
    const exports = { default: lazy, faker: lazy };
    require.cache[main] = { id: main, filename: main, loaded: true, exports } as NodeJS.Module;
  } catch {
    // Not the layout we expect: let Prism load the full faker.
  }
}

lazyEnglishFaker();

const GUARDED = Symbol.for("confident-org-api-keys.redirectsGuarded");

function keepRedirectsWithinOrigin(): void {
  const path = prismRequire.resolve("node-fetch");
  const original = prismRequire("node-fetch") as NodeFetch & Record<PropertyKey, unknown>;
  if (original[GUARDED]) return;
  const guarded = guardRedirects(original);
  // In place too: a forwarder loaded before this module (Prism's own index, imported by someone
  // else first) holds node-fetch's exports and calls their `default` on every forward.
  original["default"] = guarded;
  original[GUARDED] = true;
  require.cache[path] = { id: path, filename: path, loaded: true, exports: Object.assign(guarded, original, { default: guarded }) } as unknown as NodeJS.Module;
}

keepRedirectsWithinOrigin();

const { factory } = prismRequire("@stoplight/prism-core") as typeof PrismCore;
const validator = prismModule("validator") as { validateInput: unknown; validateOutput: unknown; validateSecurity: unknown };
const { default: route } = prismModule("router") as { default: unknown };
const { default: mock } = prismModule("mocker") as { default: unknown };
const { default: forward } = prismModule("forwarder") as { default: unknown };

const { URI: uriTemplates } = prismRequire("uri-template-lite") as { URI: PrismParts["uriTemplates"] };

/** Prism's HTTP instance, composed as `@stoplight/prism-http`'s `createInstance` composes it. */
export const createInstance: typeof PrismHttp.createInstance = instanceFrom({ factory, route, validator, mock, forward, uriTemplates });

/** Prism's operations for an OpenAPI document, read by @stoplight/http-spec (loaded on first use). */
export const getHttpOperationsFromSpec: typeof PrismHttp.getHttpOperationsFromSpec = (spec) =>
  (prismModule("utils/operations") as typeof PrismHttp).getHttpOperationsFromSpec(spec);

export { silentLogger, type PrismOperations } from "./prismShared.js";

function generateOptionalsSometimes(): void {
  const { JSONSchemaFaker } = prismRequire("json-schema-faker") as { JSONSchemaFaker: { option(options: Record<string, unknown>): void } };
  JSONSchemaFaker.option(GENERATOR_OPTIONS);
}

generateOptionalsSometimes();

/** Prism's own sampler (json-schema-faker, as Prism calls it): a value for a schema, the same for the same seed. */
let sampler: ReturnType<typeof samplerFrom> | undefined;
export const sampleSchema = (schema: Record<string, unknown>, seed: string): unknown =>
  (sampler ??= samplerFrom((prismModule("mocker/generator/JSONSchema") as { generate: unknown }).generate))(schema, seed);
