/**
 * `npm run docs`: writes generated/docs/index.html, the API reference built by Redocly from the
 * bundled contract, with Redoc's scripts and the contract inlined: one self-contained file that
 * works offline, loads nothing from a CDN, and sends no telemetry.
 * `npm run docs -- --serve [--port 4011]` also serves it on 127.0.0.1.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { redocly } from "./lib/redocly.js";

const root = fileURLToPath(new URL("..", import.meta.url));
export const DOCS_PATH = join(root, "generated", "docs", "index.html");
const REDOCLY_LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#555">Redocly</text></svg>')}`;

/** Every URL the page would load from elsewhere: scripts, styles, fonts, images, frames. */
export function externalLoads(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(https?:)?\/\/[^"'\s>]+/gi)) found.add(match[0]);
  for (const match of html.matchAll(/@import\s+(?:url\()?["']?(?:https?:)?\/\/[^"')\s]+/gi)) found.add(match[0]);
  return [...found];
}

export async function buildDocs(out: string = DOCS_PATH): Promise<string> {
  await mkdir(dirname(out), { recursive: true });
  await redocly([
    "build-docs",
    "generated/openapi.json",
    "--inlineBundle",
    "--output",
    out,
    "--title",
    "Confident AI organization API keys",
    "--templateOptions.metaDescription",
    "Reference of the Confident AI organization API key endpoints",
    "--openapi.disableGoogleFont",
    "true",
    "--openapi.hideDownloadButtons",
    "false",
  ]);
  // Redoc's sidebar badge loads its logo from Redocly's CDN; the page must load nothing from
  // elsewhere, so the logo is inlined as a small SVG of the same words.
  const html = (await readFile(out, "utf8")).replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, REDOCLY_LOGO);
  await writeFile(out, html);
  const external = externalLoads(html);
  if (external.length) throw new Error(`${out} would load from elsewhere: ${external.join(", ")}`);
  return out;
}

/**
 * Serves the built page on 127.0.0.1. The page routes in the browser (e.g. /organization-api-keys),
 * so every GET path answers the same page, as static hosts do for single-page apps.
 */
export async function serveDocs(port: number, file: string = DOCS_PATH): Promise<{ url: string; server: Server }> {
  const html = await readFile(file);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed");
    } else if ((req.url ?? "/").startsWith("/favicon")) {
      res.writeHead(204).end();
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": html.length }).end(html);
    }
  });
  await new Promise<void>((resolveListen) => server.listen(port, "127.0.0.1", resolveListen));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { serve: { type: "boolean" }, port: { type: "string", default: "4011" } } });
  const out = await buildDocs();
  console.log(`wrote ${out.slice(root.length)} (self-contained, no external loads)`);
  if (values.serve) {
    const { url } = await serveDocs(Number(values.port));
    console.log(`serving the API reference on ${url} (Ctrl-C stops)`);
  }
}
