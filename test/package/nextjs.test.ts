// Next.js 16 with Turbopack, as a team sets it up: the packed package in an empty app, a server
// component that lists the keys through createMockFetch, with no serverExternalPackages. `next build`
// then `next start`, and `next dev`, each serve the list. Run by `npm run test:matrix` (in CI).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { nodeBinary } from "../../scripts/lib/node-binary.js";
import { packInto } from "../../scripts/lib/consumer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/processes.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const NEXT = "16";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const PAGE = `import { createApiKeysClient } from "confident-org-api-keys";
import { createMockFetch } from "confident-org-api-keys/mock";

export const dynamic = "force-dynamic";

export default async function Page() {
  const client = createApiKeysClient({ apiKey: "confident_org_FAKE", fetch: createMockFetch() });
  const { data } = await client.GET("/v1/organization/api-keys");
  return <ul>{(data?.data.apiKeys ?? []).map((k) => <li key={k.id}>{k.name ?? "(unnamed)"}</li>)}</ul>;
}
`;

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "confident-next-"));
  const packed = await packInto(root, dir);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "next-consumer", private: true }));
  await run("npm", ["install", packed.tarball, `next@${NEXT}`, "react@19", "react-dom@19", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
  await mkdir(join(dir, "app"));
  await writeFile(join(dir, "app", "layout.js"), "export default function RootLayout({ children }) { return <html><body>{children}</body></html>; }\n");
  await writeFile(join(dir, "app", "page.js"), PAGE);
}, 300_000);
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/** Starts `next <command>` on a free port, with `node`; gives the page's HTML once it answers, and stops it. */
async function serve(node: string, command: "start" | "dev"): Promise<string> {
  const port = await freePort();
  const child: ChildProcess = spawn(node, [join(dir, "node_modules", "next", "dist", "bin", "next"), command, "-p", String(port)], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const answer = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (answer) return `${answer.status} ${await answer.text()}`;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`next ${command} did not answer:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250)); // polling a port that is not yet open
    }
  } finally {
    try {
      process.kill(-(child.pid ?? 0), "SIGTERM");
    } catch {
      // gone already
    }
  }
}

// Node 20 (this machine's) and 24, the newest that users run; the same project, built again by each.
for (const major of [20, 24] as const) {
  const node = async (): Promise<string> => (major === 20 ? process.execPath : (await nodeBinary(String(major))).path);
  describe(`Next.js ${NEXT} with Turbopack on Node ${major}, a server component mocked by createMockFetch, no serverExternalPackages`, () => {
    it("next build, then next start, serves the contract's keys", async () => {
      const build = await run(await node(), [join(dir, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: dir, env }).catch((e: { stdout: string; stderr: string }) => e);
      expect((build as { stdout: string }).stdout).toMatch(/ƒ \//);
      expect(await serve(await node(), "start")).toMatch(/^200 .*<ul><li>CI\/CD key<\/li><li>Staging dashboard<\/li><\/ul>/s);
    }, 240_000);

    it("next dev serves the same", async () => {
      expect(await serve(await node(), "dev")).toMatch(/^200 .*<ul><li>CI\/CD key<\/li><li>Staging dashboard<\/li><\/ul>/s);
    }, 240_000);
  });
}
