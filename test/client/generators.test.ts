// The bundled contract with the client generators teams already use: @hey-api/openapi-ts and
// orval generate a client from generated/openapi.json, and a small call of each type-checks,
// strict: list, create, then read data.apiKey.value. Both need Node 22.18 or later, so they run
// on a Node 22 binary from the npm registry; this file runs in `npm run test:matrix` (CI).
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeBinary } from "../../scripts/lib/node-binary.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(root, ".scratch", "generators");
const contract = join(root, "generated", "openapi.json");
const bin = (path: string): string => join(root, "node_modules", path);

let node = "";
beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  node = (await nodeBinary("22")).path;
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Type-checks one file of `dir` as a bundler-based app would, strict; "" when clean. */
async function typecheck(file: string, source: string): Promise<string> {
  await writeFile(join(dir, file), source);
  const compilerOptions = { noEmit: true, strict: true, noUncheckedIndexedAccess: true, module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom", "dom.iterable"], types: [], skipLibCheck: true };
  const project = join(dir, `tsconfig.${file}.json`);
  await writeFile(project, JSON.stringify({ compilerOptions, files: [file] }));
  return run(process.execPath, [bin("typescript/bin/tsc"), "-p", project], { cwd: dir }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );
}

const HEY = `
import { createOrganizationApiKey, listOrganizationApiKeys } from "./hey/sdk.gen";
import type { ApiKey } from "./hey/types.gen";

const headers = { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORTESTSONLY000000000000000" };
const list = await listOrganizationApiKeys({ headers });
const keys: ApiKey[] = list.data?.data.apiKeys ?? [];
const created = await createOrganizationApiKey({ headers, body: { name: "CI/CD key" } });
const value: string | undefined = created.data?.data.apiKey.value;
export { keys, value };
`;

const ORVAL = `
import { createOrganizationApiKey, listOrganizationApiKeys, type ApiKey } from "./orval/api";

const init = { headers: { CONFIDENT_API_KEY: "confident_org_FAKEKEYFORTESTSONLY000000000000000" } };
const list = await listOrganizationApiKeys(init);
const keys: ApiKey[] = list.status === 200 ? (list.data.data.apiKeys ?? []) : [];
const created = await createOrganizationApiKey({ name: "CI/CD key" }, init);
const value: string | undefined = created.status === 200 ? created.data.data.apiKey.value : undefined;
export { keys, value };
`;

/** Each generator: how to run it, a small call of its client, and that call with a wrong body. */
const GENERATORS: { name: string; file: string; generate: () => string[]; call: string; wrongBody: [string, string] }[] = [
  {
    name: "@hey-api/openapi-ts",
    file: "hey",
    generate: () => [bin("@hey-api/openapi-ts/bin/run.js"), "-i", contract, "-o", join(dir, "hey")],
    call: HEY,
    wrongBody: ['body: { name: "CI/CD key" }', "body: { name: 5 }"],
  },
  {
    name: "orval (fetch client)",
    file: "orval",
    generate: () => [bin("orval/dist/bin/orval.mjs"), "--input", contract, "--output", join(dir, "orval", "api.ts"), "--client", "fetch"],
    call: ORVAL,
    wrongBody: ['createOrganizationApiKey({ name: "CI/CD key" }', "createOrganizationApiKey({ name: 5 }"],
  },
];

for (const generator of GENERATORS) {
  describe(generator.name, () => {
    beforeAll(async () => {
      await run(node, generator.generate(), { cwd: dir });
    }, 120_000);

    it("generates a client whose list, create and data.apiKey.value type-check", async () => {
      expect(await typecheck(`${generator.file}.ts`, generator.call)).toBe("");
    }, 60_000);

    it("generates types that catch a wrong body (the check can fail)", async () => {
      expect(await typecheck(`${generator.file}-wrong.ts`, generator.call.replace(...generator.wrongBody))).toMatch(/TS2322/);
    }, 60_000);
  });
}
