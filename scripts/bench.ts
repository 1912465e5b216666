/**
 * `npm run bench`: how fast the mock starts and serves, against `prism mock` and a bare node:http
 * server on the same machine, and how heavy the client is. Servers run in their own processes;
 * the load generator (autocannon) runs here. Within one run, servers alternate A B C A B C.
 *
 *   --json [file]      also write the results as JSON (default file: reports/bench.json)
 *   --duration <s>     seconds per throughput run (default 10)
 *   --rounds <n>       alternations per throughput setting (default 2)
 *   --cold <n>         cold starts per server (default 7)
 *   --suite <n>        vitest runs to time (default 3; 0 skips)
 *   --frontend <n>     alternations of the frontend suite's three variants (default 5)
 *   --only <parts>     comma-separated: cold, throughput, doors, browser, client, suite, frontend (default: all)
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createApiKeysClient, PRODUCTION_BASE_URL, type paths } from "../src/index.js";
import { createMockFetch } from "../src/mock/index.js";
import { BenchUsageError, parseBenchOptions, type PartName } from "./lib/bench-options.js";
import { BROWSER_DOOR_BUDGET_BYTES, bundlePage, RECIPE_PAGE_ENTRY } from "./lib/browser-build.js";
import { ROOT, freePort, oursArgs, prismArgs, startServer, type RunningServer } from "./lib/processes.js";
import { GOOD_TRAFFIC } from "./lib/traffic.js";
import { linkConsumer, npmInstallConsumer, packInto, writeConsumerManifest } from "./lib/consumer.js";
import { childCpuSeconds, SUITE_FILES, SUITE_VARIANTS, suiteCommand, writeFrontendSuite, type SuccessBodies, type SuiteVariant } from "./lib/frontend-suite.js";
import { loadContract } from "../src/contract/spec.js";

let options;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(`bench: ${error.message} (the options are listed at the top of scripts/bench.ts)`);
  process.exit(2);
}
const { duration, rounds, cold: coldRuns, suite: suiteRuns, frontend: frontendRounds } = options;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

type ServerName = "ours" | "prism mock" | "node:http ceiling";
const SERVERS: Record<ServerName, (port: number) => [string, string[]]> = {
  ours: (port) => [process.execPath, oursArgs(port)],
  "prism mock": (port) => [process.execPath, prismArgs(port)],
  "node:http ceiling": (port) => [process.execPath, ["--import", "tsx", "scripts/lib/ceiling-server.ts", String(port)]],
};

async function start(name: ServerName): Promise<RunningServer> {
  const port = await freePort();
  const [command, args] = SERVERS[name](port);
  return startServer(command, args, `http://127.0.0.1:${port}`);
}

/** An empty project with the packed package installed from npm's cache, as a consumer has it. */
async function consumerProject(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "confident-bench-consumer-"));
  const packed = await packInto(ROOT, dir);
  await writeConsumerManifest(dir);
  await npmInstallConsumer(dir, packed.tarball, []);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The ways a cold start is timed, spawn to first valid answer. `npm start` runs `node
 * scripts/start.mjs` (the bundle, once dist/ is found fresh), and prism's CLI is node on its CLI
 * file: both without npm's own start.
 * In a consumer project with the packed package installed, the process npx starts (node on the
 * installed bin) is timed alone too. Through npx, both pay npx's own start (npm's CLI, about 0.7 s
 * here): ours from the consumer project, prism's from this repository, where prism-cli is installed.
 */
const COLD_STARTS = {
  ours: { label: "ours (what npm start runs)", command: process.execPath, args: (port: number) => oursArgs(port), inConsumer: false },
  prism: { label: "prism mock (node on its CLI)", command: process.execPath, args: (port: number) => prismArgs(port), inConsumer: false },
  consumerBin: {
    label: "ours: node on a consumer project's installed bin (what npx starts)",
    command: process.execPath,
    args: (port: number) => ["node_modules/confident-org-api-keys/bin/confident-org-api-keys.js", "mock", "--port", String(port)],
    inConsumer: true,
  },
  consumerNpx: { label: "ours: npx confident-org-api-keys mock, in a consumer project", command: "npx", args: (port: number) => ["--no-install", "confident-org-api-keys", "mock", "--port", String(port)], inConsumer: true },
  prismNpx: { label: "prism mock: npx prism mock", command: "npx", args: (port: number) => ["--no-install", "prism", "mock", "generated/openapi.json", "--port", String(port)], inConsumer: false },
} as const;
type ColdStartId = keyof typeof COLD_STARTS;
const COLD_RATIOS: readonly [label: string, numerator: ColdStartId, denominator: ColdStartId][] = [
  ["npm start's command / prism's CLI", "ours", "prism"],
  ["consumer project's bin / prism's CLI", "consumerBin", "prism"],
  ["npx, consumer project / npx prism mock", "consumerNpx", "prismNpx"],
  ["npx, consumer project / prism's CLI without npx", "consumerNpx", "prism"],
];

interface ColdResult {
  ways: Record<ColdStartId, { label: string; medianMs: number; runsMs: number[] }>;
  ratios: Record<string, number>;
}

// 1. Cold start: spawn to first valid answer, each way in turn within every round.
async function coldStart(): Promise<ColdResult> {
  const consumer = await consumerProject();
  try {
    const ids = Object.keys(COLD_STARTS) as ColdStartId[];
    const runs = Object.fromEntries(ids.map((id) => [id, [] as number[]])) as Record<ColdStartId, number[]>;
    for (let i = 0; i < coldRuns; i++) {
      for (const id of ids) {
        const way = COLD_STARTS[id];
        const port = await freePort();
        const server = await startServer(way.command, way.args(port), `http://127.0.0.1:${port}`, 30_000, way.inConsumer ? consumer.dir : ROOT);
        runs[id].push(server.startedInMs);
        await server.stop();
      }
    }
    const ways = Object.fromEntries(ids.map((id) => [id, { label: COLD_STARTS[id].label, medianMs: round(median(runs[id])), runsMs: runs[id].map((x) => round(x)) }])) as ColdResult["ways"];
    const ratios = Object.fromEntries(COLD_RATIOS.map(([label, a, b]) => [label, round(ways[a].medianMs / ways[b].medianMs, 2)]));
    return { ways, ratios };
  } finally {
    await consumer.remove();
  }
}

function printCold({ ways, ratios }: ColdResult): void {
  console.log("Cold start (spawn to first valid answer, median):");
  console.table(Object.fromEntries(Object.values(ways).map((w) => [w.label, { "median ms": w.medianMs, runs: w.runsMs.join(" ") }])));
  console.table(ratios);
}

// 2. Throughput and latency over the mix of the five operations.
interface Throughput {
  server: ServerName;
  connections: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

interface ThroughputResult {
  runs: Throughput[];
  ratios: { connections: number; "ours / prism mock": number; "ours / ceiling": number; "p99 ours vs prism mock (ms)": string }[];
}

const CONNECTIONS = [20, 50] as const;

async function throughput(): Promise<ThroughputResult> {
  const runs = await throughputRuns();
  const ratios = CONNECTIONS.map((c) => {
    const get = (name: ServerName): Throughput | undefined => runs.find((t) => t.server === name && t.connections === c);
    const [ours, prism, ceiling] = [get("ours"), get("prism mock"), get("node:http ceiling")];
    if (!ours || !prism || !ceiling) throw new Error(`no throughput run at ${c} connections for every server`);
    return {
      connections: c,
      "ours / prism mock": round(ours.requestsPerSec / prism.requestsPerSec, 2),
      "ours / ceiling": round(ours.requestsPerSec / ceiling.requestsPerSec, 2),
      "p99 ours vs prism mock (ms)": `${ours.p99} vs ${prism.p99}`,
    };
  });
  return { runs, ratios };
}

function printThroughput({ runs, ratios }: ThroughputResult): void {
  console.log(`Throughput over the mix of the five operations (${duration} s runs, median of ${rounds}):`);
  console.table(runs.map((t) => ({ server: t.server, connections: t.connections, "requests/s": t.requestsPerSec, "p50 ms": t.p50, "p99 ms": t.p99, errors: t.errors })));
  console.table(ratios);
}

async function throughputRuns(): Promise<Throughput[]> {
  const results: Throughput[] = [];
  for (const connections of CONNECTIONS) {
    const samples = new Map<ServerName, autocannon.Result[]>();
    for (let r = 0; r < rounds; r++) {
      for (const name of Object.keys(SERVERS) as ServerName[]) {
        const server = await start(name);
        try {
          await autocannon({ url: server.url, connections, duration: 2, requests: GOOD_TRAFFIC.map((e) => e.request) }); // warm-up
          const result = await autocannon({ url: server.url, connections, duration, requests: GOOD_TRAFFIC.map((e) => e.request) });
          samples.set(name, [...(samples.get(name) ?? []), result]);
        } finally {
          await server.stop();
        }
      }
    }
    for (const [name, list] of samples) {
      results.push({
        server: name,
        connections,
        requestsPerSec: round(median(list.map((x) => x.requests.average))),
        p50: median(list.map((x) => x.latency.p50)),
        p99: median(list.map((x) => x.latency.p99)),
        errors: list.reduce((n, x) => n + x.errors + x.non2xx, 0),
      });
    }
  }
  return results;
}

// 3. The in-process doors: the first answer after import (a fresh process each time, alternating
// with the server's spawn-to-first-answer), and requests/s through the fetch door.
interface Doors {
  firstAnswerMs: { server: number; fetch: number; msw: number; handwritten: number };
  /** Each door's first answer over the server's spawn to first answer, and over MSW with a hand-written handler. */
  firstAnswerRatio: { fetch: number; msw: number; mswOverHandwritten: number; fetchOverHandwritten: number };
  fetchDoor: { requestsPerSec: number; inFlight: number };
  mswDoor: { requestsPerSec: number; inFlight: number };
}

async function firstAnswer(door: "fetch" | "msw" | "handwritten"): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ["scripts/lib/door-first-answer.mjs", door], { cwd: ROOT });
  const result = JSON.parse(stdout) as { status: number; ms: number };
  if (result.status !== 200) throw new Error(`the ${door} door answered ${result.status}`);
  return result.ms;
}

/** Requests/s through a `fetch` (a door's, or the global one that MSW intercepts), over the mix, `inFlight` at a time. */
async function doorThroughput(mockFetch: typeof fetch, inFlight: number): Promise<number> {
  const requests = GOOD_TRAFFIC.map((e) => e.request);
  let done = 0;
  const runFor = async (ms: number): Promise<void> => {
    const until = performance.now() + ms;
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < until) {
          const r = requests[next++ % requests.length];
          if (!r) continue;
          const response = await mockFetch(`${PRODUCTION_BASE_URL}${r.path ?? "/"}`, { method: r.method ?? "GET", headers: r.headers as Record<string, string>, ...(r.body ? { body: String(r.body) } : {}) });
          await response.arrayBuffer();
          done++;
        }
      }),
    );
  };
  await runFor(2_000); // warm-up
  done = 0;
  const started = performance.now();
  await runFor(duration * 1000);
  return done / ((performance.now() - started) / 1000);
}

/** The MSW door as the README's recipe sets it up: msw/node's `setupServer(...handlers)`, the global fetch. */
async function mswDoorThroughput(inFlight: number): Promise<number> {
  const { setupServer } = await import("msw/node");
  const { handlers } = await import("../src/mock/doors/msw.js");
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    return await doorThroughput(globalThis.fetch, inFlight);
  } finally {
    server.close();
  }
}

async function doors(): Promise<Doors> {
  const runs = { server: [] as number[], fetch: [] as number[], msw: [] as number[], handwritten: [] as number[] };
  for (let i = 0; i < coldRuns; i++) {
    const server = await start("ours");
    runs.server.push(server.startedInMs);
    await server.stop();
    runs.fetch.push(await firstAnswer("fetch"));
    runs.msw.push(await firstAnswer("msw"));
    runs.handwritten.push(await firstAnswer("handwritten"));
  }
  const firstAnswerMs = { server: round(median(runs.server)), fetch: round(median(runs.fetch)), msw: round(median(runs.msw)), handwritten: round(median(runs.handwritten)) };
  const inFlight = 50;
  return {
    firstAnswerMs,
    firstAnswerRatio: {
      fetch: round(firstAnswerMs.fetch / firstAnswerMs.server, 2),
      msw: round(firstAnswerMs.msw / firstAnswerMs.server, 2),
      mswOverHandwritten: round(median(runs.msw) / median(runs.handwritten), 2),
      fetchOverHandwritten: round(median(runs.fetch) / median(runs.handwritten), 2),
    },
    fetchDoor: { requestsPerSec: round(await doorThroughput(createMockFetch(), inFlight)), inFlight },
    mswDoor: { requestsPerSec: round(await mswDoorThroughput(inFlight)), inFlight },
  };
}

function printDoors(result: Doors): void {
  console.log(`The in-process doors (first answer: median of ${coldRuns} fresh processes, from before the import):`);
  console.table({
    "server: spawn to first answer (ms)": result.firstAnswerMs.server,
    "fetch door: import to first answer (ms)": result.firstAnswerMs.fetch,
    "msw door: import to first answer (ms)": result.firstAnswerMs.msw,
    "msw, one hand-written handler: import to first answer (ms)": result.firstAnswerMs.handwritten,
    "msw door / hand-written msw": result.firstAnswerRatio.mswOverHandwritten,
    "fetch door / hand-written msw": result.firstAnswerRatio.fetchOverHandwritten,
    "fetch door / server": result.firstAnswerRatio.fetch,
    "msw door / server": result.firstAnswerRatio.msw,
    [`fetch door, five-operation mix, ${result.fetchDoor.inFlight} in flight (requests/s)`]: result.fetchDoor.requestsPerSec,
    [`msw door (setupServer, global fetch), five-operation mix, ${result.mswDoor.inFlight} in flight (requests/s)`]: result.mswDoor.requestsPerSec,
  });
}

// 4. The test suite's wall time (`vitest run`, the quick tier that `npm test` runs).
/** Where the suite's time goes: each file's seconds in the last run, slowest first (vitest's JSON report). */
async function fileDurations(report: string): Promise<{ file: string; seconds: number }[]> {
  const { testResults } = JSON.parse(await readFile(report, "utf8")) as { testResults: { name: string; startTime: number; endTime: number }[] };
  return testResults
    .map((t) => ({ file: relative(ROOT, t.name), seconds: round((t.endTime - t.startTime) / 1000, 1) }))
    .sort((a, b) => b.seconds - a.seconds);
}

interface SuiteResult {
  medianS: number;
  runsS: number[];
  failedRuns: number;
  files: { file: string; seconds: number }[];
}

async function suite(): Promise<SuiteResult | undefined> {
  if (suiteRuns <= 0) return undefined;
  const times: number[] = [];
  let failedRuns = 0;
  for (let i = 0; i < suiteRuns; i++) {
    const started = performance.now();
    await promisify(execFile)(process.execPath, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=dot", "--reporter=json", "--outputFile.json=reports/vitest-bench.json"], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    }).catch(() => failedRuns++);
    times.push((performance.now() - started) / 1000);
  }
  const files = await fileDurations(join(ROOT, "reports", "vitest-bench.json")).catch(() => []);
  return { medianS: round(median(times), 1), runsS: times.map((t) => round(t, 1)), failedRuns, files };
}

function printSuite(result: SuiteResult | undefined): void {
  if (!result) return;
  const failures = result.failedRuns ? `; ${result.failedRuns} run(s) FAILED, so the time is not the suite's` : "";
  console.log(`vitest run: median ${result.medianS} s (${result.runsS.join(", ")} s)${failures}`);
  console.log("Where the last run's time went (seconds per file, slowest first):");
  console.table(result.files.slice(0, 12));
}

// 5. The client: overhead per call against raw fetch, and its browser bundle size.
interface ClientResult {
  rawFetchUs: number;
  openapiFetchUs: number;
  clientUs: number;
  ratio: number;
  openapiFetchRatio: number;
  bundleMinBytes: number;
  bundleGzipBytes: number;
}

async function client(): Promise<ClientResult> {
  const server = await start("node:http ceiling");
  try {
    const key = "confident_org_FAKEKEYFORBENCH0000000000000000";
    const api = createApiKeysClient({ apiKey: key, baseUrl: server.url });
    // The floor: openapi-fetch alone, the key in its headers option, no middleware of ours.
    const bare = createClient<paths>({ baseUrl: server.url, headers: { CONFIDENT_API_KEY: key } });
    const url = `${server.url}/v1/organization/api-keys/12`;
    const viaFetch = async () => (await fetch(url, { headers: { CONFIDENT_API_KEY: key } })).json();
    const viaBare = () => bare.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    const viaClient = () => api.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } });
    // Calls alternate one by one (fetch, bare, client, fetch …) so that all see the same machine;
    // each ratio is the median over blocks of (its time / fetch's time).
    const timed = async (fn: () => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      await fn();
      return performance.now() - started;
    };
    for (let i = 0; i < 500; i++) await Promise.all([viaFetch(), viaBare(), viaClient()]);
    const perCall = { fetch: [] as number[], bare: [] as number[], client: [] as number[] };
    const ratios = { bare: [] as number[], client: [] as number[] };
    for (let block = 0; block < 20; block++) {
      let fetchMs = 0;
      let bareMs = 0;
      let clientMs = 0;
      for (let i = 0; i < 250; i++) {
        fetchMs += await timed(viaFetch);
        bareMs += await timed(viaBare);
        clientMs += await timed(viaClient);
      }
      perCall.fetch.push((fetchMs * 1000) / 250);
      perCall.bare.push((bareMs * 1000) / 250);
      perCall.client.push((clientMs * 1000) / 250);
      ratios.bare.push(bareMs / fetchMs);
      ratios.client.push(clientMs / fetchMs);
    }
    const bundle = await build({
      stdin: { contents: `export { createApiKeysClient, mockScenario } from "./src/index.ts";`, resolveDir: ROOT, loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
    });
    const code = bundle.outputFiles[0]?.contents ?? new Uint8Array();
    return {
      rawFetchUs: round(median(perCall.fetch)),
      openapiFetchUs: round(median(perCall.bare)),
      clientUs: round(median(perCall.client)),
      ratio: round(median(ratios.client), 2),
      openapiFetchRatio: round(median(ratios.bare), 2),
      bundleMinBytes: code.length,
      bundleGzipBytes: gzipSync(code).length,
    };
  } finally {
    await server.stop();
  }
}

function printClient(result: ClientResult): void {
  console.log("Client:");
  console.table({
    "raw fetch (µs/call)": result.rawFetchUs,
    "openapi-fetch alone (µs/call)": result.openapiFetchUs,
    "createApiKeysClient (µs/call)": result.clientUs,
    "openapi-fetch alone / raw fetch": result.openapiFetchRatio,
    "createApiKeysClient / raw fetch": result.ratio,
    "browser bundle, minified (bytes)": result.bundleMinBytes,
    "browser bundle, minified + gzip (bytes)": result.bundleGzipBytes,
  });
}

interface BrowserResult {
  pageGzipBytes: number;
  doorGzipBytes: number;
  onDemandGzipBytes: number;
  budgetBytes: number;
  ofBudget: number;
}

/** The size the browser door adds to a page: the recipe's page bundled with and without it. */
async function browserDoor(): Promise<BrowserResult> {
  const dir = await mkdtemp(join(tmpdir(), "confident-bench-"));
  try {
    const page = await bundlePage(RECIPE_PAGE_ENTRY, join(dir, "app.js"));
    const budgetBytes = BROWSER_DOOR_BUDGET_BYTES;
    return { pageGzipBytes: page.gzipBytes, doorGzipBytes: page.doorGzipBytes, onDemandGzipBytes: page.onDemandGzipBytes, budgetBytes, ofBudget: round(page.doorGzipBytes / budgetBytes, 2) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function printBrowser(result: BrowserResult): void {
  console.log("The browser door (the Chromium tests' page, bundled by esbuild under the browser condition, minified):");
  console.table({
    "the page, what it loads at once, gzipped (bytes)": result.pageGzipBytes,
    "what the MSW door adds to that, gzipped (bytes)": result.doorGzipBytes,
    "what the page loads on first need (Prism), gzipped (bytes)": result.onDemandGzipBytes,
    "the door's budget (bytes)": result.budgetBytes,
    "door / budget": result.ofBudget,
  });
}

// 7. What the mock costs a frontend team's suite: 30 vitest files of the README's recipe, in a
// consumer project with the packed package, mocked three ways (scripts/lib/frontend-suite.ts). The
// variants alternate A B C A B C; each figure is the median CPU (user + sys) of the vitest process tree.
interface FrontendResult {
  files: number;
  rounds: number;
  variants: Record<SuiteVariant, { label: string; medianCpuS: number; medianWallS: number; cpuS: number[] }>;
  /** Each variant's CPU over the hand-written handlers'. */
  ratios: Record<SuiteVariant, number>;
}

/** The contract's first example of each operation's success answer: what hand-written handlers would serve. */
function successBodies(): SuccessBodies {
  const contract = loadContract();
  const body = (operationId: string): unknown => {
    const op = contract.operations.find((o) => o.operationId === operationId);
    const examples = op?.responses.find((r) => r.status.startsWith("2"))?.examples ?? {};
    const first = Object.values(examples)[0];
    if (first === undefined) throw new Error(`the contract has no success example for ${operationId}`);
    return first;
  };
  return {
    list: body("listOrganizationApiKeys"),
    get: body("getOrganizationApiKey"),
    create: body("createOrganizationApiKey"),
    update: body("updateOrganizationApiKey"),
    delete: body("deleteOrganizationApiKey"),
  };
}

async function frontend(): Promise<FrontendResult> {
  const dir = await mkdtemp(join(tmpdir(), "confident-bench-frontend-"));
  const run = promisify(execFile);
  try {
    const packed = await packInto(ROOT, dir);
    await writeConsumerManifest(dir);
    await linkConsumer(ROOT, dir, packed.tarball, ["msw", "vitest"]);
    await writeFrontendSuite(dir, successBodies());
    const variants = Object.keys(SUITE_VARIANTS) as SuiteVariant[];
    const cpu = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<SuiteVariant, number[]>;
    const wall = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<SuiteVariant, number[]>;
    for (let i = 0; i < frontendRounds; i++) {
      for (const variant of variants) {
        const [command, args] = suiteCommand(variant);
        const started = performance.now();
        const { stdout } = await run(command, args, { cwd: dir }).catch((error: { stdout?: string }) => {
          throw new Error(`the ${variant} suite failed (run it in ${dir}: ${args.join(" ")}): ${error.stdout ?? ""}`);
        });
        wall[variant].push((performance.now() - started) / 1000);
        cpu[variant].push(childCpuSeconds(stdout));
      }
    }
    const floor = median(cpu.handwritten);
    return {
      files: SUITE_FILES,
      rounds: frontendRounds,
      variants: Object.fromEntries(
        variants.map((v) => [v, { label: SUITE_VARIANTS[v], medianCpuS: round(median(cpu[v]), 2), medianWallS: round(median(wall[v]), 2), cpuS: cpu[v].map((x) => round(x, 2)) }]),
      ) as FrontendResult["variants"],
      ratios: Object.fromEntries(variants.map((v) => [v, round(median(cpu[v]) / floor, 2)])) as FrontendResult["ratios"],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function printFrontend(result: FrontendResult): void {
  console.log(`A frontend suite: ${result.files} vitest files, five calls each, the variants alternating (median of ${result.rounds}):`);
  console.table(
    Object.fromEntries(
      Object.entries(result.variants).map(([id, v]) => [v.label, { "CPU s": v.medianCpuS, "wall s": v.medianWallS, "× hand-written CPU": result.ratios[id as SuiteVariant], runs: v.cpuS.join(" ") }]),
    ),
  );
}

/** Each part of the bench: how it measures, and how it prints what it measured. They run in this order. */
interface Part<T> {
  measure(): Promise<T>;
  print(result: T): void;
}
/** A part whose print takes exactly what its measure gave (the table holds them as `unknown`). */
const part = <T>(measure: () => Promise<T>, print: (result: T) => void): Part<unknown> => ({ measure, print: (result) => print(result as T) });
const PARTS: { [name in PartName]: Part<unknown> } = {
  cold: part(coldStart, printCold),
  throughput: part(throughput, printThroughput),
  doors: part(doors, printDoors),
  browser: part(browserDoor, printBrowser),
  client: part(client, printClient),
  suite: part(suite, printSuite),
  frontend: part(frontend, printFrontend),
};

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Benchmarks on ${machine}\n`);
const results: Partial<Record<PartName, unknown>> = {};
for (const name of options.parts) {
  const { measure, print } = PARTS[name];
  const result = await measure();
  results[name] = result;
  print(result);
}

if (options.json) {
  await mkdir(dirname(options.json), { recursive: true });
  await writeFile(options.json, `${JSON.stringify({ machine, date: new Date().toISOString(), ...results }, null, 2)}\n`);
  console.log(`\nwrote ${options.json}`);
}
