// @org/testing/vitest: the vitest fixtures (import from test files only).
export { createDatabaseTest } from './fixtures/createDatabaseTest.ts';
export type { DatabaseFixtures } from './fixtures/createDatabaseTest.ts';
export { orgTest } from './fixtures/orgTest.ts';
export { useTestDatabase, DatabaseNotBindableError } from './fixtures/useTestDatabase.ts';
export type { TestWithDatabase } from './fixtures/useTestDatabase.ts';
