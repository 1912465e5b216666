/** A failing request as a `curl` command to paste into a shell: the key as "$CONFIDENT_API_KEY", never its value. */
import type { CaseRequest } from "./exchange.js";

/** Single-quoted for a POSIX shell. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** Double-quoted, so that `$id` in it expands and nothing else does. */
const expandable = (text: string): string => `"${text.replace(/["\\`]/g, "\\$&").replace(/\$(?!id\b|DEACTIVATED_KEY\b)/g, "\\$")}"`;

export interface CurlStyle {
  /** Without the status line and headers (-i): for a step whose output is read, not looked at. */
  quiet?: boolean;
  /** The URL may hold `$id`, set by an earlier step. */
  expandPath?: boolean;
}

export function toCurl(targetUrl: string, request: CaseRequest, keyHeader: string | undefined, style: CurlStyle = {}): string {
  const url = `${targetUrl}${request.path}`;
  const parts = ["curl", "-sS", ...(style.quiet ? [] : ["-i"]), "-X", request.method, style.expandPath ? expandable(url) : shellQuote(url)];
  if (request.withKey && keyHeader) parts.push("-H", request.keyShown === undefined ? `"${keyHeader}: $CONFIDENT_API_KEY"` : expandable(`${keyHeader}: ${request.keyShown}`));
  for (const [name, value] of Object.entries(request.headers)) parts.push("-H", shellQuote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push("--data-raw", shellQuote(request.body));
  return parts.join(" ");
}
