// The doors the contract suite runs through. Each door suite file runs once per door (vitest
// projects "door:http", "door:fetch", "door:msw", "door:playwright"; see vitest.config.ts), so no
// suite is copied. The Playwright door runs here through a stand-in for a Page that routes Fetch
// requests as Playwright does (test/browser/mock-page.test.ts runs it in Chromium).
import { setupServer } from "msw/node";
import { afterAll, beforeAll, inject } from "vitest";
import { PRODUCTION_BASE_URL } from "../../src/index.js";
import { createMockFetch, startMockServer, type MockOptions } from "../../src/mock/index.js";
import { createHandlers } from "../../src/mock/doors/msw.js";
import { mockRoutes, type RouteTarget, type RoutedRoute } from "../../src/playwright/index.js";

export const DOOR_NAMES = ["http", "fetch", "msw", "playwright"] as const;
export type DoorName = (typeof DOOR_NAMES)[number];

declare module "vitest" {
  export interface ProvidedContext {
    door: DoorName;
  }
}

export interface Door {
  name: DoorName;
  /** Where requests go: the server's URL, or a URL only the in-process door answers. */
  baseUrl: string;
  /** The fetch that reaches the door. */
  fetch: (input: string | Request, init?: RequestInit) => Promise<Response>;
  close(): Promise<void>;
}

/** The door this run of the suite goes through. */
export const doorName = (): DoorName => inject("door");

type MswServer = ReturnType<typeof setupServer>;
let msw: { server: MswServer; users: number } | undefined;
let origins = 0;

/** One MSW server per test file, listening while any of its doors is open; unhandled requests are errors. */
function mswServer(): MswServer {
  const current = msw ?? { server: setupServer(), users: 0 };
  if (!msw) current.server.listen({ onUnhandledRequest: "error" });
  msw = current;
  current.users++;
  return current.server;
}

function releaseMsw(): void {
  if (msw && --msw.users === 0) {
    msw.server.close();
    msw = undefined;
  }
}

/**
 * A stand-in for a Playwright `Page`: `route` and `unroute` as Playwright takes them, and a fetch
 * whose requests go to the matching route's handler as a `Route` (Playwright's request API:
 * `url()`, `method()`, `allHeaders()`, `postDataBuffer()`; `fulfill()`), or fail as unrouted.
 */
export function routeStandIn(): RouteTarget & { fetch: Door["fetch"] } {
  const routes: { matches: (url: URL) => boolean; handler: (route: RoutedRoute) => Promise<void> }[] = [];
  return {
    route: async (matches, handler) => void routes.unshift({ matches, handler }),
    unroute: async (matches) => void routes.splice(routes.findIndex((r) => r.matches === matches), 1),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const found = routes.find((r) => r.matches(new URL(request.url)));
      if (!found) throw new TypeError(`no route for ${request.url}: it would have gone to the network`);
      const body = request.method === "GET" || request.method === "HEAD" ? null : Buffer.from(await request.arrayBuffer());
      return new Promise<Response>((resolve, reject) => {
        found
          .handler({
            request: () => ({
              url: () => request.url,
              method: () => request.method,
              allHeaders: async () => Object.fromEntries(request.headers),
              postDataBuffer: () => (body && body.length ? body : null),
            }),
            fulfill: async ({ status, headers, body: answer }) => resolve(new Response(status === 204 || status === 304 ? null : new Uint8Array(answer), { status, headers })),
          })
          .catch(reject);
      });
    },
  };
}

export async function openDoor(name: DoorName, options: MockOptions = {}): Promise<Door> {
  switch (name) {
    case "http": {
      const server = await startMockServer({ port: 0, log: false, ...options });
      return { name, baseUrl: server.url, fetch: (input, init) => fetch(input, init), close: () => server.close() };
    }
    case "fetch":
      return { name, baseUrl: PRODUCTION_BASE_URL, fetch: createMockFetch(options), close: async () => undefined };
    case "msw": {
      // Each door gets an origin of its own, so that doors with other options in the same file do not meet.
      const baseUrl = `https://door-${++origins}.msw.test`;
      mswServer().use(...createHandlers({ ...options, baseUrl }));
      return { name, baseUrl, fetch: (input, init) => fetch(input, init), close: async () => releaseMsw() };
    }
    case "playwright": {
      const page = routeStandIn();
      const baseUrl = `https://door-${++origins}.playwright.test`;
      const unroute = await mockRoutes(page, { ...options, baseUrl });
      return { name, baseUrl, fetch: page.fetch, close: unroute };
    }
  }
}

/** Opens this run's door for the file (beforeAll) and closes it after (afterAll). */
export function useDoor(options: MockOptions = {}): () => Door {
  let door: Door | undefined;
  beforeAll(async () => {
    door = await openDoor(doorName(), options);
  });
  afterAll(() => door?.close());
  return () => {
    if (!door) throw new Error("useDoor(): the door opens in beforeAll; use it inside a test");
    return door;
  };
}
