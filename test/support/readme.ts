// The README's code, as tests take it: the fenced blocks of one section.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The ```ts (or ```tsx, ```sh) blocks of one README section (## heading), in order. */
export async function readmeBlocks(heading: string, language = "ts"): Promise<string[]> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`The README has no section "## ${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  return [...readme.slice(start, end < 0 ? undefined : end).matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");
}

/** The block of a README section whose first line names its file, e.g. `// .storybook/preview.ts`. */
export async function readmeFile(heading: string, path: string, language = "ts"): Promise<string> {
  const block = (await readmeBlocks(heading, language)).find((b) => b.startsWith(`// ${path}\n`));
  if (block === undefined) throw new Error(`The README's section "## ${heading}" has no block for ${path}`);
  return block;
}
