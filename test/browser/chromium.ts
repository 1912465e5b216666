// Debian's chromium driven by playwright-core. Nothing leaves 127.0.0.1: every other host goes to
// a dead proxy and resolves nowhere. We do not use Playwright's request routing for this: with a
// route installed, Chromium answers CORS preflights itself, so a CORS test would prove nothing.
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/**
 * Playwright gives each launch a fresh, empty profile of its own. `proxy`: where requests beyond
 * 127.0.0.1 go (default: a port where nothing listens); see recordingProxy.ts.
 */
export async function launch(proxy = "http://127.0.0.1:9"): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Block: every host but 127.0.0.1 resolves nowhere, and goes through a proxy that does not exist.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      `--proxy-server=${proxy}`,
      "--proxy-bypass-list=127.0.0.1",
    ],
  });
}

/** A context that records every request the page tries to make beyond 127.0.0.1 (all of which fail). */
export async function offlineContext(browser: Browser): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const blocked: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.hostname !== "127.0.0.1") blocked.push(request.url());
  });
  return { context, blocked };
}
