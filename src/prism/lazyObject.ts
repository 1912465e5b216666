/**
 * An object that loads the real one on the first property it is asked for. json-schema-faker asks
 * for faker when Prism registers it, at every start; this stand-in keeps faker unloaded until an
 * `x-faker` keyword uses it. Used by patches.ts and by the Node bundle's faker (scripts/lib/node-bundle.ts).
 */
export function lazyObject<T extends object>(load: () => T): T {
  let loaded: T | undefined;
  const real = (): T => (loaded ??= load());
  return new Proxy({} as T, { get: (_target, property) => Reflect.get(real(), property), has: (_target, property) => property in real() });
}
