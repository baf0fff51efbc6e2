/** The database engines a suite can run on. */
export type TestEngineName = 'pglite' | 'postgres';

/**
 * Which engine fixtures use: `ORG_TEST_ENGINE` when set, else PostgreSQL when `TEST_DATABASE_URL`
 * is set, else embedded PGlite. A repo that wants both runs its suite twice (one vitest project per
 * engine), as this monorepo does.
 *
 * @example
 * selectTestEngine({ TEST_DATABASE_URL: 'postgres://localhost/test' }); // 'postgres'
 */
export function selectTestEngine(env: NodeJS.ProcessEnv = process.env): TestEngineName {
  const forced = env.ORG_TEST_ENGINE;
  if (forced === 'pglite' || forced === 'postgres') return forced;
  if (forced) throw new Error(`ORG_TEST_ENGINE must be 'pglite' or 'postgres', not '${forced}'`);
  return env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

/** The server URL for PostgreSQL fixtures. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: PostgreSQL fixtures need a server URL');
  return url;
}
