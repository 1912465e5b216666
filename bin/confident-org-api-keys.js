#!/usr/bin/env node
// The CLI from dist/bundle/ (one bundle of dist/src/cli.js and what it imports, for a faster start).
// Node 22.1+ keeps the bundle's compiled code between runs (module.enableCompileCache): about
// 50 ms of a 0.5 s start. Node 20 has no such cache; there this does nothing.
import module from "node:module";

module.enableCompileCache?.();
const { runCli } = await import("../dist/bundle/cli.js");
process.exitCode = await runCli(process.argv.slice(2));
