/**
 * node-fetch, as Prism's proxy uses it, kept to redirects within the upstream's origin: node-fetch
 * follows every redirect with every header, the API key included. A redirect to another origin
 * fails the forward (the proxy answers 502 and reports it).
 */
import { MAX_REDIRECTS, becomesGet, sameOriginRedirect } from "../redirects.js";

export interface NodeFetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body?: { resume?: () => void } | null;
}
export type NodeFetch = (url: string, init?: Record<string, unknown>) => Promise<NodeFetchResponse>;

export function guardRedirects(original: NodeFetch): NodeFetch {
  return async (url, init = {}) => {
    let current = new URL(url);
    let options: Record<string, unknown> = { ...init, redirect: "manual" };
    for (let hop = 0; ; hop++) {
      const response = await original(current.href, options);
      const next = sameOriginRedirect(current, response.status, response.headers.get("location"));
      if (!next || hop >= MAX_REDIRECTS) return response;
      response.body?.resume?.();
      if (becomesGet(response.status, String(options["method"] ?? "GET").toUpperCase())) options = { ...options, method: "GET", body: undefined };
      current = next;
    }
  };
}
