import type { Column } from 'drizzle-orm';
import { ValidationError } from '../errors/errors.ts';
import { checkColumnValue, DECIMAL, INT_RANGES, UUID } from './columnValue.ts';
import type { RepositoryContext } from './context.ts';
import { insertRowValues } from './inputs.ts';
import { checkWrite } from './writableColumns.ts';

/** What a column check returns for a value the column refuses (the slow path then reports it). */
const REFUSED: unique symbol = Symbol('refused');
type ValueCheck = (value: unknown) => unknown;

/** One writable column of a bulk insert: how a non-null value is checked, and whether null is allowed. */
interface WritableColumn {
  readonly notNull: boolean;
  readonly check: ValueCheck;
}

/** `checkColumnValue` as a value-or-REFUSED function: exact by construction, for every type not specialised below. */
function generalCheck(column: Column, key: string): ValueCheck {
  return (value) => {
    if (typeof value === 'object' && value !== null && typeof (value as { getSQL?: unknown }).getSQL === 'function') return REFUSED;
    try {
      return checkColumnValue(column, value, key);
    } catch {
      return REFUSED;
    }
  };
}

/** Digits before the point of a DECIMAL-shaped string, without sign and leading zeros (what `checkNumeric` counts). */
function integerDigits(text: string): number {
  let i = text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45 ? 1 : 0;
  while (text.charCodeAt(i) === 48) i++;
  let digits = 0;
  while (i < text.length && text.charCodeAt(i) !== 46) {
    i++;
    digits++;
  }
  return digits;
}

/**
 * The check of one column, specialised for the hot column types of bulk rows (text, numbers, uuids,
 * booleans) and `checkColumnValue` itself for the rest and for any value the specialisation does not
 * take. Each accepts exactly what `checkColumnValue` accepts and returns the same value (the property
 * test in bulkValidation.test.ts holds them together); refusals are reported by the slow path.
 */
function columnCheck(column: Column, key: string): ValueCheck {
  const general = generalCheck(column, key);
  const type = column.columnType;
  const range = Object.hasOwn(INT_RANGES, type) ? INT_RANGES[type] : undefined;
  if (range) {
    const [min, max] = range;
    return (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : REFUSED);
  }
  switch (type) {
    case 'PgText':
    case 'PgVarchar':
    case 'PgChar': {
      const length = (column as Column & { length?: number }).length;
      const allowed = column.enumValues && column.enumValues.length > 0 ? new Set<unknown>(column.enumValues) : undefined;
      return (value) =>
        typeof value === 'string' &&
        !value.includes('\0') &&
        (length === undefined || value.length <= length || [...value].length <= length) &&
        (allowed === undefined || allowed.has(value))
          ? value
          : REFUSED;
    }
    case 'PgNumeric':
    case 'PgNumericNumber':
    case 'PgNumericBigInt': {
      const { precision, scale } = column as Column & { precision?: number; scale?: number };
      const maxDigits = precision === undefined ? undefined : precision - (scale ?? 0);
      return (value) => {
        // Numbers and bigints (rarer in bulk rows) go through checkColumnValue itself.
        if (typeof value !== 'string') return general(value);
        if (value.length > 1000 || !DECIMAL.test(value)) return REFUSED;
        return maxDigits === undefined || integerDigits(value) <= maxDigits ? value : REFUSED;
      };
    }
    case 'PgBoolean':
      return (value) => (typeof value === 'boolean' ? value : REFUSED);
    case 'PgUUID':
      return (value) => (typeof value === 'string' && UUID.test(value) ? value : REFUSED);
    case 'PgDoublePrecision':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : REFUSED);
    default:
      return general;
  }
}

/** The row validator of one repository shape: its writable columns for inserts, and its zod schema. */
interface BulkValidator {
  readonly columns: ReadonlyMap<string, WritableColumn>;
}

const VALIDATORS = new WeakMap<object, BulkValidator>();

function validatorOf(ctx: RepositoryContext): BulkValidator {
  // The insert policy is made once per repository shape and shared by every context bound from it.
  let validator = VALIDATORS.get(ctx.policy);
  if (!validator) {
    const columns = new Map<string, WritableColumn>();
    for (const key of Object.keys(ctx.columns)) {
      if (!ctx.policy.insert.has(key)) continue;
      const column = ctx.columns[key]!;
      columns.set(key, { notNull: column.notNull, check: columnCheck(column, key) });
    }
    VALIDATORS.set(ctx.policy, (validator = { columns }));
  }
  return validator;
}

/**
 * Per-row scratch space (reused: a bulk insert checks 100,000 rows), filled by the fast check: the
 * keys with a value, the values as given and the values to bind.
 */
interface Scratch {
  keys: string[];
  given: unknown[];
  bound: unknown[];
  size: number;
}

/**
 * `checkWrite`'s values for an input it finds no problem with, or undefined when it would report one.
 * Same reads as checkWrite (each key's value once, in `Object.keys` order), so the same result.
 */
function fastValues(columns: ReadonlyMap<string, WritableColumn>, input: unknown, scratch: Scratch): Record<string, unknown> | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const values: Record<string, unknown> = {};
  scratch.size = 0;
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    // Not a column, or not one inserts may set: both are problems checkWrite reports.
    const column = columns.get(key);
    if (!column) return undefined;
    let bound: unknown = null;
    if (value === null) {
      if (column.notNull) return undefined;
    } else {
      bound = column.check(value);
      if (bound === REFUSED) return undefined;
    }
    values[key] = bound;
    const n = scratch.size++;
    scratch.keys[n] = key;
    scratch.given[n] = value;
    scratch.bound[n] = bound;
  }
  return values;
}

/**
 * What `checkWrite(columns, allowed, parsed).values` returns for zod's output, reusing the fast check's
 * work when zod handed back the values it was given (the usual case: a schema that checks, not
 * transforms). Undefined when zod changed anything: the caller then runs checkWrite on its output.
 */
function valuesOfParsed(parsed: unknown, checked: Record<string, unknown>, scratch: Scratch): Record<string, unknown> | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  let seen = 0;
  let sameOrder = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = (parsed as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let at = seen < scratch.size && scratch.keys[seen] === key ? seen : scratch.keys.indexOf(key);
    if (at >= scratch.size) at = -1;
    if (at < 0 || scratch.given[at] !== value) return undefined;
    if (at !== seen) sameOrder = false;
    seen++;
  }
  if (seen !== scratch.size) return undefined;
  if (sameOrder) return checked;
  // checkWrite builds its values in the order of the object it reads: zod's.
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if ((parsed as Record<string, unknown>)[key] === undefined) continue;
    out[key] = scratch.bound[scratch.keys.indexOf(key)];
  }
  return out;
}

/**
 * The check of one row of a bulk insert, as `validateRows` checks each row: its values to bind, or the
 * ValidationError `validateRows` throws for it (issues at `[index, column]`). Faster on valid rows:
 * columns are checked by precompiled per-column checks instead of a type switch, the zod schema runs
 * once as before, and its output is checked again only when it differs from the input (validateRows
 * re-checks every row: twice the work for a schema that only checks). A row with any problem goes
 * through `insertValues` itself, so the error is the one validateRows throws.
 *
 * @example
 * const check = bulkRowCheck(ctx);
 * const rows = inputs.map((input, i) => check(input, i));
 */
export function bulkRowCheck(ctx: RepositoryContext): (input: unknown, index: number) => Record<string, unknown> {
  const { columns } = validatorOf(ctx);
  const schema = ctx.options.schemas?.insert;
  const scratch: Scratch = { keys: [], given: [], bound: [], size: 0 };
  return (input, i) => {
    const values = fastValues(columns, input, scratch);
    if (values !== undefined) {
      if (!schema) return values;
      const result = schema.safeParse(input);
      if (result.success) {
        return valuesOfParsed(result.data, values, scratch) ?? checkWrite(ctx.columns, ctx.policy.insert, result.data).values;
      }
    }
    return insertRowValues(ctx, input, i);
  };
}

/**
 * `validateRows` for bulk inserts, with the same result for every input (see {@link bulkRowCheck}).
 *
 * @example
 * const rows = validateBulkRows(ctx, inputs); // throws ValidationError with issues at [index, column]
 */
export function validateBulkRows(ctx: RepositoryContext, inputs: unknown): Record<string, unknown>[] {
  if (!Array.isArray(inputs)) throw new ValidationError(`${ctx.name} rows must be a list`);
  const check = bulkRowCheck(ctx);
  return inputs.map((input: unknown, i: number) => check(input, i));
}
