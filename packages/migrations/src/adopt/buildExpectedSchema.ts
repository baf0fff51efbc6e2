import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { MigrationAdoptError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { introspectSchema } from '../introspect/introspectSchema.ts';
import type { SchemaModel } from '../introspect/SchemaModel.ts';

/**
 * The schema `files` produce, read from a scratch database they are run on: `scratch` when given (an
 * empty database, e.g. on the same server, which it leaves filled), else a new in-process PGlite
 * (PostgreSQL 18; the comparison's normalisation absorbs its differences from older servers).
 * A scratch database that already holds tables is refused: it is never a live one by mistake.
 */
export async function buildExpectedSchema(files: readonly MigrationFile[], scratch?: MigrationClient): Promise<SchemaModel> {
  if (scratch) return buildOn(scratch, files);
  let PGlite;
  try {
    ({ PGlite } = await import('@electric-sql/pglite'));
  } catch (error) {
    throw new MigrationAdoptError(
      'the expected schema is built on a scratch database: install @electric-sql/pglite, or pass an empty database as scratch (CLI: --scratch-url URL)',
      { cause: error },
    );
  }
  const db = new PGlite();
  try {
    await db.waitReady;
    return await buildOn(db, files);
  } finally {
    await db.close();
  }
}

async function buildOn(client: MigrationClient, files: readonly MigrationFile[]): Promise<SchemaModel> {
  const conn = await openMigrationConnection(client);
  try {
    const [used] = await conn.query<{ tables: number }>(
      `select count(*)::int as tables from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`,
    );
    if ((used?.tables ?? 0) > 0) {
      throw new MigrationAdoptError(`the scratch database must be empty, and it has ${used!.tables} table(s): pass a new, empty database`);
    }
    for (const file of files) {
      try {
        await conn.exec(file.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationAdoptError(
          `building the expected schema failed at ${file.name}.sql on the scratch database (${reason}). If the file needs ` +
            'something the in-process PGlite lacks (an extension, a role), pass an empty database on your server as scratch (CLI: --scratch-url URL).',
          { cause: error },
        );
      }
    }
    return await introspectSchema(conn);
  } finally {
    await conn.release();
  }
}
