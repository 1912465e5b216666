/**
 * Which URLs an in-page door answers (MSW handlers, Playwright routes), and the request the engine
 * then sees. By default the contract's paths on any origin, so that a client pointed at
 * `PRODUCTION_BASE_URL`, `EU_BASE_URL` or `MOCK_BASE_URL` is mocked either way. With `baseUrl`, only
 * URLs under it, and all of them: the contract's paths with the base's path taken off, and every
 * other path under it a 404 in the API's envelope, so no request meant for the API slips through.
 */
import { compiledRoutes } from "../../../generated/compiled-contract.js";
import type { OpenApiDocument } from "../../contract/contract.js";
import { RESET_PATH, STATE_PATH } from "../options.js";

export interface DoorUrlOptions {
  /**
   * Answer only requests under this URL, e.g. `https://api.confident-ai.com` or
   * `http://localhost:5173/api` (its path is taken off before the contract's paths are matched).
   * Default: the contract's paths on any origin.
   */
  baseUrl?: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const ANY_ORIGIN = "[a-z][a-z0-9+.-]*:\\/\\/[^/]+";

/**
 * The URLs of one path template, as a RegExp: `{apiKeyId}` matches one segment. No capture groups,
 * so MSW decodes nothing: a malformed `%ff` reaches the engine, which answers 400, instead of
 * throwing in MSW's matcher.
 */
export function urlPattern(prefix: string, template: string): RegExp {
  const path = template
    .split(/\{[^}]+\}/)
    .map(escape)
    .join("[^/]+");
  return new RegExp(`^${prefix}${path}$`);
}

export interface DoorUrls {
  /** One RegExp per path the door answers (matched against the whole URL, query excluded). */
  patterns: RegExp[];
  /** The URLs of one of the contract's path templates, under the door's base (or on any origin). */
  patternFor(template: string): RegExp;
  /** Whether the door answers this URL. */
  answers(url: string): boolean;
  /** The request with the base URL's path taken off, so that the engine sees the contract's path. */
  forEngine(request: Request): Request;
}

/** `document`: a contract given at run time; by default the bundled contract's compiled routes. */
export function doorUrls(options: { baseUrl?: string | undefined; stateful?: boolean | object | undefined }, document?: OpenApiDocument): DoorUrls {
  const base = options.baseUrl ? new URL(options.baseUrl) : undefined;
  const basePath = base ? base.pathname.replace(/\/+$/, "") : "";
  const prefix = base ? escape(`${base.origin}${basePath}`) : ANY_ORIGIN;
  const paths = document ? Object.keys(document.paths) : compiledRoutes.map((r) => r.template);
  const templates = [...paths, ...(options.stateful ? [RESET_PATH, STATE_PATH] : [])];
  const patterns = templates.map((template) => urlPattern(prefix, template));
  if (base) patterns.push(new RegExp(`^${prefix}(?:/.*)?$`));
  return {
    patterns,
    patternFor: (template) => urlPattern(prefix, template),
    answers: (url) => {
      const withoutQuery = url.replace(/[?#].*$/, "");
      return patterns.some((pattern) => pattern.test(withoutQuery));
    },
    forEngine: (request) => {
      if (!basePath) return request;
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(basePath.length) || "/";
      return new Request(url, request);
    },
  };
}
