/**
 * The Node bundle's `prism.ts` (dist/bundle/, written by `npm run build`, run by `npm start` and
 * the bin): the same Prism, its modules bundled in, so that a start reads a few files instead of
 * hundreds. What prism.ts does through Node's require cache, the bundle's build does
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
import { GENERATOR_OPTIONS, instanceFrom, samplerFrom } from "./prismShared.js";

export { silentLogger, type PrismOperations } from "./prismShared.js";

export const createInstance: typeof PrismHttp.createInstance = instanceFrom({ factory, route, validator, mock, forward, uriTemplates });

const prismRequire = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));

/** Prism's operations for an OpenAPI document, read by @stoplight/http-spec (loaded on first use). */
export const getHttpOperationsFromSpec: typeof PrismHttp.getHttpOperationsFromSpec = (spec) =>
  (prismRequire("@stoplight/prism-http/dist/utils/operations") as typeof PrismHttp).getHttpOperationsFromSpec(spec);

export const sampleSchema = samplerFrom(generate);

JSONSchemaFaker.option(GENERATOR_OPTIONS);
