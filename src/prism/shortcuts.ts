/**
 * Prism spared the work whose result is already known (issue #16's profile of the five-operation
 * mix: Prism's router, its mocker and its path-template parsing were a third of its time):
 *
 * - `routeGiven`: the engine's `route` stage has matched the path and method already, and hands
 *   Prism the one operation it matched; Prism's router would match its URI template again.
 * - `rememberStaticAnswers`: in static mode, what Prism's mocker answers a valid request is a pure
 *   function of the operation and the steering (status, example, media type): the contract's
 *   example, or a sample of the schema that is the same every time. It is computed once per
 *   operation and steering, frozen, and handed out after. Validation is not touched: every request
 *   is still validated in full, and a request with a violation is never answered from memory.
 *   Dynamic mode (generated, seeded or not) is never remembered.
 * - `rememberUriTemplates`: each path template is parsed once (below).
 */

type Either = { _tag: "Left"; left: unknown } | { _tag: "Right"; right: unknown };
type Reader = (logger: unknown) => Either;
interface MockArgs {
  resource: { callbacks?: unknown };
  input: { data: { headers?: Record<string, string> }; validations: readonly unknown[] };
  config: { dynamic?: boolean; code?: unknown; exampleKey?: unknown; mediaTypes?: unknown; ignoreExamples?: unknown };
}
type Mock = (args: MockArgs) => Reader;
type Route = (args: { resources: readonly unknown[]; input: unknown }) => Either;

/** Prism's router, except that a single operation given is the route (the engine routed already). */
export function routeGiven(route: unknown): Route {
  return (args) => (args.resources.length === 1 ? { _tag: "Right", right: args.resources[0] } : (route as Route)(args));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** What the static answer depends on, or undefined when the answer may not be remembered. */
export function staticAnswerKey({ resource, input, config }: MockArgs): string | undefined {
  if (config.dynamic || input.validations.length > 0 || resource.callbacks) return undefined;
  const headers = input.data.headers ?? {};
  const accept = Object.entries(headers).find(([name]) => name.toLowerCase() === "accept")?.[1];
  return JSON.stringify([config.code, config.exampleKey, config.mediaTypes, config.ignoreExamples, accept]);
}

/** Prism's mocker, remembering each static answer it gives (see above). */
export function rememberStaticAnswers(mock: unknown): Mock {
  const answers = new WeakMap<object, Map<string, Either>>();
  return (args) => {
    const key = staticAnswerKey(args);
    if (key === undefined) return (mock as Mock)(args);
    const known = answers.get(args.resource)?.get(key);
    if (known) return () => known;
    return (logger) => {
      const result = (mock as Mock)(args)(logger);
      if (result._tag === "Right") {
        const forResource = answers.get(args.resource) ?? new Map<string, Either>();
        forResource.set(key, deepFreeze(result));
        answers.set(args.resource, forResource);
      }
      return result;
    };
  };
}

type TemplateClass = new (template: string) => unknown;

/**
 * Prism's validator reads a request's path parameters through uri-template-lite, which parses the
 * operation's template, and compiles a matcher for it with `Function`, on every request. A template
 * parsed is immutable (a RegExp without state, and a function), so each one is parsed once.
 */
export function rememberUriTemplates(uri: { Template: TemplateClass }): void {
  const Parse = uri.Template;
  if ((Parse as { remembered?: boolean }).remembered) return;
  const parsed = new Map<string, unknown>();
  function Template(template: string): unknown {
    let known = parsed.get(template);
    if (known === undefined) parsed.set(template, (known = new Parse(template)));
    return known;
  }
  uri.Template = Object.assign(Template as unknown as TemplateClass, { remembered: true });
}
