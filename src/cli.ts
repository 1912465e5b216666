/**
 * The package's command line: `confident-org-api-keys mock [flags]`.
 * `npm start` and the `confident-org-api-keys` bin both call `runCli`.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Reporter } from "./checker/index.js";
import type { OpenApiDocument } from "./contract.js";
import { parseFailRate, parseLatency } from "./mock/faults.js";
import { DEFAULT_HOST, DEFAULT_MAX_BODY_BYTES, DEFAULT_PORT, RESET_PATH, SESSION_HEADER, startMockServer, type MockServer } from "./mock/index.js";
import { terminalSafe } from "./escape.js";
import type { FixtureKey } from "./mock/options.js";
import { fixtureKeys } from "./mock/state.js";
import { loadContract } from "./spec.js";
import { memorySink } from "./mock/coverage/record.js";
import { coverageMatrix, type CoverageMatrix } from "./mock/coverage/matrix.js";

const USAGE = `Usage:
  confident-org-api-keys mock [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--dynamic] [--seed <s>] [--stateful] [--state <file>]
                              [--latency <ms|min-max>] [--fail-rate <0..1>] [--allow-origin <origin>] [--coverage <file>] [--quiet]
      Serves the contract with Prism as the engine.
      --port <n>          port to listen on (0 picks a free one)        default ${DEFAULT_PORT}
      --host <addr>       interface to bind                             default ${DEFAULT_HOST}
      --dynamic           generate answers from the schemas instead of returning examples
      --seed <s>          seed for generated answers and injected faults: same seed, same run
      --stateful          keep keys in memory: create, update and revoke change later answers
      --state <file>      stateful, every session starting from the keys in this JSON file: { "keys": [...] }
      --latency <ms>      delay every answer, e.g. 200 or 100-400
      --fail-rate <r>     answer this share (0..1) with the operation's documented 429 or 500
      --allow-origin <o>  let pages of this origin call ${RESET_PATH} (repeatable); other sites get 403
      --coverage <file>   on exit, write which documented statuses and examples were served (JSON)
      --quiet             no per-request log lines

  confident-org-api-keys contract --target <url> [--api-key <key>] [--writes] [--fuzz <n>] [--seed <n>]
                                  [--checks <a,b>] [--strict] [--max-response-time <ms>] [--timeout <ms>]
                                  [--max-body-bytes <n>] [--reporter text|json|junit] [--output <file>]
                                  [--contract <openapi.json>]
  confident-org-api-keys contract --list-checks
      Checks a server against the contract: requests generated from the schemas, per operation
      and kind (positive, negative: one rule broken each, exploratory), each answer run through
      the named checks; every failure collected, shrunk, and printed as a curl command that reads
      the key from $CONFIDENT_API_KEY. The key comes from --api-key, CONFIDENT_ORG_API_KEY or
      CONFIDENT_API_KEY, and is never printed.
      --writes            also create, update and revoke keys of its own, and run stateful
                          sequences along the contract's links; every key made is revoked
      --fuzz <n>          generated requests per operation and kind     default 5
      --seed <n>          the same seed sends the same requests         default random (printed)
      --checks <a,b>      run only these checks (--list-checks names them)
      --strict            warnings (undocumented properties: drift) fail the run too
      --max-response-time <ms>  slowest acceptable answer              default 5000
      --timeout <ms>      limit on each whole exchange                  default 10000
      --max-body-bytes <n> largest answer read                          default 1048576
      --reporter          text, json or junit; --output writes it to a file and prints the text
      --contract <file>   check against another contract (OpenAPI JSON) than the bundled one
      Exit code 1 when a check fails.

  confident-org-api-keys proxy --target <url> [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}]
      A validating proxy: forwards valid requests to the target, passes its answers on, and
      prints every contract violation on stderr. With CONFIDENT_ORG_API_KEY (or CONFIDENT_API_KEY)
      set, requests that carry no key are sent with that one, so the frontend need not hold it.`;

/** Where the key is read from, first found wins: the official SDK's variable, then the header's name. */
export const KEY_VARIABLES = ["CONFIDENT_ORG_API_KEY", "CONFIDENT_API_KEY"] as const;

function keyFromEnvironment(): string | undefined {
  for (const name of KEY_VARIABLES) {
    const value = process.env[name];
    if (value) return value;
  }
  return undefined;
}

function fail(message: string): number {
  console.error(`confident-org-api-keys: ${message}\n\n${USAGE}`);
  return 2;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
class UsageError extends Error {}

/** A --port value: default 4010, 0 for a free one. */
function parsePort(value: string | undefined): number {
  const port = value === undefined ? DEFAULT_PORT : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be an integer from 0 to 65535, got ${value}`);
  return port;
}

/** A required --target URL. */
function requireTarget(command: string, target: string | undefined): string {
  if (!target) throw new UsageError(`${command} needs --target <url>`);
  if (!URL.canParse(target)) throw new UsageError(`--target must be a URL, got ${JSON.stringify(target)}`);
  return target;
}

/** `--state <file>`: `{ "keys": [...] }`, each key checked against the contract when the mock starts. */
async function readStateFile(file: string): Promise<FixtureKey[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--state must be a JSON file such as { "keys": [] }: ${(error as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new UsageError(`--state ${file}: expected { "keys": [...] }, an object whose "keys" is a list`);
  try {
    fixtureKeys(loadContract(), keys);
  } catch (error) {
    throw new UsageError(`--state ${file}: ${(error as Error).message}`);
  }
  return keys as FixtureKey[];
}

async function mock(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      stateful: { type: "boolean" },
      state: { type: "string" },
      latency: { type: "string" },
      "fail-rate": { type: "string" },
      "allow-origin": { type: "string", multiple: true },
      coverage: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = parsePort(values.port);
  if (values.coverage === "") throw new UsageError("--coverage takes the file to write, e.g. --coverage scenario-coverage.json");
  const coverage = values.coverage !== undefined ? memorySink() : undefined;
  const allowOrigins = values["allow-origin"] ?? [];
  const notAnOrigin = allowOrigins.find((o) => {
    try {
      return new URL(o).origin !== o;
    } catch {
      return true;
    }
  });
  if (notAnOrigin !== undefined) throw new UsageError(`--allow-origin takes an origin such as http://localhost:5173, got ${JSON.stringify(notAnOrigin)}`);
  const keys = values.state === undefined ? undefined : await readStateFile(values.state);
  const stateful = Boolean(values.stateful) || keys !== undefined;
  const dynamic = Boolean(values.dynamic) || (values.seed !== undefined && !stateful);
  let failRate: number | undefined;
  try {
    if (values.latency !== undefined) parseLatency(values.latency);
    if (values["fail-rate"] !== undefined) failRate = parseFailRate(values["fail-rate"]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const server = await listen({
    port,
    host: values.host ?? DEFAULT_HOST,
    dynamic,
    stateful: keys ? { keys } : stateful,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.latency !== undefined ? { latency: values.latency } : {}),
    ...(failRate !== undefined ? { failRate } : {}),
    ...(allowOrigins.length ? { allowOrigins } : {}),
    ...(values.quiet ? { log: false as const } : {}),
    ...(coverage ? { coverage } : {}),
  });
  if (typeof server === "number") return server;
  const seed = values.seed !== undefined ? `, seed ${JSON.stringify(values.seed)}` : "";
  const mode = stateful
    ? `stateful (keys kept in memory per ${SESSION_HEADER}, seeded from the contract's list example; POST ${RESET_PATH} resets)`
    : dynamic
      ? `dynamic (generated from the schemas${seed}). Stateless: no request changes what later requests get`
      : "static (the contract's examples). Stateless: no request changes what later requests get";
  const faults = [
    values.latency !== undefined ? `latency ${values.latency} ms` : "",
    failRate ? `fail rate ${failRate} (documented 429/500)` : "",
  ].filter(Boolean);
  console.log(
    [
      `Mock of the Confident AI organization API key endpoints listening on ${server.url}`,
      `Mode: ${mode}.`,
      ...(faults.length ? [`Faults: ${faults.join(", ")}${stateful && seed ? seed : ""}.`] : []),
      `Try:   curl ${server.url}/v1/organization/api-keys -H 'CONFIDENT_API_KEY: confident_org_FAKE'`,
      `Steer: -H 'Prefer: code=404'  |  -H 'Prefer: example=noKeys'  |  -H 'Prefer: dynamic=true'  |  -H 'Prefer: latency=300, fail-rate=0.2'`,
      `Limits: request bodies up to ${DEFAULT_MAX_BODY_BYTES} bytes. Ctrl-C stops.`,
      ...(values.coverage !== undefined ? [`Coverage: written to ${values.coverage} on exit.`] : []),
    ].join("\n"),
  );
  const code = await untilSignal(server);
  if (coverage && values.coverage !== undefined) await writeCoverage(values.coverage, coverageMatrix(loadContract(), coverage.records()));
  return code;
}

/** `--coverage <file>`: the matrix as JSON, and one line saying how much was seen. */
async function writeCoverage(file: string, matrix: CoverageMatrix): Promise<void> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(matrix, null, 2)}\n`);
  console.log(`Scenario coverage: ${matrix.seen} of ${matrix.total} documented answers seen; written to ${terminalSafe(file)}`);
}

/** A whole number from a flag, at least `min`. */
function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number from ${min}, got ${JSON.stringify(value)}`);
  return n;
}

async function contract(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      target: { type: "string" },
      "api-key": { type: "string" },
      writes: { type: "boolean" },
      fuzz: { type: "string" },
      seed: { type: "string" },
      checks: { type: "string" },
      "list-checks": { type: "boolean" },
      strict: { type: "boolean" },
      "max-response-time": { type: "string" },
      "max-body-bytes": { type: "string" },
      reporter: { type: "string", default: "text" },
      output: { type: "string" },
      timeout: { type: "string", default: "10000" },
      contract: { type: "string" },
    },
  });
  // Loaded only for this command: `mock` starts without the checker's modules.
  const { checkServer, listChecks, REPORTERS, render, selectChecks } = await import("./checker/index.js");
  if (values["list-checks"]) {
    console.log(listChecks());
    return 0;
  }
  const target = requireTarget("contract", values.target);
  const apiKey = values["api-key"] ?? keyFromEnvironment();
  if (!apiKey) throw new UsageError(`contract needs an organization API key: --api-key <key> or the ${KEY_VARIABLES.join(" (or ")} environment variable)`);
  if (!REPORTERS.includes(values.reporter as Reporter)) throw new UsageError(`--reporter must be one of ${REPORTERS.join(", ")}`);
  const checks = values.checks?.split(",").map((c) => c.trim()).filter(Boolean);
  try {
    selectChecks(checks);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const fuzz = wholeNumber("fuzz", values.fuzz, 1);
  const seed = wholeNumber("seed", values.seed, 0);
  const maxResponseTimeMs = wholeNumber("max-response-time", values["max-response-time"], 1);
  const maxBodyBytes = wholeNumber("max-body-bytes", values["max-body-bytes"], 1);
  const timeoutMs = wholeNumber("timeout", values.timeout, 1);
  let document: OpenApiDocument | undefined;
  if (values.contract) {
    try {
      document = JSON.parse(await readFile(values.contract, "utf8")) as OpenApiDocument;
    } catch (error) {
      throw new UsageError(`--contract must be an OpenAPI document in JSON: ${(error as Error).message}`);
    }
  }
  let report: Awaited<ReturnType<typeof checkServer>>;
  try {
    report = await checkServer({
      target,
      apiKey,
      writes: Boolean(values.writes),
      strict: Boolean(values.strict),
      ...(checks ? { checks } : {}),
      ...(fuzz !== undefined ? { fuzz } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(maxResponseTimeMs !== undefined ? { maxResponseTimeMs } : {}),
      ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(document ? { document } : {}),
    });
  } catch (error) {
    // Not a failed check but the checker's own failure: its own exit code, its message (never the
    // key), and a report that says so where one was asked for.
    const message = terminalSafe(String((error as Error).message ?? error).split(apiKey).join("[redacted]"));
    console.error(`contract: internal error, the run did not finish: ${message}`);
    if (values.output) await writeFile(values.output, `${JSON.stringify({ target, passed: false, internalError: message }, null, 2)}\n`);
    return INTERNAL_ERROR_EXIT;
  }
  const text = render(report, values.reporter as Reporter);
  if (values.output) {
    await writeFile(values.output, `${text}\n`);
    console.log(render(report, "text"));
  } else {
    console.log(text);
  }
  return report.passed ? 0 : 1;
}

async function proxy(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { target: { type: "string" }, port: { type: "string" }, host: { type: "string" }, quiet: { type: "boolean" } },
  });
  const target = requireTarget("proxy", values.target);
  const port = parsePort(values.port);
  const apiKey = keyFromEnvironment();
  const server = await listen({
    port,
    host: values.host ?? DEFAULT_HOST,
    upstream: target,
    ...(apiKey ? { upstreamApiKey: apiKey } : {}),
    ...(values.quiet ? { log: false as const } : {}),
  });
  if (typeof server === "number") return server;
  console.log(
    [
      `Validating proxy for the organization API key endpoints listening on ${server.url}`,
      `Forwarding to ${target}. Contract violations are printed on stderr, answers passed on unchanged.`,
      ...(apiKey ? ["Requests without a CONFIDENT_API_KEY header are sent with the key from the environment."] : []),
    ].join("\n"),
  );
  return untilSignal(server);
}

async function listen(options: Parameters<typeof startMockServer>[0] & { port: number }): Promise<MockServer | number> {
  try {
    return await startMockServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") return fail(`port ${options.port} is in use: stop the other server or pass --port`);
    return fail(`could not start: ${(error as Error).message}`);
  }
}

function untilSignal(server: MockServer): Promise<number> {
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(
        () => resolve(0),
        () => resolve(0),
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** `contract`'s exit code when the checker itself failed (1 is a failed check, 2 a usage error). */
export const INTERNAL_ERROR_EXIT = 3;

export async function runCli(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) return fail((error as Error).message);
    throw error;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "mock":
      return mock(rest);
    case "contract":
      return contract(rest);
    case "proxy":
      return proxy(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      return fail(`unknown command ${JSON.stringify(command)}`);
  }
}
