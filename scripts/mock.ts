// `npm start`: the mock, as `confident-org-api-keys mock` would run it. Flags: `npm start -- --port 4011`.
// As in the bin: Node 22.1+ keeps the compiled code between starts; the CLI loads after that.
import module from "node:module";

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import("../src/cli.js");
process.exitCode = await runCli(["mock", ...process.argv.slice(2)]);
