import { boolean, pgTable, text, unique, varchar } from 'drizzle-orm/pg-core';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { timestamps } from '../../columns/timestamps.ts';

/**
 * How a configuration's text `value` is parsed.
 *
 * @example
 * const isKnown = (configValueTypes as readonly string[]).includes(value);
 */
export const configValueTypes = ['string', 'number', 'boolean', 'duration', 'json'] as const;

/**
 * App-wide settings keyed by `(category, key)`, stored as text with the type to parse it as (usegemz).
 * `is_hot_reloadable` is a boolean here where the seed used `varchar(5)` holding 'true'/'false'.
 *
 * Decision (#13): it stays a boolean, and the zod schemas do not accept the strings. A string flag lets
 * 'True', 'yes' and '' in; the boolean cannot hold them. The team's code changes in one line: compare
 * with the boolean (`config.isHotReloadable === true`, or just `if (config.isHotReloadable)`) instead of
 * `=== 'true'`. TypeScript flags the old comparison (the types have no overlap) and the zod schema
 * refuses a written string with a ValidationError before SQL, so nothing breaks silently. The team's
 * existing 'true'/'false' rows convert with PostgreSQL's own cast:
 * `ALTER COLUMN is_hot_reloadable TYPE boolean USING is_hot_reloadable::boolean` (any other text fails
 * the cast, loudly, during adoption).
 *
 * @example
 * const rows = await db.select().from(systemConfigurations).limit(10);
 */
export const systemConfigurations = pgTable(
  'system_configurations',
  {
    id: primaryId(),
    category: varchar('category', { length: 50 }).notNull(),
    key: varchar('key', { length: 100 }).notNull(),
    value: text('value').notNull(),
    valueType: enumColumn('value_type', configValueTypes, 20).notNull(),
    description: text('description'),
    isHotReloadable: boolean('is_hot_reloadable').default(true).notNull(),
    ...timestamps(),
  },
  (t) => [unique('unique_category_key').on(t.category, t.key), enumCheck('system_configurations_value_type_check', t.valueType, configValueTypes)],
);
