/**
 * The ES module build (dist/esm/): each public entry as one file, the modules they share in chunks,
 * so that importing a door reads a few files instead of sixty (about 20 ms of CPU less in every
 * test file that imports one, issue #23). All entries come from one build, so they share one copy
 * of each module (one OffContractAnswerError, one contract cache). Every dependency stays an import
 * of the package the consumer installed; Prism and the checker are chunks loaded on first need.
 * The declarations stay tsc's, in dist/src/.
 */
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { PACKAGE_ENTRIES } from "./entries.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const ESM_DIR = join(ROOT, "dist", "esm");

export async function buildEsm(outdir = ESM_DIR): Promise<void> {
  // Chunk names carry a hash: a build's old chunks would stay beside the new ones, and be packed.
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(PACKAGE_ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}
