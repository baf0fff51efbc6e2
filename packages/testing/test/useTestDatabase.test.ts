import { expect } from 'vitest';
import { DatabaseNotBindableError, orgTest as test, useTestDatabase } from '../src/vitest.ts';

// The hook's side of the binding protocol, without @org/queries (which implements the client side and
// tests it end to end in packages/queries/test/bindDatabase.test.ts): each test runs inside the app
// client's bind call, handed that test's own `db` fixture, and the binding is over when the test is.

let bound: object | undefined;
const replacements: object[] = [];
const appDb = {
  async [Symbol.for('@org/database.bind')](replacement: object, run: () => Promise<void>) {
    replacements.push(replacement);
    bound = replacement;
    try {
      await run();
    } finally {
      bound = undefined;
    }
  },
};

useTestDatabase(test, appDb);

test('a test runs inside the binding, bound to its own db fixture', async ({ db }) => {
  expect(bound).toBe(db);
  expect(replacements).toEqual([db]);
});

test('the next test gets a binding of its own, and the previous one is over', async ({ db }) => {
  expect(replacements).toHaveLength(2);
  expect(bound).toBe(db);
  expect(replacements[1]).toBe(db);
});

test('a client that cannot follow a test database is refused when the hook is set up', () => {
  expect(() => useTestDatabase(test, {})).toThrow(DatabaseNotBindableError);
  expect(() => useTestDatabase(test)).toThrow(DatabaseNotBindableError);
});
