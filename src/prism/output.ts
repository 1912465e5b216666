/** Prism's mocked answer, as the stages read it. */
export interface PrismOutput {
  statusCode: number;
  headers?: Record<string, string | number>;
  body?: unknown;
}
