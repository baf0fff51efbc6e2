import { expect } from 'vitest';

/**
 * The type of every value in a result, as a tree of the same shape: `typeof`, or the class name for
 * objects that are not plain (Date, Buffer, Uint8Array, an error). `toStrictEqual` alone would
 * say "expected '3' to equal 3" somewhere in a large result; this names the field.
 */
export function typeShape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(typeShape);
  if (typeof value !== 'object') return typeof value;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return (proto as { constructor: { name: string } }).constructor.name;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeShape(v)]));
}

/** Replaces the values of generated fields (ids, clock timestamps) by their type, anywhere in a result. */
export function masked(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => masked(v, keys));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.includes(k) ? `<generated ${String(typeShape(v))}>` : masked(v, keys)]));
}

/** Asserts (softly: one run lists every difference) that PGlite's and PostgreSQL's results have the same types, field by field, and the same values. */
export function expectSameOnBoth(label: string, [onPglite, onPostgres]: readonly [unknown, unknown]): void {
  expect.soft(typeShape(onPostgres), `${label}: types on PostgreSQL vs PGlite`).toStrictEqual(typeShape(onPglite));
  expect.soft(onPostgres, `${label}: values on PostgreSQL vs PGlite`).toStrictEqual(onPglite);
}

/** What a caller can see of a thrown error, for comparing errors across engines. */
export function errorFacts(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: typeShape(error) };
  const e = error as Error & Record<string, unknown>;
  const facts: Record<string, unknown> = { class: e.constructor.name, message: e.message };
  for (const key of ['code', 'sqlState', 'constraint', 'table', 'columns', 'issues', 'criteria']) {
    if (key in e) facts[key] = e[key];
  }
  return facts;
}

/** Runs a call expected to fail and returns what its error shows. */
export async function failureOf(work: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await work();
  } catch (error) {
    return errorFacts(error);
  }
  return { class: 'no error' };
}
