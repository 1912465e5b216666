/**
 * Prism in the browser build (dist/browser/): Prism's HTTP engine (@stoplight/prism-http 5.12), composed as in
 * Node, from the same modules. What the browser cannot or need not have is left out by
 * scripts/lib/browser-build.ts, which replaces:
 *
 * - `node-fetch` (forwarding, callbacks): the proxy mode needs a server; in a page it is refused.
 * - `@faker-js/faker` (json-schema-faker's `x-faker` keyword, which this contract does not use).
 * - `@stoplight/http-spec` (reading an OpenAPI document, with postman-collection): the bundled
 *   contract's operations were prepared by `npm run generate`; a contract given at run time is
 *   refused in the browser.
 * - `chalk` (colours for Prism's log lines, which go nowhere here).
 */
import type * as PrismHttp from "@stoplight/prism-http";
import { factory } from "@stoplight/prism-core/dist/factory.js";
import * as validator from "@stoplight/prism-http/dist/validator/index.js";
import route from "@stoplight/prism-http/dist/router/index.js";
import mock from "@stoplight/prism-http/dist/mocker/index.js";
import { JSONSchemaFaker } from "json-schema-faker";
import { URI as uriTemplates } from "uri-template-lite";
import { generate } from "@stoplight/prism-http/dist/mocker/generator/JSONSchema.js";
import { generateOptionalsSometimes } from "./patches.js";
import { instanceFrom, samplerFrom, silentLogger } from "./shared.js";
import type { PrismVariant } from "./variant.js";

// As in Node (patches.ts): generated answers leave optional properties out at random.
generateOptionalsSometimes(JSONSchemaFaker);

export const prism: PrismVariant = {
  // Composed as in Node, without forwarding: the proxy mode needs a server.
  createInstance: instanceFrom({
    factory,
    route,
    validator,
    mock,
    uriTemplates,
    forward: () => {
      throw new Error("The proxy mode is not available in the browser");
    },
  }),
  // In the browser, only the bundled contract: its operations were prepared at build time.
  getHttpOperationsFromSpec: () => Promise.reject(new Error("In the browser the mock serves the bundled contract only: a `document` option needs Node")),
  silentLogger,
  sampleSchema: samplerFrom(generate),
};
