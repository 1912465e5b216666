/**
 * The one place Prism is loaded, on first need. This file imports ./node.js; the two bundles
 * import another variant in its place, by name (PRISM_VARIANTS in scripts/lib/browser-build.ts):
 * the Node bundle ./bundle.ts, the browser build ./browser.ts. Each satisfies `PrismVariant`.
 */
import type { PrismVariant } from "./variant.js";

let loading: Promise<PrismVariant> | undefined;
export const importPrism = (): Promise<PrismVariant> => (loading ??= import("./node.js").then((m) => m.prism));
