/**
 * Sets the contract's `info.version` (openapi/openapi.yaml) to the package's version, so that the
 * two move together. `npm run version-packages` runs it after `changeset version`, then regenerates.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
const file = join(root, "openapi", "openapi.yaml");
const yaml = await readFile(file, "utf8");
const updated = yaml.replace(/^(info:\n(?: {2}.*\n)*? {2}version: ).*$/m, `$1${version}`);
if (updated === yaml && !yaml.includes(`  version: ${version}\n`)) throw new Error("openapi/openapi.yaml: no info.version line found");
await writeFile(file, updated);
console.log(`openapi/openapi.yaml info.version: ${version}`);
