/** The browser build's `sink.ts`: a page has no run directory to gather coverage in. */
import type { CoverageSink } from "./record.js";

export const envCoverageSink = (): CoverageSink | undefined => undefined;
