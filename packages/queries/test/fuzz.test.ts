import { leads, projects, users } from '@org/schema';
import { Random } from '@org/testing';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { CheckViolationError, DataLayerError, createOrgRepositories, searchLeads, transaction, type OrgDb } from '../src/index.ts';

const NASTY = [
  "'",
  '"',
  '--',
  ';',
  '/*',
  '*/',
  '\\',
  '%',
  '_',
  '\u0000',
  'DROP TABLE leads',
  "' OR '1'='1",
  '🙂',
  'é',
  '\u202e',
  '$1',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile value that looks like a template, on purpose
  '${x}',
  '\n',
  ' ',
  'x'.repeat(5_000),
];
const FIELDS = ['name', 'email', 'state', 'status', 'debtAmount', 'createdAt', 'id', 'deletedAt', 'nope', '__proto__', 'name; drop', 'or'];
const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'like', 'ilike', 'isNull', 'between', 'raw'];

function nasty(r: Random): string {
  return Array.from({ length: r.int(1, 4) }, () => r.pick(NASTY)).join(r.pick(['', ' ', 'a']));
}

function value(r: Random): unknown {
  return r.pick([() => nasty(r), () => r.int(-5, 5), () => null, () => [nasty(r)], () => ({ [r.pick(OPS)]: nasty(r) }), () => true])();
}

describe('fuzzed input through the repositories', () => {
  test('never alters SQL, never writes, fails only with typed errors', async ({ db, factories }) => {
    await factories.leads.createList(5);
    const before = { leads: await db.$count(leads), users: await db.$count(users) };
    const r = new Random(1234);
    const repo = createOrgRepositories(db).leads;
    let typedErrors = 0;
    let results = 0;
    for (let i = 0; i < 300; i++) {
      const call = r.pick([
        () => repo.findMany({ where: { [r.pick(FIELDS)]: value(r) } as never, limit: r.int(1, 100) }),
        () => repo.count({ where: { [r.pick(FIELDS)]: { [r.pick(OPS)]: value(r) } } as never }),
        () => repo.findMany({ orderBy: [[r.pick(FIELDS), r.pick(['asc', 'desc', nasty(r)])]] as never }),
        () => repo.paginate({ after: nasty(r) }),
        () => repo.paginate({ sort: [[r.pick(FIELDS), 'asc']] as never, before: `${Buffer.from(nasty(r)).toString('base64url')}.x` }),
        () => searchLeads(db, nasty(r)),
        () => repo.findById(nasty(r)),
      ]);
      // Each call in its own savepoint: a statement error must not end the test's transaction.
      const outcome = await transaction(db as OrgDb, () => call() as Promise<unknown>).then(
        () => 'ok',
        (e: unknown) => e,
      );
      if (outcome === 'ok') results++;
      else {
        expect(outcome).toBeInstanceOf(DataLayerError);
        typedErrors++;
      }
    }
    expect(results + typedErrors).toBe(300);
    expect(typedErrors).toBeGreaterThan(50);
    expect({ leads: await db.$count(leads), users: await db.$count(users) }).toEqual(before);
    expect((await db.execute(sql`select to_regclass('leads')::text as t`)) !== undefined).toBe(true);
  });

  test('a canary in a bound parameter appears in no error message or serialised error', async ({ db, factories }) => {
    const canary = 'CANARY-9b41-secret';
    const owner = await factories.users.create();
    const error = await transaction(db as OrgDb, (tx) =>
      tx
        .insert(projects)
        .values({ name: canary, description: canary, userId: owner.id, validationScore: 101 })
        .then(() => null),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckViolationError);
    for (const text of [String(error), (error as Error).message, JSON.stringify(error), (error as Error).stack ?? '']) {
      expect(text).not.toContain(canary);
    }
    // The driver's error (with the failing row) stays reachable for debugging, but only on purpose.
    expect((error as Error).cause).toBeUndefined();
    expect(JSON.stringify((error as CheckViolationError).originalError() ?? null)).toContain(canary);
  });
});
