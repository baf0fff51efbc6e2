/** One builder per property of `T`. */
export type PropertyBuilders<T extends object> = { [K in keyof T]: () => T[K] };

/**
 * An object whose properties are each built on first read (or replaced on first write), after which
 * each is an ordinary writable data property: the object looks and behaves like the eagerly built
 * one (same keys, same order, same value on every read), only what is read is ever built.
 *
 * Why: @org/schema exports a zod schema set per table; building all of them with drizzle-zod when the
 * module loads was most of its import time, while a request needs one or two of them, if any.
 *
 * @example
 * const schemas = lazyProperties({ insert: () => createInsertSchema(notes) });
 * schemas.insert.parse(input); // built here, once
 */
export function lazyProperties<T extends object>(builders: PropertyBuilders<T>): T {
  const target = {} as T;
  const settle = (key: PropertyKey, value: unknown) => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    const build = builders[key];
    Object.defineProperty(target, key, {
      get: () => settle(key, build()),
      set: (value: unknown) => settle(key, value),
      enumerable: true,
      configurable: true,
    });
  }
  return target;
}
