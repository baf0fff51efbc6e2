import { leads, leadSchemas } from '@org/schema';
import { type Column, sql } from 'drizzle-orm';
import { bigint, boolean, char, doublePrecision, inet, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../src/index.ts';
import { validateBulkRows } from '../src/repository/bulkValidation.ts';
import { bindContext, repositoryShape } from '../src/repository/context.ts';
import { copyPayload } from '../src/repository/copyEncoding.ts';
import { validateRows } from '../src/repository/inputs.ts';
import type { RepositoryOptions } from '../src/repository/options.ts';

// insertBulk validates with validateBulkRows (precompiled per-column checks, zod once, its output checked
// again only when it differs) and encodes with the precompiled copyPayload. Both must be exactly what
// they replace: the same rows accepted with the same values, the same ValidationError for the rest, and
// the same COPY text. Held against the general validateRows and the former encoder on hostile values.

const kinds = pgTable('bulk_kinds', {
  id: integer('id').primaryKey(),
  small: smallint('small'),
  big: bigint('big', { mode: 'number' }),
  big64: bigint('big64', { mode: 'bigint' }),
  amount: numeric('amount', { precision: 6, scale: 2 }),
  loose: numeric('loose'),
  ratio: doublePrecision('ratio'),
  flag: boolean('flag'),
  ref: uuid('ref'),
  code: varchar('code', { length: 3 }).notNull(),
  letter: char('letter', { length: 1 }),
  state: text('state', { enum: ['new', 'done'] }),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }),
  atText: timestamp('at_text', { mode: 'string' }),
  data: jsonb('data'),
  tags: text('tags').array(),
  ip: inet('ip'),
  created: timestamp('created').defaultNow(),
});

/** Values each column could be given: mostly ones it takes, and hostile ones of every kind. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('\0', 'a\0b', '😀😀', '😀😀😀😀', 'e\u0301', '1e400', '-0', '+.5', '.', '5.', '00012.5', '12345.678', '-9999.99', 'NaN'),
  fc.string({ minLength: 990, maxLength: 1010, unit: fc.constantFrom('1', '0', '.') }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 53, -(2 ** 31) - 1, 32_768, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, 3.4e39),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.date({ noInvalidDate: false }),
  fc.uuid(),
  fc.constantFrom('2026-01-02T03:04:05Z', '275760-09-13', '0000-01-01', '::1', '10.0.0.1/33', 'fe80::1%eth0'),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.oneof(fc.string(), fc.constant(null), fc.integer()), { maxLength: 3 }),
  fc.constant(sql`now()`),
  fc.constant(Object.create(null) as object),
);
const years = { min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true };
const chars = fc.constantFrom('a', 'Z', '😀', 'e\u0301', '\t', '\\', ' ');
/** Values each column of `kinds` takes, boundaries included (4 and 5 digits before the point of numeric(6, 2), 3 characters of varchar(3)). */
const valid: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  small: fc.integer({ min: -32_768, max: 32_767 }),
  big: fc.maxSafeInteger(),
  big64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  amount: fc.stringMatching(/^[+-]?0{0,3}\d{1,5}(\.\d{0,3})?$/),
  loose: fc.oneof(fc.stringMatching(/^-?\d{1,30}(\.\d{0,5})?$/), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }), fc.bigInt()),
  ratio: fc.double({ noNaN: true, noDefaultInfinity: true }),
  flag: fc.boolean(),
  ref: fc.uuid(),
  code: fc.string({ unit: chars, maxLength: 3 }),
  letter: fc.string({ unit: chars, maxLength: 1 }),
  state: fc.constantFrom('new', 'done'),
  note: fc.string({ unit: 'binary' }).filter((t) => !t.includes('\0')),
  at: fc.oneof(fc.date(years), fc.constant('2026-03-04T05:06:07.089Z')),
  atText: fc.constantFrom('2026-03-04 05:06:07', '1999-12-31T23:59:59Z'),
  data: fc.jsonValue({ maxDepth: 2 }),
  tags: fc.array(fc.oneof(fc.string(), fc.constant(null)), { maxLength: 3 }),
  ip: fc.constantFrom('192.168.0.1', '2001:db8::1/64', '10.0.0.0/8'),
  created: fc.date(years),
};
/** Values leads takes, as the @org zod schema checks them. */
const validLead: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.string({ minLength: 1 }).filter((t) => !t.includes('\0')),
  email: fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.(com|test)$/),
  phone: fc.stringMatching(/^\d{10}$/),
  state: fc.constantFrom('TX', 'CA'),
  debtAmount: fc.stringMatching(/^\d{1,8}\.\d{2}$/),
  debtTypes: fc.array(fc.string({ unit: chars }), { maxLength: 3 }),
  quizAnswers: fc.constant({}),
  ipAddress: fc.constantFrom('192.168.0.1', '2001:db8::1'),
  status: fc.constantFrom('new', 'contacted', 'qualified'),
};
/** Rows of these columns: mostly of values they take, some hostile, some not objects or naming other keys. */
const rowOf = (generators: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[]) => {
  const keys = Object.keys(generators);
  return fc.oneof(
    {
      weight: 30,
      arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 40, arbitrary: generators[k]! }, { weight: 1, arbitrary: hostile })])), {
        requiredKeys,
      }),
    },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...keys, 'nope', '__proto__', 'constructor'), hostile, { maxKeys: 4 }) },
    { weight: 1, arbitrary: hostile },
  );
};

/** What validating gives: the rows, or the error's class, message and issues. */
function outcome(run: () => unknown): unknown {
  try {
    return { rows: run() };
  } catch (error) {
    if (!(error instanceof ValidationError)) return { thrown: String(error) };
    return { error: error.constructor.name, message: error.message, issues: error.issues };
  }
}

function sameAsValidateRows(
  table: typeof kinds | typeof leads,
  options: RepositoryOptions<never>,
  generators: Record<string, fc.Arbitrary<unknown>>,
  numRuns: number,
  requiredKeys: string[] = [],
) {
  const ctx = bindContext(repositoryShape(table, options as never), {} as never);
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(rowOf(generators, requiredKeys), { minLength: 1, maxLength: 3 }), (inputs) => {
      const expected = outcome(() => validateRows(ctx, inputs)) as { rows?: unknown[] };
      expect(outcome(() => validateBulkRows(ctx, inputs))).toStrictEqual(expected);
      if (expected.rows?.length) accepted++;
    }),
    { numRuns, seed: 14 },
  );
  // Both outcomes are compared often: a property that only ever compared errors would prove little.
  expect(accepted).toBeGreaterThan(numRuns / 8);
}

const pick = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, valid[k]!]));
// A schema that transforms (trims), reorders (its shape lists `note` first) and refines: the checked values
// must then be those of zod's output, in its order.
const transforming = z.object({
  note: z
    .string()
    .transform((s) => s.trim())
    .optional(),
  code: z.string().refine((s) => s !== 'xx'),
  amount: z.string().optional(),
  data: z.unknown().optional(),
});

describe('validateBulkRows is validateRows', () => {
  test('without a schema, on every column kind', () => sameAsValidateRows(kinds, {}, valid, 1500));
  test('with a zod schema that checks only (passthrough of the values)', () =>
    sameAsValidateRows(kinds, { schemas: { insert: z.looseObject({ code: z.string().min(1) }) } }, valid, 800, ['code']));
  test('with a zod schema that transforms, reorders and refines', () =>
    sameAsValidateRows(kinds, { schemas: { insert: transforming } }, pick(['code', 'amount', 'data', 'note']), 1500, ['code']));
  test('with a stripping zod schema (keys dropped from its output)', () =>
    sameAsValidateRows(kinds, { schemas: { insert: z.object({ code: z.string(), note: z.string().optional() }) } }, pick(['note', 'code', 'flag']), 800, [
      'code',
    ]));
  test('leads with the @org schemas', () =>
    sameAsValidateRows(leads, { schemas: leadSchemas }, validLead, 800, ['name', 'email', 'phone', 'state', 'debtAmount']));
  test('the list itself: not an array, holes', () => {
    const ctx = bindContext(repositoryShape(kinds, {} as never), {} as never);
    // biome-ignore lint/suspicious/noSparseArray: a hole is one of the inputs compared
    for (const inputs of [undefined, null, 'rows', { length: 1, 0: {} }, [], [, { id: 1, code: 'a' }]]) {
      expect(outcome(() => validateBulkRows(ctx, inputs))).toStrictEqual(outcome(() => validateRows(ctx, inputs)));
    }
  });
});

// The encoder copyPayload replaced, verbatim: the reference for the COPY text.
function formerCopyField(column: Column, value: unknown): string {
  const escapeText = (v: string) => v.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
  const arrayLiteral = (values: unknown[]) =>
    `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
  if (value === null || value === undefined) return '\\N';
  const driver = column.mapToDriverValue(value);
  if (driver === null || driver === undefined) return '\\N';
  if (driver instanceof Date) return driver.toISOString();
  if (typeof driver === 'boolean') return driver ? 't' : 'f';
  if (Array.isArray(driver)) return escapeText(arrayLiteral(driver));
  if (typeof driver === 'object') return escapeText(JSON.stringify(driver));
  return escapeText(String(driver));
}

describe('copyPayload writes the COPY text it wrote before', () => {
  test('every column kind, values with tabs, newlines, backslashes, quotes and Unicode', () => {
    const columns = Object.entries(kinds).filter(([key]) => key in valid) as [string, Column][];
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('a\tb', 'c\nd', 'e\\f', 'g\rh', '"q"', '\\N', ''));
    const value = (key: string) => fc.oneof(valid[key]!, text, fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.record(Object.fromEntries(columns.map(([key]) => [key, value(key)]))), { maxLength: 5 }), (rows) => {
        // A value its column's mapToDriverValue cannot take (a string for a date column) throws in both.
        const attempt = (encode: () => string) => {
          try {
            return encode();
          } catch (error) {
            return `threw ${String(error)}`;
          }
        };
        const reference = attempt(() => rows.map((row) => `${columns.map(([key, column]) => formerCopyField(column, row[key])).join('\t')}\n`).join(''));
        const actual = attempt(() => copyPayload(columns, rows));
        expect(actual).toBe(reference);
      }),
      { numRuns: 1500, seed: 14 },
    );
  });
});
