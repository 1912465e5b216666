/**
 * Prism in the Node bundle (dist/bundle/, written by `npm run build`, run by `npm start` and
 * the bin): the same Prism, its modules bundled in, so that a start reads a few files instead of
 * hundreds. What node.ts does through Node's require cache, the bundle's build does
 * (scripts/lib/node-bundle.ts): faker's English build and node-fetch (the proxy, kept to the
 * upstream's origin) load on first use; @stoplight/http-spec (a contract given at run time) too.
 */
import { createRequire } from "node:module";
import type * as PrismHttp from "@stoplight/prism-http";
import { factory } from "@stoplight/prism-core/dist/factory.js";
import * as validator from "@stoplight/prism-http/dist/validator/index.js";
import route from "@stoplight/prism-http/dist/router/index.js";
import mock from "@stoplight/prism-http/dist/mocker/index.js";
import forward from "@stoplight/prism-http/dist/forwarder/index.js";
import { generate } from "@stoplight/prism-http/dist/mocker/generator/JSONSchema.js";
import { JSONSchemaFaker } from "json-schema-faker";
import { URI as uriTemplates } from "uri-template-lite";
import { generateOptionalsSometimes } from "./patches.js";
import { instanceFrom, samplerFrom, silentLogger } from "./shared.js";
import type { PrismVariant } from "./variant.js";

const prismRequire = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));

generateOptionalsSometimes(JSONSchemaFaker);

export const prism: PrismVariant = {
  createInstance: instanceFrom({ factory, route, validator, mock, forward, uriTemplates }),
  // @stoplight/http-spec, loaded on first use.
  getHttpOperationsFromSpec: (spec) => (prismRequire("@stoplight/prism-http/dist/utils/operations") as typeof PrismHttp).getHttpOperationsFromSpec(spec),
  silentLogger,
  sampleSchema: samplerFrom(generate),
};
