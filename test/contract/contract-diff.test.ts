// The breaking-change gate, on fixture pairs derived from the current contract: each breaking
// change fails unless info.version goes to a new major; an additive change passes.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffReport, gate, judge, pendingBump, type DiffReport } from "../../scripts/contract-diff.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
type Spec = { info: { version: string }; components: { schemas: Record<string, Schema>; parameters: Record<string, { schema: Schema }> } };
type Schema = { properties?: Record<string, Schema>; required?: string[]; maxLength?: number; minimum?: number; type?: string | string[] };

let dir = "";
let base: Spec;
/** info.version on the base's major, and on the next one. */
let sameMajor = "";
let nextMajor = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "diff-fixtures-"));
  base = JSON.parse(await readFile(join(root, "generated", "openapi.json"), "utf8")) as Spec;
  await writeFile(join(dir, "base.json"), JSON.stringify(base));
  const major = Number(base.info.version.split(".")[0]);
  sameMajor = `${major}.1.0`;
  nextMajor = `${major + 1}.0.0`;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function revision(name: string, change: (spec: Spec) => void, version?: string): Promise<string> {
  const spec = structuredClone(base);
  change(spec);
  if (version) spec.info.version = version;
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

const schemas = (s: Spec) => s.components.schemas;
const fixtures: [string, (s: Spec) => void, RegExp][] = [
  [
    "a removed response property",
    (s) => {
      const key = schemas(s)["ApiKey"] ?? {};
      delete key.properties?.["name"];
      key.required = key.required?.filter((p) => p !== "name") ?? [];
    },
    /Property `name` of `ApiKey` was removed/,
  ],
  [
    "a newly required request field",
    (s) => {
      const body = schemas(s)["CreateApiKeyRequest"] ?? {};
      body.properties = { ...body.properties, description: { type: "string" } };
      body.required = [...(body.required ?? []), "description"];
    },
    /became required: `description`/,
  ],
  [
    "a narrowed type",
    (s) => {
      const param = s.components.parameters["ApiKeyId"];
      if (param) param.schema = { type: "string" };
    },
    /Type narrowed from 'integer' to 'string'/,
  ],
  [
    "a new limit",
    (s) => {
      const name = schemas(s)["CreateApiKeyRequest"]?.properties?.["name"];
      if (name) name.maxLength = 20;
    },
    /`maxLength` of `name`/,
  ],
];

/** Redocly's diff of the base and each fixture on the same major, run once per fixture (one Redocly start each). */
const reports = new Map<string, Promise<DiffReport>>();
const reportFor = (what: string, change: (s: Spec) => void): Promise<DiffReport> => {
  const report = reports.get(what) ?? revision(what, change, sameMajor).then((file) => diffReport(join(dir, "base.json"), file));
  reports.set(what, report);
  return report;
};

describe("the breaking-change gate", () => {
  for (const [what, change, message] of fixtures) {
    it(`fails on ${what} when info.version stays on the same major`, async () => {
      const result = judge(await reportFor(what, change));
      expect(result.ok).toBe(false);
      expect(result.bump).toBe("major");
      expect(result.breaking.join("\n")).toMatch(message);
      expect(result.verdict).toContain("add a major changeset (npx changeset, then choose major for confident-org-api-keys)");
    });

    it(`passes ${what} with info.version bumped to a new major`, async () => {
      const report = await reportFor(what, change);
      const result = judge({ ...report, infoVersions: { ...report.infoVersions, revision: nextMajor } });
      expect(result.ok).toBe(true);
      expect(result.breaking.length).toBeGreaterThan(0);
    });
  }

  it("passes a breaking change whose contract really says a new major in info.version, as Redocly reads it", async () => {
    const [what, change] = fixtures[0] ?? ["", () => undefined];
    const result = await gate(join(dir, "base.json"), await revision(`${what} major`, change, nextMajor));
    expect(result).toMatchObject({ ok: true, revisionVersion: nextMajor });
    expect(result.breaking.length).toBeGreaterThan(0);
  });

  it("passes a breaking change when a pending changeset bumps the package to a new major, and says so", async () => {
    const [what, change] = fixtures[0] ?? ["", () => undefined];
    const report = await reportFor(what, change);
    const result = judge(report, { bump: "major", files: [".changeset/big-change.md"] });
    expect(result.ok).toBe(true);
    expect(result.verdict).toMatch(/a pending changeset bumps confident-org-api-keys to a new major \(\.changeset\/big-change\.md\): npm run version-packages takes the package and info\.version to \d+\.0\.0/);
    const minor = judge(report, { bump: "minor", files: [".changeset/small.md"] });
    expect(minor.ok).toBe(false);
    expect(minor.verdict).toContain("(pending: minor)");
  });

  it("reads the pending changesets for this package, and names those that ask for the largest bump", async () => {
    const project = join(dir, "changesets");
    await mkdir(join(project, ".changeset"), { recursive: true });
    await writeFile(join(project, ".changeset", "config.json"), "{}");
    await writeFile(join(project, ".changeset", "rename.md"), '---\n"confident-org-api-keys": major\n---\n\nRename an operation.\n');
    await writeFile(join(project, ".changeset", "other.md"), '---\n"another-package": major\n"confident-org-api-keys": patch\n---\n\nFix.\n');
    expect(await pendingBump(project)).toEqual({ bump: "major", files: [".changeset/rename.md"] });
  });

  it("passes an additive change without a major bump", async () => {
    const file = await revision("additive", (s) => {
      const body = schemas(s)["CreateApiKeyRequest"] ?? {};
      body.properties = { ...body.properties, description: { type: "string", maxLength: 200 } };
    });
    const result = await gate(join(dir, "base.json"), file);
    expect(result).toMatchObject({ ok: true, bump: "minor", breaking: [] });
  });

  it("runs as npm run contract:diff, with a path or a git ref as the base", async () => {
    const script = join(root, "node_modules", ".bin", "tsx");
    // No pending changeset (an empty .changeset/), so that the verdict does not hang on this repository's.
    const none = join(dir, "no-changesets");
    await mkdir(join(none, ".changeset"), { recursive: true });
    const failing = await run(script, ["scripts/contract-diff.ts", "--base", join(dir, "base.json"), "--revision", await revision("cli", fixtures[0]?.[1] ?? (() => undefined)), "--changesets", none], { cwd: root }).then(
      () => ({ code: 0, stdout: "" }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/✖ major: Property `name` of `ApiKey` was removed\. \(property-removed\) at GET \/v1\/organization\/api-keys responses\/200/);
    expect(failing.stdout).toMatch(/^FAILED: 1 breaking change\(s\), but no changeset bumps confident-org-api-keys to a new major/m);
    const head = await run(script, ["scripts/contract-diff.ts", "--base", "HEAD"], { cwd: root });
    expect(head.stdout).toMatch(/^OK: /m);
  }, 60_000);
});
