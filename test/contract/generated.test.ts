// generated/ holds only what scripts/generate.ts writes; the drift check must catch any difference.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStale, generateAll } from "../../scripts/generate.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("generated files", () => {
  let files: Map<string, string>;
  let dir = "";

  beforeAll(async () => {
    files = await generateAll();
    dir = await mkdtemp(join(tmpdir(), "confident-generated-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function copyWith(edit: (path: string, content: string) => string): Promise<void> {
    for (const [path, content] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), edit(path, content));
    }
  }

  it("are exactly what the contract generates now", async () => {
    expect(await findStale(files)).toEqual([]);
  });

  it("a line added by hand to schema.d.ts is caught", async () => {
    await copyWith((path, content) => (path === "generated/schema.d.ts" ? `${content}export type Extra = string;\n` : content));
    expect(await findStale(files, dir)).toEqual(["generated/schema.d.ts"]);
  });

  it("a hand edit to the bundled contract is caught", async () => {
    await copyWith((path, content) => (path === "generated/openapi.json" ? content.replace('"version": "', '"version": "9') : content));
    expect(await findStale(files, dir)).toEqual(["generated/openapi.json"]);
  });

  it("the bundle is the hand-written contract: every schema and example by its file name", () => {
    const spec = JSON.parse(files.get("generated/openapi.json") ?? "{}") as { components: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.components["schemas"] ?? {}).sort()).toEqual([
      "ApiKey",
      "ApiKeyListResponse",
      "ApiKeyResponse",
      "ApiKeyRevokedResponse",
      "CreateApiKeyRequest",
      "ErrorResponse",
      "NewApiKey",
      "NewApiKeyResponse",
      "UpdateApiKeyRequest",
    ]);
  });
});

describe("versions", () => {
  it("the package's version is the contract's info.version: they move together", async () => {
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
    const spec = JSON.parse(await readFile(join(root, "generated", "openapi.json"), "utf8")) as { info: { version: string } };
    expect(spec.info.version).toBe(pkg.version);
  });
});
