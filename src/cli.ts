/**
 * The package's command line: `confident-org-api-keys mock [flags]`.
 * `npm start` and the `confident-org-api-keys` bin both call `runCli`.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { COMMANDS } from "./cli/options.js";
import { buildProgram, CommanderError, isHelp, type ParsedOptions } from "./cli/program.js";
import type { Reporter } from "./checker/index.js";
import type { OpenApiDocument } from "./contract/contract.js";
import { parseFailRate, parseLatency } from "./mock/faults.js";
import { DEFAULT_HOST, DEFAULT_MAX_BODY_BYTES, DEFAULT_PORT, RESET_PATH, SESSION_HEADER, startMockServer, type MockServer } from "./mock/index.js";
import { terminalSafe } from "./escape.js";
import type { FixtureKey } from "./mock/options.js";
import { fixtureKeys } from "./mock/state.js";
import { loadContract } from "./contract/spec.js";
import { memorySink } from "./mock/coverage/record.js";
import { coverageMatrix, type CoverageMatrix } from "./mock/coverage/matrix.js";

/** Where the key is read from, first found wins: the official SDK's variable, then the header's name. */
export const KEY_VARIABLES = ["CONFIDENT_ORG_API_KEY", "CONFIDENT_API_KEY"] as const;

function keyFromEnvironment(): string | undefined {
  for (const name of KEY_VARIABLES) {
    const value = process.env[name];
    if (value) return value;
  }
  return undefined;
}

function fail(message: string, command?: string): number {
  console.error(`confident-org-api-keys: ${message}\n(run confident-org-api-keys ${command ?? "<command>"} --help for its options)`);
  return 2;
}

/** A flag's value as given (a string), or undefined. */
const text = (value: ParsedOptions[string]): string | undefined => (typeof value === "string" ? value : undefined);
/** A repeatable flag's values. */
const list = (value: ParsedOptions[string]): string[] => (Array.isArray(value) ? value : []);

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

async function mock(values: ParsedOptions): Promise<number> {
  const port = parsePort(text(values["port"]));
  if (values["coverage"] === "") throw new UsageError("--coverage takes the file to write, e.g. --coverage scenario-coverage.json");
  const coverageFile = text(values["coverage"]);
  const coverage = coverageFile !== undefined ? memorySink() : undefined;
  const allowOrigins = list(values["allowOrigin"]);
  const notAnOrigin = allowOrigins.find((o) => {
    try {
      return new URL(o).origin !== o;
    } catch {
      return true;
    }
  });
  if (notAnOrigin !== undefined) throw new UsageError(`--allow-origin takes an origin such as http://localhost:5173, got ${JSON.stringify(notAnOrigin)}`);
  const stateFile = text(values["state"]);
  const keys = stateFile === undefined ? undefined : await readStateFile(stateFile);
  const stateful = Boolean(values["stateful"]) || keys !== undefined;
  // --seed seeds what is drawn (generated answers with --dynamic, injected faults), as `seed` does in code; it turns nothing on.
  const dynamic = Boolean(values["dynamic"]);
  const seedValue = text(values["seed"]);
  const latency = text(values["latency"]);
  const failRateText = text(values["failRate"]);
  let failRate: number | undefined;
  try {
    if (latency !== undefined) parseLatency(latency);
    if (failRateText !== undefined) failRate = parseFailRate(failRateText);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const server = await listen({
    port,
    host: text(values["host"]) ?? DEFAULT_HOST,
    dynamic,
    stateful: keys ? { keys } : stateful,
    ...(seedValue !== undefined ? { seed: seedValue } : {}),
    ...(latency !== undefined ? { latency } : {}),
    ...(failRate !== undefined ? { failRate } : {}),
    ...(allowOrigins.length ? { allowOrigins } : {}),
    ...(values["quiet"] ? { log: false as const } : {}),
    ...(coverage ? { coverage } : {}),
  });
  if (typeof server === "number") return server;
  const seed = seedValue !== undefined ? `, seed ${JSON.stringify(seedValue)}` : "";
  const mode = stateful
    ? `stateful (keys kept in memory per ${SESSION_HEADER}, seeded from the contract's list example; POST ${RESET_PATH} resets)`
    : dynamic
      ? `dynamic (generated from the schemas${seed}). Stateless: no request changes what later requests get`
      : "static (the contract's examples). Stateless: no request changes what later requests get";
  const faults = [
    latency !== undefined ? `latency ${latency} ms` : "",
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
      ...(coverageFile !== undefined ? [`Coverage: written to ${terminalSafe(coverageFile)} on exit.`] : []),
    ].join("\n"),
  );
  const code = await untilSignal(server);
  if (coverage && coverageFile !== undefined) await writeCoverage(coverageFile, coverageMatrix(loadContract(), coverage.records()));
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

async function contract(values: ParsedOptions): Promise<number> {
  // Loaded only for this command: `mock` starts without the checker's modules.
  const { checkServer, listChecks, REPORTERS, render, selectChecks } = await import("./checker/index.js");
  if (values["listChecks"]) {
    console.log(listChecks());
    return 0;
  }
  const target = requireTarget("contract", text(values["target"]));
  const apiKey = text(values["apiKey"]) ?? keyFromEnvironment();
  if (!apiKey) throw new UsageError(`contract needs an organization API key: --api-key <key> or the ${KEY_VARIABLES.join(" (or ")} environment variable)`);
  const reporter = text(values["reporter"]) as Reporter;
  if (!REPORTERS.includes(reporter)) throw new UsageError(`--reporter must be one of ${REPORTERS.join(", ")}`);
  const checks = text(values["checks"])?.split(",").map((c) => c.trim()).filter(Boolean);
  try {
    selectChecks(checks);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const fuzz = wholeNumber("fuzz", text(values["fuzz"]), 1);
  const seed = wholeNumber("seed", text(values["seed"]), 0);
  const maxResponseTimeMs = wholeNumber("max-response-time", text(values["maxResponseTime"]), 1);
  const maxBodyBytes = wholeNumber("max-body-bytes", text(values["maxBodyBytes"]), 1);
  const timeoutMs = wholeNumber("timeout", text(values["timeout"]), 1);
  const output = text(values["output"]);
  const contractFile = text(values["contract"]);
  let document: OpenApiDocument | undefined;
  if (contractFile) {
    try {
      document = JSON.parse(await readFile(contractFile, "utf8")) as OpenApiDocument;
    } catch (error) {
      throw new UsageError(`--contract must be an OpenAPI document in JSON: ${(error as Error).message}`);
    }
  }
  let report: Awaited<ReturnType<typeof checkServer>>;
  try {
    report = await checkServer({
      target,
      apiKey,
      writes: Boolean(values["writes"]),
      acceptsAnyKey: Boolean(values["acceptsAnyKey"]),
      strict: Boolean(values["strict"]),
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
    if (output) await writeFile(output, `${JSON.stringify({ target, passed: false, internalError: message }, null, 2)}\n`);
    return INTERNAL_ERROR_EXIT;
  }
  const rendered = render(report, reporter);
  if (output) {
    await writeFile(output, `${rendered}\n`);
    console.log(render(report, "text"));
  } else {
    console.log(rendered);
  }
  return report.passed ? 0 : 1;
}

async function proxy(values: ParsedOptions): Promise<number> {
  const target = requireTarget("proxy", text(values["target"]));
  const port = parsePort(text(values["port"]));
  const apiKey = keyFromEnvironment();
  const server = await listen({
    port,
    host: text(values["host"]) ?? DEFAULT_HOST,
    upstream: target,
    ...(apiKey ? { upstreamApiKey: apiKey } : {}),
    ...(values["quiet"] ? { log: false as const } : {}),
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

const ACTIONS: Record<string, (values: ParsedOptions) => Promise<number>> = { mock, contract, proxy };

/** Runs the command line: exit code 0, 1 (a check failed), 2 (a usage error) or 3 (the checker failed). */
export async function runCli(argv: string[]): Promise<number> {
  const output = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) };
  const { program, exitCode } = buildProgram(
    "confident-org-api-keys",
    COMMANDS,
    async (command, values) => {
      try {
        const action = ACTIONS[command.name];
        return action ? await action(values) : fail(`unknown command ${JSON.stringify(command.name)}`);
      } catch (error) {
        if (error instanceof UsageError) return fail(error.message, command.name);
        throw error;
      }
    },
    output,
  );
  if (argv.length === 0) {
    output.err(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (isHelp(error)) return 0;
    if (error instanceof CommanderError) return 2;
    throw error;
  }
  return exitCode();
}
