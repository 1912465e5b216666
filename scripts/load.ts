/**
 * `npm run load`: holds the mock under load and checks it stays inside the contract.
 * 50 connections for 30 s (--connections, --duration) over a mix of all five operations and bad
 * requests, the server in its own process. Every answer is validated against the contract.
 * Fails (exit 1) on any connection error, any answer outside the contract, or RSS growth of 20%+.
 *
 * --stateful: the same against `mock --stateful`, each connection cycling create, list, revoke,
 * list; the connections share an X-Mock-Session, and move to a new one every 10 creates, so that
 * far more sessions are made than the store keeps (1,000): the store must stay within its limits.
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadContract } from "../src/contract/spec.js";
import { freePort, oursArgs, rssMiB, startServer } from "./lib/processes.js";
import { BAD_TRAFFIC, GOOD_TRAFFIC, checkAnswer, type TrafficEntry } from "./lib/traffic.js";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    stateful: { type: "boolean", default: false },
  },
});
const stateful = values.stateful;
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);

const contract = loadContract();
const outside = new Map<string, number>();
const mix: TrafficEntry[] = [...GOOD_TRAFFIC, ...BAD_TRAFFIC];
const note = (problem: string | undefined): void => {
  if (problem) outside.set(problem, (outside.get(problem) ?? 0) + 1);
};

function run(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: stateful
      ? STATEFUL_CYCLE
      : mix.map((entry) => ({
          ...entry.request,
          onResponse: (status: number, body: string, _context: object, headers: autocannon.Request["headers"]) => note(checkAnswer(contract, entry, status, body, headers ?? {})),
        })),
  });
}

/** What one connection keeps between the requests of a cycle (autocannon resets it after each cycle). */
interface Cycle {
  session?: string;
  id?: number | undefined;
}
const stats = { sessions: 0, cycles: 0, created: 0, refused: 0, revoked: 0 };
const SESSION_CYCLES = 10;
const KEY = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORLOADTESTS00000000000" };

/** The answer's status must be one of `allowed`, and the answer valid against the contract. */
function checkStateful(operationId: string, allowed: number[], status: number, body: string, headers: autocannon.Request["headers"]): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    note(`${operationId}: not JSON: ${body.slice(0, 80)}`);
    return undefined;
  }
  if (!allowed.includes(status)) note(`${operationId}: status ${status}, expected ${allowed.join(" or ")}`);
  const flat = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  const violations = contract.validateResponse(operationId, status, parsed, flat);
  if (violations.length) note(`${operationId}: ${violations.map((v) => `${v.path} ${v.message}`).join("; ")}`);
  return parsed;
}

const withSession = (context: Cycle, request: autocannon.Request): autocannon.Request => ({
  ...request,
  headers: { ...request.headers, ...KEY, "x-mock-session": context.session ?? "default" },
});

const STATEFUL_CYCLE: autocannon.Request[] = [
  {
    method: "POST",
    path: "/v1/organization/api-keys",
    setupRequest: (request, context: Cycle) => {
      const session = Math.floor(stats.cycles++ / SESSION_CYCLES);
      stats.sessions = session + 1;
      context.session = `load-${session}`;
      return { ...withSession(context, request), headers: { ...withSession(context, request).headers, "content-type": "application/json" }, body: '{"name":"load"}' };
    },
    onResponse: (status, body, context: Cycle, headers) => {
      const answer = checkStateful("createOrganizationApiKey", [200, 429], status, body, headers) as { data?: { apiKey?: { id?: number } } } | undefined;
      context.id = status === 200 ? answer?.data?.apiKey?.id : undefined;
      if (status === 200) stats.created++;
      else stats.refused++;
    },
  },
  {
    method: "GET",
    path: "/v1/organization/api-keys",
    setupRequest: (request, context: Cycle) => withSession(context, request),
    onResponse: (status, body, _context, headers) => void checkStateful("listOrganizationApiKeys", [200], status, body, headers),
  },
  {
    method: "DELETE",
    setupRequest: (request, context: Cycle) => ({ ...withSession(context, request), path: `/v1/organization/api-keys/${context.id ?? 0}` }),
    onResponse: (status, body, context: Cycle, headers) => {
      checkStateful("deleteOrganizationApiKey", context.id === undefined ? [404] : [200], status, body, headers);
      if (status === 200) stats.revoked++;
    },
  },
  {
    method: "GET",
    path: "/v1/organization/api-keys",
    setupRequest: (request, context: Cycle) => withSession(context, request),
    onResponse: (status, body, _context, headers) => void checkStateful("listOrganizationApiKeys", [200], status, body, headers),
  },
];

const port = await freePort();
const server = await startServer(process.execPath, oursArgs(port, ["--quiet", ...(stateful ? ["--stateful"] : [])]), `http://127.0.0.1:${port}`);
const pid = server.child.pid ?? 0;
try {
  const rssStart = rssMiB(pid);
  await run(server.url, warmup);
  outside.clear();
  const sessionsBefore = stats.sessions;
  Object.assign(stats, { created: 0, refused: 0, revoked: 0 });
  const rssBefore = rssMiB(pid);
  const result = await run(server.url, duration);
  const rssAfter = rssMiB(pid);
  const growth = (rssAfter - rssBefore) / rssBefore;
  const outsideCount = [...outside.values()].reduce((a, b) => a + b, 0);
  const answered = result.requests.total;

  console.log(
    stateful
      ? `Stateful load check: ${connections} connections for ${duration} s (after ${warmup} s of warm-up), each cycling create, list, revoke, list, a new X-Mock-Session every ${SESSION_CYCLES} creates`
      : `Load check: ${connections} connections for ${duration} s (after ${warmup} s of warm-up), ${mix.length} request kinds (${BAD_TRAFFIC.length} bad)`,
  );
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
    ...(stateful
      ? {
          "sessions made (the store keeps 1,000)": stats.sessions - sessionsBefore,
          "keys created": stats.created,
          "creates refused (429, 10,000 keys a session)": stats.refused,
          "keys revoked": stats.revoked,
        }
      : {}),
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
