/**
 * `npm run build`'s last step: the bundles. dist/browser/msw.js, the MSW door for browser bundles
 * (scripts/lib/browser-build.ts), dist/bundle/, what `npm start` and the bin run
 * (scripts/lib/node-bundle.ts), dist/esm/, the ES module build (scripts/lib/esm-build.ts), and
 * dist/cjs/, the CommonJS build (scripts/lib/cjs-build.ts).
 */
import { relative } from "node:path";
import { buildBrowserDoor } from "./lib/browser-build.js";
import { buildCjs, CJS_DIR } from "./lib/cjs-build.js";
import { buildEsm, ESM_DIR } from "./lib/esm-build.js";
import { buildNodeBundle, NODE_BUNDLE_DIR } from "./lib/node-bundle.js";

const built = await buildBrowserDoor();
console.log(`${relative(process.cwd(), built.outfile)}: ${(built.bytes / 1024).toFixed(0)} kB, ${(built.gzipBytes / 1024).toFixed(0)} kB gzipped (with the chunks it loads on demand: ${(built.totalBytes / 1024).toFixed(0)} kB)`);
await buildNodeBundle();
console.log(`${relative(process.cwd(), NODE_BUNDLE_DIR)}/: the bin and npm start`);
await buildEsm();
console.log(`${relative(process.cwd(), ESM_DIR)}/: the ES module build, for import`);
await buildCjs();
console.log(`${relative(process.cwd(), CJS_DIR)}/: the CommonJS build, for require()`);
