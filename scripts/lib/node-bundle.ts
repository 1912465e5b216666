/**
 * The Node bundle (dist/bundle/): what `npm start` and the bin run. The same modules as dist/src/,
 * bundled into a few files instead of hundreds, so that a start spends less time loading them.
 * Prism is bundled in (src/prism/bundle.ts); what only some runs need loads from node_modules
 * when first used: node-fetch (the proxy), faker's English build (`x-faker`), @stoplight/http-spec
 * (a contract given at run time). The checker is a chunk of its own, loaded by `contract` only.
 */
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { bundlePlugin, STUBS } from "./browser-build.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const NODE_BUNDLE_DIR = join(ROOT, "dist", "bundle");

const prismRequire = 'const { createRequire: __ncr } = require("node:module");\nconst prismRequire = __ncr(require.resolve("@stoplight/prism-http"));\n';

const NODE_STUBS: Record<string, string> = {
  // The proxy's fetch, loaded when the proxy first forwards, kept to the upstream's origin.
  "node-fetch":
    prismRequire +
    `const { guardRedirects } = require(${JSON.stringify(join(ROOT, "src", "prism", "nodeFetchGuard.ts"))});\n` +
    'let real;\nconst load = () => (real ??= guardRedirects(prismRequire("node-fetch")));\nconst call = (...args) => load()(...args);\n' +
    "module.exports = Object.assign(call, { default: call, __esModule: true });\n",
  // json-schema-faker's `x-faker` keyword: faker's English build, loaded if a contract ever asks.
  "@faker-js/faker":
    prismRequire +
    `const { lazyObject } = require(${JSON.stringify(join(ROOT, "src", "prism", "lazyObject.ts"))});\n` +
    'const lazy = lazyObject(() => prismRequire("@faker-js/faker/locale/en"));\n' +
    "module.exports = { __esModule: true, default: lazy, faker: lazy };\n",
  // json-schema-faker's async `resolve`, which Prism does not call.
  "json-schema-ref-parser": STUBS["json-schema-ref-parser"] ?? "",
  // Colours for Prism's log lines, which the mock silences.
  chalk: STUBS["chalk"] ?? "",
};

/** Builds dist/bundle/: `cli.js` (the bin) and `mock.js` (`npm start`), sharing chunks. */
export async function buildNodeBundle(outdir = NODE_BUNDLE_DIR): Promise<void> {
  // Chunk names carry a hash: a build's old chunks would stay beside the new ones, and be packed.
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { cli: join(ROOT, "src", "cli.ts"), mock: join(ROOT, "scripts", "mock.ts") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: true,
    legalComments: "linked",
    logLevel: "warning",
    // The bundled CommonJS modules need a `require`; in an ES module there is none unless made.
    banner: { js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);' },
    plugins: [bundlePlugin("bundle", NODE_STUBS)],
  });
}
