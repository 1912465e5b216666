/**
 * What the mock changes in Prism at run time, in one place (the Node bundle and the browser build
 * make the same changes when they are built: see STUBS in scripts/lib/browser-build.ts and
 * NODE_STUBS in scripts/lib/node-bundle.ts). Each variant applies the ones it needs.
 *
 * - `lazyEnglishFaker`: Prism requires `@faker-js/faker` 6, whose main entry builds all 50-odd
 *   locales (0.6 s). Prism only reaches for it through json-schema-faker's `x-faker` keyword,
 *   which this contract has none of; so faker's main entry is replaced, in Node's require cache, by
 *   an object that loads faker's English build the first time anything asks for it.
 * - `keepRedirectsWithinOrigin`: the proxy forwards with node-fetch, which follows every redirect
 *   with every header, the API key included. The node-fetch Prism loads is wrapped to follow
 *   redirects within the upstream's origin only; one to another origin fails the forward.
 * - `generateOptionalsSometimes`: Prism asks json-schema-faker for every optional property, always.
 *   The API leaves `name` and `lastUsed` of a key (and `deprecated`, `link` of the envelope)
 *   optional, so generated answers leave optional properties out at random too.
 * - Prism's router, mocker and path templates are spared known work in shortcuts.ts (applied
 *   where the instance is composed, shared.ts).
 */
import { lazyObject } from "./lazyObject.js";
import { guardRedirects, type NodeFetch } from "./nodeFetchGuard.js";

export function lazyEnglishFaker(prismRequire: NodeJS.Require, cache: NodeJS.Require["cache"]): void {
  try {
    const main = prismRequire.resolve("@faker-js/faker");
    if (cache[main]) return;
    const lazy = lazyObject(() => prismRequire("@faker-js/faker/locale/en") as object);
    const exports = { default: lazy, faker: lazy };
    cache[main] = { id: main, filename: main, loaded: true, exports } as NodeJS.Module;
  } catch {
    // Not the layout we expect: let Prism load the full faker.
  }
}

const GUARDED = Symbol.for("confident-org-api-keys.redirectsGuarded");

export function keepRedirectsWithinOrigin(prismRequire: NodeJS.Require, cache: NodeJS.Require["cache"]): void {
  const path = prismRequire.resolve("node-fetch");
  const original = prismRequire("node-fetch") as NodeFetch & Record<PropertyKey, unknown>;
  if (original[GUARDED]) return;
  const guarded = guardRedirects(original);
  // In place too: a forwarder loaded before this module (Prism's own index, imported by someone
  // else first) holds node-fetch's exports and calls their `default` on every forward.
  original["default"] = guarded;
  original[GUARDED] = true;
  cache[path] = { id: path, filename: path, loaded: true, exports: Object.assign(guarded, original, { default: guarded }) } as unknown as NodeJS.Module;
}

/** json-schema-faker's options for generated answers. */
export const GENERATOR_OPTIONS = { alwaysFakeOptionals: false, optionalsProbability: 1, fixedProbabilities: false } as const;

export function generateOptionalsSometimes(jsonSchemaFaker: { option(options: Record<string, unknown>): void }): void {
  jsonSchemaFaker.option(GENERATOR_OPTIONS);
}
