// The contract against the API's published OpenAPI spec, restated in test/fixtures/published-spec.json
// (confident-ai/confident-docs, fern/openapi.yaml, at the commit the fixture names).
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/spec.js";
import published from "../fixtures/published-spec.json" with { type: "json" };

const contract = loadContract();

interface PublishedSchema {
  type?: string;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, PublishedSchema>;
  items?: PublishedSchema;
  $ref?: string;
}
const publishedSchemas = published.schemas as Record<string, PublishedSchema>;

interface Field {
  /** e.g. "data.apiKeys[].name" */
  path: string;
  required: boolean;
  nullable: boolean;
}

/** Every property of a published schema, depth first, with whether it is required and nullable. */
function publishedFields(schema: PublishedSchema, prefix = ""): Field[] {
  const resolved = schema.$ref ? (publishedSchemas[schema.$ref] ?? {}) : schema;
  if (resolved.items) return publishedFields(resolved.items, `${prefix}[]`);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const target = property.$ref ? (publishedSchemas[property.$ref] ?? {}) : property;
    return [{ path, required: resolved.required?.includes(name) ?? false, nullable: target.nullable === true }, ...publishedFields(property, path)];
  });
}

interface OurSchema {
  type?: string | string[];
  required?: string[];
  properties?: Record<string, unknown>;
  items?: unknown;
}

/** Our schema's view of a field: required in its parent, and whether null is allowed. */
function ourField(pointer: string, path: string): { required: boolean; nullable: boolean } | undefined {
  let schema = contract.resolve(contract.resolve({ $ref: `#${pointer}` }, pointer).value, "").value as OurSchema;
  let required = false;
  for (const part of path.split(".")) {
    const [name = "", ...arrays] = part.split("[]");
    if (!schema.properties?.[name]) return undefined;
    required = schema.required?.includes(name) ?? false;
    schema = contract.resolve(schema.properties[name], "").value as OurSchema;
    for (let i = 0; i < arrays.length; i++) schema = contract.resolve(schema.items, "").value as OurSchema;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return { required, nullable: types.includes("null") };
}

/**
 * Fields the published spec leaves optional that this contract requires, each with its reason.
 * Nothing else may be stricter.
 */
const STRICTER_WITH_REASON: Record<string, string> = {
  "createOrganizationApiKey data.apiKey": "the official SDK requires data.apiKey (ApiKeyHttpResponse), and the operation exists to return it",
  "getOrganizationApiKey data.apiKey": "the official SDK requires data.apiKey (ApiKeyHttpResponse)",
  "updateOrganizationApiKey data.apiKey": "the official SDK requires data.apiKey (ApiKeyHttpResponse)",
};

/** Bounds our path parameters add to the published ones, and why (each stated in the contract too). */
const PARAMETER_BOUNDS_WITH_REASON: Record<string, { bound: Record<string, unknown>; reason: string }> = {
  apiKeyId: { bound: { maximum: 9007199254740991 }, reason: "2^53 - 1, the largest integer a JSON number keeps exactly in JavaScript: a larger id names no key" },
};

describe(`the published spec (${published.source.repository} ${published.source.path} @ ${published.source.commit.slice(0, 7)})`, () => {
  it("has the same five operations, with the same operationIds, methods and paths", () => {
    const ours = contract.operations.map((o) => `${o.operationId} ${o.method.toUpperCase()} ${o.path}`).sort();
    expect(ours).toEqual(published.operations.map((o) => `${o.operationId} ${o.method} ${o.path}`).sort());
  });

  it("has the same tag and summaries", () => {
    for (const op of published.operations) {
      const item = contract.document.paths[op.path]?.[op.method.toLowerCase()] as { tags?: string[]; summary?: string };
      expect({ id: op.operationId, tags: item.tags, summary: item.summary }).toEqual({ id: op.operationId, tags: [op.tag], summary: op.summary });
    }
  });

  for (const op of published.operations) {
    describe(op.operationId, () => {
      it("accepts the official response example", () => {
        expect(contract.validateResponse(op.operationId, 200, op.responseExample)).toEqual([]);
      });

      if (op.requestExample) {
        it("accepts the official request example", () => {
          const item = contract.document.paths[op.path]?.[op.method.toLowerCase()] as { requestBody: unknown };
          const body = contract.resolve(item.requestBody, "").value as { content: { "application/json": { schema: { $ref: string } } } };
          const name = body.content["application/json"].schema.$ref.split("/").pop() ?? "";
          expect(contract.validateSchema(name, op.requestExample)).toEqual([]);
        });
      }

      it("takes the same path parameters, with the same types, and only the bounds stated with a reason", () => {
        const ours = contract.document.paths[op.path]?.["parameters"] as { $ref: string }[] | undefined;
        const resolved = (ours ?? []).map((p) => contract.resolve(p, "").value as { name: string; schema: Record<string, unknown> });
        const published = op.pathParameters as Record<string, Record<string, unknown>>;
        expect(Object.fromEntries(resolved.map((p) => [p.name, p.schema]))).toEqual(Object.fromEntries(Object.entries(published).map(([name, schema]) => [name, { ...schema, ...PARAMETER_BOUNDS_WITH_REASON[name]?.bound }])));
      });

      const schema = publishedSchemas[op.responseSchema] ?? {};
      const pointer = contract.operation(op.operationId).responses.find((r) => r.status === "200")?.schemaPointer ?? "";
      for (const field of publishedFields(schema)) {
        if (!field.required) {
          const reason = STRICTER_WITH_REASON[`${op.operationId} ${field.path}`];
          it(`leaves ${field.path} optional, as published${reason ? ` (or requires it because ${reason})` : ""}`, () => {
            const ours = ourField(pointer, field.path);
            expect(ours, `${field.path} is missing from our schema`).toBeDefined();
            expect(ours?.required).toBe(reason !== undefined);
          });
        }
        if (field.nullable) {
          it(`lets ${field.path} be null, as published`, () => {
            expect(ourField(pointer, field.path)?.nullable).toBe(true);
          });
        }
      }
    });
  }

  it("has the published request schemas' required fields, and no other required field", () => {
    for (const [published_, ours] of [["CreateApiKey", "CreateApiKeyRequest"], ["UpdateApiKey", "UpdateApiKeyRequest"]] as const) {
      const theirs = publishedSchemas[published_];
      const mine = contract.document.components?.["schemas"]?.[ours] as OurSchema;
      expect(mine.required, ours).toEqual(theirs?.required);
      expect(Object.keys(mine.properties ?? {}), ours).toEqual(Object.keys(theirs?.properties ?? {}));
    }
  });
});
