// `npm start`: builds dist/ first when it is missing or older than the sources, so that
// `npm ci && npm start` works from a fresh clone without a `prepare` script (which would travel in
// the published package.json and warn on every install), then runs the mock's bundle in this
// process: no second Node start.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import module from "node:module";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const built = join(root, "dist", "bundle", "mock.js");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = ["src", "generated", "openapi", "scripts"].map((dir) => join(root, dir)).filter(existsSync);
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.error("dist/ is missing or older than the sources: npm run build");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
}

module.enableCompileCache?.();
await import("../dist/bundle/mock.js");
