import type { Column } from 'drizzle-orm';
import type { Random } from './random.ts';
import { FIRST_NAMES, LAST_NAMES, US_STATES, WORDS } from './sampleData.ts';

/** What a derived value may depend on. */
export interface DeriveContext {
  random: Random;
  /** 1, 2, 3, ... per factory. */
  sequence: number;
  /** Distinguishes factory instances so unique values of two instances do not collide. */
  tag: string;
}

/** Whether a factory must supply a value: required, no database default, not generated. */
export function needsValue(column: Column): boolean {
  return column.notNull && !column.hasDefault && !column.generated && !column.generatedIdentity;
}

/**
 * A valid, realistic value for a required column, from its SQL type, length, enum values and name.
 * Throws for a type it cannot fill, naming the column, so a factory definition can supply it.
 */
export function deriveColumnValue(column: Column, ctx: DeriveContext): unknown {
  const { random, sequence } = ctx;
  const name = column.name;
  if (column.enumValues && column.enumValues.length > 0) return column.enumValues[0];
  switch (column.columnType) {
    case 'PgUUID':
      return random.uuid();
    case 'PgText':
    case 'PgVarchar':
    case 'PgChar': {
      const length = (column as unknown as { length?: number }).length;
      return fitLength(textFor(name, ctx), length);
    }
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgBigInt53':
      return random.int(1, 100);
    case 'PgNumeric': {
      const { precision = 10, scale = 0 } = column as unknown as { precision?: number; scale?: number };
      const max = Math.min(10 ** Math.max(precision - scale, 1) - 1, 100_000);
      return `${random.int(Math.min(1_000, max), max)}${scale > 0 ? `.${'0'.repeat(scale)}` : ''}`;
    }
    case 'PgBoolean':
      return false;
    case 'PgTimestamp':
    case 'PgDate':
      return new Date();
    case 'PgJsonb':
    case 'PgJson':
      return {};
    case 'PgArray':
      return [];
    case 'PgInet':
      return `192.0.2.${(sequence % 254) + 1}`;
    default:
      throw new Error(`factories: cannot derive a value for column ${name} (${column.columnType}); give it in the factory definition`);
  }
  function textFor(columnName: string, c: DeriveContext): string {
    const first = c.random.pick(FIRST_NAMES);
    const last = c.random.pick(LAST_NAMES);
    if (/(^|_)email$/.test(columnName)) return `${first}.${last}.${c.sequence}.${c.tag}@example.test`.toLowerCase();
    if (/(^|_)name$/.test(columnName)) return `${first} ${last}`;
    if (/phone/.test(columnName)) return `555${String(c.random.int(0, 9_999_999)).padStart(7, '0')}`;
    if (columnName === 'state') return c.random.pick(US_STATES);
    if (/url$/.test(columnName)) return `https://example.test/${c.random.pick(WORDS)}/${c.sequence}`;
    if (/(title|content|description)$/.test(columnName)) {
      return `${c.random.pick(WORDS)} ${c.random.pick(WORDS)} ${c.random.pick(WORDS)}`;
    }
    return `${columnName}-${c.sequence}-${c.tag}`;
  }
}

function fitLength(value: string, length: number | undefined): string {
  return length === undefined ? value : value.slice(0, length);
}
