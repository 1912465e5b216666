// The mock inside Chromium, through both in-page doors: the MSW worker (the README's recipe, bundled
// with the package's browser build by esbuild, by Vite's build, and served by Vite's dev server) and
// Playwright routes (`mockRoutes`). No mock server runs. The
// page calls the API through `createApiKeysClient` at PRODUCTION_BASE_URL; every answer is validated
// here against the contract, and nothing may leave the browser (a recording proxy sees every try).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build as viteBuild, createServer as createViteServer, type ViteDevServer } from "vite";
import webpack from "webpack";
import WebpackDevServer from "webpack-dev-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_DOOR_BUDGET_BYTES, bundlePage, RECIPE_PAGE_ENTRY, type PageBundle } from "../../scripts/lib/browser-build.js";
import type { MockHandlersOptions } from "../../src/mock/doors/msw.js";
import { mockRoutes } from "../../src/playwright/index.js";
import { loadContract } from "../../src/contract/spec.js";
import type { CheckName, Exchange } from "./app/page.js";
import { nodeBinary } from "../../scripts/lib/node-binary.js";
import { launch } from "./chromium.js";
import { recordingProxy, type RecordingProxy } from "./recordingProxy.js";

const contract = loadContract();
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };

/**
 * Which MSW the page gets: the repository's MSW 2, or, with BROWSER_MSW=3 (the browser tests'
 * second project, vitest.browser.config.ts), MSW 3, installed as `msw3` and put in place of `msw`
 * by each bundler's own alias. MSW 3's command line (`msw init`) needs Node 22.12: Node 24 runs it.
 */
const MSW_MAJOR = process.env["BROWSER_MSW"] === "3" ? "3" : "2";
const MSW_PACKAGE = MSW_MAJOR === "3" ? "msw3" : "msw";
const MSW_ALIAS: Record<string, string> = MSW_PACKAGE === "msw" ? {} : { msw: MSW_PACKAGE };
const mswInit = async (into: string): Promise<void> => {
  const cli = join("node_modules", MSW_PACKAGE, "cli", "index.js");
  const node = MSW_MAJOR === "3" ? (await nodeBinary("24")).path : process.execPath;
  await promisify(execFile)(node, [cli, "init", into, "--no-save"]);
};
const index = (script: string) => `<!doctype html><html><head><meta charset="utf-8"><title>API keys (browser mock)</title></head><body><script type="module" src="${script}"></script></body></html>`;

/** Vite's alias for `msw` and its subpaths (`msw/browser`). */
const viteAlias = (): { find: RegExp; replacement: string }[] => (MSW_PACKAGE === "msw" ? [] : [{ find: /^msw(\/.*)?$/, replacement: `${MSW_PACKAGE}$1` }]);

/** The same page as an app built with Vite would ship it (the `browser` condition is Vite's own default). */
async function bundleWithVite(outDir: string): Promise<void> {
  await viteBuild({
    configFile: false,
    logLevel: "error",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    resolve: { alias: viteAlias() },
    build: { outDir, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4096, rollupOptions: { input: { app: RECIPE_PAGE_ENTRY }, output: { entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js" } } },
  });
}

/** The same page as webpack 5 builds it for the web (its `browser` condition and target are webpack's own defaults for a web build). */
/** The page as webpack 5 builds it (its default `browser` condition), in production or development mode. */
const webpackConfig = (outDir: string, mode: "production" | "development"): webpack.Configuration => ({
  mode,
  target: "web",
  entry: { app: RECIPE_PAGE_ENTRY },
  output: { path: outDir, filename: "[name].js", module: true, chunkFormat: "module" },
  experiments: { outputModule: true, topLevelAwait: true },
  resolve: { extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] }, alias: MSW_PACKAGE === "msw" ? {} : { msw$: MSW_PACKAGE, "msw/browser": `${MSW_PACKAGE}/browser` } },
  module: { rules: [{ test: /\.ts$/, loader: "esbuild-loader", options: { target: "es2022" } }] },
  performance: { hints: false },
});

async function bundleWithWebpack(outDir: string): Promise<void> {
  const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
    webpack(webpackConfig(outDir, "production"), (error, result) => (error ? reject(error) : resolve(result))),
  );
  if (stats?.hasErrors()) throw new Error(`webpack failed:\n${stats.toString({ all: false, errors: true })}`);
}

/**
 * The same page from webpack's dev server (webpack-dev-server 5, the last major that runs on Node
 * 20), as the README's recipe runs in development: the bundle served from memory, and MSW's worker
 * script from the folder `msw init` filled (`static`).
 */
async function startWebpackDevServer(publicDir: string): Promise<WebpackDevServer> {
  const root = join(publicDir, "webpack-dev");
  await mkdir(root, { recursive: true });
  await writeFile(join(root, "index.html"), index("/app.js"));
  const compiler = webpack(webpackConfig(join(root, "out"), "development"));
  const devServer = new WebpackDevServer(
    { host: "127.0.0.1", port: "auto", hot: false, devMiddleware: { stats: "errors-only" }, liveReload: false, client: false, webSocketServer: false, static: [{ directory: root, watch: false }, { directory: publicDir, watch: false }] },
    compiler,
  );
  await devServer.start();
  return devServer;
}

/**
 * The same page from Vite's dev server, as the README's recipe runs in development: Vite resolves
 * `confident-org-api-keys/msw` under the `browser` condition and pre-bundles it, and serves MSW's
 * worker script from the public folder that `msw init` filled.
 */
async function startViteDevServer(publicDir: string): Promise<ViteDevServer> {
  const root = join(publicDir, "dev");
  await mkdir(root, { recursive: true });
  await writeFile(join(root, "index.html"), index(`/@fs${RECIPE_PAGE_ENTRY}`));
  const repo = fileURLToPath(new URL("../..", import.meta.url));
  const vite = await createViteServer({ configFile: false, logLevel: "error", root, publicDir, resolve: { alias: viteAlias() }, server: { host: "127.0.0.1", port: 0, strictPort: false, fs: { allow: [repo, publicDir] } } });
  await vite.listen();
  return vite;
}

let dir: string;
let server: Server;
let origin: string;
let vite: ViteDevServer;
let viteOrigin: string;
let webpackDev: WebpackDevServer;
let webpackDevOrigin: string;
let proxy: RecordingProxy;
let browser: Browser;
let bundle: PageBundle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "confident-browser-"));
  bundle = await bundlePage(RECIPE_PAGE_ENTRY, join(dir, "app.js"), MSW_ALIAS);
  await bundleWithVite(join(dir, "vite"));
  await bundleWithWebpack(join(dir, "webpack"));
  // MSW's own worker script, put where the page is served, as the README says: `npx msw init <dir>`.
  await mswInit(dir);
  server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (url.endsWith("/")) return void response.writeHead(200, { "content-type": "text/html" }).end(index(`${url}app.js`));
    const name = url.slice(1);
    readFile(join(dir, name)).then(
      (body) => response.writeHead(200, { "content-type": TYPES[extname(name)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vite = await startViteDevServer(dir);
  viteOrigin = (vite.resolvedUrls?.local[0] ?? "").replace(/\/$/, "");
  webpackDev = await startWebpackDevServer(dir);
  webpackDevOrigin = `http://127.0.0.1:${String(webpackDev.options.port)}`;
  proxy = await recordingProxy();
  browser = await launch(proxy.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await new Promise((resolve) => server?.close(resolve));
  await vite?.close();
  await webpackDev?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** One door: how the page gets its mock, with the options each check asks for. */
interface Door {
  name: "worker (esbuild)" | "worker (Vite)" | "worker (webpack)" | "worker (Vite dev server)" | "worker (webpack dev server)" | "routes";
  /** Where the page is: the esbuild bundle at /, the Vite build at /vite/, webpack's at /webpack/, each dev server at its own origin. */
  path: string;
  /** The page's origin: the static server's, or a dev server's. */
  origin(): string;
  open(context: BrowserContext, page: Page): Promise<void>;
  use(context: BrowserContext, page: Page, options: MockHandlersOptions): Promise<void>;
}

let removeRoutes: (() => Promise<void>) | undefined;
const DOORS: Door[] = [
  ...(["esbuild", "Vite", "webpack", "Vite dev server", "webpack dev server"] as const).map((bundler): Door => ({
    name: `worker (${bundler})`,
    path: bundler === "Vite" ? "/vite/" : bundler === "webpack" ? "/webpack/" : "/",
    origin: () => (bundler === "Vite dev server" ? viteOrigin : bundler === "webpack dev server" ? webpackDevOrigin : origin),
    async open(_context, page) {
      await page.evaluate(() => window.mockPage.startWorker());
    },
    async use(_context, page, options) {
      await page.evaluate((o) => window.mockPage.useHandlers(o), options);
    },
  })),
  {
    name: "routes",
    path: "/",
    origin: () => origin,
    async open() {},
    async use(context, _page, options) {
      await removeRoutes?.();
      removeRoutes = await mockRoutes(context, options);
    },
  },
];

const OPTIONS: Record<CheckName, MockHandlersOptions> = {
  operations: {},
  generated: { dynamic: true, seed: "browser" },
  steered404: {},
  badBody: {},
  lifecycle: { stateful: true },
  fault: { failRate: 1, seed: "browser" },
};

function violationsOf(exchanges: Exchange[]): string[] {
  return exchanges.flatMap((e) =>
    contract.validateResponse(e.operationId, e.status, e.body, e.headers).map((v) => `${e.step} → ${e.status}: ${v.path || "(body)"} ${v.message}`),
  );
}

describe.each(DOORS)(`in Chromium, with MSW ${MSW_MAJOR}, through the $name door`, (door) => {
  let context: BrowserContext;
  let page: Page;
  const offPage: string[] = [];
  const failed: string[] = [];
  /** What the page's console said about MSW (a worker script of another MSW version than the page's is one). */
  const mswWarnings: string[] = [];

  const run = async (check: CheckName): Promise<Exchange[]> => {
    await door.use(context, page, OPTIONS[check]);
    return page.evaluate((name) => window.mockPage.run(name), check);
  };

  beforeAll(async () => {
    proxy.seen.length = 0;
    context = await browser.newContext();
    context.on("request", (request) => {
      if (!request.url().startsWith(door.origin())) offPage.push(request.url());
    });
    context.on("requestfailed", (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    page = await context.newPage();
    page.on("console", (message) => {
      if (/\[MSW\]/.test(message.text())) mswWarnings.push(message.text());
    });
    await page.goto(`${door.origin()}${door.path}`, { waitUntil: "load" });
    await page.waitForFunction(() => window.mockPage !== undefined);
    await door.open(context, page);
  }, 60_000);

  afterAll(async () => {
    await removeRoutes?.();
    removeRoutes = undefined;
    await context?.close();
  });

  it("answers the five operations at PRODUCTION_BASE_URL, every answer valid", async () => {
    const exchanges = await run("operations");
    expect(exchanges.map((e) => [e.step, e.status])).toEqual([
      ["list", 200],
      ["get", 200],
      ["create", 200],
      ["update", 200],
      ["revoke", 200],
    ]);
    expect(exchanges.every((e) => new URL(String(e.headers["access-control-allow-origin"] ?? door.origin())).origin === door.origin())).toBe(true);
    expect(violationsOf(exchanges)).toEqual([]);
  });

  it("generates answers from the schemas (dynamic, seeded), every answer valid and not the examples", async () => {
    const exchanges = await run("generated");
    expect(exchanges.map((e) => e.status)).toEqual([200, 200]);
    expect(violationsOf(exchanges)).toEqual([]);
    const examples = await run("operations");
    expect(JSON.stringify(exchanges[0]?.body)).not.toBe(JSON.stringify(examples[0]?.body));
  });

  it("answers a 404 steered by Prefer, in the envelope", async () => {
    const [get] = await run("steered404");
    expect(get?.status).toBe(404);
    expect(get?.body).toMatchObject({ success: false });
    expect(violationsOf([get!])).toEqual([]);
  });

  it("answers a bad body with 400 that names the field", async () => {
    const [update] = await run("badBody");
    expect(update?.status).toBe(400);
    expect(JSON.stringify(update?.body)).toMatch(/valid/);
    expect(violationsOf([update!])).toEqual([]);
  });

  it("keeps state: a created key is listed redacted, and gone after revoke", async () => {
    const exchanges = await run("lifecycle");
    expect(exchanges.map((e) => [e.step, e.status])).toEqual([
      ["create", 200],
      ["list after create", 200],
      ["revoke", 200],
      ["list after revoke", 200],
      ["get after revoke", 404],
    ]);
    const created = (exchanges[0]?.body as { data: { apiKey: { id: number; value: string } } }).data.apiKey;
    expect(created.value).toMatch(/^confident_org_[0-9a-f]{32}$/);
    const listed = (exchange: Exchange | undefined) => (exchange?.body as { data: { apiKeys: { id: number; value: string }[] } }).data.apiKeys;
    expect(listed(exchanges[1]).find((k) => k.id === created.id)?.value).toBe(`${"*".repeat(15)}${created.value.slice(-6)}`);
    expect(listed(exchanges[3]).some((k) => k.id === created.id)).toBe(false);
    expect(violationsOf(exchanges)).toEqual([]);
  });

  it("injects a fault: a documented 429 or 500", async () => {
    const [list] = await run("fault");
    expect([429, 500]).toContain(list?.status);
    expect(violationsOf([list!])).toEqual([]);
  });

  it("let no request leave the browser", () => {
    expect(offPage.filter((url) => url.startsWith("https://api.confident-ai.com/")).length).toBeGreaterThanOrEqual(20);
    // Chromium's own background connections (accounts.google.com) are not the page's: what counts
    // is that no host the page asked for was reached for.
    const pageHosts = new Set(offPage.map((url) => new URL(url).hostname));
    expect(proxy.seen.filter((line) => pageHosts.has(/^\S+ (?:\w+:\/\/)?([^:/\s]+)/.exec(line)?.[1] ?? ""))).toEqual([]);
    expect(failed).toEqual([]);
  });

  it(`runs with MSW ${MSW_MAJOR}: the worker script is that version's, and MSW found it the page's own`, async () => {
    if (door.name === "routes") return void expect(mswWarnings).toEqual([]); // no worker: Playwright answers
    const script = await (await fetch(`${door.origin()}/mockServiceWorker.js`)).text();
    expect(/PACKAGE_VERSION = '(\d+)\./.exec(script)?.[1]).toBe(MSW_MAJOR);
    // MSW warns when the registered worker was generated by another version than the page's library.
    expect(mswWarnings.filter((w) => /different version|integrity/i.test(w))).toEqual([]);
  });
});

describe("the browser bundle of the recipe", () => {
  it("adds at most 60 kB gzipped to what the page loads at once, with Prism split off for when it is needed, and reaches for no Node built-in", () => {
    expect(bundle.doorGzipBytes).toBeGreaterThan(15_000); // the engine and the compiled contract are in it
    expect(BROWSER_DOOR_BUDGET_BYTES).toBe(60 * 1024); // issue #23's goal
    expect(bundle.doorGzipBytes).toBeLessThanOrEqual(BROWSER_DOOR_BUDGET_BYTES);
    expect(bundle.onDemandGzipBytes).toBeGreaterThan(150_000); // Prism: loaded by the first request that needs it (the 400 above)
  });
});
