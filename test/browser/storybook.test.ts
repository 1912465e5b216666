// The README's Storybook recipe, as written, in a project of its own: Storybook 10 with
// @storybook/html-vite, msw-storybook-addon 3 (CSF 3), MSW's worker script from `msw init`, and the
// packed package, installed from npm; once with MSW 2 on Node 20, once with MSW 3 on Node 24. The recipe's files type-check with the addon's types,
// `storybook build` builds them, and in Chromium (every host but 127.0.0.1 unreachable) the list
// story shows the contract's example keys and the override story the contract's 500.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/spec.js";
import { nodeBinary } from "../../scripts/lib/node-binary.js";
import { readmeFile } from "../support/readme.js";
import { launch, offlineContext } from "./chromium.js";
import { installedVersion, packInto } from "../../scripts/lib/consumer.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const SECTION = "Mocking in the browser";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2" };

/** One Storybook project: MSW 2 on Node 20 (this machine's), or MSW 3 on Node 24, as npm gives each to its users. */
interface Variant {
  node: 20 | 24;
  msw: string;
  dir: string;
  server: Server;
  origin: string;
  typeErrors: string;
}

async function setUp(node: 20 | 24, msw: string): Promise<Variant> {
  const nodePath = node === 20 ? process.execPath : (await nodeBinary(String(node))).path;
  const dir = await mkdtemp(join(tmpdir(), `confident-storybook-${node}-`));
  const packed = await packInto(root, dir);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "storybook-consumer", private: true, type: "module" }));
  // The toolchain under test, at its current majors.
  await run("npm", ["install", packed.tarball, "storybook@10", "@storybook/html-vite@10", "vite", `msw@${msw}`, "msw-storybook-addon@3", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, maxBuffer: 16 << 20 });
  await run(nodePath, [join(dir, "node_modules", "msw", "cli", "index.js"), "init", "public", "--save"], { cwd: dir });
  for (const path of [".storybook/main.ts", ".storybook/preview.ts", "stories/keys.stories.ts"]) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), await readmeFile(SECTION, path));
  }
  // The addon's types, as the README says: "types": ["msw-storybook-addon/csf3"].
  const compilerOptions = { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: ["msw-storybook-addon/csf3"], strict: true, noEmit: true, skipLibCheck: true };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: [".storybook", "stories"] }));
  const typeErrors = await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { cwd: dir }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
  const storybook = join(dir, "node_modules", "storybook", "dist", "bin", "dispatcher.js");
  if (!existsSync(storybook)) throw new Error(`storybook has moved its bin: ${storybook}`);
  await run(nodePath, [storybook, "build", "-o", "out", "--quiet"], { cwd: dir, env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: "1" }, maxBuffer: 16 << 20 });
  const out = join(dir, "out");
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname)).replace(/^(\.\.[/\\])+/, "");
    readFile(join(out, path.endsWith("/") ? `${path}index.html` : path)).then(
      (body) => response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { node, msw, dir, server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, typeErrors };
}

const VARIANTS = [
  { node: 20, msw: installedVersion(root, "msw") },
  { node: 24, msw: "3" },
] as const;
const variants: Variant[] = [];
let browser: Browser;

beforeAll(async () => {
  for (const { node, msw } of VARIANTS) variants.push(await setUp(node, msw));
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const v of variants) {
    await new Promise((resolve) => v.server.close(resolve));
    await rm(v.dir, { recursive: true, force: true });
  }
});

/** One story, opened as Storybook's preview frame renders it: the list's status and text once the answer came. */
async function story(origin: string, id: string): Promise<{ status: string | undefined; items: string[]; text: string | null }> {
  const { context } = await offlineContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/iframe.html?id=${id}&viewMode=story`);
    await page.waitForSelector("#keys[data-status]", { timeout: 30_000 });
    return await page.$eval("#keys", (el) => ({ status: (el as HTMLElement).dataset["status"], items: [...el.querySelectorAll("li")].map((li) => li.textContent ?? ""), text: el.textContent }));
  } finally {
    await context.close();
  }
}

for (const [index, { node, msw }] of VARIANTS.entries()) {
  describe(`the README's Storybook 10 recipe (msw-storybook-addon 3), MSW ${msw.split(".")[0]} on Node ${node}`, () => {
    const variant = (): Variant => {
      const v = variants[index];
      if (!v) throw new Error("the Storybook project was not set up");
      return v;
    };

    it("type-checks with the addon's types, and builds with this MSW", async () => {
      expect(variant().typeErrors).toBe("");
      expect(installedVersion(variant().dir, "msw").split(".")[0]).toBe(msw.split(".")[0]);
    });

    it("shows the contract's example keys in the list story", async () => {
      const list = loadContract().operation("listOrganizationApiKeys").responses.find((r) => r.status === "200");
      const example = Object.values(list?.examples ?? {})[0] as { data: { apiKeys: { name?: string | null }[] } };
      expect(await story(variant().origin, "keys--list")).toEqual({ status: "200", items: example.data.apiKeys.map((k) => k.name ?? "(unnamed)"), text: expect.any(String) });
    }, 60_000);

    it("shows the contract's 500 in the story that overrides the list", async () => {
      expect(await story(variant().origin, "keys--server-error")).toMatchObject({ status: "500", items: [], text: "Internal server error, please retry later" });
    }, 60_000);
  });
}
