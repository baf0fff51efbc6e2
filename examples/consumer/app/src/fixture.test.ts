// The consumer's own vitest suite on the published fixtures.
import { leads } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { expect } from 'vitest';

test('creates a lead through a factory in a rolled-back database', async ({ db, factories }) => {
  await factories.leads.create({ state: 'TX' });
  expect(await db.$count(leads)).toBe(1);
});

test('sees a clean database', async ({ db }) => {
  expect(await db.$count(leads)).toBe(0);
});
