// The README's TypeScript for the client compiles, strict, against the package as a consumer
// imports it: so it handles what the contract allows (a null or absent name, an absent list).
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readmeBlocks } from "../support/readme.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const dir = join(root, ".scratch", "readme");
afterAll(() => rm(dir, { recursive: true, force: true }));

const tsBlocks = readmeBlocks;

/** Type-checks files (name -> source) written under .scratch/readme, strict: tsc's output, "" when clean. */
async function typecheck(files: Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), `export {};\n${text}`);
  }
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const args = ["--noEmit", "--jsx", "react-jsx", "--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node", "--skipLibCheck", ...Object.keys(files).map((name) => join(dir, name))];
  return run(process.execPath, [tsc, ...args], { cwd: dir }).then(
    () => "",
    (e: { stdout: string }) => e.stdout,
  );
}

/** The README's snippets, each in its own folder, as the tests below take them from it. */
async function snippets(): Promise<Record<string, string>> {
  const [client] = await tsBlocks("The client");
  const [setup, usage] = await tsBlocks("Mocking in tests");
  const [page] = await tsBlocks("React: TanStack Query hooks", "tsx");
  const playwright = (await tsBlocks("Mocking in the browser")).find((block) => block.includes("mockRoutes("));
  const asCore = (playwright ?? "")
    .replace('import { test, expect } from "@playwright/test";', 'import type { BrowserContext, Page } from "playwright-core";\ndeclare const test: { beforeEach(f: (a: { context: BrowserContext }) => Promise<void>): void; (name: string, f: (a: { page: Page }) => Promise<void>): void };\ndeclare const expect: (l: unknown) => { toBeVisible(): Promise<void> };')
    .replace(/from "confident-org-api-keys\/playwright"/, `from ${JSON.stringify(join(root, "src", "playwright", "index.js"))}`);
  return {
    "client/snippet.ts": client ?? "",
    // The same, using a name without handling null: this one must not compile.
    "careless/snippet.ts": (client ?? "").replace('key.name ?? "(unnamed)"', "key.name.toUpperCase()"),
    "msw/setup.ts": setup ?? "",
    "msw/usage.ts": (usage ?? "").replace('from "./setup"', 'from "./setup.js"'),
    "react/settings.tsx": page ?? "",
    "playwright/playwright.ts": asCore,
  };
}

/** One tsc program over every snippet (one compiler start, not one per test); each test reads its folder's errors. */
let checked: Promise<string> | undefined;
async function errorsIn(folder: string): Promise<string> {
  checked ??= snippets().then(typecheck);
  return (await checked)
    .split(/\n(?=\S)/)
    .filter((entry) => entry.startsWith(`${folder}/`))
    .join("\n");
}

describe("README: The client", () => {
  it("has TypeScript that compiles against the package, strict", async () => {
    const [first] = await tsBlocks("The client");
    expect(first).toContain("key.name ?? ");
    expect(await errorsIn("client")).toBe("");
  }, 60_000);

  it("would not compile if it used a name without handling null", async () => {
    expect((await snippets())["careless/snippet.ts"]).toContain("key.name.toUpperCase()");
    expect(await errorsIn("careless")).toMatch(/'key\.name' is possibly 'null' or 'undefined'/);
  }, 60_000);
});

describe("README: Mocking in tests", () => {
  it("has an MSW setup file and test that compile against the package, strict", async () => {
    const [setup] = await tsBlocks("Mocking in tests");
    expect(setup).toContain("setupServer(...handlers)");
    expect(await errorsIn("msw")).toBe("");
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
    expect(await errorsIn("react")).toBe("");
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
    const playwright = (await tsBlocks("Mocking in the browser")).find((block) => block.includes("mockRoutes("));
    expect(playwright).toContain("await mockRoutes(context, { stateful: true });");
    expect((await snippets())["playwright/playwright.ts"]).toContain('from "playwright-core"');
    expect(await errorsIn("playwright")).toBe("");
  }, 60_000);
});
