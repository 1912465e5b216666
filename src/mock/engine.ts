/**
 * The mock engine: a function from a request to an answer, with no socket in it. Every door (the
 * HTTP server, MSW handlers, the `fetch` function, the Playwright route) hands its requests here.
 *
 * The stages run in the order of `STAGES[mode]`, each a small named function that may answer early
 * (MSW's handleRequest) along Prism's own pipeline (route, validate, mock or forward). The mode is
 * chosen once, when the engine is built, as Prism's factory branches once between mock and proxy.
 */
import { terminalSafe } from "../escape.js";
import { Contract } from "../contract/contract.js";
import { loadContract } from "../contract/spec.js";
import { compiledContract, compiledRoutes } from "../../generated/compiled-contract.js";
import { errorAnswer, toResponse, type MockAnswer } from "./answer.js";
import type { Context, Mode, Runtime } from "./context.js";
import { parseLatency, randomSource } from "./faults.js";
import { DEFAULT_MAX_BODY_BYTES, type FixtureKey, type MockOptions } from "./options.js";
import { fromFetchRequest, type MockRequest } from "./request.js";
import { buildRoutes, routesFrom } from "./routes.js";
import { OverrideList, type OverrideSource } from "./overrides.js";
import { Journal, journalBody } from "./journal.js";
import { coverageRecord } from "./coverage/coverageRecord.js";
import { envCoverageSink } from "./coverage/sink.js";
import type { MockJournal, MockState } from "./access.js";

export type { MockJournal, MockState } from "./access.js";
import { KeyStore, fixtureKeys, seedKeys } from "./state.js";
import { API_KEY_HEADER } from "../client.js";
import { sessionOf } from "./options.js";
import { body } from "./stages/body.js";
import { credentials } from "./stages/credentials.js";
import { faults } from "./stages/faults.js";
import { mockAnswer } from "./stages/mockAnswer.js";
import { mockRoutes } from "./stages/mockRoutes.js";
import { preflight } from "./stages/preflight.js";
import { preferences } from "./stages/preferences.js";
import { prismOnDemand } from "../prism/loader.js";
import { compiled } from "./stages/compiled.js";
import { prism } from "./stages/prism.js";
import { forward } from "./stages/forward.js";
import { overrides } from "./stages/overrides.js";
import { report } from "./stages/report.js";
import { route } from "./stages/route.js";
import { state } from "./stages/state.js";
import { verdict } from "./stages/verdict.js";

export type Stage = (ctx: Context) => MockAnswer | undefined | Promise<MockAnswer | undefined>;

export type NamedStage = readonly [name: string, stage: Stage];

/** The order of the stages, written down once per mode. The last one of each always answers. */
export const STAGES: Readonly<Record<Mode, readonly NamedStage[]>> = {
  mock: [
    ["mockRoutes", mockRoutes], // the mock's own routes (POST /__mock/reset), outside the contract
    ["preflight", preflight], //   a CORS preflight
    ["route", route], //           the operation, or 404 / 405
    ["body", body], //             the JSON body, or 400
    ["preferences", preferences], // Prefer -> steering, and warnings about what was ignored
    ["faults", faults], //         the delay and an injected 429 / 500, as data
    ["compiled", compiled], //     a valid request, static mode: Prism's answer, recorded at generate time
    ["prism", prism], //           otherwise Prism (loaded now) validates, and mocks
    ["verdict", verdict], //       Prism's violations -> 401 / 400 in the envelope
    ["credentials", credentials], // stateful mode: a key it issued, then deactivated or revoked -> 401
    ["overrides", overrides], //   a test's forced answer for this operation, checked when it was made
    ["state", state], //           stateful mode: the session's store answers
    ["mockAnswer", mockAnswer], // Prism's answer, if its status is documented
  ],
  proxy: [
    ["preflight", preflight], //   a CORS preflight
    ["route", route], //           the operation, or 404 / 405
    ["body", body], //             the JSON body, or 400
    ["validate", prism], //        Prism validates (its mocked answer is not used)
    ["verdict", verdict], //       an invalid request is answered here, and never forwarded
    ["forward", forward], //       Prism forwards the valid request upstream, or 502
    ["report", report], //         the upstream's answer, passed on; its violations reported
  ],
};

/** What a door may pass along with one request. */
export interface RequestExtras {
  /** The door's own overrides (MSW's `handlers.override`, `mockFetch.override`), looked up before the engine's. */
  overrides?: OverrideSource;
}

export interface Engine {
  /** Answers one request: the engine's core, in plain data. */
  handle(request: MockRequest, extras?: RequestExtras): Promise<MockAnswer>;
  /** The same, for a Fetch API `Request`. */
  fetch(request: Request, extras?: RequestExtras): Promise<Response>;
  /** The tests' forced answers, per session (checked when made: see `checkOverride`). */
  overrides: OverrideList;
  /** Stateful mode's store, read and reset in process (no request); undefined in any other mode. */
  state?: MockState;
  /** What the mock received, oldest first (bounded; the key never recorded). */
  journal: MockJournal;
}



export interface EngineHooks {
  /**
   * Told when a stage throws (the request still gets a 500 in the envelope). Never given the
   * request's headers. Default: `console.error`, so that a page or a test shows why.
   */
  onError?: (error: unknown, request: { method: string; path: string }) => void;
}

const EXPOSED_HEADERS = "Retry-After, Allow, Preference-Applied, X-Mock-Warning, X-Mock-Fault";
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What every answer gets on its way out: the steering headers, and CORS for a browser's request. */
function finish(ctx: Context, answer: MockAnswer): MockAnswer {
  const headers = { ...ctx.headers, ...answer.headers };
  const origin = ctx.request.headers["origin"];
  if (origin) {
    headers["access-control-allow-origin"] = origin;
    headers["access-control-expose-headers"] = EXPOSED_HEADERS;
    headers["vary"] = "Origin";
  }
  return { ...answer, headers };
}

/** Runs `stages` in order until one answers; undefined when none does. */
export async function firstAnswer(ctx: Context, stages: readonly NamedStage[]): Promise<MockAnswer | undefined> {
  for (const [name, stage] of stages) {
    const answer = await stage(ctx);
    if (answer) {
      ctx.answeredBy = name;
      return answer;
    }
  }
  return undefined;
}

async function runStages(ctx: Context): Promise<MockAnswer> {
  return (await firstAnswer(ctx, STAGES[ctx.runtime.mode])) ?? errorAnswer(500, "The mock could not answer: no stage answered");
}

/** What only this package's own tests set: `compiled: false` sends every request through Prism (the differential test's reference). */
export interface EngineInternals {
  compiled?: boolean;
}

/** Everything the stages share, built once: the contract, its routes, the compiled contract, Prism (on demand), the store. */
export async function createRuntime(options: MockOptions = {}, internals: EngineInternals = {}): Promise<Runtime> {
  const contract = options.document ? new Contract(options.document) : loadContract();
  // The bundled contract's routes were compiled by `npm run generate`; another contract's are built now.
  const routes = options.document ? buildRoutes(contract) : routesFrom(compiledRoutes, contract);
  if (routes.some((r) => r.template.startsWith("/__mock/"))) throw new Error("The contract may not have paths under /__mock/: the mock's own routes live there");
  const defaultFailRate = options.failRate ?? 0;
  if (!(defaultFailRate >= 0 && defaultFailRate <= 1)) throw new RangeError(`failRate must be from 0 to 1, got ${defaultFailRate}`);
  const defaultLatency = options.latency !== undefined ? parseLatency(options.latency) : undefined;

  // Prism loads when a request first needs it; at once for a contract given at run time and for the
  // proxy, so that one Prism cannot read fails the engine's start, as it always did.
  const prismState = prismOnDemand(options);
  if (options.document || options.upstream) await prismState();
  return {
    options,
    contract,
    routes,
    mode: options.upstream ? "proxy" : "mock",
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    prism: prismState,
    compiled: !options.document && !options.upstream && internals.compiled !== false ? compiledContract : undefined,
    journal: new Journal(),
    coverage: options.coverage ?? envCoverageSink(),
    overrides: new OverrideList(),
    store: options.stateful && !options.upstream ? new KeyStore(typeof options.stateful === "object" && options.stateful.keys ? fixtureKeys(contract, options.stateful.keys) : seedKeys(contract)) : undefined,
    defaultLatency,
    defaultFailRate,
    random: randomSource(options.seed),
    // A violation names what the upstream sent: written to a terminal, it carries no control sequence.
    reportViolation: options.onViolation ?? ((line: string) => console.error(terminalSafe(line))),
  };
}

/** A request's context before the first stage. */
export function createContext(runtime: Runtime, request: MockRequest, extras: RequestExtras = {}): Context {
  return { request, runtime, steering: { mock: {}, applied: [], ignored: [] }, asked: false, delayMs: 0, headers: {}, ...(extras.overrides ? { overrides: extras.overrides } : {}) };
}

function reportError(error: unknown, request: { method: string; path: string }): void {
  console.error(`confident-org-api-keys: the mock failed on ${request.method} ${request.path}:`, error);
}

/** Records a request and its answer in the journal (never the key, and not the mock's own routes), and its scenario coverage. */
function journal(ctx: Context, status: number): void {
  const { request, match } = ctx;
  if (request.path.startsWith("/__mock/")) return;
  const { coverage } = ctx.runtime;
  const covered = coverage && coverageRecord(ctx, status);
  if (covered) coverage.record(covered);
  const params: Record<string, string> = {};
  match?.route.parameterNames.forEach((name, i) => {
    try {
      params[name] = decodeURIComponent(match.params[i] ?? "");
    } catch {
      params[name] = match.params[i] ?? "";
    }
  });
  const body = journalBody(ctx.body);
  ctx.runtime.journal.record({
    at: new Date().toISOString(),
    method: request.method,
    path: request.path,
    ...(match ? { operationId: match.op.operationId } : {}),
    params,
    query: Object.fromEntries(new URLSearchParams(request.search)),
    ...(body !== undefined ? { body } : {}),
    status,
    session: sessionOf(request.headers),
    withKey: request.headers[API_KEY_HEADER.toLowerCase()] !== undefined,
  });
}

/** One request through a runtime's stages: the answer every door gets, delay and headers applied; a stage that throws gets a 500. */
export async function handleRequest(runtime: Runtime, request: MockRequest, hooks: EngineHooks = {}, extras: RequestExtras = {}): Promise<MockAnswer> {
  const ctx = createContext(runtime, request, extras);
  let answer: MockAnswer;
  try {
    answer = await runStages(ctx);
  } catch (error) {
    (hooks.onError ?? reportError)(error, { method: request.method, path: request.path });
    journal(ctx, 500);
    return finish(ctx, { ...errorAnswer(500, "The mock failed to answer this request"), close: true });
  }
  journal(ctx, answer.status);
  if (ctx.delayMs > 0) await sleep(ctx.delayMs);
  return finish(ctx, answer);
}

/** Builds the engine: its runtime (the contract, its routes, the compiled contract; Prism loaded on first need), once. */
export async function createEngine(options: MockOptions = {}, hooks: EngineHooks = {}, internals: EngineInternals = {}): Promise<Engine> {
  const runtime = await createRuntime(options, internals);
  const handle = (request: MockRequest, extras?: RequestExtras): Promise<MockAnswer> => handleRequest(runtime, request, hooks, extras);
  const { store } = runtime;
  return {
    handle,
    journal: { entries: (filter) => runtime.journal.entries(filter), clear: () => runtime.journal.clear() },
    overrides: runtime.overrides,
    ...(store
      ? {
          state: {
            keys: (session = "default") => store.keys(session) as FixtureKey[],
            reset: (session = "default") => store.reset(session),
            resetAll: () => store.resetAll(),
          },
        }
      : {}),
    fetch: async (request, extras) => toResponse(await handle(fromFetchRequest(request), extras)),
  };
}
