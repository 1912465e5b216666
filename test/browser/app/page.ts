/**
 * The page the Chromium tests load: the README's recipe (./recipe.ts), and the checks, which run in
 * the page through `createApiKeysClient` against `PRODUCTION_BASE_URL` and hand every answer back
 * to the test, which validates it against the contract. The same page serves both doors: the MSW
 * worker (`startWorker`, `useHandlers`) and Playwright routes (installed by the test from Node).
 */
import { createApiKeysClient, mockScenario, PRODUCTION_BASE_URL } from "confident-org-api-keys";
import { createHandlers, type MockHandlersOptions } from "confident-org-api-keys/msw";
import { worker } from "./recipe.js";

export interface Exchange {
  step: string;
  operationId: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type CheckName = "operations" | "generated" | "steered404" | "badBody" | "lifecycle" | "fault";

const API_KEY = "confident_org_FAKEKEYFORBROWSERTESTS000000";

interface Answered {
  response: Response;
  data?: unknown;
  error?: unknown;
}

async function exchange(step: string, operationId: string, call: Promise<Answered>): Promise<Exchange> {
  const { response, data, error } = await call;
  return { step, operationId, status: response.status, headers: Object.fromEntries(response.headers), body: data ?? error };
}

const client = () => createApiKeysClient({ apiKey: API_KEY, baseUrl: PRODUCTION_BASE_URL });

const CHECKS: Record<CheckName, () => Promise<Exchange[]>> = {
  async operations() {
    const api = client();
    const id = { params: { path: { apiKeyId: 1 } } };
    return [
      await exchange("list", "listOrganizationApiKeys", api.GET("/v1/organization/api-keys")),
      await exchange("get", "getOrganizationApiKey", api.GET("/v1/organization/api-keys/{apiKeyId}", id)),
      await exchange("create", "createOrganizationApiKey", api.POST("/v1/organization/api-keys", { body: { name: "Browser key" } })),
      await exchange("update", "updateOrganizationApiKey", api.PUT("/v1/organization/api-keys/{apiKeyId}", { ...id, body: { valid: false } })),
      await exchange("revoke", "deleteOrganizationApiKey", api.DELETE("/v1/organization/api-keys/{apiKeyId}", id)),
    ];
  },
  async generated() {
    const api = client();
    return [
      await exchange("list", "listOrganizationApiKeys", api.GET("/v1/organization/api-keys")),
      await exchange("get", "getOrganizationApiKey", api.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 7 } } })),
    ];
  },
  async steered404() {
    const api = client();
    api.use(mockScenario({ code: 404 }));
    return [await exchange("get", "getOrganizationApiKey", api.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 1 } } }))];
  },
  async badBody() {
    const api = client();
    const body = { valid: "no" } as unknown as { valid: boolean };
    return [await exchange("update", "updateOrganizationApiKey", api.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 1 } }, body }))];
  },
  async lifecycle() {
    const api = client();
    const created = await exchange("create", "createOrganizationApiKey", api.POST("/v1/organization/api-keys", { body: { name: "Made in the page" } }));
    const id = (created.body as { data?: { apiKey?: { id?: number } } }).data?.apiKey?.id ?? -1;
    const path = { params: { path: { apiKeyId: id } } };
    return [
      created,
      await exchange("list after create", "listOrganizationApiKeys", api.GET("/v1/organization/api-keys")),
      await exchange("revoke", "deleteOrganizationApiKey", api.DELETE("/v1/organization/api-keys/{apiKeyId}", path)),
      await exchange("list after revoke", "listOrganizationApiKeys", api.GET("/v1/organization/api-keys")),
      await exchange("get after revoke", "getOrganizationApiKey", api.GET("/v1/organization/api-keys/{apiKeyId}", path)),
    ];
  },
  async fault() {
    return [await exchange("list", "listOrganizationApiKeys", client().GET("/v1/organization/api-keys"))];
  },
};

export interface MockPage {
  startWorker(): Promise<void>;
  useHandlers(options: MockHandlersOptions): void;
  run(check: CheckName): Promise<Exchange[]>;
}

declare global {
  interface Window {
    mockPage: MockPage;
  }
}

window.mockPage = {
  async startWorker() {
    await worker.start({ quiet: true, onUnhandledRequest: "error" });
  },
  useHandlers(options) {
    worker.resetHandlers(...createHandlers(options));
  },
  run: (check) => CHECKS[check](),
};
