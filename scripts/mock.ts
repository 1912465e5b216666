// `npm start`: the mock, as `confident-org-api-keys mock` would run it. Flags: `npm start -- --port 4011`.
import { runCli } from "../src/cli.js";

process.exitCode = await runCli(["mock", ...process.argv.slice(2)]);
