// The request journal, through every door: what the UI sent (operation, path parameters, query,
// body, status, session, and whether a key came, never the key), queried and cleared; bounded.
import { describe, expect, it } from "vitest";
import { Journal, MAX_JOURNAL_BODY_CHARACTERS, MAX_JOURNAL_BODY_DEPTH, MAX_JOURNAL_ENTRIES, journalBody } from "../../../src/mock/journal.js";
import { createMockFetch } from "../../../src/mock/index.js";
import { useDoor } from "../../support/doors.js";
import { FAKE_KEY, raw } from "../../support/helpers.js";

const door = useDoor({ stateful: true });
let sessions = 0;

describe("the journal, through GET /__mock/journal", () => {
  it("records a PUT {valid: false} to key 12: operation, parameters, body, status, session, and that a key came, never the key", async () => {
    const session = `journal-${++sessions}`;
    await raw("PUT", "/v1/organization/api-keys/12?source=settings", { door: door(), headers: { "content-type": "application/json", "x-mock-session": session }, body: '{"valid":false}' });
    const journal = await raw("GET", `/__mock/journal?session=${session}`, { door: door() });
    expect(journal.status).toBe(200);
    expect((journal.json as { data: { entries: unknown[] } }).data.entries).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        method: "PUT",
        path: "/v1/organization/api-keys/12",
        operationId: "updateOrganizationApiKey",
        params: { apiKeyId: "12" },
        query: { source: "settings" },
        body: { valid: false },
        status: 200,
        session,
        withKey: true,
      },
    ]);
    expect(journal.text).not.toContain(FAKE_KEY);
  });

  it("records requests without a key and outside the contract, filters by operation, and DELETE clears it", async () => {
    const session = `journal-${++sessions}`;
    const headers = { "x-mock-session": session };
    await raw("GET", "/v1/organization/api-keys", { door: door(), key: null, headers });
    await raw("GET", "/v1/nope", { door: door(), headers });
    await raw("GET", "/v1/organization/api-keys", { door: door(), headers });
    const all = (await raw("GET", `/__mock/journal?session=${session}`, { door: door() })).json as { data: { entries: { status: number; withKey: boolean; operationId?: string }[] } };
    expect(all.data.entries.map((e) => [e.status, e.withKey, e.operationId])).toEqual([
      [401, false, "listOrganizationApiKeys"],
      [404, true, undefined],
      [200, true, "listOrganizationApiKeys"],
    ]);
    const lists = (await raw("GET", `/__mock/journal?session=${session}&operationId=listOrganizationApiKeys`, { door: door() })).json as { data: { entries: unknown[] } };
    expect(lists.data.entries).toHaveLength(2);
    expect((await raw("DELETE", "/__mock/journal", { door: door() })).status).toBe(200);
    expect(((await raw("GET", "/__mock/journal", { door: door() })).json as { data: { entries: unknown[] } }).data.entries).toEqual([]);
  });
});

describe("the journal, in process", () => {
  it("createMockFetch(...).journal gives the same entries, with no request, and clears", async () => {
    const mockFetch = createMockFetch();
    await mockFetch("https://api.confident-ai.com/v1/organization/api-keys/13", { method: "DELETE", headers: { CONFIDENT_API_KEY: FAKE_KEY } });
    expect(await mockFetch.journal.entries({ method: "delete" })).toMatchObject([{ operationId: "deleteOrganizationApiKey", params: { apiKeyId: "13" }, status: 200, session: "default" }]);
    await mockFetch.journal.clear();
    expect(await mockFetch.journal.entries()).toEqual([]);
  });
});

describe("the journal's bounds", () => {
  it(`keeps the last ${MAX_JOURNAL_ENTRIES} entries, and a body up to ${MAX_JOURNAL_BODY_CHARACTERS} characters of JSON and ${MAX_JOURNAL_BODY_DEPTH} levels (one nested 30,000 deep is noted, never walked by recursion)`, () => {
    const journal = new Journal();
    for (let i = 0; i < MAX_JOURNAL_ENTRIES + 100; i++) journal.record({ at: "", method: "GET", path: `/${i}`, params: {}, query: {}, status: 200, session: "s", withKey: true });
    const entries = journal.entries();
    expect(entries).toHaveLength(MAX_JOURNAL_ENTRIES);
    expect(entries[0]?.path).toBe("/100");
    expect(journalBody({ name: "x".repeat(MAX_JOURNAL_BODY_CHARACTERS) })).toEqual({ truncated: true });
    expect(journalBody({ name: "short", list: [1, null, true] })).toEqual({ name: "short", list: [1, null, true] });
    let deep: unknown = 1;
    for (let i = 0; i < 30_000; i++) deep = [deep];
    expect(journalBody(deep)).toEqual({ truncated: true });
  });
});
