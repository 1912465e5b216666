// @vitest-environment happy-dom
// The TanStack Query hooks in real React (react-dom, @testing-library/react), against the mock's
// fetch door in stateful mode: a settings page lists keys, creates one and shows its full value
// once, sees it redacted in the list after invalidating, deactivates one and revokes one; and a
// 429 steered with Prefer shows the page's error state.
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { PRODUCTION_BASE_URL, createApiKeysClient, mockScenario, type NewApiKey } from "../../src/index.js";
import { createMockFetch } from "../../src/mock/index.js";
import { apiKeysQueryKeys, createApiKeysHooks, type ApiKeysHooks } from "../../src/react-query/index.js";
import { FAKE_KEY } from "../support/helpers.js";

afterEach(cleanup);

function SettingsPage({ api }: { api: ApiKeysHooks }) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<NewApiKey>();
  const list = api.useQuery("get", "/v1/organization/api-keys");
  const invalidate = () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKeys.list() });
  const create = api.useMutation("post", "/v1/organization/api-keys", {
    onSuccess: (answer) => {
      setCreated(answer.data.apiKey);
      return invalidate();
    },
  });
  const update = api.useMutation("put", "/v1/organization/api-keys/{apiKeyId}", { onSuccess: invalidate });
  const revoke = api.useMutation("delete", "/v1/organization/api-keys/{apiKeyId}", { onSuccess: invalidate });

  if (list.isPending) return <p>Loading…</p>;
  if (list.isError) return <p role="alert">Could not load the keys: {list.error.error}</p>;
  return (
    <main>
      {created && (
        <p role="status">
          Copy your new key now, it is shown once: <code>{created.value}</code>
        </p>
      )}
      <button onClick={() => create.mutate({ body: { name: "Settings page key" } })}>Create key</button>
      <ul>
        {(list.data.data.apiKeys ?? []).map((key) => (
          <li key={key.id} data-testid={`key-${key.id}`}>
            {key.name ?? "(unnamed)"} <code>{key.value}</code> {key.valid ? "active" : "deactivated"}
            <button onClick={() => update.mutate({ params: { path: { apiKeyId: key.id } }, body: { valid: false } })}>Deactivate</button>
            <button onClick={() => revoke.mutate({ params: { path: { apiKeyId: key.id } } })}>Revoke</button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function renderPage(api: ApiKeysHooks) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SettingsPage api={api} />
    </QueryClientProvider>,
  );
}

const stateful = () => createApiKeysClient({ apiKey: FAKE_KEY, baseUrl: PRODUCTION_BASE_URL, fetch: createMockFetch({ stateful: true }) });

describe("a settings page built on createApiKeysHooks", () => {
  it("lists the keys, creates one, shows its full value once, then sees it redacted in the list", async () => {
    renderPage(createApiKeysHooks(stateful()));
    await screen.findByTestId("key-12");
    expect(screen.getByTestId("key-13").textContent).toContain("***************9f8e7d");

    fireEvent.click(screen.getByText("Create key"));
    const shown = (await screen.findByRole("status")).querySelector("code")?.textContent ?? "";
    expect(shown).toMatch(/^confident_org_[0-9a-f]{32}$/);
    const listed = await screen.findByTestId("key-14");
    expect(within(listed).getByText(`***************${shown.slice(-6)}`)).toBeTruthy();
    expect(listed.textContent).toContain("Settings page key");
    expect(listed.textContent).not.toContain(shown);
  });

  it("deactivates one key and revokes another, the list following", async () => {
    renderPage(createApiKeysHooks(stateful()));
    const first = await screen.findByTestId("key-12");
    expect(first.textContent).toContain("active");
    fireEvent.click(within(first).getByText("Deactivate"));
    await waitFor(() => expect(screen.getByTestId("key-12").textContent).toContain("deactivated"));
    fireEvent.click(within(screen.getByTestId("key-13")).getByText("Revoke"));
    await waitFor(() => expect(screen.queryByTestId("key-13")).toBeNull());
    expect(screen.getByTestId("key-12")).toBeTruthy();
  });

  it("shows its error state for a 429 steered with Prefer", async () => {
    const client = stateful();
    client.use(mockScenario({ code: 429 }));
    renderPage(createApiKeysHooks(client));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Could not load the keys: Too many requests/);
  });
});

describe("apiKeysQueryKeys", () => {
  const api = createApiKeysHooks(stateful());

  it("are the keys the hooks use, so invalidating them refetches", () => {
    expect(api.queryOptions("get", "/v1/organization/api-keys").queryKey).toEqual(apiKeysQueryKeys.list());
    expect(api.queryOptions("get", "/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } }).queryKey).toEqual(apiKeysQueryKeys.detail(12));
    expect(apiKeysQueryKeys.detail(12).slice(0, 2)).toEqual(apiKeysQueryKeys.details());
  });
});
