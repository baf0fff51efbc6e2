import { and, or, sql, type Column, type SQL } from 'drizzle-orm';
import { valueTypeOf } from '../internal/columnTypes.ts';

/** A sort key as keyset pages need it: the column and its direction. */
export interface KeysetKey {
  column: Column;
  direction: 'asc' | 'desc';
}

/**
 * A cursor value bound as a parameter of the column's own type, so the comparison happens in
 * PostgreSQL at the column's full precision (microseconds, numeric scale, bigint beyond 2^53) and never
 * passes through a JS value. The parameter is typed (`$n::type`), not cast from text: a text→timestamptz
 * cast is only stable, and PostgreSQL would evaluate it for every row instead of once. postgres.js
 * serialises a boolean parameter from a JS boolean only (the string 'true' would become false), so
 * boolean keys are bound as booleans. The type name comes from the table definition, never from input.
 */
export function cursorValue(column: Column, text: string | null, bind: (value: unknown) => unknown = (v) => v): SQL {
  const value = column.dataType === 'boolean' && text !== null ? text === 'true' || text === 't' : text;
  return sql`${bind(value)}::${sql.raw(valueTypeOf(column))}`;
}

/**
 * The rows strictly after (or before) the given edge values in a multi-column sort with mixed
 * directions: `(a > va) OR (a = va AND b > vb) OR …`. Sort columns are NOT NULL (checked when the
 * repository is made), so plain comparisons are exact. `bind` may turn each value into a placeholder
 * (a statement prepared once per sort).
 */
export function keysetCondition(keys: readonly KeysetKey[], values: readonly (string | null)[], backwards: boolean, bind?: (value: unknown) => unknown): SQL {
  const bound = keys.map((k, i) => cursorValue(k.column, values[i] ?? null, bind));
  // One direction throughout: a row comparison `(a, b) < ($1, $2)`, which PostgreSQL answers with an
  // index range scan, so a deep page costs what the first one does.
  if (keys.every((k) => k.direction === keys[0]!.direction)) {
    const ascending = (keys[0]!.direction === 'asc') !== backwards;
    const left = sql.join(
      keys.map((k) => sql`${k.column}`),
      sql`, `,
    );
    const right = sql.join(bound, sql`, `);
    return ascending ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
  }
  const branches = keys.map((key, i) => {
    const ascending = (key.direction === 'asc') !== backwards;
    const equalities = keys.slice(0, i).map((k, j) => sql`${k.column} = ${bound[j]}`);
    const step = ascending ? sql`${key.column} > ${bound[i]}` : sql`${key.column} < ${bound[i]}`;
    return equalities.length ? and(...equalities, step)! : step;
  });
  return or(...branches)!;
}
