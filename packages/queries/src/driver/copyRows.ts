import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AnyDb } from '../internal/OrgDb.ts';
import { transaction } from '../transactions/transaction.ts';
import { driverOf, type PostgresJsLike } from './driverOf.ts';

/** A target column of a COPY: its quoted name and the type its staged text is cast to. */
export interface CopyColumn {
  quotedName: string;
  castType: string;
}

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
 * Runs `COPY … FROM` of a text-format payload into a table, on the engine under `db`.
 *
 * PGlite copies straight into the table from a blob. On postgres.js a COPY the server rejects never
 * settles its stream and leaves the connection in an aborted transaction (porsager/postgres#1173,
 * unfixed in 3.4.9), so rows are copied into an all-text temporary table, which cannot reject them,
 * and moved with one INSERT … SELECT whose constraint errors surface like any other statement's.
 * Each statement is also given to the db's drizzle logger (text only: the rows travel as COPY data,
 * not as parameters), so a query log shows a bulk insert as it shows any other write.
 *
 * @example
 * await copyRows(db, '"public"."leads"', [{ quotedName: '"email"', castType: 'varchar' }], 'a@b.co\n');
 */
export async function copyRows(db: AnyDb, qualifiedTable: string, columns: readonly CopyColumn[], payload: string): Promise<void> {
  const driver = driverOf(db);
  if (!driver) throw new TypeError('copyRows: not a postgres.js or PGlite db');
  const list = columns.map((c) => c.quotedName).join(', ');
  const logged = (text: string) => {
    driver.logger?.logQuery(text, []);
    return text;
  };
  if (driver.kind === 'pglite') {
    await driver.client.query(logged(`copy ${qualifiedTable} (${list}) from '/dev/blob'`), [], { blob: new Blob([payload]) });
    return;
  }
  await transaction(db, async (tx) => {
    const sql = driverOf(tx)!.client as PostgresJsLike;
    const staging = `org_copy_${randomBytes(6).toString('hex')}`;
    await sql.unsafe(logged(`create temp table "${staging}" (${columns.map((_, i) => `c${i} text`).join(', ')}) on commit drop`));
    const stream = await sql.unsafe(logged(`copy "${staging}" from stdin`)).writable();
    await pipeline(Readable.from([payload]), stream);
    await sql.unsafe(logged(`insert into ${qualifiedTable} (${list}) select ${columns.map((c, i) => `c${i}::${c.castType}`).join(', ')} from "${staging}"`));
    // Also dropped at COMMIT, but inside an outer transaction (a savepoint here) that may be much later.
    await sql.unsafe(logged(`drop table "${staging}"`));
  });
}
