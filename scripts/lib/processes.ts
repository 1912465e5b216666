/** Starting and measuring server processes for the load check and the benchmarks. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 answer to a list request. */
  startedInMs: number;
  stop(): Promise<void>;
}

const PROBE_HEADERS = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORLOADTESTS00000000000" };

/** Spawns a server and waits until `url` answers a list request with 200. */
export async function startServer(command: string, args: string[], url: string, timeoutMs = 30_000, cwd = ROOT): Promise<RunningServer> {
  const started = performance.now();
  // Its own process group, so that stopping it stops what it started too (npx starts the server
  // as its child, and does not pass SIGTERM on).
  const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], detached: true });
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid ?? 0), name);
    } catch {
      // already gone
    }
  };
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.on("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${command} ${args.join(" ")} exited before answering:\n${stderr}`);
    if (performance.now() - started > timeoutMs) {
      signal("SIGKILL");
      throw new Error(`${command} ${args.join(" ")} did not answer within ${timeoutMs} ms:\n${stderr}`);
    }
    try {
      const response = await fetch(`${url}/v1/organization/api-keys`, { headers: PROBE_HEADERS });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startedInMs = performance.now() - started;
  return {
    url,
    child,
    startedInMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        signal("SIGTERM");
        setTimeout(() => signal("SIGKILL"), 3_000).unref();
      }),
  };
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The server behind `npm start`, without npm: node on the built entry point. */
export function oursArgs(port: number, extra: string[] = []): string[] {
  return ["dist/bundle/mock.js", "--port", String(port), ...extra];
}

/** `prism mock` on the same bundled contract, spawned as node on the CLI file (not npx). */
export function prismArgs(port: number, extra: string[] = []): string[] {
  return ["node_modules/@stoplight/prism-cli/dist/index.js", "mock", "generated/openapi.json", "--port", String(port), ...extra];
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
