import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { FULL_KEY_PATTERN } from "../../src/contract/secrets.js";
import { loadContract, loadDocument } from "../../src/contract/spec.js";

const contract = loadContract();

const redactedKey = {
  id: 12,
  valid: true,
  value: "***************a1b2c3",
  created_at: "2024-12-04T23:00:00.000Z",
  name: "CI/CD key",
  lastUsed: "2024-12-05T10:15:00.000Z",
};
const newKey = { ...redactedKey, value: "confident_org_a3f1c9e2b7d84f06a1c2e3d4f5a6b7c8", lastUsed: null };
const FULL_SECRET = "confident_org_a3f1c9e2b7d84f06a1c2e3d4f5a6b7c8";

describe("the bundled contract", () => {
  it("is accepted by a second, independent validator (@readme/openapi-parser)", async () => {
    const result = await validate(loadDocument());
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("is OpenAPI 3.1.0 with the US server first, then the EU server, then the local mock", () => {
    const doc = loadDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers?.map((s) => s.url)).toEqual(["https://api.confident-ai.com", "https://eu.api.confident-ai.com", "http://127.0.0.1:4010"]);
  });

  it("describes exactly the five operations, named by verb", () => {
    expect(contract.operations.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`).sort()).toEqual([
      "DELETE /v1/organization/api-keys/{apiKeyId} deleteOrganizationApiKey",
      "GET /v1/organization/api-keys listOrganizationApiKeys",
      "GET /v1/organization/api-keys/{apiKeyId} getOrganizationApiKey",
      "POST /v1/organization/api-keys createOrganizationApiKey",
      "PUT /v1/organization/api-keys/{apiKeyId} updateOrganizationApiKey",
    ]);
  });

  it("secures every operation with the CONFIDENT_API_KEY header", () => {
    const doc = loadDocument() as unknown as {
      security: Record<string, string[]>[];
      components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
    };
    const [requirement] = doc.security;
    const schemeName = Object.keys(requirement ?? {})[0] ?? "";
    expect(doc.components.securitySchemes[schemeName]).toMatchObject({ type: "apiKey", in: "header", name: "CONFIDENT_API_KEY" });
  });
});

describe("every operation's error responses", () => {
  for (const op of contract.operations) {
    const statuses = op.responses.map((r) => r.status);
    it(`${op.operationId} documents 401, 403, 429, 500 and 503`, () => {
      expect(statuses).toEqual(expect.arrayContaining(["401", "403", "429", "500", "503"]));
    });
    if (op.hasRequestBody || op.path.includes("{")) {
      it(`${op.operationId} documents 400, since it takes a body or a path parameter`, () => {
        expect(statuses).toContain("400");
      });
    }
    if (op.path.includes("{apiKeyId}")) {
      it(`${op.operationId} documents 404 for an unknown id`, () => {
        expect(statuses).toContain("404");
      });
    }
    it(`${op.operationId} answers 429 with a Retry-After header`, () => {
      expect(op.responses.find((r) => r.status === "429")?.requiredHeaders).toContain("retry-after");
    });
    it(`${op.operationId} answers every error in the ErrorResponse envelope`, () => {
      for (const response of op.responses.filter((r) => Number(r.status) >= 400)) {
        expect(response.schemaPointer, response.status).toBe(`/components/responses/${responseName(response.status)}/content/application~1json/schema`);
        expect(contract.validateResponse(op.operationId, Number(response.status), { success: false, error: "x" }, { "Retry-After": "1" })).toEqual([]);
      }
    });
  }
});

function responseName(status: string): string {
  const names: Record<string, string> = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "NotFound",
    "429": "TooManyRequests",
    "500": "InternalServerError",
    "503": "ServiceUnavailable",
  };
  return names[status] ?? status;
}

describe("named examples", () => {
  for (const op of contract.operations) {
    for (const response of op.responses) {
      it(`${op.operationId} ${response.status} has at least one named example`, () => {
        expect(Object.keys(response.examples).length).toBeGreaterThan(0);
      });
      for (const [name, value] of Object.entries(response.examples)) {
        it(`${op.operationId} ${response.status} example "${name}" is valid against its schema`, () => {
          const headers = { "retry-after": "30" };
          expect(contract.validateResponse(op.operationId, Number(response.status), value, headers)).toEqual([]);
        });
      }
    }
  }
});

describe("the schemas are tight where the API is, and open where it promises new fields", () => {
  const list = (key: unknown) => ({ success: true, data: { apiKeys: [key] } });
  const one = (key: unknown) => ({ success: true, data: { apiKey: key } });

  it("accepts the documented redacted key and the documented new key", () => {
    expect(contract.validateSchema("ApiKey", redactedKey)).toEqual([]);
    expect(contract.validateSchema("NewApiKey", newKey)).toEqual([]);
  });

  it("list never returns an unredacted key", () => {
    expect(contract.validateResponse("listOrganizationApiKeys", 200, list({ ...redactedKey, value: FULL_SECRET }))).toEqual([
      { kind: "redaction", path: "/data/apiKeys/0/value", message: expect.stringContaining("must be redacted") },
    ]);
  });

  it("the redaction rule and NewApiKey.value's pattern describe the same full value", () => {
    const schema = loadDocument().components?.["schemas"]?.["NewApiKey"] as { properties: { value: { pattern: string } } };
    expect(`^${FULL_KEY_PATTERN.source}$`).toBe(schema.properties.value.pattern);
  });

  it("get and update never return an unredacted key", () => {
    for (const op of ["getOrganizationApiKey", "updateOrganizationApiKey"]) {
      expect(contract.validateResponse(op, 200, one({ ...redactedKey, value: FULL_SECRET }))).toEqual([
        { kind: "redaction", path: "/data/apiKey/value", message: expect.stringContaining("must be redacted") },
      ]);
    }
  });

  it("a redacted value has exactly 15 asterisks and 6 characters", () => {
    for (const value of ["**************a1b2c3", "****************a1b2c3", "***************a1b2c", "***************a1b2c3d", "a1b2c3"]) {
      expect(contract.validateSchema("ApiKey", { ...redactedKey, value }), value).not.toEqual([]);
    }
  });

  it("create never returns a redacted value", () => {
    expect(contract.validateResponse("createOrganizationApiKey", 200, one({ ...newKey, value: "***************a1b2c3" }))).toEqual([
      { kind: "redaction", path: "/data/apiKey/value", message: expect.stringContaining("full secret") },
    ]);
  });

  it("create returns a key that was never used", () => {
    expect(contract.validateSchema("NewApiKey", { ...newKey, lastUsed: "2024-12-05T10:15:00.000Z" })).not.toEqual([]);
  });

  it("rejects a string id", () => {
    expect(contract.validateSchema("ApiKey", { ...redactedKey, id: "12" })).toEqual([{ kind: "schema", path: "/id", message: "must be integer" }]);
  });

  it("rejects a lastUsed that is neither a date-time nor null", () => {
    for (const lastUsed of ["yesterday", 1733393700000, "", false]) {
      expect(contract.validateSchema("ApiKey", { ...redactedKey, lastUsed }), String(lastUsed)).not.toEqual([]);
    }
    expect(contract.validateSchema("ApiKey", { ...redactedKey, lastUsed: null })).toEqual([]);
  });

  it("rejects a key without id, valid, value or created_at: the fields the published spec requires", () => {
    for (const field of ["id", "valid", "value", "created_at"]) {
      const partial: Record<string, unknown> = { ...redactedKey };
      delete partial[field];
      expect(contract.validateSchema("ApiKey", partial)).toEqual([
        { kind: "schema", path: "", message: `is missing the required property "${field}"` },
      ]);
    }
  });

  it("accepts a key whose name or lastUsed is null or absent, as the published spec allows", () => {
    for (const schema of ["ApiKey", "NewApiKey"]) {
      const key = schema === "ApiKey" ? redactedKey : newKey;
      for (const field of ["name", "lastUsed"]) {
        const partial: Record<string, unknown> = { ...key };
        delete partial[field];
        expect(contract.validateSchema(schema, partial), `${schema} without ${field}`).toEqual([]);
        expect(contract.validateSchema(schema, { ...key, [field]: null }), `${schema} with ${field} null`).toEqual([]);
      }
    }
  });

  it("rejects an error answer with success: true or no error", () => {
    expect(contract.validateSchema("ErrorResponse", { success: true, error: "Invalid API key" })).toEqual([
      { kind: "schema", path: "/success", message: "must be false" },
    ]);
    expect(contract.validateSchema("ErrorResponse", { success: false })).not.toEqual([]);
    expect(contract.validateSchema("ErrorResponse", { success: false, error: 5 })).not.toEqual([]);
  });

  it("rejects a success answer with success: false", () => {
    expect(contract.validateResponse("deleteOrganizationApiKey", 200, { success: false, data: { id: 12, deleted: true } })).toEqual([
      { kind: "schema", path: "/success", message: "must be true" },
    ]);
  });

  it("flags a full key value under any field name in a list, get or update answer", () => {
    expect(contract.validateResponse("getOrganizationApiKey", 200, one({ ...redactedKey, secret: FULL_SECRET }))).toEqual([
      { kind: "redaction", path: "/data/apiKey/secret", message: expect.stringContaining("carries a full key value") },
    ]);
    expect(contract.validateResponse("updateOrganizationApiKey", 200, { ...one(redactedKey), debug: { raw: `key=${FULL_SECRET}` } })).toEqual([
      { kind: "redaction", path: "/debug/raw", message: expect.stringContaining("carries a full key value") },
    ]);
    expect(contract.validateResponse("listOrganizationApiKeys", 200, { success: true, data: { apiKeys: [redactedKey], tokens: [FULL_SECRET] } })).toEqual([
      { kind: "redaction", path: "/data/tokens/0", message: expect.stringContaining("carries a full key value") },
    ]);
    expect(contract.validateResponse("deleteOrganizationApiKey", 200, { success: true, data: { id: 12, deleted: true, value: FULL_SECRET } })).toEqual([
      { kind: "redaction", path: "/data/value", message: expect.stringContaining("carries a full key value") },
    ]);
  });

  it("lets create, and create only, carry the full value", () => {
    expect(contract.operations.filter((o) => o.revealsSecret).map((o) => o.operationId)).toEqual(["createOrganizationApiKey"]);
    expect(contract.validateResponse("createOrganizationApiKey", 200, one(newKey))).toEqual([]);
  });

  it("rejects an undocumented status", () => {
    expect(contract.validateResponse("listOrganizationApiKeys", 404, { success: false, error: "x" })[0]?.path).toBe("status");
  });
});

describe("request bodies", () => {
  it("create requires a string name, and sets no length or pattern the API does not state", () => {
    for (const name of ["CI/CD key", "", "   ", "x".repeat(1000)]) {
      expect(contract.validateSchema("CreateApiKeyRequest", { name }), JSON.stringify(name).slice(0, 20)).toEqual([]);
    }
    for (const body of [{}, { name: 5 }, { name: null }]) {
      expect(contract.validateSchema("CreateApiKeyRequest", body), JSON.stringify(body).slice(0, 40)).not.toEqual([]);
    }
  });

  it("update requires a boolean valid", () => {
    expect(contract.validateSchema("UpdateApiKeyRequest", { valid: false })).toEqual([]);
    for (const body of [{}, { valid: "false" }, { valid: 0 }, { valid: null }]) {
      expect(contract.validateSchema("UpdateApiKeyRequest", body), JSON.stringify(body)).not.toEqual([]);
    }
  });

  it("both reject unknown properties", () => {
    expect(contract.validateSchema("CreateApiKeyRequest", { name: "x", valid: true })).toEqual([
      { kind: "unknown-property", path: "", message: 'has an unknown property "valid"' },
    ]);
    expect(contract.validateSchema("UpdateApiKeyRequest", { valid: true, name: "x" })).toEqual([
      { kind: "unknown-property", path: "", message: 'has an unknown property "name"' },
    ]);
  });
});
