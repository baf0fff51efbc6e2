import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { valueTypeOf } from '../internal/columnTypes.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { canCopy, copyRows } from '../driver/copyRows.ts';
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

/**
 * Bulk insert through COPY: far fewer round trips and no parameter limit. Only for rows that all give
 * the same columns (COPY cannot say DEFAULT per row). Columns no row gives are filled as drizzle's
 * INSERT fills them: a `$defaultFn` (or `$onUpdate` without an SQL default) is called per row, and the
 * others take the database's default.
 * Returns false when COPY does not apply, and the caller falls back to chunked INSERTs. How each
 * engine copies is the driver layer's (see {@link copyRows}).
 */
export async function copyInsert(db: AnyDb, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<boolean> {
  if (!canCopy(db) || rows.length === 0) return false;
  const keys = Object.keys(rows[0]!).filter((k) => rows[0]![k] !== undefined);
  const uniform = rows.every((r) => keys.every((k) => r[k] !== undefined) && Object.keys(r).filter((k) => r[k] !== undefined).length === keys.length);
  if (!uniform) return false;
  const all = getTableColumns(table);
  if (keys.some((k) => !all[k])) return false;
  // Columns no row gives but drizzle's INSERT would fill per row ($defaultFn, or $onUpdate without an SQL
  // default) are filled here the same way; the rest are left out of the COPY and take the database default.
  const filled = insertableColumns(table).flatMap(([key, column]) => {
    const fill = keys.includes(key) ? undefined : runtimeDefault(column);
    return fill ? [[key, column, fill] as const] : [];
  });
  const complete =
    filled.length === 0
      ? rows
      : rows.map((row) => {
          const out: Record<string, unknown> = { ...row };
          for (const [key, , fill] of filled) out[key] = fill();
          return out;
        });
  const columns = [...keys.map((k) => [k, all[k]!] as [string, Column]), ...filled.map(([k, c]) => [k, c] as [string, Column])];
  // An SQL value (given, or from a runtime default such as sql`gen_random_uuid()`) cannot travel through COPY.
  if (complete.some((row) => columns.some(([key]) => is(row[key], SQL)))) return false;
  const config = getTableConfig(table);
  const qualified = `${config.schema ? `"${config.schema}".` : ''}"${getTableName(table)}"`;
  const payload = copyPayload(columns, complete);
  // PostgreSQL text cannot hold NUL; let the INSERT path report it as an ordinary statement error.
  if (payload.includes('\0')) return false;
  await copyRows(
    db,
    qualified,
    columns.map(([, c]) => ({ quotedName: `"${c.name}"`, castType: valueTypeOf(c, true) })),
    payload,
  );
  return true;
}
