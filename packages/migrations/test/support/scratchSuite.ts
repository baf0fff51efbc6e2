import { afterAll, beforeAll, beforeEach } from 'vitest';
import { scratchDatabase, type EngineName, type ScratchDatabase } from '../../../../tooling/testEngines.ts';

/**
 * Registers the hooks of a suite that needs an empty database per test on one engine, and returns a
 * getter for it (PGlite: one instance emptied between tests; PostgreSQL: a new database per test).
 */
export function scratchSuite(engine: EngineName): () => ScratchDatabase {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase(engine);
  });
  beforeEach(async () => db.reset());
  afterAll(async () => db.close());
  return () => db;
}
