// An empty consumer project with the packed tarball in it, two ways:
// - `npm install` (the stress tier): the tarball, msw and vitest, as a team installs them;
// - linked (the quick tier): the tarball unpacked into node_modules/ as npm would, its bin linked,
//   and each package it declares (dependencies, and the peers the consumer uses) linked to this
//   repository's copy. The unpacked package resolves only what it declares, so a dependency
//   missing from package.json still fails; what is skipped is npm's download and extraction
//   (11 s and 14 s of CPU here, most of the quick tier's package test).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PackedManifest {
  name: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
}

/** Links `node_modules/<name>` in `dir` to the same package in `root`'s node_modules. */
async function linkFrom(root: string, dir: string, name: string): Promise<void> {
  const target = join(dir, "node_modules", name);
  await mkdir(dirname(target), { recursive: true });
  await symlink(join(root, "node_modules", name), target, "dir");
}

/** Unpacks the tarball as npm installs it, links its bins, and links what it declares plus `extra` from `root`. */
export async function linkConsumer(root: string, dir: string, tarball: string, extra: readonly string[]): Promise<void> {
  const manifest = JSON.parse(await run("tar", ["-xzOf", tarball, "package/package.json"], { maxBuffer: 1 << 20 }).then((r) => r.stdout)) as PackedManifest;
  const home = join(dir, "node_modules", manifest.name);
  await mkdir(home, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", home, "--strip-components=1"]);
  for (const name of [...Object.keys(manifest.dependencies ?? {}), ...extra]) await linkFrom(root, dir, name);
  await mkdir(join(dir, "node_modules", ".bin"), { recursive: true });
  for (const [bin, file] of Object.entries(manifest.bin ?? {})) {
    await chmod(join(home, file), 0o755);
    await symlink(join("..", manifest.name, file), join(dir, "node_modules", ".bin", bin));
  }
}

/** `npm install` of the tarball and `extra` (name@version), from npm's cache where it can. */
export async function npmInstallConsumer(dir: string, tarball: string, extra: readonly string[]): Promise<void> {
  await run("npm", ["install", tarball, ...extra, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir });
}

export async function writeConsumerManifest(dir: string): Promise<void> {
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
}


export interface Packed {
  /** The tarball's path. */
  tarball: string;
  /** The files it holds, as npm lists them. */
  files: string[];
}

/** `npm pack` of the package at `root` into `dir`, its scripts not run (the caller has built dist/). */
export async function packInto(root: string, dir: string): Promise<Packed> {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: root, maxBuffer: 16 << 20 });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack in ${root} printed no package`);
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path) };
}

/** The version of a package installed in `root`'s node_modules. */
export const installedVersion = (root: string, name: string): string =>
  (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
