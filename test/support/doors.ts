// The doors the contract suite runs through. Each door suite file runs once per door (vitest
// projects "door:http", "door:fetch", "door:msw", "door:playwright"; see vitest.config.ts), so no
// suite is copied. The Playwright door runs here through a stand-in for a Page that routes Fetch
// requests as Playwright does (test/browser/mock-page.test.ts runs it in Chromium).
import { setupServer } from "msw/node";
import { afterAll, beforeAll, inject } from "vitest";
import { PRODUCTION_BASE_URL } from "../../src/index.js";
import { createMockFetch, startMockServer, type MockOptions, type UncheckedAnswer } from "../../src/mock/index.js";
import type { HttpHandler } from "msw";
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
  /**
   * Forces an answer the door's own way: `handlers.override` into `server.use` (MSW),
   * `.override` (fetch, Playwright), `POST /__mock/overrides` (the server). Rejects with the
   * door's error (OffContractAnswerError in process; the 400's message from the server).
   */
  override(operationId: string, answer: UncheckedAnswer, options?: OverrideTestOptions): Promise<void>;
  /** Forgets the overrides: `server.resetHandlers()`, `.resetOverrides()`, `DELETE /__mock/overrides`. */
  resetOverrides(): Promise<void>;
  close(): Promise<void>;
}

export interface OverrideTestOptions {
  times?: number;
  unchecked?: boolean;
}

/** The door this run of the suite goes through. */
export const doorName = (): DoorName => inject("door");

type MswServer = ReturnType<typeof setupServer>;
let msw: { server: MswServer; users: number; doors: HttpHandler[][] } | undefined;
let origins = 0;

/** One MSW server per test file, listening while any of its doors is open; unhandled requests are errors. */
function mswServer(handlers: HttpHandler[]): MswServer {
  const current = msw ?? { server: setupServer(), users: 0, doors: [] };
  if (!msw) current.server.listen({ onUnhandledRequest: "error" });
  msw = current;
  current.users++;
  current.doors.push(handlers);
  current.server.use(...handlers);
  return current.server;
}

/** `server.resetHandlers()`, as a test's afterEach calls it; the open doors' handlers are put back. */
function resetMsw(): void {
  if (!msw) return;
  msw.server.resetHandlers();
  for (const handlers of msw.doors) msw.server.use(...handlers);
}

function releaseMsw(handlers: HttpHandler[]): void {
  if (msw) msw.doors = msw.doors.filter((d) => d !== handlers);
  if (msw && --msw.users === 0) {
    msw.server.close();
    msw = undefined;
  }
}

/** `POST /__mock/overrides` on a door; rejects with the 400's message. */
async function postOverride(door: Pick<Door, "baseUrl" | "fetch">, operationId: string, answer: UncheckedAnswer, options: OverrideTestOptions = {}): Promise<void> {
  const response = await door.fetch(`${door.baseUrl}/__mock/overrides`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operationId, ...answer, ...options }),
  });
  if (response.status !== 201) throw new Error(((await response.json()) as { error: string }).error);
}

async function deleteOverrides(door: Pick<Door, "baseUrl" | "fetch">): Promise<void> {
  const response = await door.fetch(`${door.baseUrl}/__mock/overrides`, { method: "DELETE" });
  if (response.status !== 200) throw new Error(`DELETE /__mock/overrides answered ${response.status}`);
}

/** A door's override, its types loosened: the suite passes off-contract answers on purpose (the types are proved in overrides.test-d.ts). */
type LooseOverride = (operationId: string, answer: UncheckedAnswer, options: OverrideTestOptions) => unknown;
const loose = (override: unknown): LooseOverride => override as LooseOverride;

/** An in-process door's override, as a promise (it throws synchronously). */
const inProcess = (override: unknown) => async (operationId: string, answer: UncheckedAnswer, options: OverrideTestOptions = {}): Promise<void> => {
  loose(override)(operationId, answer, options);
};

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
      const door = { baseUrl: server.url, fetch: (input: string | Request, init?: RequestInit) => fetch(input, init) };
      return { name, ...door, override: (...args) => postOverride(door, ...args), resetOverrides: () => deleteOverrides(door), close: () => server.close() };
    }
    case "fetch": {
      const mockFetch = createMockFetch(options);
      return { name, baseUrl: PRODUCTION_BASE_URL, fetch: mockFetch, override: inProcess(mockFetch.override), resetOverrides: async () => mockFetch.resetOverrides(), close: async () => undefined };
    }
    case "msw": {
      // Each door gets an origin of its own, so that doors with other options in the same file do not meet.
      const baseUrl = `https://door-${++origins}.msw.test`;
      const handlers = createHandlers({ ...options, baseUrl });
      const server = mswServer(handlers);
      return {
        name,
        baseUrl,
        fetch: (input, init) => fetch(input, init),
        override: async (operationId, answer, overrideOptions = {}) => void server.use(loose(handlers.override)(operationId, answer, overrideOptions) as HttpHandler),
        resetOverrides: async () => resetMsw(),
        close: async () => releaseMsw(handlers),
      };
    }
    case "playwright": {
      const page = routeStandIn();
      const baseUrl = `https://door-${++origins}.playwright.test`;
      const routes = await mockRoutes(page, { ...options, baseUrl });
      return { name, baseUrl, fetch: page.fetch, override: inProcess(routes.override), resetOverrides: async () => routes.resetOverrides(), close: routes };
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
