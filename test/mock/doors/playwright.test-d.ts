// The Playwright door's types: a Page or a BrowserContext is a route target; a Browser is not,
// and the options are the mock's.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expectTypeOf, it } from "vitest";
import type { FixtureKey } from "../../../src/mock/index.js";
import { mockRoutes } from "../../../src/playwright/index.js";

declare const page: Page;
declare const context: BrowserContext;
declare const browser: Browser;

describe("mockRoutes", () => {
  it("takes a Page or a BrowserContext, and gives back a function that removes the route, with the store's state", () => {
    expectTypeOf(mockRoutes(page)).resolves.toExtend<() => Promise<void>>();
    expectTypeOf(mockRoutes(page)).resolves.toHaveProperty("state").toHaveProperty("keys").returns.resolves.toEqualTypeOf<FixtureKey[]>();
    expectTypeOf(mockRoutes(page, { stateful: { keys: [{ id: 1, valid: true, value: "***************aaaaaa", created_at: "2025-01-01T00:00:00Z" }] } })).resolves.toBeFunction();
    // @ts-expect-error a fixture key needs `valid`
    void mockRoutes(page, { stateful: { keys: [{ id: 1, value: "***************aaaaaa", created_at: "2025-01-01T00:00:00Z" }] } });
    expectTypeOf(mockRoutes(context, { stateful: true, baseUrl: "https://api.confident-ai.com" })).resolves.toBeFunction();
  });

  it("refuses a Browser and options the mock does not have", () => {
    // @ts-expect-error a Browser routes nothing: pass a page or a context
    void mockRoutes(browser);
    // @ts-expect-error `statefull` is not an option
    void mockRoutes(page, { statefull: true });
    // @ts-expect-error failRate is a number from 0 to 1
    void mockRoutes(page, { failRate: "all" });
  });
});
