// Issue 10, item 5: no route by which a data-layer error is shown — message, stack, toJSON,
// JSON.stringify, util.inspect (plain and showHidden/depth Infinity), String, console.error, cause —
// carries a bound value. Each failure class is provoked for real with a canary in its parameters; the
// driver's error (which does hold the canary) stays reachable through originalError() only.
import { projects, users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, vi } from 'vitest';
import {
  CheckViolationError,
  ConnectionError,
  DataLayerError,
  DatabaseError,
  ExclusionViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  QueryCanceledError,
  TimeoutError,
  UniqueViolationError,
  ValidationError,
  createDatabase,
  createOrgRepositories,
  createQueryLogger,
  transaction,
  type OrgDb,
} from '../src/index.ts';

const CANARY = 'canary-5e3b9d-secret';
const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';

/** Each expected failure in its own savepoint, so the test's transaction stays usable. */
const attempt = (db: OrgDb, fn: (tx: OrgDb) => Promise<unknown>) =>
  transaction(db, fn).then(
    () => undefined,
    (e: unknown) => e,
  );

/** What `console.error(error)` writes, through a real Console. */
function consoleErrorOutput(error: unknown): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  new Console({ stdout: sink, stderr: sink, colorMode: false }).error(error);
  return out;
}

/** Every route by which an error gets shown, by name. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error & { toJSON?: () => unknown };
  return {
    message: e.message,
    stack: e.stack ?? '',
    toJSON: JSON.stringify(e.toJSON?.() ?? null),
    'JSON.stringify': JSON.stringify(e),
    inspect: inspect(e),
    'inspect showHidden': inspect(e, { showHidden: true, depth: Infinity }),
    String: String(e),
    'console.error': consoleErrorOutput(e),
    cause: inspect(e.cause, { showHidden: true, depth: Infinity }),
  };
}

/** The error the data layer was made from, asked for explicitly. */
const original = (error: unknown) => (error as DataLayerError).originalError();

/** The canary is in no rendering, and is reachable only through the explicit accessor. */
function expectNoLeak(error: unknown, secrets: readonly string[] = [CANARY], keptByDriver = true): void {
  expect(error).toBeInstanceOf(DataLayerError);
  for (const [route, text] of Object.entries(renderings(error))) {
    for (const secret of secrets) expect(text, `${route} shows the secret`).not.toContain(secret);
  }
  expect((error as Error).cause).toBeUndefined();
  if (!keptByDriver) return;
  const debug = inspect(original(error), { depth: Infinity });
  expect(
    secrets.some((s) => debug.includes(s)),
    'originalError() keeps the driver error',
  ).toBe(true);
}

describe('data-layer errors show no bound value by any route', () => {
  test('unique violation (the canary is the duplicate key)', async ({ db, factories }) => {
    await factories.users.create({ email: `${CANARY}@example.test` });
    const error = await attempt(db, (tx) => createOrgRepositories(tx).users.create({ email: `${CANARY}@example.test` }));
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ sqlState: '23505', constraint: 'users_email_live_key', table: 'users', columns: ['email'] });
    expectNoLeak(error);
  });

  test('foreign-key, not-null and check violations', async ({ db, factories }) => {
    const fk = await attempt(db, (tx) => tx.insert(projects).values({ name: CANARY, description: CANARY, userId: crypto.randomUUID() }));
    expect(fk).toBeInstanceOf(ForeignKeyViolationError);
    expect(fk).toMatchObject({ constraint: 'projects_user_id_users_id_fk', table: 'projects' });
    expectNoLeak(fk);

    const notNull = await attempt(db, (tx) => tx.execute(sql`insert into projects (name, description, user_id) values (${CANARY}, ${CANARY}, null)`));
    expect(notNull).toBeInstanceOf(NotNullViolationError);
    expect(notNull).toMatchObject({ table: 'projects', columns: ['user_id'] });
    expectNoLeak(notNull);

    const owner = await factories.users.create();
    const check = await attempt(db, (tx) => tx.insert(projects).values({ name: CANARY, description: CANARY, userId: owner.id, validationScore: 101 }));
    expect(check).toBeInstanceOf(CheckViolationError);
    expect(check).toMatchObject({ constraint: 'projects_validation_score_check', table: 'projects' });
    expectNoLeak(check);
  });

  test('exclusion violation is an ExclusionViolationError (23P01)', async ({ db }) => {
    await db.execute(
      sql`create table canary_bookings (note text, during int4range, constraint canary_bookings_no_overlap exclude using gist (during with &&))`,
    );
    await db.execute(sql`insert into canary_bookings values ('first', '[1,10)')`);
    const error = await attempt(db, (tx) => tx.execute(sql`insert into canary_bookings values (${CANARY}, ${'[5,' + '15)'}::int4range)`));
    expect(error).toBeInstanceOf(ExclusionViolationError);
    expect(error).toMatchObject({ code: 'EXCLUSION_VIOLATION', sqlState: '23P01', constraint: 'canary_bookings_no_overlap', table: 'canary_bookings' });
    expectNoLeak(error);
  });

  test('class 22 data exceptions are ValidationErrors naming the SQLSTATE, never the input', async ({ db }) => {
    await db.execute(sql`create table canary_values (short varchar(3), n integer)`);
    const badUuid = await attempt(db, (tx) => tx.execute(sql`select id from users where id = ${CANARY}::uuid`));
    expect(badUuid).toBeInstanceOf(ValidationError);
    expect(badUuid).toMatchObject({ sqlState: '22P02', message: expect.stringContaining('22P02 invalid_text_representation') });
    expectNoLeak(badUuid);

    const tooLong = await attempt(db, (tx) => tx.execute(sql`insert into canary_values (short) values (${CANARY})`));
    expect(tooLong).toBeInstanceOf(ValidationError);
    expect(tooLong).toMatchObject({ sqlState: '22001' });
    expectNoLeak(tooLong);

    // PostgreSQL quotes an out-of-range number in its message: the canary is a number here.
    const digits = '31415926535897932';
    const outOfRange = await attempt(db, (tx) => tx.execute(sql`insert into canary_values (n) values (${digits}::numeric::integer)`));
    expect(outOfRange).toBeInstanceOf(ValidationError);
    expect(outOfRange).toMatchObject({ sqlState: '22003' });
    expectNoLeak(outOfRange, [digits]);

    const nul = await attempt(db, (tx) => tx.execute(sql`select ${`${CANARY}\u0000`}::text as t`));
    expect(nul).toBeInstanceOf(ValidationError);
    expect(nul).toMatchObject({ sqlState: '22021' });
    expectNoLeak(nul);
  });

  test('an unmapped SQLSTATE is named from the static table, not PostgreSQL text', async ({ db }) => {
    const error = await attempt(db, (tx) => tx.execute(sql`select * from canary_missing_table where note = ${CANARY}`));
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).message).toBe('database error 42P01 undefined_table');
    expect(error).toMatchObject({ sqlState: '42P01' });
    expectNoLeak(error, [CANARY, 'canary_missing_table']);
  });

  test.runIf(onPostgres)('57014: statement timeout is TimeoutError(statement), a cancel is QueryCanceledError', async ({ db }) => {
    const timeout = await attempt(db, async (tx) => {
      await tx.execute(sql`set local statement_timeout = 50`);
      await tx.execute(sql`select pg_sleep(5), ${CANARY}::text`);
    });
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout).toMatchObject({ kind: 'statement', sqlState: '57014' });
    expectNoLeak(timeout);

    // The backend cancels its own statement: the interrupt lands in the pg_sleep that follows.
    const cancel = await attempt(db, (tx) => tx.execute(sql`select pg_cancel_backend(pg_backend_pid()), pg_sleep(5), ${CANARY}::text`));
    expect(cancel).toBeInstanceOf(QueryCanceledError);
    expect(cancel).toMatchObject({ code: 'QUERY_CANCELED', sqlState: '57014' });
    expectNoLeak(cancel);
  });

  test('a connection error shows neither the parameters nor the password', async () => {
    const password = 'pw-canary-71c0';
    const database = createDatabase({ url: `postgres://postgres:${password}@127.0.0.1:1/none`, pool: { max: 1, connectTimeoutSeconds: 2 } });
    try {
      const error = await createOrgRepositories(database.db)
        .users.findOne({ where: { email: `${CANARY}@example.test` } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      // The statement never reached drizzle's error wrapping (which quotes parameters), so the driver's own
      // error holds neither secret either: it is still the one kept, for whoever asks explicitly.
      expectNoLeak(error, [CANARY, password], false);
      expect(original(error)).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await database.close();
    }
  });
});

describe('the query logger', () => {
  test('logs SQL text and never a bound value, also for failing statements', async ({ isolatedDatabase }) => {
    const entries: unknown[] = [];
    const logger = createQueryLogger({ sink: (entry) => entries.push(entry) });
    const config = { schema: { users, projects }, logger };
    const db = (isolatedDatabase.engine === 'pglite'
      ? drizzlePglite(isolatedDatabase.client as never, config)
      : drizzlePostgres(isolatedDatabase.client as never, config)) as unknown as OrgDb;
    const repos = createOrgRepositories(db);
    const user = await repos.users.create({ email: `${CANARY}@example.test` });
    await repos.users.findOneBy('email', `${CANARY}@example.test`);
    await repos.users.findMany({ where: { email: { in: [`${CANARY}@example.test`] } }, limit: 5 });
    await repos.users.create({ email: `${CANARY}@example.test` }).catch(() => undefined);
    await db
      .insert(projects)
      .values({ name: CANARY, userId: user.id, validationScore: 101 })
      .catch(() => undefined);
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(entries)).not.toContain(CANARY);

    // The default sink (console.debug) prints the same redacted entry.
    const printed: unknown[][] = [];
    const spy = vi.spyOn(console, 'debug').mockImplementation((...args: unknown[]) => void printed.push(args));
    try {
      const defaults = createQueryLogger();
      const plain = (isolatedDatabase.engine === 'pglite'
        ? drizzlePglite(isolatedDatabase.client as never, { logger: defaults })
        : drizzlePostgres(isolatedDatabase.client as never, { logger: defaults })) as unknown as OrgDb;
      await plain.execute(sql`select ${CANARY}::text as t`);
    } finally {
      spy.mockRestore();
    }
    expect(printed.length).toBe(1);
    expect(inspect(printed, { depth: Infinity })).not.toContain(CANARY);
  });
});
