/**
 * Each command's options as one table: flag, value, help and default. The parser and `--help`
 * are both built from it (see program.ts), so that no option is documented apart from how it is
 * parsed, and each default is written here once.
 */
import { CHECK_DEFAULTS } from "../checker/defaults.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "../mock/doors/http.js";
import { RESET_PATH } from "../mock/options.js";

export interface OptionSpec {
  /** The long flag without its dashes, e.g. "port". */
  name: string;
  /** The value's placeholder, e.g. "<n>"; none for a switch. */
  value?: string;
  help: string;
  /** Applied when the flag is absent, and shown in `--help`. */
  default?: string;
  /** The flag may be given more than once; its values are collected. */
  multiple?: boolean;
}

export interface CommandSpec {
  name: string;
  /** What follows the command in the usage line. */
  usage?: string;
  summary: string;
  /** Printed after the options in `--help`. */
  notes?: string;
  options: readonly OptionSpec[];
}

const PORT: OptionSpec = { name: "port", value: "<n>", help: "port to listen on (0 picks a free one)", default: String(DEFAULT_PORT) };
const HOST: OptionSpec = { name: "host", value: "<addr>", help: "interface to bind", default: DEFAULT_HOST };
const QUIET: OptionSpec = { name: "quiet", help: "no per-request log lines" };

export const MOCK: CommandSpec = {
  name: "mock",
  summary: "Serves the contract, with Prism as the engine: examples, generated answers, or a stateful store.",
  options: [
    PORT,
    HOST,
    { name: "dynamic", help: "generate answers from the schemas instead of returning examples" },
    { name: "seed", value: "<s>", help: "seed for generated answers (with --dynamic) and injected faults: the same seed, the same run" },
    { name: "stateful", help: "keep keys in memory: create, update and revoke change later answers" },
    { name: "state", value: "<file>", help: 'stateful, every session starting from the keys in this JSON file: { "keys": [...] }' },
    { name: "latency", value: "<ms|min-max>", help: "delay every answer, e.g. 200 or 100-400" },
    { name: "fail-rate", value: "<0..1>", help: "answer this share with the operation's documented 429 or 500" },
    { name: "allow-origin", value: "<origin>", help: `let pages of this origin call ${RESET_PATH} and the mock's other routes (repeatable); other sites get 403`, multiple: true },
    { name: "coverage", value: "<file>", help: "on exit, write which documented statuses and examples were served (JSON)" },
    QUIET,
  ],
};

export const CONTRACT: CommandSpec = {
  name: "contract",
  summary:
    "Checks a server against the contract: requests generated from the schemas, per operation and kind (positive, negative: one rule broken each, exploratory), each answer run through the named checks; every failure collected, shrunk, and printed as a curl command that reads the key from $CONFIDENT_API_KEY. The key comes from --api-key, CONFIDENT_ORG_API_KEY or CONFIDENT_API_KEY, and is never printed.",
  notes: "Exit code 0 when every check passed, 1 when one failed, 2 on a usage error, 3 when the checker itself failed.",
  options: [
    { name: "target", value: "<url>", help: "base URL of the server to check (required)" },
    { name: "api-key", value: "<key>", help: "an organization API key for the target (default: $CONFIDENT_ORG_API_KEY, then $CONFIDENT_API_KEY)" },
    { name: "writes", help: "also create, update and revoke keys of its own, run stateful sequences along the links, and probe undocumented methods on them; every key made is revoked" },
    { name: "accepts-any-key", help: "the target takes any key (as the mock does): ignored_auth sends no unknown or malformed key" },
    { name: "fuzz", value: "<n>", help: "generated requests per operation and kind", default: String(CHECK_DEFAULTS.fuzz) },
    { name: "seed", value: "<n>", help: "the same seed sends the same requests (default: random, printed in the report)" },
    { name: "checks", value: "<a,b>", help: "run only these checks (--list-checks names them)" },
    { name: "list-checks", help: "list the checks, with their scope, and exit" },
    { name: "strict", help: "warnings (undocumented properties: drift) fail the run too" },
    { name: "max-response-time", value: "<ms>", help: "slowest acceptable answer", default: String(CHECK_DEFAULTS.maxResponseTimeMs) },
    { name: "timeout", value: "<ms>", help: "limit on each whole exchange", default: String(CHECK_DEFAULTS.timeoutMs) },
    { name: "max-body-bytes", value: "<n>", help: "largest answer read", default: String(CHECK_DEFAULTS.maxBodyBytes) },
    { name: "reporter", value: "<text|json|junit>", help: "the report's format; with --output, written to the file while the text is printed", default: CHECK_DEFAULTS.reporter },
    { name: "output", value: "<file>", help: "write the report to this file" },
    { name: "contract", value: "<openapi.json>", help: "check against another contract (OpenAPI JSON) than the bundled one" },
  ],
};

export const PROXY: CommandSpec = {
  name: "proxy",
  summary:
    "A validating proxy: forwards valid requests to the target, passes its answers on, and prints every contract violation on stderr. With CONFIDENT_ORG_API_KEY (or CONFIDENT_API_KEY) set, requests that carry no key are sent with that one, so the frontend need not hold it.",
  options: [{ name: "target", value: "<url>", help: "the server to forward to (required)" }, PORT, HOST, QUIET],
};

export const COMMANDS: readonly CommandSpec[] = [MOCK, CONTRACT, PROXY];
