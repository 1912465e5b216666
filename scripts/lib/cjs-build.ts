/**
 * The CommonJS build (dist/cjs/): each public entry as one .cjs file, for toolchains that
 * `require()` the package, such as Jest in its default CommonJS mode (MSW's documented Jest setup)
 * and TypeScript's nodenext-CJS output. Our modules are bundled in; every dependency stays a
 * `require()` of the package the consumer installed. `import.meta.url` becomes the file's URL.
 */
import { rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const CJS_DIR = join(ROOT, "dist", "cjs");

/** Each entry's file under dist/cjs/, and its source: package.json's "require" conditions name these. */
export const CJS_ENTRIES: Readonly<Record<string, string>> = {
  index: "src/index.ts",
  mock: "src/mock/index.ts",
  msw: "src/mock/doors/msw.ts",
  playwright: "src/playwright/index.ts",
  "react-query": "src/react-query/index.ts",
  coverage: "src/mock/coverage/index.ts",
  "coverage-jest": "src/mock/coverage/jest.ts",
};

export async function buildCjs(outdir = CJS_DIR): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(CJS_ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    define: { "import.meta.url": "__importMetaUrl" },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // Each entry's types for a CommonJS consumer: the same declarations as the ES module's (tsc's, in dist/src/).
  for (const [name, file] of Object.entries(CJS_ENTRIES)) {
    const declarations = relative(outdir, join(ROOT, "dist", file.replace(/\.ts$/, ".js"))).replace(/\\/g, "/");
    await writeFile(join(outdir, `${name}.d.cts`), `export * from "${declarations.startsWith(".") ? declarations : `./${declarations}`}";\n${name === "coverage-jest" || name === "coverage" ? `export { default } from "${declarations.startsWith(".") ? declarations : `./${declarations}`}";\n` : ""}`);
  }
}
