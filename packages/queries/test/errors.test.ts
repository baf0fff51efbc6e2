import { projects, users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import {
  CheckViolationError,
  ForeignKeyViolationError,
  NotFoundError,
  NotNullViolationError,
  UniqueViolationError,
  ValidationError,
  createOrgRepositories,
  isDataLayerError,
  toDataLayerError,
  transaction,
  type OrgDb,
} from '../src/index.ts';

// A failed statement aborts the enclosing transaction; each expected failure runs in its own
// savepoint (a nested transaction) so the test can keep querying afterwards.
const attempt = <T>(db: OrgDb, fn: (tx: OrgDb) => Promise<T>) => transaction(db, fn).catch((e: unknown) => e);

describe('typed errors, the same on both drivers', () => {
  test('unique violation names the constraint and columns, not the value', async ({ db, factories }) => {
    const secret = 'canary-7f3a@example.test';
    await factories.users.create({ email: secret });
    const error = await attempt(db, (tx) => createOrgRepositories(tx).users.create({ email: secret }));
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', constraint: 'users_email_live_key', table: 'users', columns: ['email'] });
    expect(String((error as Error).message)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(isDataLayerError(error, UniqueViolationError)).toBe(true);
  });

  test('foreign-key, not-null and check violations', async ({ db }) => {
    const fk = await attempt(db, (tx) =>
      tx
        .insert(projects)
        .values({ name: 'orphan', userId: crypto.randomUUID() })
        .then(() => 0),
    );
    expect(toDataLayerError(fk)).toBeInstanceOf(ForeignKeyViolationError);
    expect(toDataLayerError(fk)).toMatchObject({ constraint: 'projects_user_id_users_id_fk', table: 'projects' });

    const notNull = await attempt(db, (tx) => tx.execute(sql`insert into users (email) values (null)`));
    expect(notNull).toBeInstanceOf(NotNullViolationError);
    expect(notNull).toMatchObject({ table: 'users', columns: ['email'] });

    const [owner] = await db.insert(users).values({ email: 'owner@example.test' }).returning();
    const check = await attempt(db, (tx) =>
      tx
        .insert(projects)
        .values({ name: 'p', userId: owner!.id, validationScore: 101 })
        .then(() => 0),
    );
    expect(check).toBeInstanceOf(CheckViolationError);
    expect(check).toMatchObject({ constraint: 'projects_validation_score_check' });
  });

  test('validation happens before SQL and writes nothing', async ({ db }) => {
    const repos = createOrgRepositories(db);
    const error = await repos.leads.create({ name: 'x', email: 'bad', phone: '1', state: 'CAL', debtAmount: '1.234' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.')).sort()).toEqual(['debtAmount', 'email', 'state']);
    expect(await repos.leads.count()).toBe(0);
  });

  test('application errors pass through transactions unchanged', async ({ db }) => {
    class Mine extends Error {}
    await expect(
      transaction(db, async () => {
        throw new Mine('x');
      }),
    ).rejects.toBeInstanceOf(Mine);
  });

  test('get on a missing row is a NotFoundError', async ({ db }) => {
    await expect(createOrgRepositories(db).projects.getById(crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});
