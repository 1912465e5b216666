/**
 * The CommonJS build (dist/cjs/): each public entry as one .cjs file, for toolchains that
 * `require()` the package, such as Jest in its default CommonJS mode (MSW's documented Jest setup)
 * and TypeScript's nodenext-CJS output. Our modules are bundled in; every dependency stays a
 * `require()` of the package the consumer installed. `import.meta.url` becomes the file's URL.
 */
import { rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { PACKAGE_ENTRIES } from "./entries.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const CJS_DIR = join(ROOT, "dist", "cjs");

/** Each entry's file under dist/cjs/, and its source: package.json's "require" conditions name these. */
export const CJS_ENTRIES = PACKAGE_ENTRIES;

/**
 * One bundle (internal.cjs) holds every entry, each loaded on first use, so that the entries share
 * one copy of the package's modules (one OffContractAnswerError, one contract cache) and an entry
 * whose optional peers are missing (react-query) costs the others nothing; each entry's file only
 * picks its part: `module.exports = require("./internal.cjs")["msw"]`.
 */
/** The entries with a default export (the reporters, as Jest and vitest load them by path). */
const DEFAULT_EXPORTS = new Set(["coverage", "coverage-jest"]);

export async function buildCjs(outdir = CJS_DIR): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  const lazyEntries = Object.entries(CJS_ENTRIES)
    .map(([name, file]) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(`./${file}`)}) });`)
    .join("\n");
  await build({
    stdin: { contents: lazyEntries, resolveDir: ROOT, sourcefile: "cjs-entries.cjs", loader: "js" },
    outfile: join(outdir, "internal.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    define: { "import.meta.url": "__importMetaUrl" },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  for (const [name, file] of Object.entries(CJS_ENTRIES)) {
    const pick = `require("./internal.cjs")[${JSON.stringify(name)}]`;
    // An entry with a default export says so where a reader of the file (attw, bundlers) sees it.
    const body = DEFAULT_EXPORTS.has(name)
      ? `const entry = ${pick};\nObject.defineProperty(exports, "__esModule", { value: true });\nfor (const key of Object.keys(entry)) if (key !== "default") exports[key] = entry[key];\nexports.default = entry.default;\n`
      : `module.exports = ${pick};\n`;
    await writeFile(join(outdir, `${name}.cjs`), `"use strict";\n// ${file}, from the one CommonJS bundle of the package (internal.cjs).\n${body}`);
    // Each entry's types for a CommonJS consumer: the same declarations as the ES module's (tsc's, in dist/src/).
    const declarations = relative(outdir, join(ROOT, "dist", file.replace(/\.ts$/, ".js"))).replace(/\\/g, "/");
    const from = declarations.startsWith(".") ? declarations : `./${declarations}`;
    await writeFile(join(outdir, `${name}.d.cts`), `export * from "${from}";\n${DEFAULT_EXPORTS.has(name) ? `export { default } from "${from}";\n` : ""}`);
  }
}
