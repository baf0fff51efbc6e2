import { and, sql, type Column, type SQL } from 'drizzle-orm';
import { valueTypeOf } from '../internal/columnTypes.ts';
import { transactionContext } from '../transactions/transactionContext.ts';
import type { RepositoryContext } from './context.ts';
import { AS_IS, dialectOf } from '../driver/rowStatement.ts';
import { rowsWithExtrasFor, type PreparedRead } from './preparedCache.ts';
import { scopeCondition } from './softDeleteScope.ts';
import { arrayLiteral, literalCount } from './statementShape.ts';
import type { SoftDeleteScope } from './types.ts';

// Automatic batching of key reads. Reads by key (`findById`, `findOneBy`) issued in the same tick on
// the same db or transaction are sent as one statement and fanned back out, as DataLoader does for
// GraphQL resolvers: sixteen concurrent reads cost one round trip instead of sixteen. PostgreSQL does
// the matching — `unnest($1) WITH ORDINALITY` joined on the key — so each caller gets exactly the row
// its own key equals in the database's semantics (a uuid in upper case, the same key twice), in order,
// and `undefined` for a miss; the soft-delete scope is part of the statement. A batch runs on the db
// (or transaction) its callers used, in their async context, so a transaction's connection and
// row-level-security settings apply and the outer client inside its own transaction is still refused.

/** Key column types a batch can carry as text and cast back without changing what equals what. */
const BATCHABLE = new Set(['uuid', 'integer', 'smallint', 'bigint', 'text', 'varchar']);
const ORDINAL = '__org_ord';

interface Waiter {
  key: unknown;
  resolve(row: unknown): void;
  reject(error: unknown): void;
}

interface Batch {
  context: unknown;
  waiters: Waiter[];
}

/** Whether a key column can be batched, worked out once per column (not on every read). */
const BATCHABLE_COLUMNS = new WeakMap<Column, boolean>();
function isBatchable(column: Column): boolean {
  let batchable = BATCHABLE_COLUMNS.get(column);
  if (batchable === undefined) BATCHABLE_COLUMNS.set(column, (batchable = BATCHABLE.has(valueTypeOf(column, true))));
  return batchable;
}

/** Open batches per db (or transaction), by column and scope. */
const OPEN = new WeakMap<object, Map<string, Batch>>();

/**
 * The row whose `column` equals the (already checked and encoded) key, through the batch of the
 * current tick when the column's type allows, else through `single` alone.
 */
export function readByKey(ctx: RepositoryContext, column: string, scope: SoftDeleteScope, key: unknown, single: () => PreparedRead): Promise<unknown> {
  if (!isBatchable(ctx.columns[column]!)) return first(single().execute({ value: key }));
  let open = OPEN.get(ctx.db);
  if (!open) OPEN.set(ctx.db, (open = new Map()));
  const name = `${column}:${scope}`;
  const context = transactionContext();
  let batch = open.get(name);
  // Callers in another transaction context (the outer client inside a transaction) never share a batch.
  if (batch && batch.context !== context) return first(single().execute({ value: key }));
  if (!batch) {
    const created: Batch = { context, waiters: [] };
    open.set(name, (batch = created));
    const table = open;
    // After every promise job of this tick, so callers that await before reading still join (DataLoader's schedule).
    void Promise.resolve().then(() =>
      process.nextTick(() => {
        table.delete(name);
        void flush(ctx, column, scope, created.waiters, single);
      }),
    );
  }
  return new Promise((resolve, reject) => batch.waiters.push({ key, resolve, reject }));
}

async function first(rows: Promise<unknown[]>): Promise<unknown> {
  return (await rows)[0];
}

async function flush(ctx: RepositoryContext, column: string, scope: SoftDeleteScope, waiters: Waiter[], single: () => PreparedRead): Promise<void> {
  try {
    if (waiters.length === 1) {
      waiters[0]!.resolve(await first(single().execute({ value: waiters[0]!.key })));
      return;
    }
    const { rows, extras } = await batched(ctx, column, scope).execute({ keys: arrayLiteral(waiters.map((w) => w.key)) });
    const found = new Map<number, unknown>();
    for (const [i, row] of rows.entries()) {
      const ordinal = Number(extras[i]![0]);
      if (!found.has(ordinal)) found.set(ordinal, row);
    }
    for (const [i, w] of waiters.entries()) w.resolve(found.get(i + 1));
  } catch (error) {
    for (const w of waiters) w.reject(error);
  }
}

/**
 * The batched read for one column and scope, compiled once (see rowsWithExtrasFor); each row's ordinal
 * beside it. Each key is looked up on its own (a LATERAL subquery per key with `limit 1`, as the single
 * read does): a join of the key list against the table let the planner hash the whole table when its
 * statistics were stale (measured: every row of users read for a batch of 16).
 */
function batched(ctx: RepositoryContext, column: string, scope: SoftDeleteScope) {
  return rowsWithExtrasFor(ctx, `batch_${column}_${scope}`, [[ORDINAL, AS_IS]], () => {
    const key = ctx.columns[column]!;
    const keys = sql`unnest(${sql.placeholder('keys')}::text[]) with ordinality as org_keys(v, ord)`;
    const matches: SQL = sql`${key} = org_keys.v::${sql.raw(valueTypeOf(key, true))}`;
    // drizzle's builder cannot write a LATERAL subquery: it builds the fallback, for drivers the data layer does not run itself.
    const builder = ctx.q
      .select({ ...ctx.columns, [ORDINAL]: sql<number>`org_keys.ord::int` })
      .from(ctx.table)
      .innerJoin(keys, matches)
      .where(and(scopeCondition(ctx.columns, scope)));
    const dialect = dialectOf(ctx.db);
    if (!dialect) return builder;
    const one = ctx.q
      .select()
      .from(ctx.table)
      .where(and(matches, scopeCondition(ctx.columns, scope)))
      .limit(literalCount(1));
    // drizzle writes the embedded select in parentheses.
    const lateral = sql`select "org_row".*, org_keys.ord::int from ${keys} cross join lateral ${one} as "org_row" order by org_keys.ord`;
    return { toSQL: () => dialect.sqlToQuery(lateral), prepare: (name: string) => builder.prepare(name) };
  });
}
