/**
 * `npm run load`: holds the mock under load and checks it stays inside the contract.
 * 50 connections for 30 s (--connections, --duration) over a mix of all five operations and bad
 * requests, the server in its own process. Every answer is validated against the contract.
 * Fails (exit 1) on any connection error, any answer outside the contract, or RSS growth of 20%+.
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadContract } from "../src/spec.js";
import { freePort, oursArgs, rssMiB, startServer } from "./lib/processes.js";
import { BAD_TRAFFIC, GOOD_TRAFFIC, checkAnswer, type TrafficEntry } from "./lib/traffic.js";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);

const contract = loadContract();
const outside = new Map<string, number>();
const mix: TrafficEntry[] = [...GOOD_TRAFFIC, ...BAD_TRAFFIC];

function run(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: mix.map((entry) => ({
      ...entry.request,
      onResponse: (status: number, body: string, _context: object, headers: autocannon.Request["headers"]) => {
        const problem = checkAnswer(contract, entry, status, body, headers ?? {});
        if (problem) outside.set(problem, (outside.get(problem) ?? 0) + 1);
      },
    })),
  });
}

const port = await freePort();
const server = await startServer(process.execPath, oursArgs(port, ["--quiet"]), `http://127.0.0.1:${port}`);
const pid = server.child.pid ?? 0;
try {
  const rssStart = rssMiB(pid);
  await run(server.url, warmup);
  outside.clear();
  const rssBefore = rssMiB(pid);
  const result = await run(server.url, duration);
  const rssAfter = rssMiB(pid);
  const growth = (rssAfter - rssBefore) / rssBefore;
  const outsideCount = [...outside.values()].reduce((a, b) => a + b, 0);
  const answered = result.requests.total;

  console.log(`Load check: ${connections} connections for ${duration} s (after ${warmup} s of warm-up), ${mix.length} request kinds (${BAD_TRAFFIC.length} bad)`);
  console.table({
    "requests/s (mean)": result.requests.average.toFixed(0),
    "answers": answered,
    "latency p50 (ms)": result.latency.p50,
    "latency p99 (ms)": result.latency.p99,
    "connection errors": result.errors,
    "timeouts": result.timeouts,
    "answers outside the contract": outsideCount,
    "RSS at start (MiB)": rssStart.toFixed(1),
    "RSS before (MiB)": rssBefore.toFixed(1),
    "RSS after (MiB)": rssAfter.toFixed(1),
    "RSS growth": `${(growth * 100).toFixed(1)}%`,
  });
  for (const [problem, count] of outside) console.log(`outside the contract ×${count}: ${problem}`);
  const failures = [
    result.errors > 0 ? `${result.errors} connection errors` : "",
    outsideCount > 0 ? `${outsideCount} answers outside the contract` : "",
    growth >= 0.2 ? `RSS grew ${(growth * 100).toFixed(1)}%` : "",
    answered === 0 ? "no answers" : "",
  ].filter(Boolean);
  console.log(failures.length ? `FAILED: ${failures.join(", ")}` : "OK: no errors, every answer inside the contract, RSS growth under 20%");
  process.exitCode = failures.length ? 1 : 0;
} finally {
  await server.stop();
}
