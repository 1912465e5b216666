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

export interface ListeningProcess {
  child: ChildProcess;
  /** The URL from the process's "listening on <url>" line. */
  url: string;
  /** All it has printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM to its process group, SIGKILL after 3 s; resolves when it has exited. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Spawns a command that prints "listening on <url>" (the mock, the proxy, `npm start`) and waits
 * for that line. The process gets its own group, so that stopping it stops what it started too
 * (npm runs node as its child).
 */
export function spawnListening(command: string, args: string[], { cwd = ROOT, env = process.env, timeoutMs = 20_000 }: SpawnOptions = {}): Promise<ListeningProcess> {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exit.then(() => (exited = true));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid ?? 0), name);
    } catch {
      // already gone
    }
  };
  const stop = async (): Promise<void> => {
    if (exited) return;
    signal("SIGTERM");
    const kill = setTimeout(() => signal("SIGKILL"), 3_000);
    await exit;
    clearTimeout(kill);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} ${args.join(" ")} printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\w.:[\]-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, stop });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited with ${child.exitCode ?? child.signalCode} before listening:\n${output}`));
    });
  });
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The server behind `npm start`, without npm: node on scripts/start.mjs (dist/ checked fresh, then the bundle, in one process). */
export function oursArgs(port: number, extra: string[] = []): string[] {
  return ["scripts/start.mjs", "--port", String(port), ...extra];
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
