import { projects, users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { ValidationError, createOrgRepositories, createRepository } from '../src/index.ts';

// users.email is unique among live rows only (partial unique index users_email_live_key, `where
// deleted_at is null`): ON CONFLICT (email) without that predicate is 42P10 in PostgreSQL. The
// repository takes the predicate from the table's index config, so the plain upsert works.

describe('upsert on a partial unique index', () => {
  test("target 'email' updates the live row, inserts afresh next to a soft-deleted one", async ({ db }) => {
    const repo = createOrgRepositories(db).users;
    const first = await repo.upsert({ email: 'ada@example.test', name: 'Ada' }, { target: 'email' });
    const again = await repo.upsert({ email: 'ada@example.test', name: 'Ada L.' }, { target: 'email' });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Ada L.');
    expect(await repo.count({ where: { email: 'ada@example.test' } })).toBe(1);

    // A soft-deleted account's email signs up again: a new live row, the deleted one untouched.
    await repo.softDelete(first.id);
    const fresh = await repo.upsert({ email: 'ada@example.test', name: 'Ada again' }, { target: 'email' });
    expect(fresh.id).not.toBe(first.id);
    expect((await repo.getById(first.id, { withDeleted: true })).name).toBe('Ada L.');
    expect(await repo.count({ where: { email: 'ada@example.test' }, withDeleted: true })).toBe(2);
  });

  test("claude_code's pattern onConflictDoUpdate({ target: users.email }) through the repository", async ({ db }) => {
    const repo = createRepository(db, users);
    const first = await repo.upsert({ email: 'cc@example.test', name: 'one' }, { target: users.email, set: ['name'] });
    const second = await repo.upsert({ email: 'cc@example.test', name: 'two' }, { target: [users.email] });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('two');
    // An explicit predicate still wins (here the same one, written by hand).
    const third = await repo.upsert({ email: 'cc@example.test', name: 'three' }, { target: 'email', targetWhere: sql`deleted_at is null` });
    expect(third.id).toBe(first.id);
  });

  test('a target without a unique index or constraint, or a foreign column, is a ValidationError before SQL', async ({ db }) => {
    const repo = createOrgRepositories(db).users;
    await expect(repo.upsert({ email: 'x@example.test', name: 'x' }, { target: 'name' })).rejects.toThrow(ValidationError);
    await expect(repo.upsert({ email: 'x@example.test', name: 'x' }, { target: projects.name as never })).rejects.toThrow(ValidationError);
    await expect(repo.upsert({ email: 'x@example.test', name: 'x' }, { target: [] as never })).rejects.toThrow(ValidationError);
    expect(await repo.count({ where: { email: 'x@example.test' }, withDeleted: true })).toBe(0);
  });
});
