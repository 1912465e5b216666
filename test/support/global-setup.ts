// Starts one mock for the whole run, in-process on a free port of 127.0.0.1, and stops it after.
import type { TestProject } from "vitest/node";
import { startMockServer } from "../../src/mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startMockServer({ port: 0, log: false });
  project.provide("mockUrl", server.url);
  return () => server.close();
}
