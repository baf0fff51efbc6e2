// Over 200 lines: one test per repository capability, each with the literal SQL it sends, in one place
// so a reader sees every statement the repository generates side by side (kysely's style of test).
import { relations, sql } from 'drizzle-orm';
import { integer, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPostgresDatabase } from '../../../tooling/testEngines.ts';
import { ConflictError, createDatabase, createQueryLogger, createRepository, execute, transaction, type Database } from '../src/index.ts';

// The SQL each repository capability sends, as text and parameters, on every engine: PGlite (project
// `queries`), PostgreSQL (`queries (postgres)`) and PostgreSQL behind PgBouncer with `prepare: false`
// (`queries (pgbouncer)`). The statements are captured by createDatabase's `logger` (a recording sink,
// parameters not redacted: none here is a secret) and each call's result is checked too, so every
// assertion is on SQL that really ran. The text is the same on every engine and prepare mode except
// COPY (PGlite copies from a blob, postgres.js from stdin, see copyRows); prepare mode
// changes whether the server keeps a named statement, not the text (last test).

const engine = process.env.ORG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const pooled = engine === 'postgres' && Boolean(process.env.TEST_POOLER_URL);

const authors = pgTable(
  'gs_authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    handle: text('handle').notNull(),
    email: text('email').notNull(),
    score: integer('score').notNull().default(0),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('gs_authors_email_live').on(t.email).where(sql`deleted_at is null`)],
);
const posts = pgTable('gs_posts', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: uuid('author_id')
    .notNull()
    .references(() => authors.id),
  title: text('title').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
const tags = pgTable('gs_tags', { id: serial('id').primaryKey(), name: text('name').notNull().unique(), uses: integer('uses').notNull().default(0) });
const authorsRelations = relations(authors, ({ many }) => ({ posts: many(posts) }));
const postsRelations = relations(posts, ({ one }) => ({ author: one(authors, { fields: [posts.authorId], references: [authors.id] }) }));
const schema = { authors, posts, tags, authorsRelations, postsRelations };

const DDL = [
  'create table gs_authors (id uuid primary key default gen_random_uuid(), handle text not null, email text not null, score integer not null default 0, deleted_at timestamptz)',
  'create unique index gs_authors_email_live on gs_authors (email) where deleted_at is null',
  'create table gs_posts (id uuid primary key default gen_random_uuid(), author_id uuid not null references gs_authors(id), title text not null, deleted_at timestamptz)',
  'create table gs_tags (id serial primary key, name text not null unique, uses integer not null default 0)',
];

// Authors ada, bob, cy live and dee soft-deleted; ada has a live post and a deleted one; tags 1 'sql', 2 'pg'.
const ADA = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';
const CY = '00000000-0000-4000-8000-00000000000c';
const DEE = '00000000-0000-4000-8000-00000000000d';
const POST = '00000000-0000-4000-8000-0000000000f1';
const SEED = [
  `insert into gs_authors (id, handle, email, score, deleted_at) values ('${ADA}', 'ada', 'ada@example.test', 30, null),
     ('${BOB}', 'bob', 'bob@example.test', 10, null), ('${CY}', 'cy', 'cy@example.test', 20, null), ('${DEE}', 'dee', 'dee@example.test', 40, now())`,
  `insert into gs_posts (id, author_id, title, deleted_at) values ('${POST}', '${ADA}', 'first', null), ('00000000-0000-4000-8000-0000000000f2', '${ADA}', 'gone', now())`,
  `insert into gs_tags (name, uses) values ('sql', 1), ('pg', 2)`,
];

const ada = { id: ADA, handle: 'ada', email: 'ada@example.test', score: 30, deletedAt: null };
const bob = { id: BOB, handle: 'bob', email: 'bob@example.test', score: 10, deletedAt: null };
const cy = { id: CY, handle: 'cy', email: 'cy@example.test', score: 20, deletedAt: null };
const adaPost = { id: POST, authorId: ADA, title: 'first', deletedAt: null };
const anyId = expect.stringMatching(/^[0-9a-f-]{36}$/);

/** SQL written over several lines for reading: a line break and its indentation is one space, none after `(`. */
function oneLine(strings: TemplateStringsArray): string {
  return strings
    .join('')
    .trim()
    .replace(/\(\s*\n\s*/g, '(')
    .replace(/\s*\n\s*/g, ' ');
}

const log: { sql: string; params: unknown[] }[] = [];
let database: Database<typeof schema>;
let drop: (() => Promise<void>) | undefined;

/** The statements logged since the last call. */
function sent() {
  return log.splice(0);
}

beforeAll(async () => {
  const logger = createQueryLogger({ sink: (entry) => log.push(entry), redactParams: false });
  if (engine === 'pglite') database = createDatabase({ schema, pglite: true, logger });
  else {
    const created = await createPostgresDatabase('gensql');
    drop = created.drop;
    const url = new URL(created.url);
    // Behind the pooler: the same database through PgBouncer, and the pooler configuration (no named statements).
    if (pooled) url.host = new URL(process.env.TEST_POOLER_URL!).host;
    database = createDatabase({ schema, url: url.toString(), logger, pool: { max: 2 }, prepare: !pooled });
  }
  for (const statement of DDL) await database.db.execute(sql.raw(statement));
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

beforeEach(async () => {
  await database.db.execute(sql.raw('truncate gs_posts, gs_authors, gs_tags restart identity cascade'));
  for (const statement of SEED) await database.db.execute(sql.raw(statement));
  sent();
});

describe(`generated SQL (${engine}${pooled ? ' behind PgBouncer' : ''})`, () => {
  const repo = () => createRepository(database.db, authors, { sortable: ['handle'] });
  const byId = oneLine`
    select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
    where ("gs_authors"."id" = $1 and "gs_authors"."deleted_at" is null) limit 1`;

  test('findById: the key and the live scope, one row', async () => {
    expect(await repo().findById(ADA)).toEqual(ada);
    expect(await repo().findById(DEE)).toBeUndefined();
    expect(await repo().findById(DEE, { withDeleted: true })).toMatchObject({ handle: 'dee', deletedAt: expect.any(Date) });
    expect(sent()).toEqual([
      { sql: byId, params: [ADA] },
      { sql: byId, params: [DEE] },
      { sql: 'select "id", "handle", "email", "score", "deleted_at" from "gs_authors" where "gs_authors"."id" = $1 limit 1', params: [DEE] },
    ]);
  });

  test('findOneBy: any scalar column, same shape as findById', async () => {
    expect(await repo().findOneBy('email', 'bob@example.test')).toEqual(bob);
    expect(sent()).toEqual([
      {
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
          where ("gs_authors"."email" = $1 and "gs_authors"."deleted_at" is null) limit 1`,
        params: ['bob@example.test'],
      },
    ]);
  });

  test('two findById in one tick: one statement, the keys as one text[] parameter, each looked up on its own', async () => {
    expect(await Promise.all([repo().findById(ADA), repo().findById(DEE), repo().findById(CY)])).toEqual([ada, undefined, cy]);
    expect(sent()).toEqual([
      {
        // Per key a LATERAL lookup shaped like the single read, the cast on the unnested key, not on the
        // column: the key's index serves every lookup, whatever the table's statistics.
        sql: oneLine`
          select "org_row".*, org_keys.ord::int from unnest($1::text[]) with ordinality as org_keys(v, ord)
          cross join lateral (select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
          where ("gs_authors"."id" = org_keys.v::uuid and "gs_authors"."deleted_at" is null) limit 1) as "org_row"
          order by org_keys.ord`,
        params: [`{"${ADA}","${DEE}","${CY}"}`],
      },
    ]);
  });

  test('findMany: eq, in (one array parameter), like, or/and, an allow-listed sort with the key as tie-breaker, limit', async () => {
    const where = {
      score: { gte: 10 },
      handle: { in: ['ada', 'bob', 'cy', 'dee'] },
      email: { like: '%@example.test' },
      or: [{ handle: 'ada' }, { and: [{ score: { lt: 25 } }, { handle: { ne: 'bob' } }] }],
    };
    expect(await repo().findMany({ where, orderBy: [['handle', 'desc']], limit: 10 })).toEqual([cy, ada]);
    // Without a limit: one row more than maxRows (1000), so more matches fail instead of being cut.
    expect(await repo().findMany({ where: { handle: { notIn: ['ada'] } } })).toEqual([bob, cy]);
    expect(sent()).toEqual([
      // LIMIT is written into the text (PostgreSQL re-plans a parameter LIMIT on every execution); OFFSET
      // too when 0, else it is a parameter.
      {
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
          where (("gs_authors"."score" >= $1 and "gs_authors"."handle" = any($2::text[]) and "gs_authors"."email" like $3
            and ("gs_authors"."handle" = $4 or ("gs_authors"."score" < $5 and "gs_authors"."handle" <> $6)))
            and "gs_authors"."deleted_at" is null)
          order by "gs_authors"."handle" desc, "gs_authors"."id" desc limit 10 offset 0`,
        params: [10, '{"ada","bob","cy","dee"}', '%@example.test', 'ada', 25, 'bob'],
      },
      {
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
          where ("gs_authors"."handle" <> all($1::text[]) and "gs_authors"."deleted_at" is null)
          order by "gs_authors"."id" asc limit 1001 offset 0`,
        params: ['{"ada"}'],
      },
    ]);
  });

  test('findOne: the filter, ordered by the key, one row', async () => {
    expect(await repo().findOne({ where: { handle: 'cy' } })).toEqual(cy);
    expect(sent()).toEqual([
      {
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
          where ("gs_authors"."handle" = $1 and "gs_authors"."deleted_at" is null) order by "gs_authors"."id" asc limit 1`,
        params: ['cy'],
      },
    ]);
  });

  test('count and exists: the filter and the live scope', async () => {
    expect(await repo().count({ where: { score: { gt: 10 } } })).toBe(2);
    expect(await repo().exists({ where: { handle: 'dee' } })).toBe(false);
    expect(await repo().exists({ where: { handle: 'dee' }, onlyDeleted: true })).toBe(true);
    expect(sent()).toEqual([
      { sql: 'select count(*) from "gs_authors" where ("gs_authors"."score" > $1 and "gs_authors"."deleted_at" is null)', params: [10] },
      { sql: 'select 1 from "gs_authors" where ("gs_authors"."handle" = $1 and "gs_authors"."deleted_at" is null) limit 1', params: ['dee'] },
      { sql: 'select 1 from "gs_authors" where ("gs_authors"."handle" = $1 and "gs_authors"."deleted_at" is not null) limit 1', params: ['dee'] },
    ]);
  });

  test('paginate: the page chosen in an inner query, the cursor keys as text in the outer one; after a cursor, a row comparison', async () => {
    const first = await repo().paginate({ sort: [['handle', 'asc']], limit: 2 });
    expect(first.items).toEqual([ada, bob]);
    const second = await repo().paginate({ sort: [['handle', 'asc']], limit: 2, after: first.nextCursor! });
    expect([second.items, second.nextCursor]).toEqual([[cy], undefined]);
    expect(sent()).toEqual([
      {
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at", "handle"::text, "id"::text from (
            select "id", "handle", "email", "score", "deleted_at" from "gs_authors" where "gs_authors"."deleted_at" is null
            order by "gs_authors"."handle" asc, "gs_authors"."id" asc limit 3) "org_page"
          order by "org_page"."handle" asc, "org_page"."id" asc`,
        params: [],
      },
      {
        // The cursor's values are cast to the columns' types, the columns are not: (handle, id) stays indexable.
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at", "handle"::text, "id"::text from (
            select "id", "handle", "email", "score", "deleted_at" from "gs_authors"
            where ("gs_authors"."deleted_at" is null and ("gs_authors"."handle", "gs_authors"."id") > ($1::text, $2::uuid))
            order by "gs_authors"."handle" asc, "gs_authors"."id" asc limit 3) "org_page"
          order by "org_page"."handle" asc, "org_page"."id" asc`,
        params: ['bob', BOB],
      },
    ]);
  });

  test('page: rows and total in one statement (a window count)', async () => {
    expect(await repo().page({ page: 2, pageSize: 2, orderBy: [['handle', 'asc']] })).toEqual({ items: [cy], total: 3, page: 2, pageSize: 2, pageCount: 2 });
    expect(sent()).toEqual([
      {
        sql: oneLine`
          select "id", "handle", "email", "score", "deleted_at", count(*) over () from "gs_authors" where "gs_authors"."deleted_at" is null
          order by "gs_authors"."handle" asc, "gs_authors"."id" asc limit 2 offset $1`,
        params: [2],
      },
    ]);
  });

  test('findManyWith / findByIdWith: a lateral join per relation, the live scope on the row and on a many relation', async () => {
    expect(await repo().findManyWith({ with: { posts: true } }, { where: { handle: 'ada' } })).toEqual([{ ...ada, posts: [adaPost] }]);
    expect(await repo().findByIdWith(ADA, { with: { posts: true } })).toEqual({ ...ada, posts: [adaPost] });
    // A one relation takes no where in drizzle: the soft-deleted author is read and nulled afterwards.
    expect(await createRepository(database.db, posts).findByIdWith(POST, { with: { author: true } })).toEqual({ ...adaPost, author: ada });
    const authorsWithPosts = oneLine`
      select "authors"."id", "authors"."handle", "authors"."email", "authors"."score", "authors"."deleted_at", "authors_posts"."data" as "posts"
      from "gs_authors" "authors" left join lateral (
        select coalesce(json_agg(json_build_array("authors_posts"."id", "authors_posts"."author_id", "authors_posts"."title", "authors_posts"."deleted_at")), '[]'::json) as "data"
        from "gs_posts" "authors_posts" where ("authors_posts"."author_id" = "authors"."id" and "authors_posts"."deleted_at" is null)) "authors_posts" on true`;
    expect(sent()).toEqual([
      // No limit given: maxRows + 1 (1001), so more matches than maxRows is TooManyRowsError, never a silent cut.
      // The row's limit is in the text, as findMany's; drizzle binds the one relation's own `limit 1`.
      { sql: `${authorsWithPosts} where ("authors"."handle" = $1 and "authors"."deleted_at" is null) limit 1001`, params: ['ada'] },
      { sql: `${authorsWithPosts} where ("authors"."id" = $1 and "authors"."deleted_at" is null) limit 1`, params: [ADA] },
      {
        sql: oneLine`
          select "posts"."id", "posts"."author_id", "posts"."title", "posts"."deleted_at", "posts_author"."data" as "author"
          from "gs_posts" "posts" left join lateral (
            select json_build_array("posts_author"."id", "posts_author"."handle", "posts_author"."email", "posts_author"."score", "posts_author"."deleted_at") as "data"
            from (select * from "gs_authors" "posts_author" where "posts_author"."id" = "posts"."author_id" limit $1) "posts_author") "posts_author" on true
          where ("posts"."id" = $2 and "posts"."deleted_at" is null) limit 1`,
        params: [1, POST],
      },
    ]);
  });

  test('create, createMany, update: columns not given take their defaults, updates reach live rows only', async () => {
    expect(await repo().create({ handle: 'eve', email: 'eve@example.test' })).toEqual({
      id: anyId,
      handle: 'eve',
      email: 'eve@example.test',
      score: 0,
      deletedAt: null,
    });
    const many = await repo().createMany([
      { handle: 'fay', email: 'fay@example.test' },
      { handle: 'gus', email: 'gus@example.test', score: 5 },
    ]);
    expect(many.map((r) => [r.handle, r.score])).toEqual([
      ['fay', 0],
      ['gus', 5],
    ]);
    expect(await repo().update(BOB, { score: 11 })).toEqual({ ...bob, score: 11 });
    await expect(repo().update(DEE, { score: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const update = oneLine`
      update "gs_authors" set "score" = $1 where ("gs_authors"."id" = $2 and "gs_authors"."deleted_at" is null)
      returning "id", "handle", "email", "score", "deleted_at"`;
    expect(sent()).toEqual([
      {
        // create names only the columns it was given (sorted: one statement per set of columns); the rest
        // take the table's defaults, as drizzle's `default` would give them.
        sql: oneLine`
          insert into "gs_authors" ("email", "handle") values ($1, $2)
          returning "id", "handle", "email", "score", "deleted_at"`,
        params: ['eve@example.test', 'eve'],
      },
      {
        // One chunk: one INSERT, atomic on its own, sent without BEGIN/COMMIT (several chunks get a transaction).
        sql: oneLine`
          insert into "gs_authors" ("id", "handle", "email", "score", "deleted_at") values (default, $1, $2, default, default), (default, $3, $4, $5, default)
          returning "id", "handle", "email", "score", "deleted_at"`,
        params: ['fay', 'fay@example.test', 'gus', 'gus@example.test', 5],
      },
      { sql: update, params: [11, BOB] },
      { sql: update, params: [1, DEE] },
    ]);
  });

  test('delete, softDelete, restore, purge, purgeDeleted: the database clock, the scope each one needs', async () => {
    const tagsRepo = createRepository(database.db, tags);
    expect(await repo().delete(CY)).toBe(true);
    expect(await repo().softDelete(BOB)).toEqual({ ...bob, deletedAt: expect.any(Date) });
    expect(await repo().restore(BOB)).toEqual(bob);
    expect(await repo().purge(CY)).toBe(true);
    expect(await repo().purgeDeleted(new Date('2100-01-01T00:00:00Z'))).toBe(1); // dee
    expect(await tagsRepo.delete(1)).toBe(true); // no deletedAt: a hard delete
    expect(await repo().count({ withDeleted: true })).toBe(2);
    const softDelete = oneLine`
      update "gs_authors" set "deleted_at" = now() where ("gs_authors"."id" = $1 and "gs_authors"."deleted_at" is null)
      returning "id", "handle", "email", "score", "deleted_at"`;
    expect(sent()).toEqual([
      { sql: softDelete, params: [CY] },
      { sql: softDelete, params: [BOB] },
      {
        sql: oneLine`
          update "gs_authors" set "deleted_at" = $1 where ("gs_authors"."id" = $2 and "gs_authors"."deleted_at" is not null)
          returning "id", "handle", "email", "score", "deleted_at"`,
        params: [null, BOB],
      },
      { sql: 'delete from "gs_authors" where "gs_authors"."id" = $1 returning "id"', params: [CY] },
      {
        sql: 'delete from "gs_authors" where ("gs_authors"."deleted_at" is not null and "gs_authors"."deleted_at" < $1) returning "id"',
        params: ['2100-01-01T00:00:00.000Z'],
      },
      { sql: 'delete from "gs_tags" where "gs_tags"."id" = $1 returning "id"', params: [1] },
      { sql: 'select count(*) from "gs_authors"', params: [] },
    ]);
  });

  test('upsert: a partial unique index target carries its predicate; a unique column none', async () => {
    expect(await repo().upsert({ handle: 'ada2', email: 'ada@example.test', score: 31 }, { target: 'email' })).toEqual({ ...ada, handle: 'ada2', score: 31 });
    // dee@ is taken only by a soft-deleted row, which the live-rows index does not hold: a new row.
    expect(await repo().upsert({ handle: 'dee2', email: 'dee@example.test' }, { target: 'email' })).toMatchObject({
      id: expect.not.stringMatching(DEE),
      handle: 'dee2',
    });
    expect(await createRepository(database.db, tags).upsert({ name: 'pg', uses: 3 }, { target: 'name' })).toEqual({ id: 2, name: 'pg', uses: 3 });
    const byEmail = oneLine`
      insert into "gs_authors" ("id", "handle", "email", "score", "deleted_at") values (default, $1, $2, $3, default)
      on conflict ("email") where deleted_at is null do update set "handle" = excluded."handle", "score" = excluded."score"
      where "gs_authors"."deleted_at" is null
      returning "id", "handle", "email", "score", "deleted_at"`;
    expect(sent()).toEqual([
      { sql: byEmail, params: ['ada2', 'ada@example.test', 31] },
      {
        sql: oneLine`
          insert into "gs_authors" ("id", "handle", "email", "score", "deleted_at") values (default, $1, $2, default, default)
          on conflict ("email") where deleted_at is null do update set "handle" = excluded."handle"
          where "gs_authors"."deleted_at" is null
          returning "id", "handle", "email", "score", "deleted_at"`,
        params: ['dee2', 'dee@example.test'],
      },
      {
        sql: 'insert into "gs_tags" ("id", "name", "uses") values (default, $1, $2) on conflict ("name") do update set "uses" = excluded."uses" returning "id", "name", "uses"',
        params: ['pg', 3],
      },
    ]);
    // The update half reaches live rows only (`do update … where deleted_at is null`, as update() does): a soft-deleted
    // row holding the key is a ConflictError, and it stays as it was.
    const withIds = createRepository(database.db, authors, { writable: ['id'] });
    const conflict = await withIds.upsert({ id: DEE, handle: 'dee3', email: 'dee3@example.test' }, { target: 'id' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(await repo().findById(DEE, { withDeleted: true })).toMatchObject({ handle: 'dee', deletedAt: expect.any(Date) });
  });

  test('insertBulk: chunked INSERT below copyThreshold; COPY from it (a blob on PGlite, stdin on postgres.js)', async () => {
    expect(await createRepository(database.db, tags).insertBulk([{ name: 'a' }, { name: 'b', uses: 4 }])).toBe(2);
    expect(
      await createRepository(database.db, tags, { copyThreshold: 2 }).insertBulk([
        { name: 'c', uses: 1 },
        { name: 'd\tx', uses: 2 },
      ]),
    ).toBe(2);
    const rows = await createRepository(database.db, tags).findMany({ where: { id: { gt: 2 } } });
    expect(rows).toEqual([
      { id: 3, name: 'a', uses: 0 },
      { id: 4, name: 'b', uses: 4 },
      { id: 5, name: 'c', uses: 1 },
      { id: 6, name: 'd\tx', uses: 2 },
    ]);
    const statements = sent().slice(0, -1);
    const insert = { sql: 'insert into "gs_tags" ("id", "name", "uses") values (default, $1, default), (default, $2, $3)', params: ['a', 'b', 4] };
    // The rows travel as COPY data, never as parameters; straight into the table on both engines (on
    // postgres.js copyIn settles even a COPY the server rejects, porsager/postgres#1173).
    const copy = [{ sql: `copy "gs_tags" ("name", "uses") from ${engine === 'pglite' ? `'/dev/blob'` : 'stdin'}`, params: [] }];
    expect(statements).toEqual([insert, ...copy]);
  });

  test('prepare mode changes whether the server keeps the statement, never its text', async () => {
    const kept = await transaction(database.db, async (tx) => {
      expect(await repo().in(tx).findById(ADA)).toEqual(ada);
      const [logged] = sent();
      expect(logged).toEqual({ sql: byId, params: [ADA] });
      const rows = await execute<{ n: number }>(tx, sql`select count(*)::int as n from pg_prepared_statements where statement = ${byId}`);
      return rows[0]!.n;
    });
    // postgres.js with `prepare: true` keeps a named statement per text on the connection; with `prepare:
    // false` (behind PgBouncer) it sends it unnamed; PGlite's extended-protocol queries are unnamed too.
    expect(kept).toBe(engine === 'postgres' && !pooled ? 1 : 0);
  });
});
