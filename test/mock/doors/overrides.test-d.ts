// The overrides' types: typed by the contract's operationIds, statuses and bodies, on every
// in-process door, so that a wrong operation, status, body or missing header does not compile;
// `unchecked: true` takes any answer, on purpose.
import type { HttpHandler } from "msw";
import { describe, expectTypeOf, it } from "vitest";
import { createHandlers } from "../../../src/mock/doors/msw.js";
import { createMockFetch } from "../../../src/mock/index.js";
import type { MockRoutesHandle } from "../../../src/playwright/index.js";

const handlers = createHandlers();
const mockFetch = createMockFetch();
declare const routes: MockRoutesHandle;
const key = { id: 1, name: null, valid: false, value: "***************abcdef", created_at: "2026-01-01T00:00:00Z" };

describe("handlers.override (MSW)", () => {
  it("gives a handler for server.use, for a documented answer", () => {
    expectTypeOf(handlers.override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [key] } } })).toEqualTypeOf<HttpHandler>();
    expectTypeOf(handlers.override("getOrganizationApiKey", { status: 404, body: { success: false, error: "API key not found" } }, { times: 1 })).toEqualTypeOf<HttpHandler>();
  });

  it("does not compile a wrong operation, status, body or a missing Retry-After", () => {
    // @ts-expect-error no such operationId
    handlers.override("listApiKeys", { status: 200, body: { success: true, data: {} } });
    // @ts-expect-error list documents no 404
    handlers.override("listOrganizationApiKeys", { status: 404, body: { success: false, error: "x" } });
    // @ts-expect-error `name` is a string or null
    handlers.override("listOrganizationApiKeys", { status: 200, body: { success: true, data: { apiKeys: [{ ...key, name: 5 }] } } });
    // @ts-expect-error get's data is { apiKey }, not the key itself
    handlers.override("getOrganizationApiKey", { status: 200, body: { success: true, data: key } });
    // @ts-expect-error an error answer's success is false
    handlers.override("getOrganizationApiKey", { status: 500, body: { success: true, error: "x" } });
    // @ts-expect-error a 429 documents Retry-After
    handlers.override("getOrganizationApiKey", { status: 429, body: { success: false, error: "slow down" } });
    handlers.override("getOrganizationApiKey", { status: 429, body: { success: false, error: "slow down" }, headers: { "Retry-After": "2" } });
  });

  it("takes any answer with unchecked: true", () => {
    expectTypeOf(handlers.override("getOrganizationApiKey", { status: 418, body: { id: "twelve" } }, { unchecked: true })).toEqualTypeOf<HttpHandler>();
  });
});

describe("mockFetch.override and the Playwright routes' override", () => {
  it("take the same typed answers, and give a function that removes the override", () => {
    expectTypeOf(mockFetch.override("deleteOrganizationApiKey", { status: 403, body: { success: false, error: "Forbidden" } })).toEqualTypeOf<() => void>();
    expectTypeOf(routes.override("updateOrganizationApiKey", { status: 400, body: { success: false, error: "Invalid" } }, { session: "s1" })).toEqualTypeOf<() => void>();
    // @ts-expect-error update documents no 201
    mockFetch.override("updateOrganizationApiKey", { status: 201, body: { success: true, data: { apiKey: key } } });
    // @ts-expect-error create answers the full key in `value`; a number is no key
    routes.override("createOrganizationApiKey", { status: 200, body: { success: true, data: { apiKey: { ...key, value: 1 } } } });
    expectTypeOf(mockFetch.resetOverrides).toEqualTypeOf<(session?: string) => void>();
  });
});
