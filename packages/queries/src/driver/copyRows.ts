import type { AnyDb } from '../internal/OrgDb.ts';
import { transaction } from '../transactions/transaction.ts';
import { copyIn } from './copyIn.ts';
import { driverOf, type PostgresJsLike } from './driverOf.ts';

/**
 * Whether rows can be copied through this db's driver (postgres.js or PGlite; not another drizzle driver).
 *
 * @example
 * if (!canCopy(db)) await db.insert(table).values(rows);
 */
export function canCopy(db: AnyDb): boolean {
  return driverOf(db) !== undefined;
}

/**
 * Whether COPY data reaches the server while it is still being produced (postgres.js, over a socket),
 * so that producing it — validating and encoding rows — overlaps the server's inserting them. PGlite
 * runs in this thread and takes the data whole.
 *
 * @example
 * const chunkRows = copyStreams(db) ? 2_000 : rows.length;
 */
export function copyStreams(db: AnyDb): boolean {
  return driverOf(db)?.kind === 'postgres';
}

/**
 * Runs `COPY … FROM` of text-format data into a table, on the engine under `db`: all the rows or
 * none. `data` is the payload in pieces; producing a piece may throw (the caller's validation), and
 * then nothing is written and that error is thrown.
 *
 * PGlite copies from a blob of the whole payload. postgres.js streams the pieces straight into the
 * table inside a transaction (a savepoint inside the caller's), through {@link copyIn}, which never
 * hangs on a COPY the server rejects (porsager/postgres#1173) and leaves the connection ready for the
 * ROLLBACK. The transaction is never retried: the pieces can be produced once only.
 * Each statement is also given to the db's drizzle logger (text only: the rows travel as COPY data,
 * not as parameters), so a query log shows a bulk insert as it shows any other write.
 *
 * @example
 * await copyRows(db, '"public"."leads"', ['"name"', '"email"'], ['Ada\tada@example.test\n']);
 */
export async function copyRows(db: AnyDb, qualifiedTable: string, quotedColumns: readonly string[], data: Iterable<string>): Promise<void> {
  const driver = driverOf(db);
  if (!driver) throw new TypeError('copyRows: not a postgres.js or PGlite db');
  const statement = (source: string) => {
    const text = `copy ${qualifiedTable} (${quotedColumns.join(', ')}) from ${source}`;
    driver.logger?.logQuery(text, []);
    return text;
  };
  if (driver.kind === 'pglite') {
    const blob = new Blob([...data]);
    await driver.client.query(statement(`'/dev/blob'`), [], { blob });
    return;
  }
  await transaction(db, (tx) => copyIn(driverOf(tx)!.client as PostgresJsLike, statement('stdin'), data), { retry: false });
}
