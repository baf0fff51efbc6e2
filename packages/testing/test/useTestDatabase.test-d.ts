import { test as plainTest, expectTypeOf } from 'vitest';
import { type createDatabaseTest, orgTest, useTestDatabase, type TestWithDatabase } from '../src/vitest.ts';
import type { TestDb } from '../src/index.ts';

declare const appDb: object;

// Any test with a `db` fixture takes the hook: orgTest, and createDatabaseTest over a schema of one's own.
useTestDatabase(orgTest, appDb);
declare const custom: ReturnType<typeof createDatabaseTest<{}>>;
useTestDatabase(custom, appDb);
expectTypeOf(orgTest).toExtend<TestWithDatabase<TestDb<Record<string, unknown>>>>();

// vitest's own `test` has no `db` fixture to bind to.
// @ts-expect-error the test has no db fixture
useTestDatabase(plainTest, appDb);
