// The Playwright door's types: a Page or a BrowserContext is a route target; a Browser is not,
// and the options are the mock's.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expectTypeOf, it } from "vitest";
import { mockRoutes } from "../../../src/playwright/index.js";

declare const page: Page;
declare const context: BrowserContext;
declare const browser: Browser;

describe("mockRoutes", () => {
  it("takes a Page or a BrowserContext, and gives back a function that removes the route", () => {
    expectTypeOf(mockRoutes(page)).resolves.toEqualTypeOf<() => Promise<void>>();
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
