/**
 * The browser build of the MSW door (`confident-org-api-keys/msw` under the `browser` condition):
 * dist/browser/msw.js, ESM, with the engine and the compiled contract in it and `msw` left to the
 * app; Prism, which only a generated answer or a request with a violation needs, is a chunk of its
 * own (dist/browser/chunks/), which the door loads with a dynamic `import()` when it first needs
 * it, and which an app's bundler splits off as it does any dynamic import. Written by `npm run
 * build`; measured by `npm run bench`; loaded by the Chromium tests.
 *
 * - Prism is src/prism/browser.ts (PRISM_VARIANTS); a file `x.browser.ts` beside `x.ts` takes its
 *   place (the coverage sink writes files; Ajv at run time is Node's).
 * - What only Node's mock uses is replaced by a module that says so when called (see STUBS).
 * - Nothing may reach for a Node built-in: esbuild's `platform: "browser"` fails the build if
 *   anything does, and `assertNoNodeBuiltins` checks the inputs again.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const BROWSER_DOOR_ENTRY = join(ROOT, "src", "mock", "doors", "msw.ts");
export const BROWSER_DOOR_OUTFILE = join(ROOT, "dist", "browser", "msw.js");
/** The most the MSW door may add to what a page loads at once, gzipped (issue #23's goal; the bench prints it against this; a test holds it). */
export const BROWSER_DOOR_BUDGET_BYTES = 60 * 1024;

/** A CommonJS module (Prism `require`s these) whose `default` and named exports refuse when called. */
const refusing = (what: string, names: string[] = []): string =>
  `const refuse = () => { throw new Error(${JSON.stringify(`${what} is not part of the browser build of confident-org-api-keys`)}); };\n` +
  `module.exports = Object.assign(refuse, { default: refuse${names.map((n) => `, ${n}: refuse`).join("")} });\n`;

/** Modules Prism requires that the browser door never calls, each replaced by one that says so if called. */
export const STUBS: Record<string, string> = {
  // Forwarding and callbacks (the proxy mode): a page has no upstream to forward to.
  "node-fetch": refusing("node-fetch (the proxy mode)"),
  // json-schema-faker's `x-faker` keyword; the bundled contract has none.
  "@faker-js/faker": refusing("@faker-js/faker (the `x-faker` keyword)", ["faker"]),
  // Prism's forwarder; its logger borrows `serializeBody` from it, kept here as Prism writes it.
  "prism-forwarder":
    refusing("Prism's forwarder (the proxy mode)", ["forward"]) +
    'const E = require("fp-ts/Either");\n' +
    'module.exports.serializeBody = (body) => typeof body === "string" ? E.right(body) : body ? E.tryCatch(() => JSON.stringify(body), E.toError) : E.right(undefined);\n',
  // json-schema-faker's async `resolve` (remote $refs); Prism generates with the synchronous API.
  "json-schema-ref-parser": refusing("json-schema-ref-parser (json-schema-faker's resolve)", ["bundle"]),
  // mime-types takes `extname` from Node's path; this is all of it that mime-types needs.
  path: 'module.exports = { extname: (p) => { const m = /(\\.[^./]*)$/.exec(p); return m ? m[1] : ""; } };\n',
  // Colours for Prism's log lines, which the mock silences: every colour is the identity.
  chalk: "const paint = new Proxy((text) => text, { get: () => paint, apply: (_t, _this, args) => String(args[0]) });\nmodule.exports = paint;\n",
};

/** Which Prism each bundle imports where src/prism/importPrism.ts imports ./node.js (Prism required from node_modules). */
export const PRISM_VARIANTS = {
  bundle: join(ROOT, "src", "prism", "bundle.ts"),
  browser: join(ROOT, "src", "prism", "browser.ts"),
} as const;
const IMPORT_PRISM = join(ROOT, "src", "prism", "importPrism.ts");

/**
 * The plugin both bundles share (this one, and the Node bundle in node-bundle.ts): the bundle's
 * Prism (PRISM_VARIANTS), `x.js` becomes `x.<variant>.ts` where there is one, the modules in `stubs`
 * are replaced, and Prism's own dependencies resolve as Prism's require resolves them.
 */
export function bundlePlugin(variant: keyof typeof PRISM_VARIANTS, stubs: Record<string, string>): Plugin {
  const prismRequire = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
  return {
    name: `confident-${variant}`,
    setup(b) {
      b.onResolve({ filter: /^\.\/node\.js$/ }, (args) => (args.importer === IMPORT_PRISM ? { path: PRISM_VARIANTS[variant] } : undefined));
      b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const candidate = join(args.resolveDir, args.path.replace(/\.js$/, `.${variant}.ts`));
        return existsSync(candidate) ? { path: candidate } : undefined;
      });
      const names = Object.keys(stubs).filter((n) => n !== "prism-forwarder");
      const stubFilter = new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, "\\$&")).join("|")})$`);
      b.onResolve({ filter: stubFilter }, (args) => ({ path: args.path, namespace: "stub" }));
      if (stubs["prism-forwarder"] !== undefined) {
        b.onResolve({ filter: /\/forwarder$/ }, (args) =>
          args.importer.includes("@stoplight/prism-http") ? { path: "prism-forwarder", namespace: "stub" } : undefined,
        );
      }
      b.onLoad({ filter: /.*/, namespace: "stub" }, (args) => ({ contents: stubs[args.path] ?? "", loader: "js", resolveDir: dirname(prismRequire.resolve("@stoplight/prism-http")) }));
      // jsonc-parser's `main` is UMD, whose requires esbuild cannot follow: its ES module build instead.
      b.onResolve({ filter: /^jsonc-parser$/ }, (args) => ({
        path: createRequire(join(args.resolveDir, "noop.js")).resolve("jsonc-parser").replace(/lib[/\\]umd[/\\]main\.js$/, "lib/esm/main.js"),
      }));
      // One json-schema-faker for Prism and for us: the file Prism's require gets.
      b.onResolve({ filter: /^json-schema-faker$/ }, () => ({ path: prismRequire.resolve("json-schema-faker") }));
    },
  };
}

/** The browser build's plugin: `x.browser.ts` files, and every stub above. */
export const browserBuildPlugin = (): Plugin => bundlePlugin("browser", STUBS);

/** Fails if any input of the build is, or names, a Node built-in module. */
export function assertNoNodeBuiltins(metafile: Metafile): void {
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const imported of imports) {
      if (builtins.has(imported.path) || imported.path.startsWith("node:")) {
        throw new Error(`The browser build reaches for the Node built-in ${imported.path} (from ${input})`);
      }
    }
  }
}

export interface BrowserBuild {
  outfile: string;
  /** The entry and the chunks it imports statically: what a page loads before the first answer of the static path. */
  bytes: number;
  gzipBytes: number;
  /** Everything written, the lazily loaded chunks included. */
  totalBytes: number;
  metafile: Metafile;
}

/** esbuild's options for one minified ES module for the browser, `outfile`, and the chunks it splits off (what it imports dynamically, and what those share with it). */
const splitBrowserBuild = (entry: string, outfile: string, chunkNames: string) =>
  ({
    entryPoints: { [basename(outfile, ".js")]: entry },
    outdir: dirname(outfile),
    chunkNames,
    splitting: true,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    metafile: true,
    logLevel: "warning",
  }) as const satisfies BuildOptions;

/** Builds dist/browser/msw.js. */
export async function buildBrowserDoor(outfile = BROWSER_DOOR_OUTFILE): Promise<BrowserBuild> {
  const result = await build({
    ...splitBrowserBuild(BROWSER_DOOR_ENTRY, outfile, "chunks/[name]-[hash]"),
    legalComments: "linked",
    external: ["msw"],
    write: true,
    plugins: [browserBuildPlugin()],
  });
  assertNoNodeBuiltins(result.metafile);
  const atOnce = loadedAtOnce(result.metafile, outfile);
  const bytes = atOnce.reduce((n, file) => n + (result.metafile.outputs[file]?.bytes ?? 0), 0);
  const totalBytes = Object.entries(result.metafile.outputs).reduce((n, [file, o]) => (file.endsWith(".js") ? n + o.bytes : n), 0);
  return { outfile, bytes, gzipBytes: gzippedBytes(atOnce), totalBytes, metafile: result.metafile };
}

export interface PageBundle {
  file: string;
  gzipBytes: number;
  /** What the MSW door adds to what the page loads at once: the page's gzipped size less the same page without it. */
  doorGzipBytes: number;
  /** What the page loads only when first needed (Prism, split off), gzipped. */
  onDemandGzipBytes: number;
}

/** What the page would be without the door: `confident-org-api-keys/msw` with no handlers in it. */
const WITHOUT_DOOR: Plugin = {
  name: "without-door",
  setup(b) {
    b.onResolve({ filter: /^confident-org-api-keys\/msw$/ }, () => ({ path: "msw-door", namespace: "without-door" }));
    b.onLoad({ filter: /.*/, namespace: "without-door" }, () => ({ contents: "export const handlers = []; export const createHandlers = () => [];", loader: "js" }));
  },
};

/** The output files a page loads at once: `outfile` and every chunk it imports statically, transitively (not those it imports dynamically). */
export function loadedAtOnce(metafile: Metafile, outfile: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(relative(ROOT, outfile));
  return [...seen];
}

/** The gzipped size of output files (paths relative to the package root), each gzipped as a server sends it. */
const gzippedBytes = (files: readonly string[]): number => files.reduce((n, file) => n + gzipSync(readFileSync(join(ROOT, file))).length, 0);

/** Bundles a page, splitting off what it imports dynamically as an app's bundler does: the gzipped size of what the page loads at once, and of the rest. */
async function bundleOnce(entry: string, outfile: string, plugins: Plugin[], alias: Record<string, string>): Promise<{ atOnce: number; onDemand: number }> {
  const result = await build({ ...splitBrowserBuild(entry, outfile, `${basename(outfile, ".js")}-chunks/[name]-[hash]`), absWorkingDir: ROOT, plugins, alias });
  const atOnce = loadedAtOnce(result.metafile, outfile);
  const onDemand = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".js") && !atOnce.includes(file));
  return { atOnce: gzippedBytes(atOnce), onDemand: gzippedBytes(onDemand) };
}

/**
 * Bundles a page as an app would (esbuild, `browser` condition, minified), the package reached by
 * its name, so that `confident-org-api-keys/msw` is the browser build in dist/browser/. `alias`:
 * packages to take in place of others (the browser tests' `msw` → `msw3`).
 */
export async function bundlePage(entry: string, outfile: string, alias: Record<string, string> = {}): Promise<PageBundle> {
  const page = await bundleOnce(entry, outfile, [], alias);
  const withoutDoor = await bundleOnce(entry, outfile.replace(/\.js$/, ".without-door.js"), [WITHOUT_DOOR], alias);
  return { file: outfile, gzipBytes: page.atOnce, doorGzipBytes: page.atOnce - withoutDoor.atOnce, onDemandGzipBytes: page.onDemand };
}

/** The Chromium tests' page: the README's recipe and the checks (test/browser/app/page.ts). */
export const RECIPE_PAGE_ENTRY = join(ROOT, "test", "browser", "app", "page.ts");
