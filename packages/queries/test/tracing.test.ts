import { AsyncLocalStorage } from 'node:async_hooks';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { createDatabase, execute, transaction, type DatabaseSpan, type DatabaseTracer } from '../src/index.ts';

// A client span per statement and an active span per transaction attempt (its statements are its
// children), on both engines — and never a bound value in any of them. The recording tracer below
// keeps the active span in AsyncLocalStorage, as OpenTelemetry's context manager does; that the
// interface matches OpenTelemetry's own Tracer is pinned in types.test-d.ts.

interface Recorded {
  id: number;
  parent: number | undefined;
  name: string;
  attributes: Record<string, string | number | boolean>;
  status: { code: number; message?: string } | undefined;
  ended: boolean;
}

function recordingTracer() {
  const spans: Recorded[] = [];
  const active = new AsyncLocalStorage<Recorded>();
  const open = (name: string, options?: { attributes?: Record<string, string | number | boolean> }): [Recorded, DatabaseSpan] => {
    const record: Recorded = {
      id: spans.length + 1,
      parent: active.getStore()?.id,
      name,
      attributes: { ...options?.attributes },
      status: undefined,
      ended: false,
    };
    spans.push(record);
    const span: DatabaseSpan = {
      setAttribute: (key, value) => (record.attributes[key] = value),
      setStatus: (status) => (record.status = status),
      end: () => (record.ended = true),
    };
    return [record, span];
  };
  const tracer: DatabaseTracer = {
    startSpan: (name, options) => open(name, options)[1],
    startActiveSpan: (name, options, fn) => {
      const [record, span] = open(name, options);
      return active.run(record, () => fn(span));
    },
  };
  return { tracer, spans };
}

describe('OpenTelemetry spans', () => {
  test('statements and transactions are traced, retries counted, values never recorded', async ({ isolatedDatabase }) => {
    const { tracer, spans } = recordingTracer();
    const url = process.env.ORG_TEST_ENGINE === 'postgres' ? isolatedDatabase.url : undefined;
    const database = url ? createDatabase({ url, tracer, pool: { max: 2 } }) : createDatabase({ pglite: true, tracer });
    const secret = 'span-canary-7f3a';
    try {
      await execute(database.db, sql`create table traced (id serial primary key, label text not null unique)`);
      await execute(database.db, sql`insert into traced (label) values (${secret})`);
      let attempts = 0;
      await transaction(
        database.db,
        async (tx) => {
          attempts++;
          await tx.execute(sql`insert into traced (label) values (${`${secret}-${attempts}`})`);
          if (attempts === 1) await tx.execute(sql`do $$ begin raise exception 'conflict' using errcode = '40001'; end $$`);
        },
        { retry: { maxAttempts: 3, baseDelayMs: 1 } },
      );
      await execute(database.db, sql`insert into traced (label) values (${secret})`).catch(() => 'duplicate');
    } finally {
      await database.close();
    }
    expect(spans.every((s) => s.ended)).toBe(true);
    const all = JSON.stringify(spans);
    expect(all).not.toContain(secret);
    const transactions = spans.filter((s) => s.name === 'db transaction');
    expect(transactions.map((s) => s.attributes['org.transaction.attempt'])).toEqual([1, 2]);
    expect(transactions[0]!.status?.code).toBe(2);
    expect(transactions[1]!.status).toBeUndefined();
    const inserts = spans.filter((s) => s.name === 'db insert');
    expect(inserts.length).toBeGreaterThanOrEqual(4);
    expect(inserts.every((s) => s.attributes['db.system'] === 'postgresql' && typeof s.attributes['db.query.text'] === 'string')).toBe(true);
    // The retried attempt's insert is a child of that attempt's transaction span.
    const second = transactions[1]!;
    expect(inserts.some((s) => s.parent === second.id)).toBe(true);
    // The failed duplicate insert carries its SQLSTATE, not the message.
    expect(inserts.some((s) => s.attributes['error.type'] === '23505' || s.attributes['error.type'] === 'UNIQUE_VIOLATION')).toBe(true);
  });
});
