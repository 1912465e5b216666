// unhandled(): one options object for MSW 2's onUnhandledRequest and MSW 3's onUnhandledFrame,
// passed as is or spread into listen/start options (spread members are not excess-checked).
import { setupWorker } from "msw/browser";
import { setupServer } from "msw/node";
import { describe, expectTypeOf, it } from "vitest";
import { unhandled, unhandledAsError } from "../../../src/mock/doors/msw.js";

describe("unhandled", () => {
  it("carries the strategy under both versions' keys", () => {
    expectTypeOf(unhandled("bypass")).toEqualTypeOf<{ readonly onUnhandledRequest: "bypass"; readonly onUnhandledFrame: "bypass" }>();
    expectTypeOf(unhandledAsError.onUnhandledRequest).toEqualTypeOf<"error">();
    // @ts-expect-error not a strategy MSW has
    unhandled("ignore");
  });

  it("is taken by setupServer().listen and setupWorker().start, as is or spread", () => {
    setupServer().listen(unhandledAsError);
    void setupWorker().start({ quiet: true, ...unhandled("bypass") });
  });
});
