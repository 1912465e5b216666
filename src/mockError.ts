/**
 * A failure inside the mock itself (its engine could not start: Prism or the contract did not
 * load), as the in-process doors throw it. The client passes it on as it is: it is never reported
 * as the network's fault (`ApiKeysNetworkError`).
 */
export class ApiKeysMockError extends Error {
  override readonly name = "ApiKeysMockError";
  constructor(message: string, cause: unknown) {
    super(`The mock failed, not the network: ${message}`, { cause });
  }
}

/** Whether an error is the mock's own, in whichever copy of this package (ES module or CommonJS) made it. */
export const isMockError = (error: unknown): error is ApiKeysMockError => error instanceof ApiKeysMockError || (error as { name?: unknown } | undefined)?.name === "ApiKeysMockError";
