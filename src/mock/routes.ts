/** The contract's paths as routes: a template, a pattern, and the operation of each method. */
import type { Contract, ContractOperation } from "../contract/contract.js";
import type { CompiledRoute } from "./compiledTypes.js";

export interface Route {
  template: string;
  pattern: RegExp;
  parameterNames: string[];
  /** Upper-case method -> operation. */
  operations: Map<string, ContractOperation>;
}

export interface RouteMatch {
  route: Route;
  /** The path parameters' raw (still percent-encoded) values, in template order. */
  params: string[];
}

function templatePattern(template: string, parameterNames: string[]): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name) {
        parameterNames.push(name);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`);
}

export function buildRoutes(contract: Contract): Route[] {
  const byPath = new Map<string, Route>();
  for (const op of contract.operations) {
    let route = byPath.get(op.path);
    if (!route) {
      const parameterNames: string[] = [];
      route = { template: op.path, pattern: templatePattern(op.path, parameterNames), parameterNames, operations: new Map() };
      byPath.set(op.path, route);
    }
    route.operations.set(op.method.toUpperCase(), op);
  }
  return [...byPath.values()];
}

/** The routes `npm run generate` compiled (generated/compiled-contract.ts), with the contract's operations in them. */
export function routesFrom(compiled: readonly CompiledRoute[], contract: Contract): Route[] {
  return compiled.map((r) => ({
    template: r.template,
    pattern: r.pattern,
    parameterNames: [...r.parameterNames],
    operations: new Map(r.operations.map(([method, operationId]) => [method, contract.operation(operationId)])),
  }));
}

export function matchRoute(routes: readonly Route[], path: string): RouteMatch | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1) };
  }
  return undefined;
}

/** The methods a route allows, for `Allow` and CORS, e.g. "GET, POST". */
export const allowedMethods = (route: Route): string => [...route.operations.keys()].join(", ");
