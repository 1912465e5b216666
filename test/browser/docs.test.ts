// The API reference page in a real browser, offline: every operation is there, with its fields
// and named examples, and the page asks nothing of the network.
import { mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs, serveDocs } from "../../scripts/docs.js";
import { loadContract } from "../../src/contract/spec.js";
import { launch, offlineContext } from "./chromium.js";

const contract = loadContract();
const SCREENSHOT = fileURLToPath(new URL("../../reports/docs.png", import.meta.url));
const summaries = contract.operations.map((op) => {
  const item = contract.document.paths[op.path] as Record<string, { summary: string }>;
  return { operationId: op.operationId, summary: item[op.method]?.summary ?? "" };
});

let browser: Browser;
let server: Server;
let page: Page;
let blocked: string[];
const consoleErrors: string[] = [];

beforeAll(async () => {
  await buildDocs();
  const served = await serveDocs(0);
  server = served.server;
  browser = await launch();
  const offline = await offlineContext(browser);
  blocked = offline.blocked;
  page = await offline.context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(served.url, { waitUntil: "load" });
  await page.locator("text=Confident AI organization API keys").first().waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe("the API reference page", () => {
  it("lists all five operations by their summaries", async () => {
    await page.getByText("Organization API Keys", { exact: true }).first().click(); // opens the tag in the sidebar
    for (const { operationId, summary } of summaries) {
      const link = page.getByRole("link", { name: summary, exact: false }).first();
      await link.waitFor({ state: "visible", timeout: 10_000 });
      expect(await link.getAttribute("href"), summary).toMatch(new RegExp(`/${operationId.toLowerCase()}$`));
    }
  });

  it("opens Update and shows the valid request field and the documented example", async () => {
    const update = summaries.find((s) => s.operationId === "updateOrganizationApiKey")?.summary ?? "";
    await page.getByRole("link", { name: update }).first().click();
    await page.waitForURL(/updateorganizationapikey$/);
    await page.getByText("Deactivate the key").first().waitFor({ timeout: 10_000 });
    const main = await page.locator("main").first().innerText();
    const section = main.slice(main.indexOf(`${update}\n`));
    expect(section).toMatch(/Body\s+application\/json\s+required\s+valid\s+boolean\s+required/); // the request field
    expect(section).toMatch(/Deactivate the key\s+\{\s+"valid": false\s+\}/); // the request example
    expect(section).toContain("A deactivated key (the documented update example)"); // the response example
  });

  it("saves a screenshot of the reference with the operations listed", async () => {
    await mkdir(fileURLToPath(new URL("../../reports/", import.meta.url)), { recursive: true });
    for (const { summary } of summaries) await page.getByRole("link", { name: summary }).first().waitFor({ state: "visible" });
    const shot = await page.screenshot({ path: SCREENSHOT });
    expect(shot.length).toBeGreaterThan(50_000); // a blank page is a few kB
  });

  it("asked nothing of the network beyond 127.0.0.1, and logged no error", () => {
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
