/** What the stages share: the engine's runtime, built once, and one request's context, built per request. */
import type { Contract, ContractOperation } from "../contract/contract.js";
import type { LatencyRange } from "./faults.js";
import type { MockOptions } from "./options.js";
import type { MockRequest } from "./request.js";
import type { Route } from "./routes.js";
import type { Journal } from "./journal.js";
import type { CoverageSink } from "./coverage/record.js";
import type { KeyStore } from "./state.js";
import type { OverrideList, OverrideSource } from "./overrides.js";
import type { CompiledContract } from "./compiledTypes.js";
import type { PrismOutput } from "../prism/output.js";

export type { PrismOutput } from "../prism/output.js";

export type Mode = "mock" | "proxy";

/** Everything built once per engine. */
export interface Runtime {
  readonly options: MockOptions;
  readonly contract: Contract;
  readonly routes: readonly Route[];
  readonly maxBodyBytes: number;
  /** Which stage list answers: the mock's, or the validating proxy's (`upstream` given). */
  readonly mode: Mode;
  /** Prism, and its configs, loaded on first call: opaque here, typed by `prismOf` (prismOf.ts) where Prism is called. */
  readonly prism: () => Promise<unknown>;
  /** The bundled contract compiled (stage `compiled`); undefined for a contract given at run time, and in proxy mode. */
  readonly compiled: CompiledContract | undefined;
  readonly store: KeyStore | undefined;
  /** What the mock received, every mode (the mock's own routes excepted). */
  readonly journal: Journal;
  /** Where scenario coverage goes, when it is being gathered (a reporter, or `mock --coverage`). */
  readonly coverage: CoverageSink | undefined;
  /** The tests' forced answers, per session (in-process doors and `POST /__mock/overrides`). */
  readonly overrides: OverrideList;
  readonly defaultLatency: LatencyRange | undefined;
  readonly defaultFailRate: number;
  readonly random: () => number;
  readonly reportViolation: (line: string) => void;
}

/** How the mock was asked to answer, from `Prefer`: what it honours, and what it ignored. */
export interface Steering {
  mock: { code?: number; exampleKey?: string; dynamic?: boolean };
  latency?: LatencyRange;
  failRate?: number;
  applied: string[];
  ignored: string[];
}

/** One request's way through the stages. Each stage reads what earlier ones wrote. */
export interface Context {
  readonly request: MockRequest;
  readonly runtime: Runtime;
  /** The matched operation (stage `route`). */
  match?: { route: Route; op: ContractOperation; params: string[] };
  /** The parsed JSON body, if any (stage `body`). */
  body?: unknown;
  /** Stage `preferences`. */
  steering: Steering;
  /** Whether the request asked for a status or an example (then neither faults nor state answer). */
  asked: boolean;
  /** Stage `faults`: a delay, applied to whatever answer comes, and an injected failure. */
  delayMs: number;
  injected?: 429 | 500;
  /** Stage `compiled` or `prism` (or `validate`), then `forward`: Prism's answer, and the request's validation failures. */
  prism?: { output: PrismOutput; failed: PrismDiagnostic[] };
  /** The door's own overrides, passed with this request (looked up before the engine's). */
  overrides?: OverrideSource;
  /** The name of the stage that answered (set by the engine's loop). */
  answeredBy?: string;
  /** Headers every later answer carries: Preference-Applied, X-Mock-Warning, X-Mock-Fault. */
  headers: Record<string, string>;
}

export interface PrismDiagnostic {
  path?: string[];
  message: string;
  code?: string | number;
  severity: number;
}

/** The matched operation; stages after `route` may rely on it. */
export function matched(ctx: Context): NonNullable<Context["match"]> {
  if (!ctx.match) throw new Error("stage order: this stage must run after `route`");
  return ctx.match;
}
