import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { AnyDb } from '../internal/OrgDb.ts';
import { canCopy, copyRows, copyStreams } from '../driver/copyRows.ts';
import { transaction } from '../transactions/transaction.ts';
import { copyPayload } from './copyEncoding.ts';
import { boundParameters, insertableColumns, runtimeDefault } from './insertColumns.ts';

/**
 * Most bound parameters one statement may carry; `createMany` and `insertBulk` chunk below it. PostgreSQL
 * takes 65,535, but postgres.js 3.4.9 refuses 65,534 or more (`MAX_PARAMETERS_EXCEEDED`, checked with
 * `>=`), so a chunk filled to 65,534 failed there: the limit is postgres.js's, 65,533.
 *
 * @example
 * const rowsPerInsert = Math.floor(MAX_PARAMETERS / columnsPerRow);
 */
export const MAX_PARAMETERS = 65_533;

/**
 * Splits rows into INSERTs that each bind at most `limit` parameters, counting what drizzle binds per
 * row (see {@link boundParameters}): a column no row gives still binds one per row when drizzle fills
 * it from a `$defaultFn`, so counting only the given keys overflowed PostgreSQL's limit.
 *
 * @example
 * for (const part of insertChunks(leads, rows)) await tx.insert(leads).values(part);
 */
export function insertChunks<T extends Record<string, unknown>>(table: PgTable, rows: readonly T[], limit = MAX_PARAMETERS): T[][] {
  const columns = insertableColumns(table);
  const out: T[][] = [];
  let current: T[] = [];
  let bound = 0;
  for (const row of rows) {
    const n = boundParameters(row, columns);
    if (current.length > 0 && bound + n > limit) {
      out.push(current);
      current = [];
      bound = 0;
    }
    current.push(row);
    bound += n;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Inserts rows in parameter-limit-sized chunks, all or nothing; with `returning`, returns them. One
 * chunk is one INSERT, atomic on its own, so it runs as it is; several run in one transaction (a BEGIN
 * and COMMIT only when they buy something: two round trips on a server).
 */
export async function chunkedInsert(
  db: AnyDb,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  returning: boolean,
): Promise<Record<string, unknown>[]> {
  const chunks = insertChunks(table, rows);
  if (chunks.length === 1) return insertChunk(db, table, chunks[0]!, returning);
  return transaction(db, async (tx) => {
    const out: Record<string, unknown>[] = [];
    for (const part of chunks) out.push(...(await insertChunk(tx, table, part, returning)));
    return out;
  });
}

async function insertChunk(db: AnyDb, table: PgTable, part: readonly Record<string, unknown>[], returning: boolean): Promise<Record<string, unknown>[]> {
  const query = (db as unknown as { insert(t: PgTable): { values(v: unknown): { returning(): Promise<Record<string, unknown>[]> } & PromiseLike<unknown> } })
    .insert(table)
    .values(part);
  if (returning) return query.returning();
  await query;
  return [];
}

/** Rows for a COPY, a chunk at a time; producing a chunk may throw (the caller's validation). */
export type RowChunks = Iterable<readonly (Record<string, unknown> | undefined)[]>;

/** Rows per COPY chunk where the data streams (see {@link copyStreams}): small enough to overlap, large enough to batch. */
export const COPY_CHUNK_ROWS = 2_000;

/** Thrown from inside a COPY when a later row turns out not to fit it: the COPY is abandoned and INSERTs take over. */
class NotCopyable extends Error {}

/**
 * Bulk insert through COPY: far fewer round trips and no parameter limit. Only for rows that all give
 * the same columns (COPY cannot say DEFAULT per row). Columns no row gives are filled as drizzle's
 * INSERT fills them: a `$defaultFn` (or `$onUpdate` without an SQL default) is called per row, and the
 * others take the database's default.
 * Returns false when COPY does not apply, and the caller falls back to chunked INSERTs. How each
 * engine copies is the driver layer's (see {@link copyRows}).
 *
 * @example
 * if (!(await copyInsert(db, leads, rows))) await chunkedInsert(db, leads, rows, false);
 */
export async function copyInsert(db: AnyDb, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<boolean> {
  if (rows.length === 0) return false;
  const size = copyStreams(db) ? COPY_CHUNK_ROWS : rows.length;
  return copyChunks(
    db,
    table,
    (function* () {
      for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
    })(),
  );
}

/**
 * {@link copyInsert} of rows produced chunk by chunk, each encoded and sent as it comes (on postgres.js
 * the server inserts one chunk while the next is produced). The first chunk decides the columns; a later
 * row that does not fit them abandons the COPY (nothing is written) and returns false. An error thrown
 * while producing a chunk abandons the COPY too, and is thrown.
 *
 * @example
 * const copied = await copyChunks(db, leads, validatedChunks());
 */
export async function copyChunks(db: AnyDb, table: PgTable, chunks: RowChunks): Promise<boolean> {
  if (!canCopy(db)) return false;
  const iterator = chunks[Symbol.iterator]();
  const first = iterator.next();
  const sample = first.done ? undefined : first.value[0];
  if (!sample) return false;
  const plan = copyPlan(table, sample);
  if (!plan) return false;
  function* payloads(): Generator<string> {
    yield encodeChunk(plan!, first.value!);
    for (let next = iterator.next(); !next.done; next = iterator.next()) yield encodeChunk(plan!, next.value);
  }
  try {
    await copyRows(
      db,
      plan.qualified,
      plan.columns.map(([, c]) => `"${c.name}"`),
      payloads(),
    );
  } catch (error) {
    if (error instanceof NotCopyable) return false;
    throw error;
  }
  return true;
}

/** What a COPY of rows like `sample` writes: the given columns, then those filled per row. */
interface CopyPlan {
  keys: string[];
  filled: (readonly [string, Column, () => unknown])[];
  columns: [string, Column][];
  qualified: string;
}

function copyPlan(table: PgTable, sample: Record<string, unknown>): CopyPlan | undefined {
  const keys = Object.keys(sample).filter((k) => sample[k] !== undefined);
  const all = getTableColumns(table);
  if (keys.some((k) => !all[k])) return undefined;
  // Columns no row gives but drizzle's INSERT would fill per row ($defaultFn, or $onUpdate without an SQL
  // default) are filled here the same way; the rest are left out of the COPY and take the database default.
  const filled = insertableColumns(table).flatMap(([key, column]) => {
    const fill = keys.includes(key) ? undefined : runtimeDefault(column);
    return fill ? [[key, column, fill] as const] : [];
  });
  const columns = [...keys.map((k) => [k, all[k]!] as [string, Column]), ...filled.map(([k, c]) => [k, c] as [string, Column])];
  const config = getTableConfig(table);
  const qualified = `${config.schema ? `"${config.schema}".` : ''}"${getTableName(table)}"`;
  return { keys, filled, columns, qualified };
}

/** One chunk's COPY text, or NotCopyable for a row COPY cannot carry. */
function encodeChunk(plan: CopyPlan, rows: readonly (Record<string, unknown> | undefined)[]): string {
  // A missing row (a hole in the caller's array) or other columns: not this COPY.
  for (const row of rows) if (!row || !givesExactly(row, plan.keys)) throw new NotCopyable();
  const complete =
    plan.filled.length === 0
      ? (rows as readonly Record<string, unknown>[])
      : rows.map((row) => {
          const out: Record<string, unknown> = { ...row };
          for (const [key, , fill] of plan.filled) out[key] = fill();
          return out;
        });
  // An SQL value (given, or from a runtime default such as sql`gen_random_uuid()`) cannot travel through COPY.
  if (complete.some((row) => holdsSql(row, plan.columns))) throw new NotCopyable();
  const payload = copyPayload(plan.columns, complete);
  // PostgreSQL text cannot hold NUL; let the INSERT path report it as an ordinary statement error.
  if (payload.includes('\0')) throw new NotCopyable();
  return payload;
}

/** Whether a row gives a value (not undefined) for exactly these keys. */
function givesExactly(row: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const key of keys) if (row[key] === undefined) return false;
  let given = 0;
  for (const key of Object.keys(row)) if (row[key] !== undefined) given++;
  return given === keys.length;
}

/** Whether any of the row's values for these columns is an SQL expression (only objects can be). */
function holdsSql(row: Record<string, unknown>, columns: readonly [string, Column][]): boolean {
  for (const [key] of columns) {
    const value = row[key];
    if (typeof value === 'object' && value !== null && is(value, SQL)) return true;
  }
  return false;
}
