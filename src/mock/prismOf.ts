/**
 * The runtime carries Prism as an opaque loader, `prism` (so that the package's declarations never
 * reach Prism's own, which need pino's types); `prismOf` gives it typed to the stages that call Prism.
 */
import type { PrismState } from "../prism/types.js";
import type { Runtime } from "./context.js";

/** The runtime's Prism, loaded on first call. */
export const prismOf = (runtime: Pick<Runtime, "prism">): Promise<PrismState> => runtime.prism() as Promise<PrismState>;
