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
 * Templates kept per prefix: the current one and a few older ones other checkouts may still use.
 *
 * @example
 * console.log(`each migration change drops templates beyond the newest ${KEPT_TEMPLATES}`);
 */
export const KEPT_TEMPLATES = 3;

/**
 * Checks a database-name prefix: it becomes part of identifiers, so only lowercase letters, digits
 * and `_`, starting with a letter, at most 20 characters.
 *
 * @example
 * const prefix = checkDatabasePrefix(process.env.TEST_DB_PREFIX ?? 'myapp');
 */
export function checkDatabasePrefix(prefix: string): string {
  if (!/^[a-z][a-z0-9_]{0,19}$/.test(prefix)) {
    throw new Error(`database prefix must match [a-z][a-z0-9_]{0,19}; got one that does not`);
  }
  return prefix;
}

/**
 * Ensures a migrated template database `<prefix>_tpl_<checksums>` exists on the server and returns its
 * name. Built under an advisory lock (workers race to it), first under a temporary name and renamed
 * when complete, so a crash never leaves a half-migrated template behind. It persists across runs;
 * when a new one is built, older templates of the same prefix beyond the newest {@link KEPT_TEMPLATES}
 * are dropped (skipped while someone is connected to them).
 *
 * @example
 * const template = await postgresTemplate(process.env.TEST_DATABASE_URL!, './drizzle', 'myapp');
 * await admin.unsafe(`create database my_test template "${template}"`);
 */
export async function postgresTemplate(serverUrl: string, migrationsFolder: string, prefix = 'org'): Promise<string> {
  const name = `${checkDatabasePrefix(prefix)}_tpl_${templateKey(migrationsFolder)}`;
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
      await dropStaleTemplates(admin, prefix, name);
    }
    await admin`select pg_advisory_unlock(hashtextextended(${name}, 0))`;
    return name;
  } finally {
    await admin.end();
  }
}

/**
 * Drops templates of this prefix older than the newest {@link KEPT_TEMPLATES} (database OIDs grow with
 * creation). A template in use by another run cannot be dropped without force; it is left for later.
 */
async function dropStaleTemplates(admin: Sql, prefix: string, current: string): Promise<void> {
  const pattern = `${prefix.replace(/_/g, '\\_')}\\_tpl\\_%`;
  const templates = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like ${pattern} and datname not like '%\\_building' order by oid desc`;
  for (const { datname } of templates.slice(KEPT_TEMPLATES)) {
    if (datname === current) continue;
    await admin.unsafe(`drop database if exists "${datname}"`).catch(() => undefined);
  }
}

/** Creates a new database copied from the template; returns its name and URL. */
export async function createDatabaseFromTemplate(serverUrl: string, template: string, prefix = 'org') {
  const name = `${checkDatabasePrefix(prefix)}_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
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
