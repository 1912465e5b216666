/**
 * `npm run contract:diff -- --base <git-ref | path to an older openapi.json>`
 *
 * The breaking-change gate. Compares the base contract with generated/openapi.json using
 * `redocly diff` (offline, OpenAPI 3.1 aware, with its diff-recommended rules) and fails when a
 * change is breaking (major) and neither a pending changeset bumps the package to a new major nor
 * info.version went to one. (The package's version and info.version move together:
 * `npm run version-packages` applies the changesets to both.)
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import readChangesets from "@changesets/read";
import { redocly } from "./lib/redocly.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

export interface GateResult {
  ok: boolean;
  bump: "major" | "minor" | "patch" | "none";
  baseVersion: string;
  revisionVersion: string;
  /** One line per breaking change: what changed and where. */
  breaking: string[];
  /** One line per non-breaking change. */
  other: string[];
  verdict: string;
}

/** What `redocly diff --format json` reports, in the parts the gate reads. */
export interface DiffReport {
  infoVersions: { base: string; revision: string };
  bump?: "major" | "minor" | "patch";
  changes: { path: string; kind: string; property?: string; impact: "major" | "minor" | "patch"; verdicts?: { message: string; ruleId: string }[] }[];
}

const majorOf = (version: string): number => Number(/^v?(\d+)/.exec(version)?.[1] ?? NaN);

const PACKAGE = "confident-org-api-keys";
const BUMPS = ["none", "patch", "minor", "major"] as const;
export type Bump = (typeof BUMPS)[number];

/** The largest bump the pending changesets (.changeset/*.md) ask for this package, and the changesets that ask for it. */
export async function pendingBump(dir: string = root): Promise<{ bump: Bump; files: string[] }> {
  let bump: Bump = "none";
  const asking = new Map<Bump, string[]>();
  for (const changeset of await readChangesets(dir)) {
    for (const release of changeset.releases) {
      if (release.name !== PACKAGE || release.type === "none") continue;
      asking.set(release.type, [...(asking.get(release.type) ?? []), `.changeset/${changeset.id}.md`]);
      if (BUMPS.indexOf(release.type) > BUMPS.indexOf(bump)) bump = release.type;
    }
  }
  return { bump, files: asking.get(bump) ?? [] };
}

/** "#/paths/~1v1~1x/get/responses/200" -> "GET /v1/x responses/200" */
function location(pointer: string): string {
  const segments = pointer.replace(/^#\//, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (segments[0] === "paths" && segments.length >= 3) {
    const [, path, key, ...rest] = segments;
    const head = /^(get|put|post|delete|patch|options|head|trace)$/.test(key ?? "") ? `${key?.toUpperCase()} ${path}` : `${path} ${key}`;
    return `${head} ${rest.join("/")}`.trim();
  }
  return segments.join("/");
}

function describe(change: DiffReport["changes"][number]): string {
  const why = change.verdicts?.map((v) => `${v.message} (${v.ruleId})`).join(" ") || `${change.kind}${change.property ? ` ${change.property}` : ""}`;
  return `${change.impact}: ${why} at ${location(change.path)}`;
}

export interface Pending {
  bump: Bump;
  files: string[];
}

/** `redocly diff` of two bundled contracts (file paths). */
export async function diffReport(baseFile: string, revisionFile: string): Promise<DiffReport> {
  const { stdout } = await redocly(["diff", baseFile, revisionFile, "--format", "json", "--fail-on", "none"]);
  return JSON.parse(stdout.slice(stdout.indexOf("{"))) as DiffReport;
}

/** Compares two bundled contracts (file paths), given the bump the pending changesets ask for. */
export async function gate(baseFile: string, revisionFile: string, pending: Pending = { bump: "none", files: [] }): Promise<GateResult> {
  return judge(await diffReport(baseFile, revisionFile), pending);
}

/** The gate's verdict on a diff: a breaking change passes only with a new major, in info.version or in a pending changeset. */
export function judge(report: DiffReport, pending: Pending = { bump: "none", files: [] }): GateResult {
  const breakingChanges = report.changes.filter((c) => c.impact === "major");
  const bump = report.bump ?? "none";
  const { base: baseVersion, revision: revisionVersion } = report.infoVersions;
  const bumpedMajor = majorOf(revisionVersion) > majorOf(baseVersion);
  const changesetMajor = pending.bump === "major";
  const ok = breakingChanges.length === 0 || bumpedMajor || changesetMajor;
  const nextMajor = `${majorOf(baseVersion) + 1}.0.0`;
  const verdict =
    breakingChanges.length === 0
      ? `No breaking change (${report.changes.length} change(s), ${bump} at most).`
      : bumpedMajor
        ? `${breakingChanges.length} breaking change(s), and info.version went from ${baseVersion} to a new major, ${revisionVersion}.`
        : changesetMajor
          ? `${breakingChanges.length} breaking change(s), and a pending changeset bumps ${PACKAGE} to a new major (${pending.files.join(", ")}): npm run version-packages takes the package and info.version to ${nextMajor}.`
          : `${breakingChanges.length} breaking change(s), but no changeset bumps ${PACKAGE} to a new major (pending: ${pending.bump}) and info.version went from ${baseVersion} to ${revisionVersion}: add a major changeset (npx changeset, then choose major for ${PACKAGE}), or make the change additive.`;
  return {
    ok,
    bump,
    baseVersion,
    revisionVersion,
    breaking: breakingChanges.map(describe),
    other: report.changes.filter((c) => c.impact !== "major").map(describe),
    verdict,
  };
}

/** A base given as a file path, or as a git ref whose generated/openapi.json is used. */
async function resolveBase(base: string, dir: string): Promise<string> {
  if (existsSync(base)) return resolve(base);
  const out = join(dir, "base.json");
  try {
    const { stdout } = await run("git", ["show", `${base}:generated/openapi.json`], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    await writeFile(out, stdout);
  } catch (error) {
    throw new Error(`--base ${base}: neither a file nor a git ref with generated/openapi.json (${(error as Error).message.split("\n")[0]})`);
  }
  return out;
}

async function main(): Promise<number> {
  // --changesets: the folder whose .changeset/ holds the pending changesets (default: this repository).
  const { values } = parseArgs({ options: { base: { type: "string" }, revision: { type: "string" }, changesets: { type: "string" } } });
  if (!values.base) {
    console.error("Usage: npm run contract:diff -- --base <git-ref | path to an older openapi.json> [--revision <openapi.json>] [--changesets <dir>]");
    return 2;
  }
  const dir = await mkdtemp(join(tmpdir(), "contract-diff-"));
  try {
    const baseFile = await resolveBase(values.base, dir);
    const revisionFile = resolve(values.revision ?? join(root, "generated", "openapi.json"));
    JSON.parse(await readFile(revisionFile, "utf8"));
    const result = await gate(baseFile, revisionFile, await pendingBump(values.changesets ? resolve(values.changesets) : root));
    console.log(`Contract diff: ${values.base} (${result.baseVersion}) → ${values.revision ?? "generated/openapi.json"} (${result.revisionVersion})`);
    for (const line of result.breaking) console.log(`  ✖ ${line}`);
    for (const line of result.other) console.log(`  · ${line}`);
    console.log(`${result.ok ? "OK" : "FAILED"}: ${result.verdict}`);
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`contract:diff: ${(error as Error).message}`);
    return 2;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main();
}
