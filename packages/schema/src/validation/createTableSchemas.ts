import { getTableColumns, type Table } from 'drizzle-orm';
import { createInsertSchema, createSelectSchema, createUpdateSchema, type BuildSchema } from 'drizzle-zod';
import { z } from 'zod';
import { numericStringCheck } from './numericString.ts';

/** Options of {@link createTableSchemas}. */
export interface TableSchemaOptions<TTable extends Table> {
  /** Columns that hold an email address. */
  email?: ReadonlyArray<keyof TTable['$inferInsert'] & string>;
  /** Text columns whose values must match a pattern; `message` names the rule, never the value. */
  patterns?: Partial<Record<keyof TTable['$inferInsert'] & string, { pattern: RegExp; message: string }>>;
}

/** The insert / update / select zod schemas of a table. */
export interface TableSchemas<TTable extends Table> {
  /** Validates a new row: required columns present, every value within its column's limits. */
  insert: BuildSchema<'insert', TTable['_']['columns'], undefined, undefined>;
  /** Validates a patch: every column optional, the same limits. */
  update: BuildSchema<'update', TTable['_']['columns'], undefined, undefined>;
  /** Describes a row as read. */
  select: BuildSchema<'select', TTable['_']['columns'], undefined, undefined>;
}

type StringRefinement = (schema: z.ZodString) => z.ZodString;

// Built on first use: most tables have no inet column, and most imports validate nothing.
let ipAddress: z.ZodType | undefined;
const isIpAddress = (value: string) => (ipAddress ??= z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).safeParse(value).success;

/**
 * Derives insert, update and select schemas from a drizzle table with drizzle-zod, and adds the
 * database limits derivation misses: `numeric(p,s)` precision, `inet` format and email format.
 * (drizzle-zod already bounds varchar length, integer range and enum values.)
 *
 * @example
 * const noteSchemas = createTableSchemas(notes, { email: ['authorEmail'] });
 * noteSchemas.insert.parse({ body: 'hi', authorEmail: 'a@b.co' });
 */
export function createTableSchemas<TTable extends Table>(table: TTable, options: TableSchemaOptions<TTable> = {}): TableSchemas<TTable> {
  const build = tableSchemaBuilders(table, options);
  return { insert: build.insert(), update: build.update(), select: build.select() };
}

/**
 * One builder per schema of {@link createTableSchemas}, sharing the column refinements (worked out on
 * the first build): the eager function calls all three, `lazyTableSchemas` each on first read.
 */
export function tableSchemaBuilders<TTable extends Table>(
  table: TTable,
  options: TableSchemaOptions<TTable>,
): { [K in keyof TableSchemas<TTable>]: () => TableSchemas<TTable>[K] } {
  let refinements: Record<string, StringRefinement> | undefined;
  const refine = () => (refinements ??= columnRefinements(table, options));
  // Every refinement maps a string schema to a string schema, so the inferred types are exactly those
  // of plain derivation; the casts only spare the compiler from re-deriving them through the map.
  return {
    insert: () => (createInsertSchema as (t: Table, r: object) => unknown)(table, refine()) as TableSchemas<TTable>['insert'],
    update: () => (createUpdateSchema as (t: Table, r: object) => unknown)(table, refine()) as TableSchemas<TTable>['update'],
    select: () => createSelectSchema(table) as unknown as TableSchemas<TTable>['select'],
  };
}

function columnRefinements<TTable extends Table>(table: TTable, options: TableSchemaOptions<TTable>) {
  const refine: Record<string, StringRefinement> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (column.columnType === 'PgNumeric') {
      // drizzle keeps the declared precision and scale on the column object.
      const { precision, scale } = column as unknown as { precision?: number; scale?: number };
      refine[key] = (s) => s.check(numericStringCheck(precision, scale));
    } else if (column.columnType === 'PgInet') {
      refine[key] = (s) => s.refine(isIpAddress, 'must be an IP address or CIDR');
    }
  }
  for (const [key, rule] of Object.entries(options.patterns ?? {}) as [string, { pattern: RegExp; message: string }][]) {
    refine[key] = (s) => s.regex(rule.pattern, { message: rule.message });
  }
  for (const key of options.email ?? []) {
    refine[key] = (s) => s.check(z.email({ message: 'must be an email address' }));
  }
  return refine;
}
