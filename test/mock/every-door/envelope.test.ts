// What the mock promises around Prism, through every door: the API's error envelope for every
// mistake, field names in 400s, 404/405 for what the contract lacks, limits, CORS and steering.
import { describe, expect, it } from "vitest";
import { loadContract } from "../../../src/contract/spec.js";
import { doorName, openDoor, useDoor } from "../../support/doors.js";
import { FAKE_KEY, raw as rawRequest } from "../../support/helpers.js";

const contract = loadContract();
const door = useDoor();
const LIST = "/v1/organization/api-keys";
const ONE = "/v1/organization/api-keys/12";
const JSON_HEADERS = { "content-type": "application/json" };

/** A request through this run's door. */
const raw = (method: string, path: string, init: Parameters<typeof rawRequest>[2] = {}) => rawRequest(method, path, { door: door(), ...init });

function expectEnvelope(answer: { json: unknown; headers: Headers }, pattern: RegExp): void {
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.json).toEqual({ success: false, error: expect.stringMatching(pattern) });
}

describe("authentication", () => {
  it("answers 401 in the envelope when the CONFIDENT_API_KEY header is missing, on every operation", async () => {
    for (const op of contract.operations) {
      const answer = await raw(op.method.toUpperCase(), op.path.replace("{apiKeyId}", "12"), {
        key: null,
        headers: JSON_HEADERS,
        ...(op.hasRequestBody ? { body: op.method === "post" ? '{"name":"x"}' : '{"valid":true}' } : {}),
      });
      expect(answer.status, op.operationId).toBe(401);
      expectEnvelope(answer, /Missing API key.*CONFIDENT_API_KEY/);
    }
  });

  it("answers 401 when the key header is empty", async () => {
    const answer = await raw("GET", LIST, { key: "" });
    expect(answer.status).toBe(401);
    expectEnvelope(answer, /CONFIDENT_API_KEY header is empty/);
  });

  it("accepts the header in any letter case, as HTTP headers are", async () => {
    const answer = await raw("GET", LIST, { key: null, headers: { confident_api_key: FAKE_KEY } });
    expect(answer.status).toBe(200);
  });

  it("checks the key before the body: a missing key with a bad body is 401", async () => {
    const answer = await raw("POST", LIST, { key: null, headers: JSON_HEADERS, body: '{"name":5}' });
    expect(answer.status).toBe(401);
  });
});

describe("bad requests name the offending field", () => {
  const cases: [string, string, string, string | undefined, RegExp][] = [
    ["a string apiKeyId", "GET", "/v1/organization/api-keys/abc", undefined, /apiKeyId must be integer/],
    ["a fractional apiKeyId", "GET", "/v1/organization/api-keys/1.5", undefined, /apiKeyId must be integer/],
    ["a name of the wrong type", "POST", LIST, '{"name":5}', /name must be string/],
    ["a null name", "POST", LIST, '{"name":null}', /name must be string/],
    ["a missing name", "POST", LIST, "{}", /required property 'name'/],
    ["an unknown property", "POST", LIST, '{"name":"x","admin":true}', /additional properties; found 'admin'/],
    ["a string valid", "PUT", ONE, '{"valid":"false"}', /valid must be boolean/],
    ["a missing valid", "PUT", ONE, "{}", /required property 'valid'/],
    ["a body that is not an object", "PUT", ONE, "[true]", /body must be object/],
  ];
  for (const [what, method, path, body, message] of cases) {
    it(`${method} with ${what} is 400 and says so`, async () => {
      const answer = await raw(method, path, { headers: JSON_HEADERS, ...(body !== undefined ? { body } : {}) });
      expect(answer.status).toBe(400);
      expectEnvelope(answer, message);
    });
  }

  it("an apiKeyId that is not valid percent-encoding is 400, not a server error", async () => {
    const answer = await raw("GET", "/v1/organization/api-keys/%ff");
    expect(answer.status).toBe(400);
    expectEnvelope(answer, /apiKeyId is not valid percent-encoding/);
  });

  it("a missing body is 400", async () => {
    const answer = await raw("POST", LIST, { headers: JSON_HEADERS });
    expect(answer.status).toBe(400);
    expectEnvelope(answer, /body/i);
  });

  it("malformed JSON is 400 with the parser's message", async () => {
    const answer = await raw("POST", LIST, { headers: JSON_HEADERS, body: '{"name": "x"' });
    expect(answer.status).toBe(400);
    expectEnvelope(answer, /^Malformed JSON in request body: /);
  });

  it("a body that is not JSON is 400 and names the expected Content-Type", async () => {
    const answer = await raw("POST", LIST, { headers: { "content-type": "text/plain" }, body: "name=x" });
    expect(answer.status).toBe(400);
    expectEnvelope(answer, /Content-Type must be application\/json, got "text\/plain"/);
  });

  it("invalid UTF-8 is 400", async () => {
    const answer = await raw("POST", LIST, { headers: JSON_HEADERS, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(answer.status).toBe(400);
    expectEnvelope(answer, /not valid UTF-8/);
  });

  it("a body above the documented limit is refused in the envelope", async () => {
    const answer = await raw("POST", LIST, { headers: JSON_HEADERS, body: JSON.stringify({ name: "x".repeat(70_000) }) });
    expect(answer.status).toBe(400);
    expectEnvelope(answer, /too large: the limit is 65536 bytes/);
  });
});

describe("what the contract does not describe", () => {
  it("an unknown route is 404 in the envelope, naming the routes that exist", async () => {
    for (const path of ["/", "/v1/organization/api-key", "/v1/organization/api-keys/12/extra", "/v2/organization/api-keys"]) {
      const answer = await raw("GET", path);
      expect(answer.status, path).toBe(404);
      expectEnvelope(answer, /^No route for GET .*\/v1\/organization\/api-keys and \/v1\/organization\/api-keys\/\{apiKeyId\}$/);
    }
  });

  it("a doubled slash is not read as a host: the 404 names the path as sent", async () => {
    const answer = await raw("GET", "//v1/organization/api-keys");
    expect(answer.status).toBe(404);
    expectEnvelope(answer, /^No route for GET \/\/v1\/organization\/api-keys:/);
  });

  it("a wrong method is 405 with an Allow header", async () => {
    const collection = await raw("PATCH", LIST);
    expect(collection.status).toBe(405);
    expect(collection.headers.get("allow")).toBe("GET, POST");
    expectEnvelope(collection, /Method PATCH is not allowed .*use GET, POST/);
    const item = await raw("POST", ONE, { headers: JSON_HEADERS, body: "{}" });
    expect(item.status).toBe(405);
    expect(item.headers.get("allow")).toBe("GET, PUT, DELETE");
  });

  it("ignores a body sent to an operation that takes none, whatever its Content-Type", async () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) {
      const answer = await raw("DELETE", ONE, { headers: { "content-type": type, prefer: "dynamic=true" }, body: '{"valid":true}' });
      expect(answer.status, type).toBe(200);
    }
  });

  it("ignores Accept and answers JSON, never problem+json", async () => {
    const answer = await raw("GET", LIST, { headers: { accept: "application/xml" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("steering with Prefer", () => {
  it("ignores a status the operation does not document, says so, and answers normally", async () => {
    const answer = await raw("GET", LIST, { headers: { prefer: "code=404" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-mock-warning")).toMatch(/Ignored Prefer: code=404 \(listOrganizationApiKeys documents 200, 401, 403, 429, 500, 503\)/);
  });

  it("ignores an unknown example name and lists the known ones", async () => {
    const answer = await raw("GET", LIST, { headers: { prefer: "example=nope" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-mock-warning")).toMatch(/example=nope .*twoKeys \(200\), noKeys \(200\)/);
  });

  it("an example name selects its own status", async () => {
    const answer = await raw("GET", ONE, { headers: { prefer: "example=notFound" } });
    expect(answer.status).toBe(404);
  });

  it("429 carries Retry-After", async () => {
    const answer = await raw("DELETE", ONE, { headers: { prefer: "code=429" } });
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
  });
});

describe("CORS", () => {
  const origin = "http://localhost:5173";

  it("answers a preflight for every operation with the key header allowed", async () => {
    for (const op of contract.operations) {
      const response = await door().fetch(`${door().baseUrl}${op.path.replace("{apiKeyId}", "12")}`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": op.method.toUpperCase(),
          "access-control-request-headers": "confident_api_key,content-type,prefer",
        },
      });
      expect(response.status, op.operationId).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-methods")).toContain(op.method.toUpperCase());
      expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("confident_api_key");
    }
  });

  it("lets the browser read answers and their Retry-After", async () => {
    const answer = await raw("GET", LIST, { headers: { origin, prefer: "code=429" } });
    expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
    expect(answer.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });
});

describe("--seed", () => {
  async function firstAnswers(seed: string): Promise<string[]> {
    const seeded = await openDoor(doorName(), { dynamic: true, seed });
    try {
      const out: string[] = [];
      for (const path of [LIST, ONE]) out.push((await rawRequest("GET", path, { door: seeded })).text);
      return out;
    } finally {
      await seeded.close();
    }
  }

  it("gives the same generated answers across restarts, and other answers for another seed", async () => {
    const first = await firstAnswers("frontend-42");
    const again = await firstAnswers("frontend-42");
    const other = await firstAnswers("frontend-43");
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(contract.validateResponse("listOrganizationApiKeys", 200, JSON.parse(first[0] ?? ""))).toEqual([]);
  });
});
