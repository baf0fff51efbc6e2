// Test-only helper (not published): which engines a suite runs on, and throwaway databases on each.
// PGlite always runs; PostgreSQL runs when TEST_DATABASE_URL is set (CI sets it).
import { PGlite } from '@electric-sql/pglite';
import postgres, { type Sql } from 'postgres';

export type EngineName = 'pglite' | 'postgres';

/** The engines this run covers. */
export const engines: EngineName[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** The PostgreSQL server's URL with another database name. */
export function databaseUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

/** A postgres.js client that keeps NOTICEs out of test output. */
export function connect(url: string, options: postgres.Options<{}> = {}): Sql {
  return postgres(url, { onnotice: () => {}, max: 4, ...options });
}

/** A new empty PostgreSQL database; `drop()` removes it (terminating leftover sessions). */
export async function createPostgresDatabase(prefix = 'test') {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = connect(databaseUrl('postgres'), { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  const url = databaseUrl(name);
  return {
    name,
    url,
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A database on either engine, emptied between uses. */
export interface ScratchDatabase {
  engine: EngineName;
  /** postgres.js client or PGlite instance. */
  client: Sql | PGlite;
  /** Only for postgres. */
  url?: string;
  /** Runs one statement and returns its rows, on either engine. */
  rows<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Gives back a fresh empty database (PostgreSQL: a new one; PGlite: schemas dropped). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** One scratch database per engine, for suites that need empty databases (migrations). */
export async function scratchDatabase(engine: EngineName): Promise<ScratchDatabase> {
  if (engine === 'pglite') {
    const db = new PGlite();
    await db.waitReady;
    return {
      engine,
      client: db,
      async rows<T>(text: string, params: unknown[] = []) {
        return (await db.query<T>(text, params)).rows;
      },
      async reset() {
        const schemas = await db.query<{ nspname: string }>(
          `select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'`,
        );
        for (const { nspname } of schemas.rows) await db.exec(`drop schema "${nspname}" cascade`);
        await db.exec('create schema public');
      },
      async close() {
        await db.close();
      },
    };
  }
  let current = await createPostgresDatabase('mig');
  const state = { sql: connect(current.url) };
  const scratch: ScratchDatabase = {
    engine,
    client: state.sql,
    url: current.url,
    async rows<T>(text: string, params: unknown[] = []) {
      return [...(await state.sql.unsafe(text, params as never[]))] as T[];
    },
    async reset() {
      await state.sql.end();
      await current.drop();
      current = await createPostgresDatabase('mig');
      state.sql = connect(current.url);
      scratch.client = state.sql;
      scratch.url = current.url;
    },
    async close() {
      await state.sql.end();
      await current.drop();
    },
  };
  return scratch;
}
