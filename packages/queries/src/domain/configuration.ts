import { systemConfigurations, type SystemConfiguration } from '@org/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';

/** A configuration value parsed by its `value_type`. */
export type ConfigValue =
  | { valueType: 'string'; value: string }
  | { valueType: 'number'; value: number }
  | { valueType: 'boolean'; value: boolean }
  | { valueType: 'duration'; value: { text: string; ms: number } }
  | { valueType: 'json'; value: unknown };

const UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
const DURATION = /^(\d+)\s*(second|minute|hour|day|week)s?$/;

/**
 * Parses `'2 days'`-style durations to milliseconds.
 *
 * @example
 * parseDuration('7 days'); // 604800000
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new ValidationError(`'${text.slice(0, 32)}' is not a duration like '7 days'`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * Parses a stored row's text value by its type.
 *
 * @example
 * parseConfigValue({ value: '999', valueType: 'number' }); // { valueType: 'number', value: 999 }
 */
export function parseConfigValue(row: Pick<SystemConfiguration, 'value' | 'valueType'>): ConfigValue {
  switch (row.valueType) {
    case 'number': {
      const value = Number(row.value);
      if (!Number.isFinite(value)) throw new ValidationError('stored number configuration is not a number');
      return { valueType: 'number', value };
    }
    case 'boolean':
      if (row.value !== 'true' && row.value !== 'false') throw new ValidationError('stored boolean is not true/false');
      return { valueType: 'boolean', value: row.value === 'true' };
    case 'duration':
      return { valueType: 'duration', value: { text: row.value, ms: parseDuration(row.value) } };
    case 'json':
      return { valueType: 'json', value: JSON.parse(row.value) as unknown };
    default:
      return { valueType: 'string', value: row.value };
  }
}

function serialise(input: ConfigValue): string {
  switch (input.valueType) {
    case 'number':
      if (!Number.isFinite(input.value)) throw new ValidationError('number configuration must be finite');
      return String(input.value);
    case 'boolean':
      return input.value ? 'true' : 'false';
    case 'duration':
      parseDuration(input.value.text);
      return input.value.text;
    case 'json':
      return JSON.stringify(input.value);
    default:
      return input.value;
  }
}

/**
 * A configuration value, parsed by its type; {@link NotFoundError} when unset.
 *
 * @example
 * const delay = await getConfig(db, 'email', 'trial_day_2_delay');
 * if (delay.valueType === 'duration') setTimeout(send, delay.value.ms);
 */
export function getConfig(db: OrgDb, category: string, key: string): Promise<ConfigValue & { row: SystemConfiguration }> {
  return guarded(async () => {
    const [row] = await db
      .select()
      .from(systemConfigurations)
      .where(and(eq(systemConfigurations.category, category), eq(systemConfigurations.key, key)));
    if (!row) throw new NotFoundError('system_configurations', '(category, key) = (?, ?)');
    return { ...parseConfigValue(row), row };
  });
}

/**
 * Sets a configuration value with its type (insert or update on `(category, key)`); the value is
 * checked against the type before it is stored.
 *
 * @example
 * await setConfig(db, { category: 'api', key: 'max_api_calls_production', valueType: 'number', value: 999 });
 */
export function setConfig(db: OrgDb, input: { category: string; key: string; description?: string } & ConfigValue): Promise<SystemConfiguration> {
  let text: string;
  try {
    text = serialise(input);
  } catch (error) {
    return Promise.reject(error);
  }
  if (input.category.length > 50 || input.key.length > 100) return Promise.reject(new ValidationError('category ≤ 50 and key ≤ 100 characters'));
  return guarded(async () => {
    const [row] = await db
      .insert(systemConfigurations)
      .values({ category: input.category, key: input.key, value: text, valueType: input.valueType, description: input.description })
      .onConflictDoUpdate({
        target: [systemConfigurations.category, systemConfigurations.key],
        set: {
          value: text,
          valueType: input.valueType,
          description: sql`coalesce(excluded.description, ${systemConfigurations.description})`,
        },
      })
      .returning();
    return row!;
  });
}

/**
 * Every setting of a category, by key.
 *
 * @example
 * const email = await listConfigs(db, 'email');
 */
export function listConfigs(db: OrgDb, category: string) {
  return guarded(async () => {
    const rows = await db.select().from(systemConfigurations).where(eq(systemConfigurations.category, category)).orderBy(asc(systemConfigurations.key));
    return rows.map((row) => ({ ...parseConfigValue(row), row }));
  });
}
