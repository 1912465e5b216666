/** The checker's defaults, written once: the library and the CLI's help both read them here. */
export const CHECK_DEFAULTS = { fuzz: 5, maxResponseTimeMs: 5000, timeoutMs: 10_000, maxBodyBytes: 1024 * 1024, reporter: "text" } as const;
