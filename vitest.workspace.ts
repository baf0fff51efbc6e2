// The project list. vitest 4 ignores this file on its own; vitest.config.ts imports it (with the
// extension) and hands it to `test.projects`, so this stays the single place that names the projects.
//
// Packages whose tests use @org/testing fixtures run twice when TEST_DATABASE_URL is set: once on
// PGlite (their own config) and once on PostgreSQL (the same files, ORG_TEST_ENGINE=postgres).
// Packages that loop over both engines themselves (schema, migrations) run once.
import { existsSync } from 'node:fs';
import { PGBOUNCER, POOLER_URL } from './tooling/pgbouncerGlobalSetup.ts';

const fixtureProjects = ['packages/testing', 'packages/queries', 'examples/http-service', 'examples/seeds'].filter((dir) =>
  existsSync(`${dir}/vitest.config.ts`),
);

const postgresVariants = process.env.TEST_DATABASE_URL
  ? fixtureProjects.map((dir) => ({
      extends: `./${dir}/vitest.config.ts`,
      root: `./${dir}`,
      test: {
        name: `${dir.split('/').pop()} (postgres)`,
        env: { ORG_TEST_ENGINE: 'postgres' },
        // Types do not depend on the engine; they are checked once, in the PGlite project.
        typecheck: { enabled: false },
      },
    }))
  : [];

// The query suite once more through PgBouncer in transaction mode (when it is installed): the pooler
// client configuration (no named prepared statements) against the functional tests. Server-fault and
// replication tests talk to the server directly and stay in the postgres project.
const pooledVariant =
  process.env.TEST_DATABASE_URL && existsSync(PGBOUNCER)
    ? [
        {
          extends: './packages/queries/vitest.config.ts',
          root: './packages/queries',
          test: {
            name: 'queries (pgbouncer)',
            env: { ORG_TEST_ENGINE: 'postgres', TEST_POOLER_URL: POOLER_URL },
            globalSetup: ['../../tooling/pgbouncerGlobalSetup.ts'],
            exclude: ['test/reliability.test.ts', 'test/replication.test.ts', 'test/client.test.ts'],
            typecheck: { enabled: false },
          },
        },
      ]
    : [];

export default ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', ...postgresVariants, ...pooledVariant];
