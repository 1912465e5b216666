/**
 * Prism in dist/src/ (Node, Prism required from node_modules): @stoplight/prism-http 5.12, in the
 * parts the mock uses, and no more, with the patches of patches.ts (faker's English build on first
 * use, redirects kept within the upstream's origin, optional properties generated sometimes):
 *
 * - `getHttpOperationsFromSpec` pulls in @stoplight/http-spec (and postman-collection): 0.14 s.
 *   The bundled contract's operations are prepared by `npm run generate` instead
 *   (generated/prism-operations.json); only a contract given at run time needs it, loaded then.
 * - `createInstance` is put together as prism-http's own index does it, from the same modules.
 *
 * The pinned versions are exact (package.json), so the module paths below do not move. Should the
 * faker layout ever differ, the full faker loads as before.
 */
import { createRequire } from "node:module";
import type * as PrismCore from "@stoplight/prism-core";
import type * as PrismHttp from "@stoplight/prism-http";
import { generateOptionalsSometimes, keepRedirectsWithinOrigin, lazyEnglishFaker } from "./patches.js";
import { instanceFrom, samplerFrom, silentLogger, type PrismParts } from "./shared.js";
import type { PrismVariant } from "./variant.js";

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

lazyEnglishFaker(prismRequire, require.cache);
keepRedirectsWithinOrigin(prismRequire, require.cache);

const { factory } = prismRequire("@stoplight/prism-core") as typeof PrismCore;
const validator = prismModule("validator") as { validateInput: unknown; validateOutput: unknown; validateSecurity: unknown };
const { default: route } = prismModule("router") as { default: unknown };
const { default: mock } = prismModule("mocker") as { default: unknown };
const { default: forward } = prismModule("forwarder") as { default: unknown };

const { URI: uriTemplates } = prismRequire("uri-template-lite") as { URI: PrismParts["uriTemplates"] };

const { JSONSchemaFaker } = prismRequire("json-schema-faker") as { JSONSchemaFaker: { option(options: Record<string, unknown>): void } };
generateOptionalsSometimes(JSONSchemaFaker);

let sampler: ReturnType<typeof samplerFrom> | undefined;

export const prism: PrismVariant = {
  createInstance: instanceFrom({ factory, route, validator, mock, forward, uriTemplates }),
  // @stoplight/http-spec, loaded on first use.
  getHttpOperationsFromSpec: (spec) => (prismModule("utils/operations") as typeof PrismHttp).getHttpOperationsFromSpec(spec),
  silentLogger,
  sampleSchema: (schema, seed) => (sampler ??= samplerFrom((prismModule("mocker/generator/JSONSchema") as { generate: unknown }).generate))(schema, seed),
};
