import type { Sql } from 'postgres';
import { parsePgArray } from './parsePgArray.ts';

type Parser = ((value: string) => unknown) & { array?: boolean };

/** The box type's array: the only built-in array PostgreSQL prints with ';' between elements. */
const BOX_ARRAY = 1020;

/**
 * Makes a postgres.js client read `NULL` array elements as `null`, as PGlite does: postgres.js 3.4.9
 * reads them as the string `'NULL'` (`NaN` in an `int4[]`, `false` in a `bool[]`), so `array_agg` over
 * a nullable column, or a `text[]` column holding a null, differed by engine.
 *
 * postgres.js adds one parser per array type after fetching the types on a connection's first connect,
 * writing a new key of `options.parsers` (the object its connections already hold). A proxy set as that
 * object's prototype sees those writes and stores {@link parsePgArray} over the element's parser
 * instead. Call on a client before its first query; parsers already present (drizzle's pass-through
 * ones for date and numeric arrays, which drizzle parses itself) are left alone. Shared by `@org/queries`'
 * createDatabase and `@org/testing`'s fixtures, so tests read what production reads.
 *
 * @example
 * const sql = postgres(url);
 * nullSafeArrayParsers(sql);
 * await sql`select array[1, null] as a`; // [{ a: [1, null] }]
 */
export function nullSafeArrayParsers(client: Sql): void {
  const options = client.options as unknown as { parsers: Record<string, Parser>; shared: { typeArrayMap: Record<string, number> } };
  const { parsers, shared } = options;
  const watcher = new Proxy(Object.getPrototypeOf(parsers) as object, {
    set(_target, key, value, receiver: Record<string, Parser>) {
      const typarray = typeof key === 'string' ? Number(key) : Number.NaN;
      const element = Object.keys(shared.typeArrayMap).find((oid) => shared.typeArrayMap[oid] === typarray);
      const stored = element === undefined ? value : arrayParser(receiver, element, typarray);
      Object.defineProperty(receiver, key, { value: stored, writable: true, enumerable: true, configurable: true });
      return true;
    },
  });
  Object.setPrototypeOf(parsers, watcher);
}

function arrayParser(parsers: Record<string, Parser>, element: string, typarray: number): Parser {
  const delimiter = typarray === BOX_ARRAY ? ';' : ',';
  const parse: Parser = (text) => parsePgArray(text, parsers[element], delimiter);
  // `array: true` makes postgres.js cut the leading '{' before calling; ours reads the whole text
  // (a dimension prefix included), so the flag postgres.js sets right after is kept false.
  Object.defineProperty(parse, 'array', { get: () => false, set: () => {}, enumerable: true });
  return parse;
}
