import { leads } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { describe, expect } from 'vitest';
import { InvalidCursorError, ValidationError, createRepository } from '../src/index.ts';

const make = (db: Parameters<typeof createRepository>[0]) =>
  createRepository(db, leads, { sortable: ['createdAt', 'debtAmount', 'state'], cursorSecret: 'test-secret' });

describe('keyset pagination', () => {
  test('walks every row exactly once forwards and backwards, with ties broken by id', async ({ db, factories }) => {
    // Few distinct values: most rows tie on the sort keys, which is where naive cursors skip or repeat.
    await factories.leads.createList(53, (i) => ({ state: ['CA', 'TX', 'NY'][i % 3]!, debtAmount: `${(i % 4) * 1000}.00` }));
    const repo = make(db);
    const sort = [
      ['state', 'asc'],
      ['debtAmount', 'desc'],
    ] as const;
    const expected = (await repo.findMany({ orderBy: sort, limit: 100 })).map((l) => l.id);

    const seen: string[] = [];
    let page = await repo.paginate({ sort, limit: 10 });
    expect(page.prevCursor).toBeUndefined();
    seen.push(...page.items.map((l) => l.id));
    while (page.nextCursor) {
      page = await repo.paginate({ sort, limit: 10, after: page.nextCursor });
      seen.push(...page.items.map((l) => l.id));
    }
    expect(seen).toEqual(expected);

    const back: string[] = [];
    let cursor = page.prevCursor;
    back.unshift(...page.items.map((l) => l.id));
    while (cursor) {
      const previous = await repo.paginate({ sort, limit: 10, before: cursor });
      back.unshift(...previous.items.map((l) => l.id));
      cursor = previous.prevCursor;
    }
    expect(back).toEqual(expected);
  });

  test('refuses tampered, foreign and garbage cursors', async ({ db, factories }) => {
    await factories.leads.createList(5);
    const repo = make(db);
    const { nextCursor } = await repo.paginate({ sort: [['createdAt', 'desc']], limit: 2 });
    const [payload, mac] = nextCursor!.split('.');
    const edited = Buffer.from(payload!, 'base64url')
      .toString()
      .replace(/"v":\[/, '"v":["x",');
    const tampered = `${Buffer.from(edited).toString('base64url')}.${mac}`;
    for (const bad of [tampered, 'garbage', `${payload}.AAAA`, 'x'.repeat(10_000)]) {
      await expect(repo.paginate({ sort: [['createdAt', 'desc']], after: bad })).rejects.toBeInstanceOf(InvalidCursorError);
    }
    await expect(repo.paginate({ sort: [['debtAmount', 'desc']], after: nextCursor })).rejects.toThrow(/different table or sort/);
    const otherKey = createRepository(db, leads, { sortable: ['createdAt'], cursorSecret: 'another' });
    await expect(otherKey.paginate({ sort: [['createdAt', 'desc']], after: nextCursor })).rejects.toThrow(/signature/);
  });

  test('rejects limits beyond the page size and sorts off the allow-list', async ({ db }) => {
    const repo = make(db);
    await expect(repo.paginate({ limit: 101 })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo.paginate({ sort: [['email', 'asc']] as never })).rejects.toBeInstanceOf(ValidationError);
    expect(() => createRepository(db, leads, { sortable: ['monthlyPayment'] })).toThrow(/NOT NULL/);
  });
});

describe('offset pagination', () => {
  test('returns the page and the total', async ({ db, factories }) => {
    await factories.leads.createList(23);
    const page = await make(db).page({ page: 3, pageSize: 10, orderBy: [['createdAt', 'asc']] });
    expect(page).toMatchObject({ total: 23, page: 3, pageSize: 10, pageCount: 3 });
    expect(page.items).toHaveLength(3);
  });
});
