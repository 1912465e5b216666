/**
 * The package's command line: `confident-org-api-keys mock [flags]`.
 * `npm start` and the `confident-org-api-keys` bin both call `runCli`.
 */
import { parseArgs } from "node:util";
import { DEFAULT_HOST, DEFAULT_MAX_BODY_BYTES, DEFAULT_PORT, startMockServer } from "./mock/server.js";

const USAGE = `Usage: confident-org-api-keys mock [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--dynamic] [--seed <s>]

Serves the organization API key contract with Prism as the engine.
  --port <n>     port to listen on (0 picks a free one)        default ${DEFAULT_PORT}
  --host <addr>  interface to bind                             default ${DEFAULT_HOST}
  --dynamic      generate answers from the schemas instead of returning examples
  --seed <s>     seed for generated answers (implies --dynamic): same seed, same answers
  --quiet        no per-request log lines`;

function fail(message: string): number {
  console.error(`confident-org-api-keys: ${message}\n\n${USAGE}`);
  return 2;
}

async function mock(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        dynamic: { type: "boolean" },
        seed: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port must be an integer from 0 to 65535, got ${values.port}`);
  const dynamic = Boolean(values.dynamic) || values.seed !== undefined;
  let server;
  try {
    server = await startMockServer({
      port,
      host: values.host ?? DEFAULT_HOST,
      dynamic,
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values.quiet ? { log: false as const } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") return fail(`port ${port} is in use: stop the other server or pass --port`);
    return fail(`could not start the mock: ${(error as Error).message}`);
  }
  const mode = dynamic ? `dynamic (generated from the schemas${values.seed !== undefined ? `, seed ${JSON.stringify(values.seed)}` : ""})` : "static (the contract's examples)";
  console.log(
    [
      `Mock of the Confident AI organization API key endpoints listening on ${server.url}`,
      `Mode: ${mode}. Stateless: no request changes what later requests get.`,
      `Try:   curl ${server.url}/v1/organization/api-keys -H 'CONFIDENT_API_KEY: confident_org_FAKE'`,
      `Steer: -H 'Prefer: code=404'  |  -H 'Prefer: example=noKeys'  |  -H 'Prefer: dynamic=true'`,
      `Limits: request bodies up to ${DEFAULT_MAX_BODY_BYTES} bytes. Ctrl-C stops.`,
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(resolve, resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "mock":
      return mock(rest);
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
