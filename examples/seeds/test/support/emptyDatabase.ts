// Test-only: an empty database on the engine this project runs on, for the teams' migrate scripts
// (the fixtures' databases are already migrated). PostgreSQL: a uniquely named database of our own,
// dropped afterwards; PGlite: a fresh in-memory instance createDatabase opens itself.
import { selectTestEngine } from '@org/testing';
import postgres from 'postgres';

/** Where an empty database is: createDatabase's `url`, or `pglite` for a fresh instance. */
export interface EmptyDatabase {
  engine: 'pglite' | 'postgres';
  /** The server URL of the new database (PostgreSQL only). */
  url: string | undefined;
  /** Drops the database (PostgreSQL); nothing for PGlite (closing the client frees it). */
  drop(): Promise<void>;
}

/** A new empty database on the test engine. */
export async function emptyDatabase(prefix: string): Promise<EmptyDatabase> {
  if (selectTestEngine() === 'pglite') return { engine: 'pglite', url: undefined, drop: async () => {} };
  const server = new URL(process.env.TEST_DATABASE_URL!);
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    url: url.toString(),
    async drop() {
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
