import { migrate } from '@org/migrations';
import postgres, { type Sql } from 'postgres';
import { templateKey } from './templateKey.ts';

/** Connects without NOTICE noise. */
export function connectQuietly(url: string, options: postgres.Options<{}> = {}): Sql {
  return postgres(url, { onnotice: () => {}, ...options });
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Ensures a migrated template database `org_tpl_<checksums>` exists on the server and returns its
 * name. Built under an advisory lock (workers race to it), first under a temporary name and renamed
 * when complete, so a crash never leaves a half-migrated template behind. It persists across runs.
 *
 * @example
 * const template = await postgresTemplate(process.env.TEST_DATABASE_URL!, './drizzle');
 * await admin.unsafe(`create database my_test template "${template}"`);
 */
export async function postgresTemplate(serverUrl: string, migrationsFolder: string): Promise<string> {
  const name = `org_tpl_${templateKey(migrationsFolder)}`;
  const admin = connectQuietly(withDatabase(serverUrl, 'postgres'), { max: 1 });
  try {
    await admin`select pg_advisory_lock(hashtextextended(${name}, 0))`;
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      const building = `${name}_building`;
      await admin.unsafe(`drop database if exists "${building}" with (force)`);
      await admin.unsafe(`create database "${building}"`);
      const sql = connectQuietly(withDatabase(serverUrl, building), { max: 1 });
      try {
        await migrate(sql, { folder: migrationsFolder });
      } finally {
        await sql.end();
      }
      await admin.unsafe(`alter database "${building}" rename to "${name}"`);
    }
    await admin`select pg_advisory_unlock(hashtextextended(${name}, 0))`;
    return name;
  } finally {
    await admin.end();
  }
}

/** Creates a new database copied from the template; returns its name and URL. */
export async function createDatabaseFromTemplate(serverUrl: string, template: string, prefix = 'org_test') {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = connectQuietly(withDatabase(serverUrl, 'postgres'), { max: 1 });
  try {
    // Copies of one template are serialised: CREATE DATABASE fails if another copy is reading it.
    await admin`select pg_advisory_lock(hashtextextended(${template}, 0))`;
    await admin.unsafe(`create database "${name}" template "${template}"`);
    await admin`select pg_advisory_unlock(hashtextextended(${template}, 0))`;
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      const a = connectQuietly(withDatabase(serverUrl, 'postgres'), { max: 1 });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
