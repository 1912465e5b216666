/** `npm run build`'s last step: dist/browser/msw.js, the MSW door for browser bundles (see scripts/lib/browser-build.ts). */
import { relative } from "node:path";
import { buildBrowserDoor } from "./lib/browser-build.js";

const built = await buildBrowserDoor();
console.log(`${relative(process.cwd(), built.outfile)}: ${(built.bytes / 1024).toFixed(0)} kB, ${(built.gzipBytes / 1024).toFixed(0)} kB gzipped`);
