// The README's TypeScript for the client compiles, strict, against the package as a consumer
// imports it: so it handles what the contract allows (a null or absent name, an absent list).
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);
const dir = join(root, ".scratch", "readme");
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The ```ts (or ```tsx) blocks of one README section. */
async function tsBlocks(heading: string, language = "ts"): Promise<string[]> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  const end = readme.indexOf("\n## ", start + 1);
  return [...readme.slice(start, end).matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");
}

/** Type-checks files (name -> source) written under .scratch/readme, strict; "" when clean. */
async function typecheck(source: string | Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const files = typeof source === "string" ? { "snippet.ts": source } : source;
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), `export {};\n${text}`);
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const args = ["--noEmit", "--jsx", "react-jsx", "--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node", "--skipLibCheck", ...Object.keys(files).map((name) => join(dir, name))];
  return run(process.execPath, [tsc, ...args], { cwd: dir }).then(
    () => "",
    (e: { stdout: string }) => e.stdout,
  );
}

describe("README: The client", () => {
  it("has TypeScript that compiles against the package, strict", async () => {
    const [first] = await tsBlocks("The client");
    expect(first).toContain("key.name ?? ");
    expect(await typecheck(first ?? "")).toBe("");
  }, 60_000);

  it("would not compile if it used a name without handling null", async () => {
    const [first] = await tsBlocks("The client");
    const careless = (first ?? "").replace('key.name ?? "(unnamed)"', "key.name.toUpperCase()");
    expect(await typecheck(careless)).toMatch(/'key\.name' is possibly 'null' or 'undefined'/);
  }, 60_000);
});

describe("README: Mocking in tests", () => {
  it("has an MSW setup file and test that compile against the package, strict", async () => {
    const [setup, usage] = await tsBlocks("Mocking in tests");
    expect(setup).toContain("setupServer(...handlers)");
    const test = (usage ?? "").replace('from "./setup"', 'from "./setup.js"');
    expect(await typecheck({ "setup.ts": setup ?? "", "usage.ts": test })).toBe("");
  }, 60_000);

  it("has a fetch recipe that runs as written: create, then three keys listed", async () => {
    const [, , recipe] = await tsBlocks("Mocking in tests");
    expect(recipe).toContain("createMockFetch({ stateful: true })");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "fetch-recipe.ts"), `export {};\n${recipe ?? ""}`);
    const { stdout } = await run(process.execPath, ["--import", "tsx", join(dir, "fetch-recipe.ts")], { cwd: root });
    expect(stdout.trim()).toMatch(/^confident_org_[0-9a-f]{32} 3$/);
  }, 60_000);
});

describe("README: React: TanStack Query hooks", () => {
  it("has a settings page that compiles against the package, strict", async () => {
    const [page] = await tsBlocks("React: TanStack Query hooks", "tsx");
    expect(page).toContain("apiKeysQueryKeys.list()");
    expect(await typecheck({ "settings.tsx": page ?? "" })).toBe("");
  }, 60_000);
});

describe("README: Mocking in the browser", () => {
  it("shows the worker recipe that the Chromium tests bundle, word for word", async () => {
    const [recipe] = await tsBlocks("Mocking in the browser");
    const tested = await readFile(join(root, "test", "browser", "app", "recipe.ts"), "utf8");
    expect(recipe).toContain("setupWorker(...handlers)");
    expect(tested.replace(/^\/\/.*\n/, "")).toBe(recipe);
  });

  it("has a Playwright recipe whose mockRoutes call type-checks against playwright-core", async () => {
    const [, , , playwright] = await tsBlocks("Mocking in the browser");
    expect(playwright).toContain("await mockRoutes(context, { stateful: true });");
    const asCore = (playwright ?? "")
      .replace('import { test, expect } from "@playwright/test";', 'import type { BrowserContext, Page } from "playwright-core";\ndeclare const test: { beforeEach(f: (a: { context: BrowserContext }) => Promise<void>): void; (name: string, f: (a: { page: Page }) => Promise<void>): void };\ndeclare const expect: (l: unknown) => { toBeVisible(): Promise<void> };')
      .replace(/from "confident-org-api-keys\/playwright"/, `from ${JSON.stringify(join(root, "src", "playwright", "index.js"))}`);
    expect(await typecheck({ "playwright.ts": asCore })).toBe("");
  }, 60_000);
});
