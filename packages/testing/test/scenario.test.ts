import { activityLog, analyticsEvents, leads, messages, projects, scrapingResults, systemConfigurations, users } from '@org/schema';
import { isNotNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { orgTest as test } from '../src/vitest.ts';
import { seedScenario } from '../src/index.ts';

test('the demo scenario builds a related graph across the domain modules', async ({ db }) => {
  const demo = await seedScenario(db, 'demo', { leads: 30 });
  expect(demo.users).toHaveLength(6);
  expect(await db.$count(users, isNotNull(users.deletedAt))).toBe(1);
  expect(await db.$count(projects)).toBe(6);
  expect(await db.$count(messages)).toBe(40);
  expect(await db.$count(activityLog)).toBe(5);
  expect(await db.$count(leads)).toBe(30);
  expect(await db.$count(leads, isNotNull(leads.partnerId))).toBe(6);
  expect(await db.$count(analyticsEvents)).toBe(60);
  expect(await db.$count(scrapingResults)).toBe(3);
  expect(await db.$count(systemConfigurations)).toBe(5);
  const withProjects = await db.query.users.findMany({ with: { projects: true, profile: true } });
  const ada = withProjects.find((u) => u.name === 'Ada Lovelace');
  expect(ada?.projects).toHaveLength(3);
  expect(ada?.profile?.isAdmin).toBe(true);
});

test('a scenario seeded in a test is rolled back with it', async ({ db }) => {
  expect(await db.$count(users)).toBe(0);
  expect(await db.$count(systemConfigurations)).toBe(0);
});
