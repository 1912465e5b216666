/** The package's public entries (package.json's "exports"), by their file's name in dist/esm/ and dist/cjs/, and their source. */
export const PACKAGE_ENTRIES: Readonly<Record<string, string>> = {
  index: "src/index.ts",
  mock: "src/mock/index.ts",
  msw: "src/mock/doors/msw.ts",
  playwright: "src/playwright/index.ts",
  "react-query": "src/react-query/index.ts",
  coverage: "src/mock/coverage/index.ts",
  "coverage-jest": "src/mock/coverage/jest.ts",
};
