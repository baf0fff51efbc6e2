import { leads, projects, users } from '@org/schema';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrgRepositories,
  createRepository,
  execute,
  getConfig,
  getJobWithResults,
  getLeadStats,
  getProjectStats,
  getQualifiedLeadsWithPartners,
  getUserSessionStats,
  listConfigs,
  listProjectsByUser,
  searchLeads,
  transaction,
  type OrgDatabase,
  type OrgDb,
  type OrgRepositories,
} from '../src/index.ts';
import { openEnginePair, type EnginePair } from './support/parity/openEnginePair.ts';
import { parityProbes, probeRows } from './support/parity/probeTable.ts';
import { at, ids, seedOrgRows } from './support/parity/seedOrgRows.ts';
import { expectSameOnBoth, failureOf, masked, typeShape } from './support/parity/sameOnBoth.ts';

// The same public calls on embedded PGlite and on PostgreSQL, in one process, over the same rows: every
// value and every value's type must agree. Runs in the 'queries (postgres)' project; the pooler
// variant talks to the same server through PgBouncer and would only repeat it.
const serverUrl = process.env.TEST_DATABASE_URL;
const enabled = process.env.ORG_TEST_ENGINE === 'postgres' && !!serverUrl && !process.env.TEST_POOLER_URL;

/** Values the database generates (ids, clock timestamps): compared by type only. */
const GENERATED = ['id', 'createdAt', 'updatedAt', 'deletedAt', 'signupTimestamp'];

describe.runIf(enabled)('engine parity: the same calls give the same values and types on PGlite and PostgreSQL', () => {
  let pair: EnginePair;
  const repos = new Map<OrgDatabase, OrgRepositories>();

  /** Runs one call on PGlite, then on PostgreSQL. */
  async function onBoth<T>(call: (db: OrgDb, repos: OrgRepositories, database: OrgDatabase) => Promise<T>): Promise<[T, T]> {
    const results: T[] = [];
    for (const database of pair.both) results.push(await call(database.db, repos.get(database)!, database));
    return results as [T, T];
  }
  /** Runs one call on both engines and asserts the same values and types. */
  async function same(label: string, call: (db: OrgDb, repos: OrgRepositories, database: OrgDatabase) => Promise<unknown>) {
    const results = await onBoth(call);
    expectSameOnBoth(label, results);
    return results[0];
  }

  beforeAll(async () => {
    pair = await openEnginePair(serverUrl!);
    for (const database of pair.both) {
      await seedOrgRows(database.db);
      repos.set(database, createOrgRepositories(database.db));
    }
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('the seed holds the same rows on both engines', async () => {
    await same('users', (db) => db.select().from(users).orderBy(users.id));
    await same('leads', (db) => db.select().from(leads).orderBy(leads.id));
    await same('projects', (db) => db.select().from(projects).orderBy(projects.id));
  });

  describe('repository reads', () => {
    it('findById, getById and findOneBy (the prepared paths)', async () => {
      await same('findById', (_, r) => r.users.findById(ids.ada));
      await same('findById deleted', (_, r) => r.users.findById(ids.gone));
      await same('findById withDeleted', (_, r) => r.users.findById(ids.gone, { withDeleted: true }));
      await same('findById missing', (_, r) => r.users.findById('00000000-0000-4000-8000-ffffffffffff'));
      await same('findById not a uuid', (_, r) => r.users.findById('nope'));
      await same('getById lead', (_, r) => r.leads.getById(ids.lead(0)));
      await same('findOneBy email', (_, r) => r.users.findOneBy('email', 'zoë@example.test'));
      await same('findOneBy numeric', (_, r) => r.leads.findOneBy('debtAmount', '99999999.99'));
      await same('getById job', (_, r) => r.scrapingJobs.getById(ids.job));
      await same('getById profile', (_, r) => r.userProfiles.getById('00000000-0000-4000-8000-000000000009'));
    });

    it('findMany with every filter operator', async () => {
      const filters: [string, Parameters<OrgRepositories['leads']['findMany']>[0]][] = [
        ['equality', { where: { state: 'CA' } }],
        ['eq', { where: { state: { eq: 'CA' } } }],
        ['ne', { where: { state: { ne: 'CA' } } }],
        ['null', { where: { monthlyPayment: null } }],
        ['isNull false', { where: { ipAddress: { isNull: false } } }],
        ['gt numeric', { where: { debtAmount: { gt: '10000.00' } } }],
        ['gte numeric', { where: { debtAmount: { gte: '10000' } } }],
        ['lt', { where: { debtAmount: { lt: '10000' } } }],
        ['lte', { where: { debtAmount: { lte: '12345.67' } } }],
        ['date range', { where: { createdAt: { gte: at(161), lt: at(163) } } }],
        ['in', { where: { status: { in: ['new', 'qualified'] } } }],
        ['notIn', { where: { status: { notIn: ['new'] } } }],
        ['like', { where: { name: { like: '%é%' } } }],
        ['ilike', { where: { name: { ilike: 'ANA%' } } }],
        ['array contains', { where: { debtTypes: { contains: ['credit_card'] } } }],
        ['array containedBy', { where: { debtTypes: { containedBy: ['credit_card', 'medical', 'student'] } } }],
        ['array overlaps', { where: { debtTypes: { overlaps: ['student', 'medical'] } } }],
        ['array eq', { where: { debtTypes: { eq: [] } } }],
        ['json contains', { where: { quizAnswers: { contains: { debtSource: 'cards' } } } }],
        ['or', { where: { or: [{ state: 'NY' }, { debtAmount: { gte: '50000' } }] } }],
        ['withDeleted', { where: { state: 'CA' }, withDeleted: true }],
        ['onlyDeleted', { onlyDeleted: true }],
        ['order and offset', { orderBy: [['debtAmount', 'desc']], limit: 2, offset: 1 }],
      ];
      for (const [label, options] of filters) await same(`findMany ${label}`, (_, r) => r.leads.findMany(options));
      await same('findMany projects json', (_, r) => r.projects.findMany({ where: { collectedData: { isNull: false } } }));
    });

    it('relational reads with nested relations, count, exists', async () => {
      await same('findManyWith', (_, r) =>
        r.projects.findManyWith({ with: { conversations: { with: { messages: true } }, user: true }, orderBy: (p, { asc }) => [asc(p.id)] }),
      );
      await same('findFirstWith', (_, r) => r.leads.findFirstWith({ with: { partner: true, events: true }, where: (l, { eq }) => eq(l.id, ids.lead(3)) }));
      await same('findByIdWith', (_, r) => r.users.findByIdWith(ids.ada, { with: { profile: true, projects: true, sessions: true } }));
      await same('findByIdWith columns', (_, r) =>
        r.scrapingJobs.findByIdWith(ids.job, { columns: { progress: true, keywords: true }, with: { results: true, campaign: true } }),
      );
      await same('count', (_, r) => r.leads.count({ where: { state: 'CA' } }));
      await same('count all', (_, r) => r.projects.count({ withDeleted: true }));
      await same('exists', (_, r) => r.leads.exists({ where: { state: 'NY' } }));
      await same('not exists', (_, r) => r.leads.exists({ where: { state: 'ZZ' } }));
    });

    it('keyset pages forwards and backwards hold the same rows (cursors are per engine)', async () => {
      for (const sort of [[['updatedAt', 'desc']], [['validationScore', 'asc']], [['name', 'asc']]] as const) {
        const walks = await onBoth(async (_, r) => {
          const forwards: unknown[][] = [];
          let page = await r.projects.paginate({ sort, limit: 2, withDeleted: true });
          forwards.push(page.items);
          while (page.nextCursor) {
            page = await r.projects.paginate({ sort, limit: 2, after: page.nextCursor, withDeleted: true });
            forwards.push(page.items);
          }
          const backwards: unknown[][] = [page.items];
          while (page.prevCursor) {
            page = await r.projects.paginate({ sort, limit: 2, before: page.prevCursor, withDeleted: true });
            backwards.push(page.items);
          }
          return { forwards, backwards };
        });
        expectSameOnBoth(`paginate ${JSON.stringify(sort)}`, walks);
        expect(walks[0].forwards.flat()).toHaveLength(7);
      }
      await same('page', (_, r) => r.leads.page({ orderBy: [['debtAmount', 'asc']], page: 2, pageSize: 2 }));
      await same('page past the end', (_, r) => r.leads.page({ page: 9, pageSize: 2 }));
    });

    it('a repository over every other column type (int8 in both modes, date, timestamp, interval, arrays)', async () => {
      const probes = (db: OrgDb) => createRepository(db, parityProbes, { sortable: ['label'] });
      for (const n of [1, 2, 3]) await same(`probe findById ${n}`, (db) => probes(db).findById(n));
      await same('probe findOneBy', (db) => probes(db).findOneBy('label', 'whole seconds'));
      await same('probe findMany', (db) => probes(db).findMany({ orderBy: [['label', 'asc']] }));
      await same('probe paginate', (db) => probes(db).paginate({ sort: [['label', 'desc']], limit: 10 }));
      await same('probe page', (db) => probes(db).page({ pageSize: 10 }));
      await same('probe filter int8', (db) => probes(db).findMany({ where: { count64: { lt: 0n } } }));
    });
  });

  describe('raw SQL through execute()', () => {
    it('counts, int8, numeric, timestamps as text, jsonb, arrays, booleans and nulls', async () => {
      await same('count(*)', (db) => execute(db, sql`select count(*) as n, count(*)::int as i from leads`));
      await same('int8 values', (db) =>
        execute(db, sql`select count64, count53, sum(count53) as total from parity_probes group by count64, count53 order by count64 nulls last`),
      );
      await same('int8 array', (db) =>
        execute(db, sql`select array_agg(count53 order by id) as counts, array_agg(id::bigint order by id) as ids from parity_probes`),
      );
      await same('numeric', (db) =>
        execute(
          db,
          sql`select amount, amount * 2 as twice, avg(debt_amount) over () as avg from parity_probes, leads where parity_probes.id = 1 and leads.id = ${ids.lead(0)}`,
        ),
      );
      await same('timestamptz as text', (db) => execute(db, sql`select created_at::text as text, created_at from leads order by id`));
      await same('every probe column', (db) => execute(db, sql`select * from parity_probes order by id`));
      await same('jsonb and arrays', (db) =>
        execute(db, sql`select metadata, '{}'::text[] as empty, array['ü', null] as tags, '{{1,2},{3,4}}'::int[] as grid from users order by id`),
      );
      await same('booleans and nulls', (db) =>
        execute(db, sql`select true as t, false as f, null as n, null::int as ni, partner_matched from leads order by id`),
      );
      await same('bytea', (db) => execute(db, sql`select '\\x00ff10'::bytea as b, array['\\x01'::bytea, null] as bs`));
      await same('uuid, inet, interval, float', (db) =>
        execute(db, sql`select id, ip_address, interval '1 day 2 hours' as span, 0.1::float8 + 0.2::float8 as sum, 1.5::real as r from leads order by id`),
      );
    });

    it('arrays of any text and NULLs read back as written on both engines (property)', async () => {
      const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('NULL', 'null', '"', '\\', '{', '}', ',', ' a ', ''), fc.constant(null));
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            text.filter((t) => t === null || !t.includes('\0')),
            { maxLength: 8 },
          ),
          async (values) => {
            // The server builds the array from JSON, so no driver serialises it: only the reading is tested.
            const results = await onBoth((db) => execute(db, sql`select array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)) as a`));
            expect(results[0]).toStrictEqual([{ a: values }]);
            expect(results[1]).toStrictEqual([{ a: values }]);
          },
        ),
        { numRuns: 100 },
      );
    });

    it('parameters: Date, numbers, bigint, booleans, strings, null, jsonb text', async () => {
      const since = at(161);
      await same('Date compared to timestamptz', (db) => execute(db, sql`select count(*) as n from leads where created_at >= ${since}`));
      await same('Date selected', (db) => execute(db, sql`select ${since} as d, ${since}::timestamptz as ts, ${since}::timestamptz::text as text`));
      await same('Date to a date column', (db) => execute(db, sql`select count(*) as n from parity_probes where day_date <= ${since}`));
      await same('numbers', (db) => execute(db, sql`select ${42} as i, ${1.5} as f, ${42}::int as cast_i, ${'12.30'}::numeric as num`));
      await same('bigint', (db) =>
        execute(db, sql`select ${9_223_372_036_854_775_807n}::bigint as b, count(*) as n from parity_probes where count64 = ${9_223_372_036_854_775_807n}`),
      );
      await same('booleans', (db) => execute(db, sql`select ${true} as t, ${false}::boolean as f, count(*) as n from leads where partner_matched = ${true}`));
      await same('strings and null', (db) => execute(db, sql`select ${'ü ✓'} as s, ${null}::text as n, ${''} as empty`));
      await same('jsonb text', (db) => execute(db, sql`select ${JSON.stringify({ a: [1, 'ü'] })}::jsonb as doc`));
    });
  });

  describe('query builder selections of SQL expressions', () => {
    it('int8 and bytea expressions read the same (the drivers’ own parsers, not execute())', async () => {
      await same('count(*) in a select', (db) => db.select({ n: sql`count(*)`, ids: sql`array_agg(${leads.id}::text order by ${leads.id})` }).from(leads));
      await same('int8 and bytea', (db) =>
        db
          .select({ big: sql`${parityProbes.count64}`, sum: sql`sum(${parityProbes.count53}) over ()`, raw: sql`decode('00ff', 'hex')` })
          .from(parityProbes)
          .orderBy(parityProbes.id),
      );
      await same('relational extras', (_, r) =>
        r.users.findManyWith({
          extras: { sessions: sql<string>`(select count(*) from sessions s where s.user_id = ${users.id})`.as('sessions') },
          orderBy: (u, { asc }) => [asc(u.id)],
        }),
      );
    });
  });

  describe('domain functions', () => {
    it('read the same on both engines', async () => {
      await same('getLeadStats', (db) => getLeadStats(db, at(0)));
      await same('getQualifiedLeadsWithPartners', (db) => getQualifiedLeadsWithPartners(db, { minDebt: '0' }));
      await same('searchLeads', (db) => searchLeads(db, 'spring'));
      await same('getProjectStats', (db) => getProjectStats(db, ids.ada));
      await same('listProjectsByUser', (db) => listProjectsByUser(db, ids.ada, { pageSize: 3 }));
      await same('getJobWithResults', (db) => getJobWithResults(db, ids.job));
      await same('getUserSessionStats', (db) => getUserSessionStats(db, at(0)));
      await same('getConfig', (db) => getConfig(db, 'ui', 'theme'));
      await same('getConfig number', (db) => getConfig(db, 'limits', 'max_upload'));
      await same('listConfigs', (db) => listConfigs(db, 'limits'));
    });
  });

  describe('writes return the same rows', () => {
    it('create, update, upsert, softDelete, restore, createMany, delete', async () => {
      const gen = (label: string, call: Parameters<typeof onBoth>[0]) =>
        onBoth(call).then((results) => {
          expect(typeShape(results[1]), `${label}: types`).toStrictEqual(typeShape(results[0]));
          expect(masked(results[1], GENERATED), `${label}: values`).toStrictEqual(masked(results[0], GENERATED));
          return results as [unknown, unknown];
        });
      const [created] = (await gen('create', (_, r) =>
        r.leads.create({
          name: 'Ünïcode Lead',
          email: 'new@example.test',
          phone: '+1',
          state: 'CA',
          debtAmount: '1234.50',
          debtTypes: ['a', 'b'],
          quizAnswers: { q: 'ü' } as never,
        }),
      )) as [{ id: string }, { id: string }];
      const createdIds = new Map<OrgDatabase, string>();
      await onBoth(async (_db, r, database) => {
        createdIds.set(database, ((await r.leads.findOneBy('email', 'new@example.test')) as { id: string }).id);
      });
      expect(created.id).toBe(createdIds.get(pair.pglite));
      await gen('update', (_, r, database) => r.leads.update(createdIds.get(database)!, { debtAmount: '99.99', monthlyPayment: null, debtTypes: [] }));
      await gen('upsert insert', (_, r) =>
        r.systemConfigurations.upsert({ category: 'new', key: 'k', value: '1', valueType: 'number' }, { target: ['category', 'key'] }),
      );
      await gen('upsert update', (_, r) =>
        r.systemConfigurations.upsert({ category: 'new', key: 'k', value: '2', valueType: 'number', description: 'ü' }, { target: ['category', 'key'] }),
      );
      await gen('softDelete', (_, r, database) => r.leads.softDelete(createdIds.get(database)!));
      await gen('restore', (_, r, database) => r.leads.restore(createdIds.get(database)!));
      await gen('createMany', (_, r) =>
        r.projects.createMany([
          { userId: ids.zoe, name: 'bulk ü', validationScore: 10 },
          { userId: ids.zoe, name: 'bulk 2', collectedData: { useCases: ['x'] }, status: 'active' },
        ]),
      );
      await gen('delete', (_, r, database) => r.leads.delete(createdIds.get(database)!));
      await gen('purge', (_, r, database) => r.leads.purge(createdIds.get(database)!));
    });

    it('insertBulk through COPY and through INSERT stores the same values', async () => {
      const rows = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => {
          const { createdAt: _createdAt, ...row } = probeRows[i % 2]!; // the database's to set
          return { ...row, id: from + i, label: `bulk ${from + i} ${row.label}` };
        });
      await onBoth((db) => createRepository(db, parityProbes, { copyThreshold: 500 }).insertBulk(rows(1000, 600)));
      await onBoth((db) => createRepository(db, parityProbes, { copyThreshold: 500 }).insertBulk(rows(2000, 10)));
      const stored = await onBoth((db) => db.select().from(parityProbes).where(sql`${parityProbes.id} >= 1000`).orderBy(parityProbes.id));
      expectSameOnBoth('bulk rows', [masked(stored[0], ['createdAt']), masked(stored[1], ['createdAt'])]);
      const [copied, inserted] = await Promise.all([
        pair.postgres.db.select().from(parityProbes).where(sql`${parityProbes.id} = 1000`),
        pair.postgres.db.select().from(parityProbes).where(sql`${parityProbes.id} = 2000`),
      ]);
      const comparable = (row: object | undefined) => ({ ...row, id: 0, label: '', createdAt: null });
      expect(comparable(copied[0]), 'COPY and INSERT store the same row').toStrictEqual(comparable(inserted[0]));
    });

    it('transactions return the same results', async () => {
      await same('transaction result', (db) =>
        transaction(db, async (tx) => {
          const [row] = await execute(tx, sql`select count(*) as n, now() = now() as stable from leads`);
          const lead = await createOrgRepositories(tx).leads.getById(ids.lead(1));
          return { row, lead, nested: await transaction(tx, async (inner) => execute(inner, sql`select ${at(1)}::timestamptz::text as at`)) };
        }),
      );
    });
  });

  describe('typed errors', () => {
    it('constraint violations and validation errors carry the same class, code, sqlState, constraint, table and columns', async () => {
      await same('unique', (_, r) => failureOf(() => r.users.create({ email: 'ada@example.test' })));
      await same('foreign key', (_, r) => failureOf(() => r.projects.create({ userId: '00000000-0000-4000-8000-ffffffffffff', name: 'x' })));
      await same('foreign key on delete', (db) => failureOf(() => execute(db, sql`delete from partners where id = ${ids.partner} and false`)));
      await same('not null', (db) => failureOf(() => execute(db, sql`insert into users (email) values (null)`)));
      await same('check', (db) => failureOf(() => execute(db, sql`update projects set validation_score = 101 where id = ${ids.project(0)}`)));
      await same('check through the repository', (_, r) => failureOf(() => r.leads.update(ids.lead(0), { status: 'bogus' as never })));
      await same('validation issues', (_, r) => failureOf(() => r.leads.create({ name: '', email: 'not an email', state: 'California' } as never)));
      await same('bad uuid in raw SQL', (db) => failureOf(() => execute(db, sql`select * from users where id = ${'nope'}`)));
      await same('syntax error', (db) => failureOf(() => execute(db, sql`selec 1`)));
      await same('not found', (_, r) => failureOf(() => r.leads.getById('00000000-0000-4000-8000-ffffffffffff')));
    });
  });
});
