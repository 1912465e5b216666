// Scenario coverage through every door: each answer the door gave is recorded once, with its
// status, its named example, and how it came about (the mock's own, Prefer, an override).
import { describe, expect, it } from "vitest";
import { memorySink } from "../../../src/mock/coverage/record.js";
import { useDoor } from "../../support/doors.js";
import { raw } from "../../support/helpers.js";

const sink = memorySink();
const door = useDoor({ coverage: sink });

describe("scenario coverage, through the door", () => {
  it("records each answer's operation, status, example and source, once", async () => {
    await raw("GET", "/v1/organization/api-keys", { door: door() });
    await raw("GET", "/v1/organization/api-keys", { door: door() });
    await raw("GET", "/v1/organization/api-keys/12", { door: door(), headers: { prefer: "code=404" } });
    await door().override("deleteOrganizationApiKey", { status: 503, body: { success: false, error: "Service unavailable" } });
    await raw("DELETE", "/v1/organization/api-keys/12", { door: door() });
    await door().resetOverrides();
    expect(sink.records()).toEqual([
      { operationId: "listOrganizationApiKeys", status: 200, example: "twoKeys", via: "answer" },
      { operationId: "getOrganizationApiKey", status: 404, example: "notFound", via: "prefer" },
      { operationId: "deleteOrganizationApiKey", status: 503, via: "override" },
    ]);
  });
});
