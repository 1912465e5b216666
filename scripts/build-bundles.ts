/**
 * `npm run build`'s last step: the bundles. dist/browser/msw.js, the MSW door for browser bundles
 * (scripts/lib/browser-build.ts), and dist/bundle/, what `npm start` and the bin run
 * (scripts/lib/node-bundle.ts).
 */
import { relative } from "node:path";
import { buildBrowserDoor } from "./lib/browser-build.js";
import { buildNodeBundle, NODE_BUNDLE_DIR } from "./lib/node-bundle.js";

const built = await buildBrowserDoor();
console.log(`${relative(process.cwd(), built.outfile)}: ${(built.bytes / 1024).toFixed(0)} kB, ${(built.gzipBytes / 1024).toFixed(0)} kB gzipped`);
await buildNodeBundle();
console.log(`${relative(process.cwd(), NODE_BUNDLE_DIR)}/: the bin and npm start`);
