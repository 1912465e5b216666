#!/usr/bin/env node
// The CLI from dist/bundle/ (one bundle of dist/src/cli.js and what it imports, for a faster start).
import { runCli } from "../dist/bundle/cli.js";

process.exitCode = await runCli(process.argv.slice(2));
