/**
 * A frontend team's test suite, as `npm run bench` measures what the mock costs it: 30 vitest
 * files, each the README's recipe plus five client calls at `PRODUCTION_BASE_URL` (list, get 12,
 * create, update 12, delete 12), in a consumer project with the packed package in it. Three
 * variants of the same 30 files, mocked by: this package's MSW `handlers`; `createMockFetch()`
 * (no MSW); and hand-written static MSW handlers, the floor.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const SUITE_FILES = 30;

export const SUITE_VARIANTS = {
  handwritten: "hand-written static MSW handlers",
  handlers: "this package's MSW handlers",
  mockFetch: "createMockFetch(), no MSW",
} as const;
export type SuiteVariant = keyof typeof SUITE_VARIANTS;

const KEY = "confident_org_FAKEKEYFORBENCH0000000000000000";

/** The five calls every file makes, and what each must answer. */
const CALLS = `
test("the five operations", async () => {
  expect((await api.GET("/v1/organization/api-keys")).response.status).toBe(200);
  expect((await api.GET("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } })).response.status).toBe(200);
  expect((await api.POST("/v1/organization/api-keys", { body: { name: "CI" } })).response.status).toBe(200);
  expect((await api.PUT("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } }, body: { valid: false } })).response.status).toBe(200);
  expect((await api.DELETE("/v1/organization/api-keys/{apiKeyId}", { params: { path: { apiKeyId: 12 } } })).response.status).toBe(200);
});
`;

const MSW_LIFECYCLE = `
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
`;

/** The success answers the hand-written handlers give, by operation: the contract's first example of each. */
export type SuccessBodies = Record<"list" | "get" | "create" | "update" | "delete", unknown>;

/** The hand-written handlers: static answers, the contract's own examples, nothing validated. */
const handwritten = (bodies: SuccessBodies): string => `
const base = \`\${PRODUCTION_BASE_URL}/v1/organization/api-keys\`;
const server = setupServer(
  http.get(base, () => HttpResponse.json(${JSON.stringify(bodies.list)})),
  http.post(base, () => HttpResponse.json(${JSON.stringify(bodies.create)})),
  http.get(\`\${base}/:apiKeyId\`, () => HttpResponse.json(${JSON.stringify(bodies.get)})),
  http.put(\`\${base}/:apiKeyId\`, () => HttpResponse.json(${JSON.stringify(bodies.update)})),
  http.delete(\`\${base}/:apiKeyId\`, () => HttpResponse.json(${JSON.stringify(bodies.delete)})),
);
`;

function testFile(variant: SuiteVariant, bodies: SuccessBodies): string {
  const vitest = `import { afterAll, afterEach, beforeAll, expect, test } from "vitest";\n`;
  const client = (extra: string) => `const api = createApiKeysClient({ apiKey: "${KEY}", baseUrl: PRODUCTION_BASE_URL${extra} });\n`;
  switch (variant) {
    case "handwritten":
      return `${vitest}import { http, HttpResponse } from "msw";\nimport { setupServer } from "msw/node";\nimport { createApiKeysClient, PRODUCTION_BASE_URL } from "confident-org-api-keys";\n${handwritten(bodies)}${MSW_LIFECYCLE}${client("")}${CALLS}`;
    case "handlers":
      return `${vitest}import { setupServer } from "msw/node";\nimport { createApiKeysClient, PRODUCTION_BASE_URL } from "confident-org-api-keys";\nimport { handlers } from "confident-org-api-keys/msw";\nconst server = setupServer(...handlers);\n${MSW_LIFECYCLE}${client("")}${CALLS}`;
    case "mockFetch":
      return `${vitest}import { createApiKeysClient, PRODUCTION_BASE_URL } from "confident-org-api-keys";\nimport { createMockFetch } from "confident-org-api-keys/mock";\n${client(", fetch: createMockFetch()")}${CALLS}`;
  }
}

/** Writes the three variants' files into `dir` (a consumer project): `<variant>/<n>.test.ts`. */
export async function writeFrontendSuite(dir: string, bodies: SuccessBodies): Promise<void> {
  for (const variant of Object.keys(SUITE_VARIANTS) as SuiteVariant[]) {
    await mkdir(join(dir, variant), { recursive: true });
    for (let n = 1; n <= SUITE_FILES; n++) await writeFile(join(dir, variant, `${n}.test.ts`), testFile(variant, bodies));
  }
}

/** `vitest run <variant>` in the consumer project, with the CPU time of its whole process tree (the shell's `times`). */
export function suiteCommand(variant: SuiteVariant): [string, string[]] {
  return ["/bin/sh", ["-c", `node node_modules/vitest/vitest.mjs run ${variant} >/dev/null 2>&1; status=$?; times; exit $status`]];
}

/** The CPU seconds (user + sys) of the children, from the second line of `times`: "0m1.234s 0m0.567s". */
export function childCpuSeconds(timesOutput: string): number {
  const line = timesOutput.trim().split("\n")[1] ?? "";
  const match = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(line.trim());
  if (!match) throw new Error(`could not read the shell's times: ${JSON.stringify(timesOutput)}`);
  const [, um, us, sm, ss] = match.map(Number) as [number, number, number, number, number];
  return um * 60 + us + sm * 60 + ss;
}
