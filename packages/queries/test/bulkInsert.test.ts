import { randomUUID } from 'node:crypto';
import { orgTest as test } from '@org/testing/vitest';
import { asc, sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import { describe, expect } from 'vitest';
import { createRepository, execute, MAX_PARAMETERS, transaction, type AnyDb } from '../src/index.ts';
import { copyInsert, insertChunks } from '../src/repository/bulkInsert.ts';

// insertBulk must write what drizzle's own INSERT writes: a column the rows leave out is filled by its
// $defaultFn per row (as drizzle does), or by the database's default. And its INSERT path must stay
// under PostgreSQL's parameter limit counting every parameter drizzle binds, not only the given keys.
// Runs on PGlite (project 'queries') and PostgreSQL ('queries (postgres)').

let generated = 0;
/** A table whose key has no database default: only the $defaultFn can fill it. */
const withDefaults = pgTable('bulk_with_defaults', {
  id: uuid('id')
    .primaryKey()
    .$defaultFn(() => randomUUID()),
  label: text('label').notNull(),
  code: text('code')
    .notNull()
    .$defaultFn(() => `gen-${++generated}`),
  status: text('status').notNull().default('new'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // No SQL default: drizzle calls $onUpdate on insert too.
  touchedBy: text('touched_by').$onUpdate(() => 'app'),
});
const createWithDefaults = sql`create table bulk_with_defaults (
  id uuid primary key, label text not null, code text not null, status text not null default 'new',
  created_at timestamptz not null default now(), touched_by text)`;

/** What the defaults of inserted rows look like, independent of the values generated. */
async function defaultsOf(db: AnyDb, label: string) {
  const rows = await db
    .select()
    .from(withDefaults)
    .where(sql`${withDefaults.label} like ${`${label}%`}`)
    .orderBy(asc(withDefaults.label));
  return {
    rows: rows.length,
    distinctIds: new Set(rows.map((r) => r.id)).size,
    idsAreUuids: rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.id)),
    distinctCodes: new Set(rows.map((r) => r.code)).size,
    codesGenerated: rows.every((r) => /^gen-\d+$/.test(r.code)),
    statuses: [...new Set(rows.map((r) => r.status))],
    touchedBy: [...new Set(rows.map((r) => r.touchedBy))],
    createdAtSet: rows.every((r) => r.createdAt instanceof Date),
  };
}

// 40 columns: the rows give 3 (a, b, c); the key and 19 more are filled by a $defaultFn (one parameter
// per row each), 17 by an SQL default (none). Drizzle binds 23 parameters per row.
const FILLED = 19;
const SQL_DEFAULTS = 17;
const wideColumns: Record<string, PgColumnBuilderBase> = {
  id: uuid('id')
    .primaryKey()
    .$defaultFn(() => randomUUID()),
  a: text('a').notNull(),
  b: text('b').notNull(),
  c: text('c'),
};
for (let i = 0; i < FILLED; i++)
  wideColumns[`f${i}`] = text(`f${i}`)
    .notNull()
    .$defaultFn(() => `f${i}`);
for (let i = 0; i < SQL_DEFAULTS; i++) wideColumns[`d${i}`] = text(`d${i}`).notNull().default(`d${i}`);
const wide = pgTable('bulk_wide', wideColumns);
const createWide = sql.raw(
  `create table bulk_wide (id uuid primary key, a text not null, b text not null, c text, ${[
    ...Array.from({ length: FILLED }, (_, i) => `f${i} text not null`),
    ...Array.from({ length: SQL_DEFAULTS }, (_, i) => `d${i} text not null default 'd${i}'`),
  ].join(', ')})`,
);
describe('insertBulk fills defaults as drizzle does', () => {
  test('the COPY path (1,000 rows) and the INSERT path (100 rows) fill $defaultFn columns and database defaults alike', async ({ db }) => {
    await execute(db, createWithDefaults);
    const repo = createRepository(db, withDefaults);
    expect(await repo.insertBulk(Array.from({ length: 1000 }, (_, i) => ({ label: `copy ${String(i).padStart(4, '0')}` })))).toBe(1000);
    expect(await repo.insertBulk(Array.from({ length: 100 }, (_, i) => ({ label: `insert ${String(i).padStart(4, '0')}` })))).toBe(100);

    const expected = (rows: number) => ({
      rows,
      distinctIds: rows,
      idsAreUuids: true,
      distinctCodes: rows,
      codesGenerated: true,
      statuses: ['new'],
      touchedBy: ['app'],
      createdAtSet: true,
    });
    expect(await defaultsOf(db, 'copy')).toEqual(expected(1000));
    expect(await defaultsOf(db, 'insert')).toEqual(expected(100));
  });

  test('COPY itself takes rows that leave $defaultFn columns out (no silent fallback to INSERT)', async ({ db }) => {
    await execute(db, createWithDefaults);
    expect(await copyInsert(db, withDefaults, [{ label: 'direct 1' }, { label: 'direct 2' }])).toBe(true);
    expect(await defaultsOf(db, 'direct')).toMatchObject({
      rows: 2,
      distinctIds: 2,
      idsAreUuids: true,
      codesGenerated: true,
      statuses: ['new'],
      touchedBy: ['app'],
    });
  });
});

describe('insertBulk and createMany stay under the parameter limit', () => {
  test('chunks count every parameter drizzle binds per row, not only the given keys', () => {
    expect(Object.keys(wideColumns)).toHaveLength(40);
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ a: `a${i}`, b: 'b', c: null }));
    const chunks = insertChunks(wide, rows);
    const perRow = 3 + 1 + FILLED; // a, b, c, the key's $defaultFn and the 19 filled columns
    for (const part of chunks) expect(part.length * perRow).toBeLessThanOrEqual(MAX_PARAMETERS);
    expect(chunks[0]!.length).toBe(Math.floor(MAX_PARAMETERS / perRow));
    expect(chunks.flat()).toHaveLength(rows.length);
  });

  test('40 columns, rows giving 3 keys, one row more than the old chunk limit: inserted without too many parameters', async ({ db }) => {
    await execute(db, createWide);
    const oldLimit = Math.floor(MAX_PARAMETERS / 3); // sized by the 3 given keys
    const rows = Array.from({ length: oldLimit + 1 }, (_, i) => ({ a: `a${i}`, b: 'b', c: i % 2 ? null : 'ü' }));
    const repo = createRepository(db, wide, { copyThreshold: Number.MAX_SAFE_INTEGER }); // the INSERT path
    expect(await repo.insertBulk(rows as never)).toBe(rows.length);
    const [row] = await execute<{ n: string; filled: string; defaults: string }>(
      db,
      sql`select count(*) as n, count(*) filter (where f18 = 'f18' and f0 = 'f0') as filled,
                 count(*) filter (where d16 = 'd16') as defaults from bulk_wide`,
    );
    expect(row).toEqual({ n: String(rows.length), filled: String(rows.length), defaults: String(rows.length) });
  }, 120_000);
});

describe('createMany is all or nothing across chunks', () => {
  // One chunk is one INSERT (atomic by itself, sent without BEGIN/COMMIT); several run in one transaction.
  const pairs = pgTable('bulk_pairs', { id: uuid('id').primaryKey().defaultRandom(), label: text('label').notNull().unique() });
  const createPairs = sql`create table bulk_pairs (id uuid primary key default gen_random_uuid(), label text not null unique)`;

  // Also the boundary: the first chunk carries exactly MAX_PARAMETERS parameters (at 65,534 postgres.js refused it).
  test('a duplicate in the last of several chunks writes nothing of the earlier chunks; one chunk with a duplicate writes nothing', async ({ db }) => {
    await db.execute(createPairs);
    const repo = createRepository(db, pairs);
    // One parameter per row (the id is the database's default): MAX_PARAMETERS rows fill the first chunk.
    const rows = Array.from({ length: MAX_PARAMETERS + 10 }, (_, i) => ({ label: `p${i}` }));
    rows.push({ label: 'p0' }); // violates the unique label, in the second chunk
    expect(insertChunks(pairs, rows).length).toBe(2);
    await expect(transaction(db, (tx) => repo.in(tx).createMany(rows))).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    expect(await db.$count(pairs)).toBe(0);
    await expect(transaction(db, (tx) => repo.in(tx).createMany([{ label: 'a' }, { label: 'a' }]))).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    expect(await db.$count(pairs)).toBe(0);
    expect(await repo.createMany([{ label: 'a' }, { label: 'b' }])).toHaveLength(2);
  });
});
